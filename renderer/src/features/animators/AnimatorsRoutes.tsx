import { Route, Switch, useParams } from 'wouter';
import { lazy, Suspense, useEffect } from 'react';
import { useT } from '../../i18n';
import { SubNav } from '../../ui/SubNav';
import { lazyScreen } from '../../ui/lazy-screen';
import { AnimatorList } from './AnimatorList';
import { AnimatorEditor } from './AnimatorEditor';
import { AnimatorPage } from './AnimatorPage';
import './animators.css';

const ImportPage = lazy(() => import('./import/ImportPage'));
const { Screen: Dashboard, prefetch: loadDashboard } = lazyScreen(() => import('./dashboard/Dashboard'), 'animators.loading');
const { Screen: Duplicates, prefetch: loadDuplicates } = lazyScreen(() => import('./Duplicates'), 'animators.loading');

/** How long the registry's screens are left alone before that code is fetched (a search typed meanwhile comes first). */
const PREFETCH_AFTER_MS = 2000;

/** The baromètre's and the duplicates' code, fetched once the registry's screens are idle: opening them then waits for their answer only. */
function usePrefetch(): void {
  useEffect(() => {
    const prefetch = () => {
      void loadDashboard().catch(() => undefined);
      void loadDuplicates().catch(() => undefined);
    };
    let idle = 0;
    const timer = setTimeout(() => {
      if (typeof requestIdleCallback === 'function') idle = requestIdleCallback(prefetch, { timeout: 3000 });
      else prefetch();
    }, PREFETCH_AFTER_MS);
    return () => {
      clearTimeout(timer);
      if (idle && typeof cancelIdleCallback === 'function') cancelIdleCallback(idle);
    };
  }, []);
}

function RegistryNav() {
  const t = useT();
  return (
    <SubNav
      label={t('animators.nav.label')}
      links={[
        { href: '/', label: t('animators.nav.list') },
        { href: '/nouveau', label: t('animators.nav.new') },
        { href: '/import', label: t('animators.nav.import') },
        { href: '/tableau-de-bord', label: t('animators.nav.dashboard') },
        { href: '/doublons', label: t('animators.nav.duplicates') },
      ]}
    />
  );
}

function Edit() {
  const { id } = useParams<{ id: string }>();
  return <AnimatorEditor id={id} />;
}
function Page() {
  const { id } = useParams<{ id: string }>();
  return <AnimatorPage id={id} />;
}

export default function AnimatorsRoutes() {
  const t = useT();
  usePrefetch();
  return (
    <>
      <RegistryNav />
      <Suspense fallback={<p>{t('animators.loading')}</p>}>
        <Switch>
          <Route path="/" component={AnimatorList} />
          <Route path="/nouveau">
            <AnimatorEditor />
          </Route>
          <Route path="/import" component={ImportPage} />
          <Route path="/tableau-de-bord" component={Dashboard} />
          <Route path="/doublons" component={Duplicates} />
          <Route path="/:id/modifier" component={Edit} />
          <Route path="/:id" component={Page} />
        </Switch>
      </Suspense>
    </>
  );
}

import { Route, Switch, useParams } from 'wouter';
import { createElement, lazy, Suspense, useEffect, useState, type ComponentType } from 'react';
import { useT } from '../../i18n';
import { SubNav } from '../../ui/SubNav';
import { AnimatorList } from './AnimatorList';
import { AnimatorEditor } from './AnimatorEditor';
import { AnimatorPage } from './AnimatorPage';
import './animators.css';

/**
 * A screen whose code is fetched once (again after a failure): when its route is first drawn,
 * or ahead (prefetch). Not a lazy component: one suspends at its first drawing even when its
 * code is there, and React then holds the screen back (its fallback throttle, some 300 ms);
 * this one says « Chargement… » until its code is there, then draws it.
 */
function lazyScreen(load: () => Promise<{ default: ComponentType }>): { Screen: ComponentType; prefetch: () => Promise<unknown> } {
  let loaded: ComponentType | null = null;
  let loading: Promise<{ default: ComponentType }> | null = null;
  const once = () =>
    (loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    ));
  function Screen() {
    const t = useT();
    // drawn again once the code is there (a counter: a component given to useState would be called as its initialiser)
    const [, drawAgain] = useState(0);
    const [failure, setFailure] = useState<unknown>(null);
    useEffect(() => {
      if (loaded) return;
      let wanted = true;
      once().then(
        () => wanted && drawAgain((n) => n + 1),
        (error: unknown) => wanted && setFailure(error ?? new Error('chunk')),
      );
      return () => {
        wanted = false;
      };
    }, []);
    // the app's error boundary says what failed, as for a lazy component
    if (failure) throw failure;
    return loaded ? createElement(loaded) : <p role="status">{t('animators.loading')}</p>;
  }
  return { Screen, prefetch: once };
}

const ImportPage = lazy(() => import('./import/ImportPage'));
const { Screen: Dashboard, prefetch: loadDashboard } = lazyScreen(() => import('./dashboard/Dashboard'));
const { Screen: Duplicates, prefetch: loadDuplicates } = lazyScreen(() => import('./Duplicates'));

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

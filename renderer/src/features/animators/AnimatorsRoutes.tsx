import { Route, Switch, useParams } from 'wouter';
import { lazy, Suspense } from 'react';
import { useT } from '../../i18n';
import { SubNav } from '../../ui/SubNav';
import { AnimatorList } from './AnimatorList';
import { AnimatorEditor } from './AnimatorEditor';
import { AnimatorPage } from './AnimatorPage';
import './animators.css';

const ImportPage = lazy(() => import('./import/ImportPage'));
const Dashboard = lazy(() => import('./dashboard/Dashboard'));
const Duplicates = lazy(() => import('./Duplicates'));

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

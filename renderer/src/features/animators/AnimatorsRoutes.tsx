import { Link, Route, Switch, useLocation, useParams } from 'wouter';
import { lazy, Suspense } from 'react';
import { useT } from '../../i18n';
import { AnimatorList } from './AnimatorList';
import { AnimatorEditor } from './AnimatorEditor';
import { AnimatorPage } from './AnimatorPage';
import './animators.css';

const ImportPage = lazy(() => import('./import/ImportPage'));
const Dashboard = lazy(() => import('./dashboard/Dashboard'));
const Duplicates = lazy(() => import('./Duplicates'));

function SubNav() {
  const t = useT();
  const [location] = useLocation();
  const links: [string, string][] = [
    ['/', t('animators.nav.list')],
    ['/nouveau', t('animators.nav.new')],
    ['/import', t('animators.nav.import')],
    ['/tableau-de-bord', t('animators.nav.dashboard')],
    ['/doublons', t('animators.nav.duplicates')],
  ];
  return (
    <nav aria-label={t('animators.nav.label')} className="animators-subnav no-print">
      {links.map(([href, label]) => (
        <Link key={href} href={href} className="btn btn-small" aria-current={location === href ? 'page' : undefined}>
          {label}
        </Link>
      ))}
    </nav>
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
      <SubNav />
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

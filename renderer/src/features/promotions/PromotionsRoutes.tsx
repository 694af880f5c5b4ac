/**
 * /promotions: the list of promotions, a new one, and one promotion's page with
 * its tabs (dashboard, modules, people, sessions, documents, evaluations).
 */
import { lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { useT } from '../../i18n';
import { SubNav } from '../../ui/SubNav';
import './promotions.css';

const CohortList = lazy(() => import('./CohortList'));
const NewCohort = lazy(() => import('./CohortForm').then((m) => ({ default: m.NewCohort })));
const CohortPage = lazy(() => import('./CohortPage'));

export default function PromotionsRoutes() {
  const t = useT();
  return (
    <>
      <SubNav
        label={t('cohorts.nav.label')}
        links={[
          { href: '/', label: t('cohorts.nav.list') },
          { href: '/nouvelle', label: t('cohorts.new') },
        ]}
      />
      <Suspense fallback={<p>{t('app.loading')}</p>}>
      <Switch>
        <Route path="/" component={CohortList} />
        <Route path="/nouvelle" component={NewCohort} />
        <Route path="/:id" nest>
          {(params) => <CohortPage id={params.id} />}
        </Route>
      </Switch>
      </Suspense>
    </>
  );
}

/**
 * /promotions/:id: one promotion with its tabs. Every tab reads the same live
 * bundle (promotion, modules, sessions, people, attendance) through useCohortData.
 */
import { lazy, Suspense } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import { useI18n, type MessageKey } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { RecordTabs, isCurrent } from '../../ui/SubNav';
import { EditCohort } from './CohortForm';
import { cohortStatusLabel, cohortTitle, formatDate, regionText } from './labels';
import { useCohortData } from './useCohortData';

const Dashboard = lazy(() => import('./Dashboard'));
const ModulesTab = lazy(() => import('./ModulesTab'));
const PeopleTab = lazy(() => import('./PeopleTab'));
const SessionPage = lazy(() => import('./SessionPage'));
const PersonPage = lazy(() => import('./PersonPage'));
const DocumentsTab = lazy(() => import('./DocumentsTab'));
const EvaluationsTab = lazy(() => import('./EvaluationsTab'));

const tabs: { href: string; label: MessageKey }[] = [
  { href: '/', label: 'cohorts.tab.dashboard' },
  { href: '/modules', label: 'cohorts.tab.modules' },
  { href: '/personnes', label: 'cohorts.tab.people' },
  { href: '/documents', label: 'cohorts.tab.documents' },
  { href: '/evaluations', label: 'cohorts.tab.evaluations' },
  { href: '/modifier', label: 'cohorts.tab.edit' },
];

export default function CohortPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const [location, navigate] = useLocation();
  const data = useCohortData(id);
  if (data === undefined) return <p>{t('app.loading')}</p>;
  if (data === null)
    return (
      <>
        <PageHeader title={t('cohorts.notFound')} />
        <Link href="~/promotions">{t('cohorts.backToList')}</Link>
      </>
    );
  const c = data.cohort!;
  // a person's or a session's page belongs to its tab (Participants, Modules et séances)
  const currentTab = location.startsWith('/seances/') ? '/modules' : tabs.map((tab) => tab.href).filter((href) => isCurrent(location, { href })).sort((x, y) => y.length - x.length)[0];
  return (
    <>
      <p className="no-print" style={{ margin: '0 0 0.5rem' }}>
        <Link href="~/promotions">{t('cohorts.backToList')}</Link>
      </p>
      <PageHeader
        title={cohortTitle(t, c)}
        intro={
          <>
            {regionText(t, c)} · {t('cohorts.dateRange', { start: formatDate(locale, c.startDate), end: formatDate(locale, c.endDate) })} · <span className="badge">{t(cohortStatusLabel[c.status])}</span>
            {c.targetPath ? <> · {c.targetPath}</> : null}
          </>
        }
      />
      <RecordTabs label={t('cohorts.tabs')} tabs={tabs.map((tab) => ({ href: tab.href, label: t(tab.label) }))} current={currentTab}>
      <Suspense fallback={<p>{t('app.loading')}</p>}>
        <Switch>
          <Route path="/">
            <Dashboard data={data} />
          </Route>
          <Route path="/modules">
            <ModulesTab data={data} />
          </Route>
          <Route path="/personnes">
            <PeopleTab data={data} />
          </Route>
          <Route path="/personnes/:enrolmentId">{(params) => <PersonPage data={data} enrolmentId={params.enrolmentId} />}</Route>
          <Route path="/seances/:sessionId">{(params) => <SessionPage data={data} sessionId={params.sessionId} />}</Route>
          <Route path="/documents">
            <DocumentsTab data={data} />
          </Route>
          <Route path="/evaluations">
            <EvaluationsTab data={data} />
          </Route>
          <Route path="/modifier">
            <EditCohort cohort={c} onDone={() => navigate('/')} />
          </Route>
        </Switch>
      </Suspense>
      </RecordTabs>
    </>
  );
}

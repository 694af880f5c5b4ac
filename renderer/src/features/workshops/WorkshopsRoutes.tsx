/**
 * /ateliers: the list, new workshop, calendar, programme, templates, report, one
 * workshop's page with its tabs, and the participants side's pages. Every screen
 * is loaded on demand.
 */
import { lazy, Suspense } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { useT } from '../../i18n';
import { WorkshopsNav } from './WorkshopsNav';

const WorkshopList = lazy(() => import('./WorkshopList'));
const NewWorkshop = lazy(() => import('./NewWorkshop'));
const CalendarPage = lazy(() => import('./CalendarPage'));
const ProgrammePage = lazy(() => import('./ProgrammePage'));
const TemplatesPage = lazy(() => import('./TemplatesPage'));
const ReportPage = lazy(() => import('./ReportPage'));
const WorkshopPage = lazy(() => import('./WorkshopPage'));
const ProvidersRoutes = lazy(() => import('../providers/ProvidersRoutes'));
const SegmentsPage = lazy(() => import('./registrations/SegmentsPage'));
const FollowUpsPage = lazy(() => import('./evaluation/FollowUpsPage'));

/** The section's own pages, under its sub-navigation; a workshop's page has its tabs instead. */
const SECTION_PAGE = /^\/(?:nouveau|calendrier(?:\/.*)?|programme|modeles(?:\/.*)?|rapport|participants(?:\/.*)?|segments|suivis)?$/;

export default function WorkshopsRoutes() {
  const t = useT();
  const [location] = useLocation();
  return (
    <>
      {SECTION_PAGE.test(location) ? <WorkshopsNav /> : null}
      <Suspense fallback={<p>{t('app.loading')}</p>}>
        <Switch>
          <Route path="/" component={WorkshopList} />
          <Route path="/nouveau">
            <NewWorkshop />
          </Route>
          <Route path="/calendrier/:date?">{(params) => <CalendarPage date={params.date} />}</Route>
          <Route path="/programme" component={ProgrammePage} />
          <Route path="/modeles" component={TemplatesPage} />
          <Route path="/modeles/nouveau">
            <NewWorkshop isTemplate />
          </Route>
          <Route path="/rapport" component={ReportPage} />
          <Route path="/participants" nest>
            <ProvidersRoutes />
          </Route>
          <Route path="/segments" component={SegmentsPage} />
          <Route path="/suivis" component={FollowUpsPage} />
          <Route path="/:id" nest>
            {(params) => <WorkshopPage id={params.id} />}
          </Route>
        </Switch>
      </Suspense>
    </>
  );
}

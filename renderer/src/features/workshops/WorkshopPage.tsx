/**
 * /ateliers/:id: one workshop with its tabs (Informations, Déroulé, Matériel, and
 * the participants side's Inscriptions, Présences, Évaluation) and its actions.
 */
import { lazy, Suspense, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link, Route, Switch, useLocation } from 'wouter';
import { useT, type MessageKey } from '../../i18n';
import { ConfirmDialog } from '../../ui/Dialog';
import { EmptyState, PageHeader } from '../../ui/PageHeader';
import { RecordTabs } from '../../ui/SubNav';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { saveIcs } from './exports';
import { statusLabel, themeName } from './labels';
import { activeRegistrationCount, getWorkshop, sessionsOf } from './queries';
import { deleteWorkshop, duplicateWorkshop, restoreWorkshop, saveAsTemplate } from './repository';
import './workshops.css';

const InfoTab = lazy(() => import('./InfoTab'));
const AgendaTab = lazy(() => import('./AgendaTab'));
const MaterialsTab = lazy(() => import('./MaterialsTab'));
const RegistrationsTab = lazy(() => import('./registrations/RegistrationsTab'));
const AttendanceTab = lazy(() => import('./attendance/AttendanceTab'));
const EvaluationTab = lazy(() => import('./evaluation/EvaluationTab'));

const tabs: { href: string; label: MessageKey; templates: boolean }[] = [
  { href: '/', label: 'workshop.tab.info', templates: true },
  { href: '/deroule', label: 'workshop.tab.agenda', templates: true },
  { href: '/materiel', label: 'workshop.tab.materials', templates: true },
  { href: '/inscriptions', label: 'workshop.tab.registrations', templates: false },
  { href: '/presences', label: 'workshop.tab.attendance', templates: false },
  { href: '/evaluation', label: 'workshop.tab.evaluation', templates: false },
];

export default function WorkshopPage({ id }: { id: string }) {
  const t = useT();
  const toast = useToast();
  const [location, navigate] = useLocation();
  const workshop = useLiveQuery(() => getWorkshop(id).then((w) => w ?? null), [id]);
  const [confirmCount, setConfirmCount] = useState<number | null>(null);

  if (workshop === undefined) return <p>{t('app.loading')}</p>;
  if (workshop === null)
    return (
      <>
        <PageHeader title={t('workshop.notFound')} />
        <Link href="~/ateliers">{t('workshop.backToList')}</Link>
      </>
    );
  const w = workshop;

  async function run(action: () => Promise<void>) {
    try {
      await action();
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  const duplicate = () =>
    run(async () => {
      const copy = await duplicateWorkshop(w.id, t('workshop.copySuffix'));
      toast(t('workshop.duplicated', { title: copy.title }));
      navigate(`~/ateliers/${copy.id}`);
    });
  const template = () =>
    run(async () => {
      const tpl = await saveAsTemplate(w.id);
      toast(t('workshop.templateSaved', { title: tpl.title }));
    });
  const exportIcs = () =>
    run(async () => {
      const sessions = await sessionsOf(w.id);
      const result = await saveIcs(w.title, sessions.map((session) => ({ workshop: w, session })), w.title);
      if (!result.ok) throw new Error(result.error);
      if (result.saved) toast(t('ics.saved'));
    });
  const remove = () =>
    run(async () => {
      const count = await activeRegistrationCount(w.id);
      if (count > 0) setConfirmCount(count);
      else await reallyDelete();
    });
  async function reallyDelete() {
    setConfirmCount(null);
    await deleteWorkshop(w.id);
    toast(t('workshop.deleted', { title: w.title }));
    navigate('~/ateliers');
  }

  const visibleTabs = tabs.filter((tab) => !w.isTemplate || tab.templates);
  const current = location === '' ? '/' : location;
  return (
    <>
      <p className="no-print">
        <Link href={w.isTemplate ? '~/ateliers/modeles' : '~/ateliers'}>← {w.isTemplate ? t('templates.title') : t('workshop.backToList')}</Link>
      </p>
      <PageHeader
        title={w.title}
        intro={
          <>
            <span className="badge">{t(statusLabel[w.status])}</span> {themeName(t, w.theme)}
            {w.place.communeName ? ` · ${w.place.communeName}` : ''}
          </>
        }
        actions={
          w.deletedAt === null ? (
            <div role="group" aria-label={t('workshop.actions')} className="toolbar">
              <button type="button" className="btn" onClick={() => void duplicate()}>
                {t('workshop.duplicate')}
              </button>
              {!w.isTemplate ? (
                <>
                  <button type="button" className="btn" onClick={() => void template()}>
                    {t('workshop.saveTemplate')}
                  </button>
                  <button type="button" className="btn" onClick={() => void exportIcs()}>
                    {t('workshop.exportIcs')}
                  </button>
                </>
              ) : null}
              <button type="button" className="btn btn-danger" onClick={() => void remove()}>
                {t('workshop.delete')}
              </button>
            </div>
          ) : (
            <button type="button" className="btn" onClick={() => void run(() => restoreWorkshop(w.id).then(() => toast(t('workshop.restored', { title: w.title }))))}>
              {t('common.restore')}
            </button>
          )
        }
      />
      {w.deletedAt !== null ? <p className="alert alert-warn">{t('workshop.deletedBanner')}</p> : null}
      {w.isTemplate ? <p className="alert">{t('workshop.templateBanner')}</p> : null}
      <RecordTabs label={t('workshop.tabs')} tabs={visibleTabs.map((tab) => ({ href: tab.href, label: t(tab.label) }))} current={current}>
      <Suspense fallback={<p>{t('app.loading')}</p>}>
        <Switch>
          <Route path="/">
            <InfoTab workshop={w} />
          </Route>
          <Route path="/deroule">
            <AgendaTab workshop={w} />
          </Route>
          <Route path="/materiel">
            <MaterialsTab workshop={w} />
          </Route>
          <Route path="/inscriptions">
            <RegistrationsTab workshop={w} />
          </Route>
          <Route path="/presences">
            <AttendanceTab workshop={w} />
          </Route>
          <Route path="/evaluation">
            <EvaluationTab workshop={w} />
          </Route>
          <Route>
            <EmptyState>{t('app.notFound')}</EmptyState>
          </Route>
        </Switch>
      </Suspense>
      </RecordTabs>
      <ConfirmDialog
        open={confirmCount !== null}
        title={t('workshop.delete.title')}
        confirmLabel={t('workshop.delete.confirm')}
        danger
        onConfirm={() => void run(reallyDelete)}
        onCancel={() => setConfirmCount(null)}
      >
        <p>{t('workshop.delete.registrations', { count: confirmCount ?? 0 })}</p>
      </ConfirmDialog>
    </>
  );
}

/**
 * The trainers' own module plan: modules (title, objectives, trainer, place,
 * criteria, linked tutorials, evaluation planned) with their dated half-day
 * sessions; copy a previous promotion's plan.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import type { CohortModule, ModuleSession } from '../../domain/cohorts';
import { useI18n, type MessageKey } from '../../i18n';
import { combineVersions } from '../../db/records';
import { conflictFields } from '../../ui/SaveConflict';
import { StaleSaveChoice, useStaleSave } from '../../ui/useStaleSave';
import { halfDayLabel } from '../../shared/attendance/AttendanceSheet';
import { ConfirmDialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { TutorialPicker, useTutorialList } from '../tutorial-library/public';
import { formatDate } from './labels';
import { CopyModulesField } from './CopyModulesField';
import { sumHours } from './progress';
import { addSession, copyModules, deleteModule, deleteSession, listCohorts, moveModule, saveModule, updateSession } from './repository';
import {
  FormError,
  emptyModuleForm,
  emptySessionForm,
  formOfModule,
  formOfSession,
  moduleFormErrors,
  sessionFormErrors,
  type ModuleForm,
  type ModuleFormErrors,
  type SessionForm,
  type SessionFormErrors,
} from './validation';
import type { CohortData } from './useCohortData';
import { clockTime, durationFromHours } from '../../i18n/format';
import { ModuleMailTools, NextModuleConvoke } from '../agenda/MailTools';

export default function ModulesTab({ data }: { data: CohortData }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const cohort = data.cohort!;
  const [editing, setEditing] = useState<CohortModule | 'new' | null>(null);
  const [removing, setRemoving] = useState<CohortModule | null>(null);
  const [copyFrom, setCopyFrom] = useState('');
  const others = (useLiveQuery(() => listCohorts(), []) ?? []).filter((c) => c.id !== cohort.id);
  const tutorials = useTutorialList();
  const tutorialTitle = new Map((tutorials ?? []).map((x) => [x.id, x.title]));

  async function copy() {
    if (!copyFrom) return;
    try {
      const r = await copyModules(copyFrom, cohort.id);
      toast(t('cohorts.copy.done', { modules: r.modules, sessions: r.sessions, copiedTotal: r.modules + r.sessions, skipped: r.skipped }));
      setCopyFrom('');
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  return (
    <>
      <div className="toolbar" style={{ justifyContent: 'space-between', marginBottom: '1rem' }}>
        <p className="muted" style={{ margin: 0 }}>
          {t('cohorts.modules.total', { count: data.modules.length, sessions: data.sessions.length, hours: durationFromHours(sumHours(data.sessions), locale) })}
        </p>
        <div className="toolbar">
          <NextModuleConvoke modules={data.modules} sessions={data.sessions} people={data.people.filter((p) => p.enrolment.status === 'en-cours').length} />
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            {t('cohorts.module.add')}
          </button>
        </div>
      </div>

      {editing ? (
        <ModuleEditor
          // one editor per module: switching to another module's edit reads that module afresh
          key={editing === 'new' ? 'new' : editing.id}
          cohortId={cohort.id}
          module={editing === 'new' ? undefined : editing}
          defaults={emptyModuleForm(cohort.trainers[0] ?? '', cohort.places[0] ?? '')}
          onDone={() => setEditing(null)}
        />
      ) : null}

      {data.modules.length === 0 && !editing ? <EmptyState>{t('cohorts.modules.empty')}</EmptyState> : null}

      {data.modules.map((m, index) => {
        const sessions = data.sessions.filter((s) => s.moduleId === m.id);
        return (
          <section key={m.id} className="card" style={{ marginBottom: '1rem' }} aria-labelledby={`module-${m.id}`}>
            <div className="toolbar" style={{ justifyContent: 'space-between' }}>
              <h2 id={`module-${m.id}`} style={{ margin: 0 }}>
                {m.title}
              </h2>
              <div className="toolbar">
                <button type="button" className="btn btn-small" disabled={index === 0} aria-label={t('cohorts.module.up', { title: m.title })} onClick={() => void moveModule(m.id, -1)}>
                  ↑
                </button>
                <button type="button" className="btn btn-small" disabled={index === data.modules.length - 1} aria-label={t('cohorts.module.down', { title: m.title })} onClick={() => void moveModule(m.id, 1)}>
                  ↓
                </button>
                <button type="button" className="btn btn-small" aria-label={t('cohorts.module.editFor', { title: m.title })} onClick={() => setEditing(m)}>
                  {t('common.edit')}
                </button>
                <button type="button" className="btn btn-small btn-danger" aria-label={t('cohorts.module.deleteFor', { title: m.title })} onClick={() => setRemoving(m)}>
                  {t('common.delete')}
                </button>
              </div>
            </div>
            <dl className="module-facts">
              <dt>{t('cohorts.module.objectives')}</dt>
              <dd style={{ whiteSpace: 'pre-line' }}>{m.objectives || '—'}</dd>
              <dt>{t('cohorts.module.trainer')}</dt>
              <dd>{m.trainer || '—'}</dd>
              <dt>{t('cohorts.module.place')}</dt>
              <dd>{m.place || '—'}</dd>
              <dt>{t('cohorts.module.criteria')}</dt>
              <dd>{m.criteria.length ? m.criteria.map((c) => c.label).join(' ; ') : '—'}</dd>
              <dt>{t('cohorts.module.evaluation')}</dt>
              <dd>{t(m.evaluationPlanned ? 'common.yes' : 'common.no')}</dd>
              <dt>{t('cohorts.module.tutorials')}</dt>
              <dd>{m.tutorialIds.length ? m.tutorialIds.map((id) => tutorialTitle.get(id) ?? id).join(' ; ') : '—'}</dd>
            </dl>
            <SessionsTable module={m} sessions={sessions} cohortDates={cohort} locale={locale} />
            <ModuleMailTools module={m} sessions={sessions} />
          </section>
        );
      })}

      {others.length > 0 ? (
        <section className="card" aria-labelledby="copy-modules">
          <h2 id="copy-modules" style={{ marginTop: 0 }}>
            {t('cohorts.copy.title')}
          </h2>
          <div className="toolbar" style={{ alignItems: 'flex-end' }}>
            <CopyModulesField others={others} value={copyFrom} onChange={setCopyFrom} />
            <button type="button" className="btn" disabled={!copyFrom} onClick={() => void copy()} style={{ marginBottom: '0.9rem' }}>
              {t('cohorts.copy.action')}
            </button>
          </div>
        </section>
      ) : null}

      <ConfirmDialog
        open={removing !== null}
        title={t('cohorts.module.deleteTitle', { title: removing?.title ?? '' })}
        confirmLabel={t('common.delete')}
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) void deleteModule(removing.id);
          setRemoving(null);
        }}
      >
        <p>{t('cohorts.module.deleteBody')}</p>
      </ConfirmDialog>
    </>
  );
}

/** What each module field is called, for the choice between two versions. */
const MODULE_LABELS: Record<keyof ModuleForm, MessageKey> = {
  title: 'cohorts.module.title', objectives: 'cohorts.module.objectives', place: 'cohorts.module.place', trainer: 'cohorts.module.trainer',
  tutorialIds: 'cohorts.module.tutorials', criteria: 'cohorts.module.criteria', evaluationPlanned: 'cohorts.module.evaluationPlanned',
};

function ModuleEditor({ cohortId, module, defaults, onDone }: { cohortId: string; module?: CohortModule; defaults: ModuleForm; onDone: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [form, setForm] = useState<ModuleForm>(module ? formOfModule(module) : defaults);
  const [errors, setErrors] = useState<ModuleFormErrors>({});
  // The stored module the form was read from: a save starts from its revision.
  const stale = useStaleSave<CohortModule | null, ModuleForm>({
    initial: module ?? null,
    save: (values, rev, from) => saveModule(cohortId, values, from?.id, undefined, rev),
    // moved elsewhere (its order) but changed in no field of this form: nothing to choose
    part: (m) => formOfModule(m),
    onSaved: (saved) => {
      toast(t('cohorts.module.saved', { title: saved.title }));
      onDone();
    },
    onError: (error) => {
      if (error instanceof FormError) setErrors(error.errors as ModuleFormErrors);
      else toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    },
  });
  const { conflict } = stale;
  const tutorials = useTutorialList();
  const set = <K extends keyof ModuleForm>(key: K, value: ModuleForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (key: keyof ModuleForm) => (errors[key] ? t(errors[key]) : undefined);

  async function submit(): Promise<void> {
    const found = moduleFormErrors(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await stale.persist(form, stale.base);
  }

  const shownValue = (key: keyof ModuleForm, f: ModuleForm): string => {
    if (key === 'evaluationPlanned') return f.evaluationPlanned ? t('common.yes') : t('common.no');
    if (key === 'tutorialIds') return f.tutorialIds.map((id) => tutorials?.find((x) => x.id === id)?.title ?? id).join(', ');
    return String(f[key]);
  };

  return (
    <form
      className="card"
      style={{ marginBottom: '1rem' }}
      aria-label={t(module ? 'cohorts.module.editTitle' : 'cohorts.module.newTitle')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 style={{ marginTop: 0 }}>{t(module ? 'cohorts.module.editTitle' : 'cohorts.module.newTitle')}</h2>
      <div className="form-grid">
        <Field label={t('cohorts.module.title')} error={err('title')} required>
          {(p) => <input {...p} type="text" value={form.title} onChange={(e) => set('title', e.target.value)} />}
        </Field>
        <Field label={t('cohorts.module.trainer')} error={err('trainer')}>
          {(p) => <input {...p} type="text" value={form.trainer} onChange={(e) => set('trainer', e.target.value)} />}
        </Field>
        <Field label={t('cohorts.module.place')} error={err('place')}>
          {(p) => <input {...p} type="text" value={form.place} onChange={(e) => set('place', e.target.value)} />}
        </Field>
      </div>
      <Field label={t('cohorts.module.objectives')} error={err('objectives')}>
        {(p) => <textarea {...p} rows={3} value={form.objectives} onChange={(e) => set('objectives', e.target.value)} />}
      </Field>
      <Field label={t('cohorts.module.criteria')} hint={t('cohorts.module.criteria.hint')} error={err('criteria')}>
        {(p) => <textarea {...p} rows={3} value={form.criteria} onChange={(e) => set('criteria', e.target.value)} />}
      </Field>
      <div className="field">
        <label>
          <input type="checkbox" checked={form.evaluationPlanned} onChange={(e) => set('evaluationPlanned', e.target.checked)} /> {t('cohorts.module.evaluationPlanned')}
        </label>
      </div>
      <TutorialPicker label={t('cohorts.module.tutorials')} value={form.tutorialIds} onChange={(ids) => set('tutorialIds', ids)} />
      <StaleSaveChoice
        stale={stale}
        fields={conflict ? conflictFields({ mine: conflict.mine, theirs: formOfModule(conflict.current), opened: formOfModule(conflict.from) }, { label: (k) => t(MODULE_LABELS[k]), shown: (k, form) => shownValue(k, form) }) : []}
        onKeepTheirs={(current) => {
          setForm(formOfModule(current));
          setErrors({});
        }}
        onCombine={(choice, { mine, current }) => {
          const combined = combineVersions(mine, formOfModule(current), choice as Partial<Record<keyof ModuleForm, 'mine' | 'theirs'>>);
          setForm(combined);
          // two valid versions can combine into an invalid one: then it is shown to correct
          const found = moduleFormErrors(combined);
          setErrors(found);
          return Object.keys(found).length > 0 ? undefined : combined;
        }}
      />
      <div className="toolbar">
        <button type="submit" className="btn btn-primary">
          {t('cohorts.module.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** What each session field is called, for the choice between two versions. */
const SESSION_LABELS: Record<keyof SessionForm, MessageKey> = {
  date: 'cohorts.session.date', halfDay: 'cohorts.session.halfDay', start: 'cohorts.session.start', end: 'cohorts.session.end', hours: 'cohorts.session.hours',
};

function SessionsTable({ module, sessions, cohortDates, locale }: { module: CohortModule; sessions: ModuleSession[]; cohortDates: { startDate: string; endDate: string }; locale: string }) {
  const { t } = useI18n();
  const toast = useToast();
  const [form, setForm] = useState<SessionForm>(emptySessionForm(cohortDates.startDate));
  const [errors, setErrors] = useState<SessionFormErrors>({});
  // The stored session the edit form was read from (none: the form adds one): a save starts from its revision.
  const stale = useStaleSave<ModuleSession | null, SessionForm>({
    initial: null,
    save: (values, rev, from) => (from ? updateSession(from.id, values, undefined, rev) : addSession(module.id, values)),
    part: (s) => formOfSession(s),
    onSaved: (saved) => {
      toast(t('cohorts.session.saved'));
      setBase(null);
      setForm(emptySessionForm(saved.date, saved.halfDay === 'matin' ? 'apres-midi' : 'matin'));
    },
    onError: (error) => {
      if (error instanceof FormError) setErrors(error.errors as SessionFormErrors);
      else toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    },
  });
  const { conflict, setConflict, setBase } = stale;
  const editingId = stale.base?.id ?? null;
  const set = <K extends keyof SessionForm>(key: K, value: SessionForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (key: keyof SessionForm) => (errors[key] ? t(errors[key], { start: formatDate(locale, cohortDates.startDate), end: formatDate(locale, cohortDates.endDate) }) : undefined);

  async function submit(): Promise<void> {
    const found = sessionFormErrors(form, cohortDates);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await stale.persist(form, stale.base);
  }

  const shownSession = (key: keyof SessionForm, f: SessionForm): string => {
    if (key === 'date') return f.date ? formatDate(locale, f.date) : '';
    if (key === 'halfDay') return t(halfDayLabel[f.halfDay]);
    return f[key];
  };

  return (
    <>
      <h3>{t('cohorts.sessions.title', { hours: durationFromHours(sumHours(sessions), locale) })}</h3>
      {sessions.length > 0 ? (
        <DataTable
          caption={t('cohorts.sessions.caption', { title: module.title })}
          rows={sessions}
          rowKey={(s) => s.id}
          columns={[
            { id: 'date', header: t('cohorts.session.date'), rowHeader: true, minRem: 11, cell: (s) => formatDate(locale, s.date, true) },
            { id: 'halfDay', header: t('cohorts.session.halfDay'), minRem: 7, cell: (s) => t(halfDayLabel[s.halfDay]) },
            { id: 'times', header: t('cohorts.session.times'), priority: 2, minRem: 8, cell: (s) => t('cohorts.timeRange', { start: clockTime(s.start, locale), end: clockTime(s.end, locale) }) },
            { id: 'hours', header: t('cohorts.session.hours'), priority: 3, minRem: 5, cell: (s) => durationFromHours(s.hours, locale) },
          ]}
          actionsLabel={t('cohorts.session.actions')}
          actions={(s) => (
            <div className="toolbar">
              <Link href={`/seances/${s.id}`} className="btn btn-small">
                {t('cohorts.session.open')}
                <span className="visually-hidden"> — {`${formatDate(locale, s.date)} ${t(halfDayLabel[s.halfDay])}`}</span>
              </Link>
              <button
                type="button"
                className="btn btn-small"
                aria-label={t('cohorts.session.editFor', { date: formatDate(locale, s.date), halfDay: t(halfDayLabel[s.halfDay]) })}
                onClick={() => {
                  setBase(s);
                  setConflict(null);
                  setErrors({});
                  setForm(formOfSession(s));
                }}
              >
                {t('common.edit')}
              </button>
              <button type="button" className="btn btn-small btn-danger" aria-label={t('cohorts.session.deleteFor', { date: formatDate(locale, s.date), halfDay: t(halfDayLabel[s.halfDay]) })} onClick={() => void deleteSession(s.id)}>
                {t('common.delete')}
              </button>
            </div>
          )}
        />
      ) : (
        <EmptyState>{t('cohorts.sessions.empty')}</EmptyState>
      )}
      <form
        className="session-form"
        aria-label={t(editingId ? 'cohorts.session.editTitle' : 'cohorts.session.addFor', { title: module.title })}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <fieldset style={{ marginTop: '0.75rem' }}>
          <legend>{t(editingId ? 'cohorts.session.editTitle' : 'cohorts.session.addFor', { title: module.title })}</legend>
          <div className="form-grid">
            <Field label={t('cohorts.session.date')} error={err('date')} required>
              {(p) => <input {...p} type="date" min={cohortDates.startDate} max={cohortDates.endDate} value={form.date} onChange={(e) => set('date', e.target.value)} />}
            </Field>
            <Field label={t('cohorts.session.halfDay')} error={err('halfDay')}>
              {(p) => (
                <select
                  {...p}
                  value={form.halfDay}
                  onChange={(e) => {
                    const halfDay = e.target.value as SessionForm['halfDay'];
                    // new half-day: propose its usual times, keep the date and hours typed
                    const times = emptySessionForm(form.date, halfDay);
                    setForm((f) => ({ ...f, halfDay, start: times.start, end: times.end }));
                  }}
                >
                  <option value="matin">{t(halfDayLabel.matin)}</option>
                  <option value="apres-midi">{t(halfDayLabel['apres-midi'])}</option>
                </select>
              )}
            </Field>
            <Field label={t('cohorts.session.start')} error={err('start')}>
              {(p) => <input {...p} type="time" value={form.start} onChange={(e) => set('start', e.target.value)} />}
            </Field>
            <Field label={t('cohorts.session.end')} error={err('end')}>
              {(p) => <input {...p} type="time" value={form.end} onChange={(e) => set('end', e.target.value)} />}
            </Field>
            <Field label={t('cohorts.session.hours')} hint={t('cohorts.session.hours.hint')} error={err('hours')}>
              {(p) => <input {...p} type="text" inputMode="decimal" value={form.hours} onChange={(e) => set('hours', e.target.value)} />}
            </Field>
          </div>
          <StaleSaveChoice
            stale={stale}
            fields={conflict ? conflictFields({ mine: conflict.mine, theirs: formOfSession(conflict.current), opened: formOfSession(conflict.from) }, { label: (k) => t(SESSION_LABELS[k]), shown: (k, form) => shownSession(k, form) }) : []}
            onKeepTheirs={(current) => {
              setForm(formOfSession(current));
              setErrors({});
            }}
            onCombine={(choice, { mine, current }) => {
              const combined = combineVersions(mine, formOfSession(current), choice as Partial<Record<keyof SessionForm, 'mine' | 'theirs'>>);
              setForm(combined);
              const found = sessionFormErrors(combined, cohortDates);
              setErrors(found);
              return Object.keys(found).length > 0 ? undefined : combined;
            }}
          />
          <div className="toolbar">
            <button type="submit" className="btn">
              {t(editingId ? 'common.save' : 'cohorts.session.add')}
            </button>
            {editingId ? (
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setBase(null);
                  setConflict(null);
                  setErrors({});
                  setForm(emptySessionForm(cohortDates.startDate));
                }}
              >
                {t('common.cancel')}
              </button>
            ) : null}
          </div>
        </fieldset>
      </form>
    </>
  );
}

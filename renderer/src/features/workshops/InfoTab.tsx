/** Informations tab: the workshop's form, its sessions and planning conflicts. */
import { useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Workshop, WorkshopSession } from '../../domain/workshops';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { combineVersions, differingKeys, StaleRecordError } from '../../db/records';
import { conflictFields, SaveConflict } from '../../ui/SaveConflict';
import { halfDaysOf } from '../../shared/attendance/repository';
import { DataTable } from '../../ui/DataTable';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { saveIcs } from './exports';
import { longDate, shortDate, statusLabel, themeName } from './labels';
import { conflictsOfWorkshop, sessionsOf } from './queries';
import { HolidayBadge, HolidayWarning } from './HolidayWarning';
import { addSession, deleteSession, FormError, setSessionCancelled, updateSession, updateWorkshop } from './repository';
import { formatMinutes, sessionMinutes, type Conflict } from './rules';
import { formOfSession, formOfWorkshop, type SessionForm, type SessionFormErrors, type WorkshopForm as WorkshopFormValues } from './validation';
import { WorkshopForm } from './WorkshopForm';
import { clockTime } from '../../i18n/format';

/** What each form field is called, for the choice between two versions. */
const FIELD_LABELS: Record<keyof WorkshopFormValues, MessageKey> = {
  title: 'workshop.field.title', theme: 'workshop.field.theme', description: 'workshop.field.description', objectives: 'workshop.field.objectives',
  audience: 'workshop.field.audience', prerequisites: 'workshop.field.prerequisites', format: 'workshop.field.format', communeInsee: 'workshop.field.commune',
  communeName: 'workshop.field.commune', postalCode: 'workshop.field.commune', address: 'workshop.field.address', room: 'workshop.field.room',
  capacity: 'workshop.field.capacity', animators: 'workshop.field.animators', status: 'workshop.field.status', accessibility: 'workshop.field.accessibility',
  contact: 'workshop.field.contact', periodStart: 'workshop.field.periodStart', periodEnd: 'workshop.field.periodEnd',
};
const COMMUNE_FOLLOWERS = new Set<keyof WorkshopFormValues>(['communeName', 'postalCode']);

export default function InfoTab({ workshop }: { workshop: Workshop }) {
  const { t } = useI18n();
  const toast = useToast();
  // The revision the form's values were read at; each save starts from it.
  const [base, setBase] = useState<{ record: Workshop; form: WorkshopFormValues; key: number }>(() => ({ record: workshop, form: formOfWorkshop(workshop), key: 0 }));
  const [conflict, setConflict] = useState<{ current: Workshop; theirs: WorkshopFormValues; mine: WorkshopFormValues } | null>(null);

  async function persist(form: WorkshopFormValues, from: Workshop) {
    try {
      const saved = await updateWorkshop(from.id, form, new Date(), from.rev);
      setConflict(null);
      setBase((b) => ({ record: saved, form, key: b.key }));
      toast(t('workshop.saved'));
    } catch (error) {
      if (!(error instanceof StaleRecordError)) throw error;
      const current = error.current as Workshop;
      const theirs = formOfWorkshop(current);
      // Changed elsewhere but in no field of this form (its dates after a new session, its agenda): nothing to choose.
      if (differingKeys(from === base.record ? base.form : formOfWorkshop(from), theirs).every((k) => COMMUNE_FOLLOWERS.has(k))) return persist(form, current);
      setConflict({ current, theirs, mine: form });
    }
  }
  const shownValue = (key: keyof WorkshopFormValues, f: WorkshopFormValues): string => {
    if (key === 'status') return t(statusLabel[f.status]);
    if (key === 'format') return t(`workshop.format.${f.format}` as MessageKey);
    if (key === 'theme') return f.theme ? themeName(t, f.theme) : '';
    if (key === 'communeInsee') return f.communeName;
    if (key === 'audience') return f.audience.join(', ');
    return String(f[key]);
  };
  return (
    <>
      <WorkshopForm
        key={`${workshop.id}-${base.key}`}
        initial={base.form}
        submitLabel={t('workshop.save')}
        onSubmit={(form) => persist(form, base.record)}
      />
      {conflict ? (
        <SaveConflict
          key={`${conflict.current.rev.device}-${conflict.current.rev.counter}`}
          fields={conflictFields({ ...conflict, opened: base.form }, { label: (k) => t(FIELD_LABELS[k]), shown: (k, form) => shownValue(k, form), skip: (k) => COMMUNE_FOLLOWERS.has(k) })}
          onKeepTheirs={() => {
            setConflict(null);
            setBase((b) => ({ record: conflict.current, form: conflict.theirs, key: b.key + 1 }));
            toast(t('saveConflict.kept'));
          }}
          onKeepMine={() => void persist(conflict.mine, conflict.current).catch((e: unknown) => toast(t('common.error.generic', { detail: errorMessage(e) }), { kind: 'error' }))}
          onCombine={(choice) => {
            const picked = choice as Partial<Record<keyof WorkshopFormValues, 'mine' | 'theirs'>>;
            for (const k of COMMUNE_FOLLOWERS) if (picked.communeInsee) picked[k] = picked.communeInsee;
            // The form now holds the combination, based on the stored revision; saving it goes through the form's own checks.
            setConflict(null);
            setBase((b) => ({ record: conflict.current, form: combineVersions(conflict.mine, conflict.theirs, picked), key: b.key + 1 }));
            toast(t('saveConflict.review'));
          }}
        />
      ) : null}
      {workshop.isTemplate ? null : <Sessions workshop={workshop} />}
    </>
  );
}

const halfDayKey = { matin: 'session.halfDay.matin', 'apres-midi': 'session.halfDay.apres-midi' } as const;

function SessionFields({ form, errors, onChange, communeInsee }: { form: SessionForm; errors: SessionFormErrors; onChange: (form: SessionForm) => void; communeInsee: string }) {
  const { t } = useI18n();
  const err = (k: keyof SessionForm) => (errors[k] ? t(errors[k]) : undefined);
  return (
    <div className="form-grid">
      <Field label={t('session.date')} required error={err('date')}>
        {(p) => <input {...p} type="date" value={form.date} onChange={(e) => onChange({ ...form, date: e.target.value })} />}
      </Field>
      <Field label={t('session.start')} required error={err('startTime')}>
        {(p) => <input {...p} type="time" value={form.startTime} onChange={(e) => onChange({ ...form, startTime: e.target.value })} />}
      </Field>
      <Field label={t('session.end')} required error={err('endTime')}>
        {(p) => <input {...p} type="time" value={form.endTime} onChange={(e) => onChange({ ...form, endTime: e.target.value })} />}
      </Field>
      <HolidayWarning date={form.date} communeInsee={communeInsee} />
    </div>
  );
}

function conflictText(t: Translate, c: Conflict, locale: string): string {
  const params = { title: c.other.workshop.title, date: shortDate(c.other.session.start.slice(0, 10), locale), start: clockTime(c.other.session.start, locale), end: clockTime(c.other.session.end, locale) };
  return c.kind === 'animator' ? t('session.conflict.animator', { ...params, name: c.detail }) : t('session.conflict.room', { ...params, room: c.detail });
}

/** What each session field is called, for the choice between two versions. */
const SESSION_LABELS: Record<keyof SessionForm, MessageKey> = { date: 'session.date', startTime: 'session.start', endTime: 'session.end' };

function Sessions({ workshop }: { workshop: Workshop }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const sessions = useLiveQuery(() => sessionsOf(workshop.id), [workshop.id]);
  const conflicts = useLiveQuery(() => conflictsOfWorkshop(workshop), [workshop]);
  const [draft, setDraft] = useState<SessionForm>({ date: workshop.periodStart ?? '', startTime: '09:00', endTime: '12:00' });
  const [draftErrors, setDraftErrors] = useState<SessionFormErrors>({});
  // `session` is the stored session the edit form was read from: a save starts from its revision.
  const [editing, setEditing] = useState<{ session: WorkshopSession; form: SessionForm; errors: SessionFormErrors; conflict?: { current: WorkshopSession; theirs: SessionForm } } | null>(null);

  async function run(action: () => Promise<void>) {
    try {
      await action();
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    try {
      await addSession(workshop.id, draft);
      setDraftErrors({});
      toast(t('session.added'));
    } catch (error) {
      if (error instanceof FormError) setDraftErrors(error.errors as SessionFormErrors);
      else toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  async function saveEdit(state = editing): Promise<void> {
    if (!state) return;
    try {
      const after = await updateSession(state.session.id, state.form, state.session.rev);
      setEditing(null);
      toast(t('session.updated', { sequence: after.sequence }));
    } catch (error) {
      if (error instanceof StaleRecordError) {
        const current = error.current as WorkshopSession;
        const theirs = formOfSession(current);
        // Changed elsewhere but not in its date or times (cancelled, say): nothing to choose.
        if (differingKeys(formOfSession(state.session), theirs).length === 0) return saveEdit({ ...state, session: current, conflict: undefined });
        setEditing({ ...state, conflict: { current, theirs } });
      } else if (error instanceof FormError) setEditing({ ...state, errors: error.errors as SessionFormErrors });
      else toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  const label = (s: WorkshopSession) => longDate(s.start.slice(0, 10), locale);
  const byId = new Map<string, Conflict[]>();
  for (const c of conflicts ?? []) byId.set(c.sessionId, [...(byId.get(c.sessionId) ?? []), c]);

  return (
    <section aria-labelledby="sessions-title">
      <h2 id="sessions-title">{t('session.title')}</h2>
      {conflicts && conflicts.length > 0 ? (
        <div className="alert alert-warn" role="status">
          <strong>{t('session.conflicts')}</strong>
          <ul>
            {conflicts.map((c, i) => (
              <li key={i}>{conflictText(t, c, locale)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {sessions === undefined ? null : sessions.length === 0 ? (
        <p className="muted">{t('session.none')}</p>
      ) : (
        <DataTable
          caption={t('session.title')}
          rows={sessions}
          rowKey={(s) => s.id}
          columns={[
            {
              id: 'date',
              header: t('session.date'),
              rowHeader: true,
              minRem: 12,
              cell: (s) => (
                <>
                  {label(s)}
                  <HolidayBadge date={s.start} communeInsee={workshop.place.communeInsee} />
                  {byId.has(s.id) ? (
                    <>
                      {' '}
                      <span className="badge" title={byId.get(s.id)!.map((c) => conflictText(t, c, locale)).join('\n')}>
                        ⚠ {t('calendar.conflict')}
                      </span>
                    </>
                  ) : null}
                </>
              ),
            },
            { id: 'start', header: t('session.start'), minRem: 5, cell: (s) => clockTime(s.start, locale) },
            { id: 'end', header: t('session.end'), minRem: 5, cell: (s) => clockTime(s.end, locale) },
            { id: 'length', header: t('session.length'), minRem: 5, priority: 2, cell: (s) => formatMinutes(sessionMinutes(s)) },
            { id: 'halfDays', header: t('session.halfDays'), minRem: 8, priority: 2, cell: (s) => halfDaysOf(s.start, s.end).map((h) => t(halfDayKey[h])).join(' + ') },
            { id: 'status', header: t('session.status'), minRem: 6, cell: (s) => (s.cancelled ? <span className="badge">{t('session.cancelled')}</span> : t('session.planned')) },
          ]}
          actionsLabel={t('workshops.col.actions')}
          actions={(s) => (
            <div className="toolbar">
              <button type="button" className="btn btn-small" aria-label={t('session.editOf', { date: label(s) })} onClick={() => setEditing({ session: s, form: formOfSession(s), errors: {} })}>
                {t('session.edit')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                aria-label={s.cancelled ? t('session.reinstateOf', { date: label(s) }) : t('session.cancelOf', { date: label(s) })}
                onClick={() =>
                  void run(async () => {
                    await setSessionCancelled(s.id, !s.cancelled);
                    toast(s.cancelled ? t('session.reinstated') : t('session.cancelledDone'));
                  })
                }
              >
                {s.cancelled ? t('session.reinstate') : t('session.cancel')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                aria-label={t('session.exportIcsOf', { date: label(s) })}
                onClick={() =>
                  void run(async () => {
                    const result = await saveIcs(`${workshop.title} ${s.start.slice(0, 10)}`, [{ workshop, session: s }], workshop.title);
                    if (!result.ok) throw new Error(result.error);
                  })
                }
              >
                {t('session.exportIcs')}
              </button>
              <button
                type="button"
                className="btn btn-small btn-danger"
                aria-label={t('session.deleteOf', { date: label(s) })}
                onClick={() =>
                  void run(async () => {
                    await deleteSession(s.id);
                    toast(t('session.deletedDone'));
                  })
                }
              >
                {t('session.delete')}
              </button>
            </div>
          )}
        />
      )}
      {workshop.deletedAt === null ? (
        <form onSubmit={(e) => void add(e)} noValidate className="card" style={{ marginTop: '1rem' }} aria-labelledby="new-session-title">
          <h3 id="new-session-title">{t('session.newTitle')}</h3>
          <SessionFields form={draft} errors={draftErrors} onChange={setDraft} communeInsee={workshop.place.communeInsee} />
          <button type="submit" className="btn btn-primary">
            {t('session.add')}
          </button>
        </form>
      ) : null}
      <Dialog
        open={editing !== null}
        title={editing ? t('session.editOf', { date: label(editing.session) }) : ''}
        onClose={() => setEditing(null)}
        footer={
          <>
            <button type="button" className="btn" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
            <button type="button" className="btn btn-primary" onClick={() => void saveEdit()}>
              {t('session.saveChanges')}
            </button>
          </>
        }
      >
        {editing ? <SessionFields form={editing.form} errors={editing.errors} onChange={(form) => setEditing({ ...editing, form })} communeInsee={workshop.place.communeInsee} /> : null}
        {editing?.conflict ? (
          <SaveConflict
            key={`${editing.conflict.current.rev.device}-${editing.conflict.current.rev.counter}`}
            fields={differingKeys(editing.form, editing.conflict.theirs).map((k) => ({
              key: k,
              label: t(SESSION_LABELS[k]),
              theirs: k === 'date' ? shortDate(editing.conflict!.theirs.date, locale) : editing.conflict!.theirs[k],
              mine: k === 'date' ? shortDate(editing.form.date, locale) : editing.form[k],
              initial: editing.form[k] === formOfSession(editing.session)[k] ? 'theirs' : 'mine',
            }))}
            onKeepTheirs={() => {
              setEditing({ session: editing.conflict!.current, form: editing.conflict!.theirs, errors: {} });
              toast(t('saveConflict.kept'));
            }}
            onKeepMine={() => void saveEdit({ ...editing, session: editing.conflict!.current, conflict: undefined })}
            onCombine={(choice) => {
              const form = combineVersions(editing.form, editing.conflict!.theirs, choice as Partial<Record<keyof SessionForm, 'mine' | 'theirs'>>);
              void saveEdit({ session: editing.conflict!.current, form, errors: {} });
            }}
          />
        ) : null}
      </Dialog>
    </section>
  );
}

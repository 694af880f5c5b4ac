/** Informations tab: the workshop's form, its sessions and planning conflicts. */
import { useState, type FormEvent } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Workshop, WorkshopSession } from '../../domain/workshops';
import { useI18n, type Translate } from '../../i18n';
import { halfDaysOf } from '../../shared/attendance/repository';
import { Dialog } from '../../ui/Dialog';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { saveIcs } from './exports';
import { longDate, shortDate } from './labels';
import { conflictsOfWorkshop, sessionsOf } from './queries';
import { addSession, deleteSession, FormError, setSessionCancelled, updateSession, updateWorkshop } from './repository';
import { formatMinutes, sessionMinutes, type Conflict } from './rules';
import { formOfSession, formOfWorkshop, type SessionForm, type SessionFormErrors } from './validation';
import { WorkshopForm } from './WorkshopForm';
import { clockTime } from '../../i18n/format';

export default function InfoTab({ workshop }: { workshop: Workshop }) {
  const { t } = useI18n();
  const toast = useToast();
  return (
    <>
      <WorkshopForm
        key={workshop.id}
        initial={formOfWorkshop(workshop)}
        submitLabel={t('workshop.save')}
        onSubmit={async (form) => {
          await updateWorkshop(workshop.id, form);
          toast(t('workshop.saved'));
        }}
      />
      {workshop.isTemplate ? null : <Sessions workshop={workshop} />}
    </>
  );
}

const halfDayKey = { matin: 'session.halfDay.matin', 'apres-midi': 'session.halfDay.apres-midi' } as const;

function SessionFields({ form, errors, onChange }: { form: SessionForm; errors: SessionFormErrors; onChange: (form: SessionForm) => void }) {
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
    </div>
  );
}

function conflictText(t: Translate, c: Conflict, locale: string): string {
  const params = { title: c.other.workshop.title, date: shortDate(c.other.session.start.slice(0, 10), locale), start: clockTime(c.other.session.start, locale), end: clockTime(c.other.session.end, locale) };
  return c.kind === 'animator' ? t('session.conflict.animator', { ...params, name: c.detail }) : t('session.conflict.room', { ...params, room: c.detail });
}

function Sessions({ workshop }: { workshop: Workshop }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const sessions = useLiveQuery(() => sessionsOf(workshop.id), [workshop.id]);
  const conflicts = useLiveQuery(() => conflictsOfWorkshop(workshop), [workshop]);
  const [draft, setDraft] = useState<SessionForm>({ date: workshop.periodStart ?? '', startTime: '09:00', endTime: '12:00' });
  const [draftErrors, setDraftErrors] = useState<SessionFormErrors>({});
  const [editing, setEditing] = useState<{ session: WorkshopSession; form: SessionForm; errors: SessionFormErrors } | null>(null);

  async function run(action: () => Promise<void>) {
    try {
      await action();
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }));
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
      else toast(t('common.error.generic', { detail: errorMessage(error) }));
    }
  }

  async function saveEdit() {
    if (!editing) return;
    try {
      const after = await updateSession(editing.session.id, editing.form);
      setEditing(null);
      toast(t('session.updated', { sequence: after.sequence }));
    } catch (error) {
      if (error instanceof FormError) setEditing({ ...editing, errors: error.errors as SessionFormErrors });
      else toast(t('common.error.generic', { detail: errorMessage(error) }));
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
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('session.date')}</th>
              <th scope="col">{t('session.start')}</th>
              <th scope="col">{t('session.end')}</th>
              <th scope="col">{t('session.length')}</th>
              <th scope="col">{t('session.halfDays')}</th>
              <th scope="col">{t('session.status')}</th>
              <th scope="col">{t('workshops.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {label(s)}
                  {byId.has(s.id) ? (
                    <>
                      {' '}
                      <span className="badge" title={byId.get(s.id)!.map((c) => conflictText(t, c, locale)).join('\n')}>
                        ⚠ {t('calendar.conflict')}
                      </span>
                    </>
                  ) : null}
                </td>
                <td>{clockTime(s.start, locale)}</td>
                <td>{clockTime(s.end, locale)}</td>
                <td>{formatMinutes(sessionMinutes(s))}</td>
                <td>{halfDaysOf(s.start, s.end).map((h) => t(halfDayKey[h])).join(' + ')}</td>
                <td>{s.cancelled ? <span className="badge">{t('session.cancelled')}</span> : t('session.planned')}</td>
                <td>
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
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {workshop.deletedAt === null ? (
        <form onSubmit={(e) => void add(e)} noValidate className="card" style={{ marginTop: '1rem' }} aria-labelledby="new-session-title">
          <h3 id="new-session-title">{t('session.newTitle')}</h3>
          <SessionFields form={draft} errors={draftErrors} onChange={setDraft} />
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
        {editing ? <SessionFields form={editing.form} errors={editing.errors} onChange={(form) => setEditing({ ...editing, form })} /> : null}
      </Dialog>
    </section>
  );
}

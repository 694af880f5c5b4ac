/**
 * E-mail tools beside a workshop's registrations and a promotion's modules:
 * « Convoquer tous » and the J-2 reminders as .eml drafts (one file, or a zip),
 * a mailto: link per person, and what was sent to whom, dated, with its channel.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/database';
import { getProfile } from '../../db/settings';
import type { CohortModule, Enrolment, ModuleSession } from '../../domain/cohorts';
import { lastContact, type ContactEntry } from '../../domain/contacts';
import { parisDateTime } from '../../domain/date-rules';
import type { Registration, Workshop } from '../../domain/workshops';
import { useI18n, type MessageKey, type Translate } from '../../i18n';
import { clockTime, formatDateTime, formatDay } from '../../i18n/format';
import { getBridge } from '../../platform';
import { fileNameFrom, saveBytes, saveText } from '../../shared/files';
import { personColumn } from '../../ui/CellNote';
import { DataTable } from '../../ui/DataTable';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { listSessions } from '../workshops/registrations/queries';
import { MailSetupError, moduleConvocations, moduleReminders, workshopConvocations, workshopReminders, type DraftBatch, type MailContext } from './drafts';
import { EML_MIME, mailtoHref, zipDrafts, ZIP_MIME } from './mail';
import { recordFollowUpReminders, recordSent } from './sent';

const CHANNEL: Record<ContactEntry['channel'], MessageKey> = { eml: 'agenda.channel.eml', mailto: 'agenda.channel.mailto', manuel: 'agenda.channel.manuel' };
const KIND: Record<ContactEntry['kind'], MessageKey> = { convocation: 'agenda.kind.convocation', rappel: 'agenda.kind.rappel', relance: 'agenda.kind.relance' };

/** « mardi 10 mars, 9 h 30 » of a YYYY-MM-DDTHH:mm. */
export function whenText(t: Translate, locale: string, start: string): string {
  return t('agenda.day', { day: formatDay(start, locale, 'long'), start: clockTime(start.slice(11, 16), locale) });
}

/** Saves a batch (one .eml, or a zip of them) and records the sending once the file is saved. */
export async function saveBatch(batch: DraftBatch, now = new Date()): Promise<{ saved: boolean; error?: string }> {
  if (batch.files.length === 0) return { saved: false };
  const result =
    batch.files.length === 1
      ? await saveText(batch.files[0]!.name, batch.files[0]!.content, EML_MIME, 'eml', 'E-mail')
      : await saveBytes(fileNameFrom(batch.zipName, 'zip'), zipDrafts(batch.files), ZIP_MIME, 'zip', 'Zip');
  if (!result.ok) return { saved: false, error: result.error };
  if (!result.saved) return { saved: false };
  if (batch.table === 'evaluations') await recordFollowUpReminders(batch.recordIds, 'eml', now);
  else await recordSent(batch.table, batch.recordIds, batch.kind, batch.subjectId, 'eml', now);
  return { saved: true };
}

/** Builds a batch, saves it, records it, and says what happened. */
export function useSendDrafts(): (build: (ctx: MailContext) => Promise<DraftBatch>) => Promise<void> {
  const { t, locale } = useI18n();
  const toast = useToast();
  return async (build) => {
    try {
      const profile = await getProfile();
      const batch = await build({ t, locale, sender: profile?.name ?? '' });
      const missing = batch.withoutAddress.length > 0 ? ` ${t('agenda.mail.withoutAddress', { names: batch.withoutAddress.join(', ') })}` : '';
      if (batch.files.length === 0) {
        toast(`${t('agenda.mail.nobody')}${missing}`);
        return;
      }
      const outcome = await saveBatch(batch);
      if (outcome.error) toast(t('common.error.generic', { detail: outcome.error }), { kind: 'error' });
      else toast(outcome.saved ? `${t('agenda.mail.saved', { count: batch.files.length })}${missing}` : t('agenda.mail.notSaved'));
    } catch (error) {
      toast(error instanceof MailSetupError ? t(error.key) : t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  };
}

interface PersonRow {
  recordId: string;
  name: string;
  email: string;
  contacts: ContactEntry[];
}

function SentTable({ rows, convocationSubject, reminderSubject, onWrite, onNoted }: { rows: PersonRow[]; convocationSubject: string; reminderSubject: string | null; onWrite: (row: PersonRow) => void; onNoted: (row: PersonRow) => void }) {
  const { t, locale } = useI18n();
  const now = new Date();
  const at = (e: ContactEntry) => formatDateTime(e.at, locale);
  const lastReminder = (row: PersonRow) =>
    reminderSubject ? lastContact(row.contacts, 'rappel', reminderSubject, now) : ([...row.contacts].reverse().find((c) => c.kind === 'rappel' && c.at <= now.toISOString()) ?? null);
  return (
    <DataTable
      caption={t('agenda.tools.caption')}
      rows={rows}
      rowKey={(row) => row.recordId}
      columns={[
        personColumn(t('agenda.tools.col.person'), t('agenda.tools.noEmail')),
        {
          id: 'convocation',
          header: t('agenda.tools.col.convocation'),
          minRem: 12,
          cell: (row) => {
            const convocation = lastContact(row.contacts, 'convocation', convocationSubject, now);
            return (
              <>
                {convocation ? t('agenda.tools.sentOn', { date: at(convocation), channel: t(CHANNEL[convocation.channel]) }) : <span className="muted">{t('agenda.tools.notYet')}</span>}
                {row.contacts.length > 1 ? (
                  <details>
                    <summary>{t('agenda.tools.history', { count: row.contacts.length })}</summary>
                    <ol style={{ margin: 0, paddingLeft: '1.2rem' }}>
                      {row.contacts.map((c, i) => (
                        <li key={i}>{t('agenda.tools.historyLine', { date: at(c), kind: t(KIND[c.kind]), channel: t(CHANNEL[c.channel]) })}</li>
                      ))}
                    </ol>
                  </details>
                ) : null}
              </>
            );
          },
        },
        {
          id: 'reminder',
          header: t('agenda.tools.col.reminder'),
          minRem: 12,
          priority: 2,
          cell: (row) => {
            const reminder = lastReminder(row);
            return reminder ? t('agenda.tools.reminderOn', { date: at(reminder), channel: t(CHANNEL[reminder.channel]) }) : <span className="muted">{t('agenda.tools.notYet')}</span>;
          },
        },
      ]}
      actionsLabel={t('agenda.tools.col.write')}
      actions={(row) =>
        row.email ? (
          <button type="button" className="btn btn-small" onClick={() => onWrite(row)} aria-label={t('agenda.tools.writeFor', { name: row.name })}>
            {t('agenda.tools.write')}
          </button>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => onNoted(row)} aria-label={t('agenda.tools.markManualFor', { name: row.name })}>
            {t('agenda.tools.markManual')}
          </button>
        )
      }
    />
  );
}

/** A convocation given another way (letter, phone) to someone without an address. */
function useNoted(table: 'registrations' | 'enrolments', subjectId: string) {
  const { t } = useI18n();
  const toast = useToast();
  return async (row: PersonRow) => {
    await recordSent(table, [row.recordId], 'convocation', subjectId, 'manuel');
    toast(t('agenda.tools.markedManual', { name: row.name }));
  };
}

/** Opens one person's message in the mail program (mailto:) and records it. */
function useWrite(table: 'registrations' | 'enrolments', build: (ctx: MailContext, recordId: string) => Promise<DraftBatch>) {
  const { t, locale } = useI18n();
  const toast = useToast();
  return async (row: PersonRow) => {
    try {
      const profile = await getProfile();
      const batch = await build({ t, locale, sender: profile?.name ?? '' }, row.recordId);
      const text = batch.texts[0];
      if (!text) return;
      const result = await getBridge().openExternal(mailtoHref(text.to, text.subject, text.body, t('agenda.mail.cut')));
      if (!result.ok) {
        toast(t('common.error.generic', { detail: result.error }), { kind: 'error' });
        return;
      }
      await recordSent(table, [row.recordId], batch.kind, batch.subjectId, 'mailto');
      toast(t('agenda.mail.mailtoNoted', { name: row.name }));
    } catch (error) {
      toast(error instanceof MailSetupError ? t(error.key) : t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  };
}

export function WorkshopMailTools({ workshop }: { workshop: Workshop }) {
  const { t, locale } = useI18n();
  const id = useId();
  const send = useSendDrafts();
  const [busy, setBusy] = useState(false);
  const data = useLiveQuery(async () => {
    const db = getDb();
    const registrations = (await db.registrations.where('[workshopId+status]').equals([workshop.id, 'inscrit']).toArray()).filter((r: Registration) => r.deletedAt === null);
    const people = await db.providers.bulkGet(registrations.map((r) => r.personId));
    const sessions = (await listSessions(workshop.id)).filter((s) => !s.cancelled);
    const rows: PersonRow[] = registrations
      .map((r, i) => ({ recordId: r.id, name: people[i] ? `${people[i].firstName} ${people[i].lastName}`.trim() : '?', email: people[i]?.email ?? '', contacts: r.contacts ?? [] }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    return { rows, sessions };
  }, [workshop.id]);
  const write = useWrite('registrations', (ctx, recordId) => workshopConvocations(workshop.id, ctx, [recordId]));
  const noted = useNoted('registrations', workshop.id);
  if (!data) return null;
  const here = parisDateTime(new Date());
  const next = data.sessions.find((s) => s.start >= here);
  const run = async (build: (ctx: MailContext) => Promise<DraftBatch>) => {
    setBusy(true);
    await send(build);
    setBusy(false);
  };
  return (
    <section className="card" aria-labelledby={`${id}-mail`} style={{ marginBottom: '1rem' }}>
      <h3 id={`${id}-mail`} style={{ marginTop: 0 }}>
        {t('agenda.tools.title')}
      </h3>
      <p className="muted">{t('agenda.tools.hint')}</p>
      <div className="toolbar" style={{ marginBottom: '0.75rem' }}>
        <button type="button" className="btn btn-primary" disabled={busy || data.rows.length === 0} onClick={() => void run((ctx) => workshopConvocations(workshop.id, ctx))}>
          {t('agenda.tools.convokeAll', { count: data.rows.length })}
        </button>
        {next ? (
          <button type="button" className="btn" disabled={busy || data.rows.length === 0} onClick={() => void run((ctx) => workshopReminders(next.id, ctx))}>
            {t('agenda.tools.remind', { when: whenText(t, locale, next.start), count: data.rows.length })}
          </button>
        ) : null}
      </div>
      {data.rows.length === 0 ? <p className="muted">{t('agenda.tools.nobody')}</p> : <SentTable rows={data.rows} convocationSubject={workshop.id} reminderSubject={next?.id ?? null} onWrite={(row) => void write(row)} onNoted={(row) => void noted(row)} />}
    </section>
  );
}

export function ModuleMailTools({ module, sessions }: { module: CohortModule; sessions: readonly ModuleSession[] }) {
  const { t, locale } = useI18n();
  const id = useId();
  const send = useSendDrafts();
  const [busy, setBusy] = useState(false);
  const rows = useLiveQuery(async () => {
    const db = getDb();
    const enrolments = (await db.enrolments.where('cohortId').equals(module.cohortId).toArray()).filter((e: Enrolment) => e.deletedAt === null && e.status === 'en-cours');
    const people = await db.animators.bulkGet(enrolments.map((e) => e.animatorId));
    return enrolments
      .map((e, i): PersonRow => ({ recordId: e.id, name: people[i] ? `${people[i].firstName} ${people[i].lastName}` : '?', email: people[i]?.email ?? '', contacts: e.contacts ?? [] }))
      .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  }, [module.cohortId]);
  const write = useWrite('enrolments', (ctx, recordId) => moduleConvocations(module.id, ctx, [recordId]));
  const noted = useNoted('enrolments', module.id);
  if (!rows) return null;
  const here = parisDateTime(new Date());
  const next = [...sessions].sort((a, b) => `${a.date}T${a.start}`.localeCompare(`${b.date}T${b.start}`)).find((s) => `${s.date}T${s.start}` >= here);
  const run = async (build: (ctx: MailContext) => Promise<DraftBatch>) => {
    setBusy(true);
    await send(build);
    setBusy(false);
  };
  return (
    <details className="module-mail" style={{ marginTop: '0.75rem' }}>
      <summary id={`${id}-mail`}>{t('agenda.tools.title')}</summary>
      <p className="muted">{t('agenda.tools.hint')}</p>
      <div className="toolbar" style={{ marginBottom: '0.75rem' }}>
        <button type="button" className="btn btn-primary" disabled={busy || rows.length === 0 || sessions.length === 0} onClick={() => void run((ctx) => moduleConvocations(module.id, ctx))} aria-label={t('agenda.tools.convokeAllFor', { count: rows.length, title: module.title })}>
          {t('agenda.tools.convokeAll', { count: rows.length })}
        </button>
        {next ? (
          <button type="button" className="btn" disabled={busy || rows.length === 0} onClick={() => void run((ctx) => moduleReminders(next.id, ctx))}>
            {t('agenda.tools.remind', { when: whenText(t, locale, `${next.date}T${next.start}`), count: rows.length })}
          </button>
        ) : null}
      </div>
      {rows.length === 0 ? <p className="muted">{t('agenda.tools.nobody')}</p> : <SentTable rows={rows} convocationSubject={module.id} reminderSubject={next?.id ?? null} onWrite={(row) => void write(row)} onNoted={(row) => void noted(row)} />}
    </details>
  );
}

/** « Convoquer tous » for the promotion's next module: the module of its next half-day still to come. */
export function NextModuleConvoke({ modules, sessions, people }: { modules: readonly CohortModule[]; sessions: readonly ModuleSession[]; people: number }) {
  const { t } = useI18n();
  const send = useSendDrafts();
  const [busy, setBusy] = useState(false);
  const here = parisDateTime(new Date());
  const next = [...sessions].sort((a, b) => `${a.date}T${a.start}`.localeCompare(`${b.date}T${b.start}`)).find((s) => `${s.date}T${s.start}` >= here);
  const module = next ? modules.find((m) => m.id === next.moduleId) : undefined;
  if (!module || people === 0) return null;
  return (
    <button
      type="button"
      className="btn"
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void send((ctx) => moduleConvocations(module.id, ctx)).finally(() => setBusy(false));
      }}
    >
      {t('agenda.tools.convokeNext', { title: module.title, count: people })}
    </button>
  );
}

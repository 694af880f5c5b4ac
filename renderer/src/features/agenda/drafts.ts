/**
 * Batches of e-mail drafts, read from the database: the convocations of a workshop
 * or of a promotion module, the J-2 reminders of one session, the à froid follow-up
 * reminders. Each person with an address gets one `.eml` with the session's `.ics`
 * attached (none for follow-ups); people without an address are named, not drafted,
 * and are not recorded as contacted.
 */
import { getDb } from '../../db/database';
import type { ContactKind } from '../../domain/contacts';
import type { Evaluation } from '../../domain/workshops';
import type { Translate } from '../../i18n';
import { followUpMessage } from '../../shared/evaluation/FollowUpList';
import { cohortTitle } from '../promotions/labels';
import { getOrganisation, type Organisation } from '../settings/organisation';
import { buildCalendar } from '../workshops/ics';
import { listSessions } from '../workshops/registrations/queries';
import { isWalkIn, registeredSession } from './due';
import { buildEml, draftFileNames, ICS_ATTACHMENT_TYPE, isMailAddress, type DraftFile, type MailAddress } from './mail';
import { buildModuleCalendar } from './module-ics';
import { moduleConvocationText, moduleReminderText, workshopConvocationText, workshopReminderText, type MailText } from './texts';

export interface MailContext {
  t: Translate;
  locale: string;
  /** the person preparing the messages (profile name): signs when the organisation has no signatory */
  sender: string;
  now?: Date;
}

export interface DraftBatch {
  table: 'registrations' | 'enrolments' | 'evaluations';
  kind: ContactKind;
  /** workshop, module or session id the contact entries name */
  subjectId: string;
  files: DraftFile[];
  /** records drafted, in the order of `files` */
  recordIds: string[];
  /** people left out for want of an e-mail address */
  withoutAddress: string[];
  /** name of the zip when there are several files */
  zipName: string;
  /** one person's message, for a mailto: link */
  texts: (MailText & { to: string })[];
}

/** The organisation's address is the sender: without one, no draft can be written. */
export class MailSetupError extends Error {
  readonly key = 'agenda.mail.error.noSender' as const;
  constructor() {
    super('the organisation has no e-mail address');
  }
}

async function senderOf(ctx: MailContext): Promise<{ organisation: Organisation; from: MailAddress }> {
  const organisation = await getOrganisation();
  if (!isMailAddress(organisation.email)) throw new MailSetupError();
  return { organisation, from: { name: organisation.name || ctx.sender, addr: organisation.email } };
}

interface Recipient {
  recordId: string;
  name: string;
  email: string;
  /** per-session registration: the session chosen; null for the whole workshop */
  sessionId?: string | null;
}

type AttachmentOf = { fileName: string; content: string } | null | ((p: Recipient) => { fileName: string; content: string } | null);

function batch(base: Omit<DraftBatch, 'files' | 'recordIds' | 'withoutAddress' | 'texts'>, from: MailAddress, people: readonly Recipient[], compose: (p: Recipient) => MailText, attachmentOf: AttachmentOf, prefix: string, now: Date): DraftBatch {
  const withAddress = people.filter((p) => isMailAddress(p.email));
  const texts = withAddress.map((p) => ({ ...compose(p), to: p.email.trim() }));
  const names = draftFileNames(withAddress.map((p) => `${prefix} ${p.name}`));
  const files = withAddress.map((p, i) => {
    const attachment = typeof attachmentOf === 'function' ? attachmentOf(p) : attachmentOf;
    return {
      name: names[i]!,
      content: buildEml({ from, to: { name: p.name, addr: p.email }, subject: texts[i]!.subject, body: texts[i]!.body, date: now, attachments: attachment ? [{ ...attachment, contentType: ICS_ATTACHMENT_TYPE }] : [] }),
    };
  });
  return { ...base, files, recordIds: withAddress.map((p) => p.recordId), withoutAddress: people.filter((p) => !isMailAddress(p.email)).map((p) => p.name), texts };
}

const fullName = (p: { firstName: string; lastName: string }) => `${p.firstName} ${p.lastName}`.trim();

async function workshopRecipients(workshopId: string, onlyIds?: readonly string[]): Promise<Recipient[]> {
  const db = getDb();
  const regs = (await db.registrations.where('[workshopId+status]').equals([workshopId, 'inscrit']).toArray()).filter((r) => r.deletedAt === null && !isWalkIn(r) && (!onlyIds || onlyIds.includes(r.id)));
  const people = await db.providers.bulkGet(regs.map((r) => r.personId));
  return regs.map((r, i) => ({ recordId: r.id, name: people[i] ? fullName(people[i]) : '?', email: people[i]?.email ?? '', sessionId: registeredSession(r) })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** « Convoquer tous »: every person registered (or only `onlyIds`) gets the convocation with the workshop's sessions as .ics. */
export async function workshopConvocations(workshopId: string, ctx: MailContext, onlyIds?: readonly string[]): Promise<DraftBatch> {
  const workshop = await getDb().workshops.get(workshopId);
  if (!workshop) throw new Error('workshop not found');
  const { organisation, from } = await senderOf(ctx);
  const sessions = (await listSessions(workshopId)).filter((s) => !s.cancelled);
  // a person registered for one session is convoked to that session only
  const sessionsOf = (p: Recipient) => (p.sessionId ? sessions.filter((s) => s.id === p.sessionId) : sessions);
  const people = await workshopRecipients(workshopId, onlyIds);
  return batch(
    { table: 'registrations', kind: 'convocation', subjectId: workshopId, zipName: `${ctx.t('agenda.mail.file.convocations')} ${workshop.title}` },
    from,
    people,
    (p) => workshopConvocationText(ctx.t, ctx.locale, { workshop, sessions: sessionsOf(p), name: p.name, organisation, sender: ctx.sender }),
    (p) => ({ fileName: 'atelier.ics', content: buildCalendar(sessionsOf(p).map((session) => ({ workshop, session })), workshop.title) }),
    ctx.t('agenda.mail.file.convocation'),
    ctx.now ?? new Date(),
  );
}

/** The J-2 reminder of one workshop session, with that session's .ics. */
export async function workshopReminders(sessionId: string, ctx: MailContext, onlyIds?: readonly string[]): Promise<DraftBatch> {
  const db = getDb();
  const session = await db.sessions.get(sessionId);
  const workshop = session ? await db.workshops.get(session.workshopId) : undefined;
  if (!session || !workshop) throw new Error('session not found');
  const { organisation, from } = await senderOf(ctx);
  const people = (await workshopRecipients(workshop.id, onlyIds)).filter((p) => !p.sessionId || p.sessionId === sessionId);
  return batch(
    { table: 'registrations', kind: 'rappel', subjectId: sessionId, zipName: `${ctx.t('agenda.mail.file.reminders')} ${workshop.title}` },
    from,
    people,
    (p) => workshopReminderText(ctx.t, ctx.locale, { workshop, session, name: p.name, organisation, sender: ctx.sender }),
    { fileName: 'atelier.ics', content: buildCalendar([{ workshop, session }], workshop.title) },
    ctx.t('agenda.mail.file.reminder'),
    ctx.now ?? new Date(),
  );
}

async function moduleContext(moduleId: string) {
  const db = getDb();
  const module = await db.modules.get(moduleId);
  const cohort = module ? await db.cohorts.get(module.cohortId) : undefined;
  if (!module || !cohort) throw new Error('module not found');
  const sessions = (await db.moduleSessions.where('moduleId').equals(moduleId).toArray()).filter((s) => s.deletedAt === null).sort((a, b) => `${a.date}T${a.start}`.localeCompare(`${b.date}T${b.start}`));
  return { module, cohort, sessions };
}

/** People of the promotion still following it (en cours), or only `onlyIds`; those who left before `day` are not written to. */
async function cohortRecipients(cohortId: string, day: string, onlyIds?: readonly string[]): Promise<Recipient[]> {
  const db = getDb();
  const enrolments = (await db.enrolments.where('cohortId').equals(cohortId).toArray()).filter(
    (e) => e.deletedAt === null && e.status === 'en-cours' && (!e.withdrawnAt || e.withdrawnAt > day) && (!onlyIds || onlyIds.includes(e.id)),
  );
  const people = await db.animators.bulkGet(enrolments.map((e) => e.animatorId));
  return enrolments.map((e, i) => ({ recordId: e.id, name: people[i] ? fullName(people[i]) : '?', email: people[i]?.email ?? '' })).sort((a, b) => a.name.localeCompare(b.name, 'fr'));
}

/** « Convoquer tous » for a module: each person following the promotion, with the module's half-days as .ics. */
export async function moduleConvocations(moduleId: string, ctx: MailContext, onlyIds?: readonly string[]): Promise<DraftBatch> {
  const { module, cohort, sessions } = await moduleContext(moduleId);
  const { organisation, from } = await senderOf(ctx);
  const cohortName = cohortTitle(ctx.t, cohort);
  const people = await cohortRecipients(cohort.id, sessions[0]?.date ?? '', onlyIds);
  return batch(
    { table: 'enrolments', kind: 'convocation', subjectId: moduleId, zipName: `${ctx.t('agenda.mail.file.convocations')} ${module.title}` },
    from,
    people,
    (p) => moduleConvocationText(ctx.t, ctx.locale, { cohort, module, sessions, name: p.name, organisation, sender: ctx.sender }),
    { fileName: 'module.ics', content: buildModuleCalendar({ cohort, module, sessions, cohortName }) },
    ctx.t('agenda.mail.file.convocation'),
    ctx.now ?? new Date(),
  );
}

/** The J-2 reminder of one module session. */
export async function moduleReminders(sessionId: string, ctx: MailContext, onlyIds?: readonly string[]): Promise<DraftBatch> {
  const session = await getDb().moduleSessions.get(sessionId);
  if (!session) throw new Error('session not found');
  const { module, cohort } = await moduleContext(session.moduleId);
  const { organisation, from } = await senderOf(ctx);
  const people = await cohortRecipients(cohort.id, session.date, onlyIds);
  return batch(
    { table: 'enrolments', kind: 'rappel', subjectId: sessionId, zipName: `${ctx.t('agenda.mail.file.reminders')} ${module.title}` },
    from,
    people,
    (p) => moduleReminderText(ctx.t, ctx.locale, { cohort, module, session, name: p.name, organisation, sender: ctx.sender }),
    { fileName: 'module.ics', content: buildModuleCalendar({ cohort, module, sessions: [session], cohortName: cohortTitle(ctx.t, cohort) }) },
    ctx.t('agenda.mail.file.reminder'),
    ctx.now ?? new Date(),
  );
}

/** À froid follow-up reminders (the questions in the text, no attachment), for the given follow-ups. */
export async function followUpReminders(evaluationIds: readonly string[], ctx: MailContext): Promise<DraftBatch> {
  const db = getDb();
  const { from } = await senderOf(ctx);
  const rows = (await db.evaluations.bulkGet([...evaluationIds])).filter((e): e is Evaluation => e !== undefined && e.deletedAt === null && e.kind === 'froid');
  const providerIds = rows.filter((r) => r.context === 'workshop').map((r) => r.personId ?? '');
  const animatorIds = rows.filter((r) => r.context !== 'workshop').map((r) => r.personId ?? '');
  const [providers, animators, workshops, modules, cohorts] = await Promise.all([
    db.providers.bulkGet(providerIds),
    db.animators.bulkGet(animatorIds),
    db.workshops.bulkGet(rows.filter((r) => r.context === 'workshop').map((r) => r.subjectId)),
    db.modules.bulkGet(rows.filter((r) => r.context === 'module').map((r) => r.subjectId)),
    db.cohorts.bulkGet(rows.filter((r) => r.context === 'cohort').map((r) => r.subjectId)),
  ]);
  const people = new Map<string, { name: string; email: string }>();
  for (const p of [...providers, ...animators]) if (p) people.set(p.id, { name: fullName(p), email: p.email });
  const subjects = new Map<string, string>();
  for (const w of workshops) if (w) subjects.set(w.id, w.title);
  for (const m of modules) if (m) subjects.set(m.id, m.title);
  for (const c of cohorts) if (c) subjects.set(c.id, cohortTitle(ctx.t, c));
  const recipients = rows.map((r) => ({ recordId: r.id, subject: subjects.get(r.subjectId) ?? '—', ...(people.get(r.personId ?? '') ?? { name: '?', email: '' }) }));
  const bySubject = new Map(recipients.map((r) => [r.recordId, r.subject]));
  return batch(
    { table: 'evaluations', kind: 'relance', subjectId: rows[0]?.subjectId ?? '', zipName: ctx.t('agenda.mail.file.followUps') },
    from,
    recipients,
    (p) => followUpMessage(ctx.t, { name: p.name, subject: bySubject.get(p.recordId) ?? '—' }),
    null,
    ctx.t('agenda.mail.file.followUp'),
    ctx.now ?? new Date(),
  );
}

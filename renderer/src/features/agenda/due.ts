/**
 * « À faire »: what the person should do now, for their role. An ANT (animateur)
 * runs workshops: next sessions, sign-in sheets left incomplete, convocations and
 * J-2 reminders not sent, à froid follow-ups due, people waiting for a place. A
 * trainer runs promotions: the same for module sessions, plus the people at risk.
 * Both see the state of the backups.
 *
 * Every read goes through an index over a bounded window of dates (sessions by
 * `start`/`date`, registrations by `[workshopId+status]`, enrolments by `cohortId`,
 * attendance by `sessionId`, follow-ups by `dueDate`, cohorts by `status`), and
 * people are read by id only for the few lines that name them: nothing here walks
 * the registry, so the page stays fast at national size (100,000 people).
 *
 * Dates are judged in Paris wall-clock time (domain/date-rules): a half-day counts
 * as held only once started, and a message dated in the future counts as not sent.
 */
import { getDb, type FourmiliereDatabase } from '../../db/database';
import type { Profile } from '../../db/settings';
import type { Enrolment, ModuleSession } from '../../domain/cohorts';
import type { HalfDay } from '../../domain/common';
import { lastContact } from '../../domain/contacts';
import { moduleSlot, parisDateTime, parisToday, workshopSlot, type Slot } from '../../domain/date-rules';
import type { Registration, Workshop, WorkshopSession } from '../../domain/workshops';
import { halfDaysOf } from '../../shared/attendance/repository';
import { addDays } from '../../shared/evaluation/repository';
import { buildGrid, heldSessionIds, personProgress, type RiskReason } from '../promotions/progress';

export type Role = Profile['role'];

/** How far each list looks, in days. */
export const WINDOWS = {
  /** next sessions shown */
  next: 14,
  /** convocations are due for sessions starting within this many days */
  convocation: 45,
  /** the J-2 reminder: from two days before the session until it starts */
  reminder: 2,
  /** incomplete sheets are looked for in sessions this recent */
  sheets: 60,
  /** follow-ups older than this are no longer pushed */
  followUps: 365,
  /** waiting lists of workshops within this many days */
  waiting: 90,
} as const;

/** A backup older than this is flagged (the browser has no automatic copies). */
export const BACKUP_STALE_DAYS = 7;
const LIMIT = 8;

export interface NextSession {
  kind: 'workshop' | 'module';
  sessionId: string;
  /** workshop id, or cohort id */
  parentId: string;
  title: string;
  /** YYYY-MM-DDTHH:mm, Paris */
  start: string;
  end: string;
  people: number;
}

export interface IncompleteSheet {
  kind: 'workshop' | 'module';
  sessionId: string;
  parentId: string;
  title: string;
  date: string;
  halfDay: HalfDay;
  /** expected people with no mark for that half-day */
  missing: number;
}

export interface MessagesDue {
  kind: 'workshop' | 'module';
  /** the workshop, or the module (convocations) / module session (reminders) */
  subjectId: string;
  /** workshop id, or cohort id */
  parentId: string;
  title: string;
  /** first session concerned, YYYY-MM-DDTHH:mm */
  start: string;
  /** registrations or enrolments without the message */
  recordIds: string[];
}

export interface FollowUpsDue {
  context: 'workshop' | 'module' | 'cohort';
  subjectId: string;
  /** cohort id for module and cohort follow-ups, else the workshop id */
  parentId: string;
  title: string;
  count: number;
  oldestDue: string;
  /** the follow-ups (evaluations) due */
  recordIds: string[];
}

export interface AtRisk {
  cohortId: string;
  title: string;
  people: { enrolmentId: string; animatorId: string; name: string; risks: RiskReason[] }[];
}

export interface Waiting {
  workshopId: string;
  title: string;
  start: string;
  waiting: number;
  placesLeft: number;
}

export type BackupState =
  | { kind: 'desktop'; newest: string | null; stale: boolean }
  | { kind: 'browser'; lastManual: string | null; stale: boolean };

export interface DueList {
  role: Role;
  nextSessions: NextSession[];
  incompleteSheets: IncompleteSheet[];
  convocations: MessagesDue[];
  reminders: MessagesDue[];
  followUps: FollowUpsDue[];
  atRisk: AtRisk[];
  waiting: Waiting[];
}

/** How a promotion is named on the lines: the screen passes its own (« Promotion n° 12 — Jimdo »). */
export type CohortNamer = (c: { number: number; nickname: string }) => string;
const plainCohortName: CohortNamer = (c) => (c.nickname ? `${c.number} — ${c.nickname}` : String(c.number));

const alive = <T extends { deletedAt: string | null }>(rows: readonly (T | undefined)[]): T[] => rows.filter((r): r is T => r !== undefined && r.deletedAt === null);

const endOf = (slot: Slot) => `${slot.date}T${slot.end}`;

// ---------- workshops (the ANT's side) ----------

interface WorkshopWindow {
  sessions: WorkshopSession[];
  workshops: Map<string, Workshop>;
}

/** Sessions starting between two days (inclusive), with their live, scheduled workshops. */
async function workshopSessions(db: FourmiliereDatabase, from: string, to: string): Promise<WorkshopWindow> {
  const sessions = alive(await db.sessions.where('start').between(`${from}T00:00`, `${to}T23:59`, true, true).toArray()).filter((s) => !s.cancelled);
  const ids = [...new Set(sessions.map((s) => s.workshopId))];
  const workshops = new Map(alive(await db.workshops.bulkGet(ids)).filter((w) => !w.isTemplate && w.status !== 'annule' && w.status !== 'brouillon').map((w) => [w.id, w]));
  return { sessions: sessions.filter((s) => workshops.has(s.workshopId)).sort((a, b) => a.start.localeCompare(b.start)), workshops };
}

/** Registrations of some workshops with some statuses, through the [workshopId+status] index. */
async function registrationsOf(db: FourmiliereDatabase, workshopIds: readonly string[], statuses: Registration['status'][]): Promise<Map<string, Registration[]>> {
  const keys = workshopIds.flatMap((id) => statuses.map((s) => [id, s] as [string, string]));
  const rows = keys.length > 0 ? alive(await db.registrations.where('[workshopId+status]').anyOf(keys).toArray()) : [];
  const by = new Map<string, Registration[]>();
  for (const r of rows) by.set(r.workshopId, [...(by.get(r.workshopId) ?? []), r]);
  return by;
}

/**
 * The session a registration is for when the workshop takes registrations session by
 * session, or null for the whole workshop (a cycle). Walk-ins (« sur place ») are counted
 * apart from the capacity.
 */
export const registeredSession = (r: Registration): string | null => (r as Registration & { sessionId?: string | null }).sessionId ?? null;
export const isWalkIn = (r: Registration) => (r as Registration & { walkIn?: boolean }).walkIn === true;

async function workshopDue(db: FourmiliereDatabase, now: Date): Promise<Omit<DueList, 'role' | 'atRisk'>> {
  const today = parisToday(now);
  const here = parisDateTime(now);
  const windowed = await workshopSessions(db, addDays(today, -WINDOWS.sheets), addDays(today, Math.max(WINDOWS.convocation, WINDOWS.waiting)));
  const { sessions, workshops } = windowed;
  const upcoming = sessions.filter((s) => s.start >= here);
  const past = sessions.filter((s) => s.start < here);
  const registered = await registrationsOf(db, [...new Set(sessions.map((s) => s.workshopId))], ['inscrit', 'excuse', 'attente']);
  const ofStatus = (workshopId: string, ...statuses: Registration['status'][]) => (registered.get(workshopId) ?? []).filter((r) => statuses.includes(r.status));
  /** people registered for this session: the whole workshop's, and the session's own */
  const expectedAt = (s: WorkshopSession, status: Registration['status'] = 'inscrit') => ofStatus(s.workshopId, status).filter((r) => registeredSession(r) === null || registeredSession(r) === s.id);
  const titleOf = (id: string) => workshops.get(id)?.title ?? '';

  const nextSessions: NextSession[] = upcoming
    .filter((s) => s.start.slice(0, 10) <= addDays(today, WINDOWS.next))
    .slice(0, LIMIT)
    .map((s) => ({ kind: 'workshop', sessionId: s.id, parentId: s.workshopId, title: titleOf(s.workshopId), start: s.start, end: s.end, people: expectedAt(s).length }));

  // half-days over, people registered, some without a mark
  const ended = past.flatMap((s) => halfDaysOf(s.start, s.end).map((halfDay) => ({ s, halfDay, slot: workshopSlot(s, halfDay) }))).filter((x) => endOf(x.slot) <= here);
  const marks = ended.length > 0 ? alive(await db.attendance.where('sessionId').anyOf([...new Set(ended.map((x) => x.s.id))]).toArray()) : [];
  const incompleteSheets: IncompleteSheet[] = [];
  for (const { s, halfDay, slot } of ended) {
    const expected = expectedAt(s).map((r) => r.personId);
    const marked = new Set(marks.filter((m) => m.context === 'workshop' && m.sessionId === s.id && m.halfDay === halfDay && m.role === 'participant' && m.status !== null).map((m) => m.personId));
    const missing = expected.filter((p) => !marked.has(p)).length;
    if (missing > 0) incompleteSheets.push({ kind: 'workshop', sessionId: s.id, parentId: s.workshopId, title: titleOf(s.workshopId), date: slot.date, halfDay, missing });
  }

  // one convocation per registration, before the first of its sessions still to come
  const convocations: MessagesDue[] = [];
  const soon = upcoming.filter((x) => x.start.slice(0, 10) <= addDays(today, WINDOWS.convocation));
  const soonIds = new Set(soon.map((x) => x.id));
  const seen = new Set<string>();
  for (const s of soon) {
    if (seen.has(s.workshopId)) continue;
    seen.add(s.workshopId);
    // people who came on the day without registering are not convoked
    const without = ofStatus(s.workshopId, 'inscrit').filter((r) => !isWalkIn(r) && (registeredSession(r) === null || soonIds.has(registeredSession(r)!)) && !lastContact(r.contacts, 'convocation', s.workshopId, now));
    if (without.length > 0) convocations.push({ kind: 'workshop', subjectId: s.workshopId, parentId: s.workshopId, title: titleOf(s.workshopId), start: s.start, recordIds: without.map((r) => r.id) });
  }

  // the J-2 reminder of each session starting within two days
  const reminders: MessagesDue[] = [];
  for (const s of upcoming.filter((x) => x.start.slice(0, 10) <= addDays(today, WINDOWS.reminder))) {
    const without = expectedAt(s).filter((r) => !isWalkIn(r) && !lastContact(r.contacts, 'rappel', s.id, now));
    if (without.length > 0) reminders.push({ kind: 'workshop', subjectId: s.id, parentId: s.workshopId, title: titleOf(s.workshopId), start: s.start, recordIds: without.map((r) => r.id) });
  }

  // waiting lists: the whole workshop's (shown at its next session) and each session's own
  const waiting: Waiting[] = [];
  const seenWaiting = new Set<string>();
  for (const s of upcoming) {
    const w = workshops.get(s.workshopId)!;
    const placesFor = (key: string | null) => Math.max(0, w.capacity - ofStatus(w.id, 'inscrit').filter((r) => registeredSession(r) === key && !isWalkIn(r)).length);
    const cycle = seenWaiting.has(w.id) ? [] : ofStatus(w.id, 'attente').filter((r) => registeredSession(r) === null);
    seenWaiting.add(w.id);
    if (cycle.length > 0) waiting.push({ workshopId: w.id, title: w.title, start: s.start, waiting: cycle.length, placesLeft: placesFor(null) });
    const own = ofStatus(w.id, 'attente').filter((r) => registeredSession(r) === s.id);
    if (own.length > 0) waiting.push({ workshopId: w.id, title: w.title, start: s.start, waiting: own.length, placesLeft: placesFor(s.id) });
  }

  return { nextSessions, incompleteSheets, convocations: convocations.slice(0, LIMIT), reminders: reminders.slice(0, LIMIT), followUps: await followUpsDue(db, now, ['workshop']), waiting: waiting.slice(0, LIMIT) };
}

// ---------- promotions (the trainer's side) ----------

/** Enrolments expected at a session: enrolled, still following, not gone before that day. */
function expectedAt(enrolments: readonly Enrolment[], date: string): Enrolment[] {
  return enrolments.filter((e) => e.status !== 'abandon' && (!e.withdrawnAt || e.withdrawnAt > date));
}

async function cohortDue(db: FourmiliereDatabase, now: Date, nameOf: CohortNamer): Promise<Omit<DueList, 'role' | 'waiting'>> {
  const today = parisToday(now);
  const here = parisDateTime(now);
  const sessions = alive(await db.moduleSessions.where('date').between(addDays(today, -WINDOWS.sheets), addDays(today, WINDOWS.convocation), true, true).toArray());
  const startOf = (s: ModuleSession) => `${s.date}T${s.start}`;
  const inOrderSessions = [...sessions].sort((a, b) => startOf(a).localeCompare(startOf(b)));
  const cohortIds = [...new Set(sessions.map((s) => s.cohortId))];
  const [cohortRows, moduleRows] = await Promise.all([db.cohorts.bulkGet(cohortIds), db.modules.bulkGet([...new Set(sessions.map((s) => s.moduleId))])]);
  const cohorts = new Map(alive(cohortRows).map((c) => [c.id, c]));
  const modules = new Map(alive(moduleRows).map((m) => [m.id, m]));
  const live = inOrderSessions.filter((s) => cohorts.has(s.cohortId) && modules.has(s.moduleId));
  const enrolments = new Map<string, Enrolment[]>();
  for (const id of cohortIds) enrolments.set(id, alive(await db.enrolments.where('cohortId').equals(id).toArray()));
  const cohortName = (id: string) => {
    const c = cohorts.get(id);
    return c ? nameOf(c) : '';
  };
  const titleOf = (s: ModuleSession) => `${modules.get(s.moduleId)?.title ?? ''} · ${cohortName(s.cohortId)}`;
  const upcoming = live.filter((s) => startOf(s) >= here);

  const nextSessions: NextSession[] = upcoming
    .filter((s) => s.date <= addDays(today, WINDOWS.next))
    .slice(0, LIMIT)
    .map((s) => ({ kind: 'module', sessionId: s.id, parentId: s.cohortId, title: titleOf(s), start: startOf(s), end: `${s.date}T${s.end}`, people: expectedAt(enrolments.get(s.cohortId) ?? [], s.date).length }));

  const ended = live.filter((s) => endOf(moduleSlot(s)) <= here);
  const marks = ended.length > 0 ? alive(await db.attendance.where('sessionId').anyOf(ended.map((s) => s.id)).toArray()) : [];
  const incompleteSheets: IncompleteSheet[] = [];
  for (const s of ended) {
    const marked = new Set(marks.filter((m) => m.context === 'module' && m.sessionId === s.id && m.halfDay === s.halfDay && m.role === 'participant' && m.status !== null).map((m) => m.personId));
    const missing = expectedAt(enrolments.get(s.cohortId) ?? [], s.date).filter((e) => !marked.has(e.animatorId)).length;
    if (missing > 0) incompleteSheets.push({ kind: 'module', sessionId: s.id, parentId: s.cohortId, title: titleOf(s), date: s.date, halfDay: s.halfDay, missing });
  }

  // a convocation per enrolment and module, before the module's next session
  const convocations: MessagesDue[] = [];
  const seen = new Set<string>();
  for (const s of upcoming) {
    if (seen.has(s.moduleId)) continue;
    seen.add(s.moduleId);
    const without = expectedAt(enrolments.get(s.cohortId) ?? [], s.date).filter((e) => e.status === 'en-cours' && !lastContact(e.contacts, 'convocation', s.moduleId, now));
    if (without.length > 0) convocations.push({ kind: 'module', subjectId: s.moduleId, parentId: s.cohortId, title: titleOf(s), start: startOf(s), recordIds: without.map((e) => e.id) });
  }

  const reminders: MessagesDue[] = [];
  for (const s of upcoming.filter((x) => x.date <= addDays(today, WINDOWS.reminder))) {
    const without = expectedAt(enrolments.get(s.cohortId) ?? [], s.date).filter((e) => e.status === 'en-cours' && !lastContact(e.contacts, 'rappel', s.id, now));
    if (without.length > 0) reminders.push({ kind: 'module', subjectId: s.id, parentId: s.cohortId, title: titleOf(s), start: startOf(s), recordIds: without.map((e) => e.id) });
  }

  return { nextSessions, incompleteSheets, convocations: convocations.slice(0, LIMIT), reminders: reminders.slice(0, LIMIT), followUps: await followUpsDue(db, now, ['module', 'cohort'], nameOf), atRisk: await atRisk(db, now, nameOf) };
}

/** People flagged by the promotion's own rule (progress.ts), in the promotions running now. */
async function atRisk(db: FourmiliereDatabase, now: Date, nameOf: CohortNamer): Promise<AtRisk[]> {
  const cohorts = alive(await db.cohorts.where('status').equals('en-cours').toArray()).sort((a, b) => a.startDate.localeCompare(b.startDate));
  const out: AtRisk[] = [];
  for (const cohort of cohorts) {
    const [sessions, enrolments] = await Promise.all([db.moduleSessions.where('cohortId').equals(cohort.id).toArray(), db.enrolments.where('cohortId').equals(cohort.id).toArray()]);
    const liveSessions = alive(sessions);
    const liveEnrolments = alive(enrolments);
    if (liveSessions.length === 0 || liveEnrolments.length === 0) continue;
    const rows = alive(await db.attendance.where('sessionId').anyOf(liveSessions.map((s) => s.id)).toArray()).filter((r) => r.context === 'module');
    const grid = buildGrid(liveSessions, rows);
    const held = heldSessionIds(liveSessions, grid, now);
    const flagged = liveEnrolments.map((e) => ({ e, p: personProgress(e, liveSessions, grid, held, cohort.riskThresholdPercent) })).filter((x) => x.p.risks.length > 0);
    if (flagged.length === 0) continue;
    const people = await db.animators.bulkGet(flagged.map((x) => x.e.animatorId));
    out.push({
      cohortId: cohort.id,
      title: nameOf(cohort),
      people: flagged
        .map((x, i) => ({ enrolmentId: x.e.id, animatorId: x.e.animatorId, name: people[i] ? `${people[i].firstName} ${people[i].lastName}` : '?', risks: x.p.risks }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    });
  }
  return out;
}

/**
 * À froid follow-ups due and not answered, for which no reminder was sent since
 * they fell due (a reminder dated in the future does not count).
 */
async function followUpsDue(db: FourmiliereDatabase, now: Date, contexts: readonly FollowUpsDue['context'][], nameOf: CohortNamer = plainCohortName): Promise<FollowUpsDue[]> {
  const today = parisToday(now);
  const limit = now.toISOString();
  const rows = alive(await db.evaluations.where('dueDate').between(addDays(today, -WINDOWS.followUps), today, true, true).toArray()).filter(
    (e) => e.kind === 'froid' && e.submittedAt === null && contexts.includes(e.context) && !e.remindersSent.some((at) => at <= limit && at.slice(0, 10) >= (e.dueDate ?? '')),
  );
  const groups = new Map<string, FollowUpsDue>();
  for (const e of rows) {
    const g = groups.get(e.subjectId);
    if (g) {
      g.count++;
      g.recordIds.push(e.id);
      if ((e.dueDate ?? '') < g.oldestDue) g.oldestDue = e.dueDate ?? '';
    } else groups.set(e.subjectId, { context: e.context, subjectId: e.subjectId, parentId: e.subjectId, title: '', count: 1, oldestDue: e.dueDate ?? '', recordIds: [e.id] });
  }
  const list = [...groups.values()];
  const [workshops, modules, cohorts] = await Promise.all([
    db.workshops.bulkGet(list.filter((g) => g.context === 'workshop').map((g) => g.subjectId)),
    db.modules.bulkGet(list.filter((g) => g.context === 'module').map((g) => g.subjectId)),
    db.cohorts.bulkGet(list.filter((g) => g.context === 'cohort').map((g) => g.subjectId)),
  ]);
  const titles = new Map<string, { title: string; parentId: string }>();
  for (const w of alive(workshops)) titles.set(w.id, { title: w.title, parentId: w.id });
  for (const m of alive(modules)) titles.set(m.id, { title: m.title, parentId: m.cohortId });
  for (const c of alive(cohorts)) titles.set(c.id, { title: nameOf(c), parentId: c.id });
  return list
    .filter((g) => titles.has(g.subjectId))
    .map((g) => ({ ...g, ...titles.get(g.subjectId)! }))
    .sort((a, b) => a.oldestDue.localeCompare(b.oldestDue))
    .slice(0, LIMIT);
}

/** What is due now for this role. */
export async function computeDue(role: Role, now = new Date(), db: FourmiliereDatabase = getDb(), cohortName: CohortNamer = plainCohortName): Promise<DueList> {
  if (role === 'formateur') return { role, waiting: [], ...(await cohortDue(db, now, cohortName)) };
  return { role, atRisk: [], ...(await workshopDue(db, now)) };
}

/**
 * The backups line. On the desktop the app writes daily copies itself: stale when
 * the newest of this machine's copies is older than two days. In a browser only a
 * person's own downloads count: stale after BACKUP_STALE_DAYS.
 */
export function backupState(input: { desktop: boolean; newestAutomatic: string | null; lastManual: string | null }, now = new Date()): BackupState {
  const olderThan = (iso: string | null, days: number) => !iso || now.getTime() - Date.parse(iso) > days * 24 * 3600_000;
  if (input.desktop) {
    const newest = [input.newestAutomatic, input.lastManual].filter((x): x is string => !!x).sort().at(-1) ?? null;
    return { kind: 'desktop', newest, stale: olderThan(newest, 2) };
  }
  return { kind: 'browser', lastManual: input.lastManual, stale: olderThan(input.lastManual, BACKUP_STALE_DAYS) };
}

/** Nothing to do on the list (the backups line aside). */
export function isEmpty(due: DueList): boolean {
  return due.nextSessions.length + due.incompleteSheets.length + due.convocations.length + due.reminders.length + due.followUps.length + due.atRisk.length + due.waiting.length === 0;
}

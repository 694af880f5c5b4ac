/**
 * The activity report: workshops held over a period and a territory, with their
 * sessions, hours, participants, attendance rate and satisfaction, broken down by
 * theme and by commune, and the participants by business type and by their own
 * commune (what funders ask). A session counts as held only when its attendance
 * was taken (someone marked present, absent or excused, or a signature); its
 * workshop's satisfaction answers count only when given on or after the first
 * such session of the period, so answers of a workshop still to come are never
 * averaged in. `computeReport` is pure; `loadReport` reads the tables.
 */
import { getDb } from '../../db/database';
import type { Attendance } from '../../domain/attendance';
import type { Provider } from '../../domain/people';
import type { Evaluation, Registration, Workshop, WorkshopSession } from '../../domain/workshops';
import { expectedAt, isWalkIn } from './registrations/rules';
import { listWorkshops } from './queries';
import { departmentOfInsee, sessionMinutes } from './rules';

export type Territory = { kind: 'all' } | { kind: 'department'; code: string } | { kind: 'commune'; insee: string };

export interface ReportInput {
  workshops: readonly Workshop[];
  sessions: readonly WorkshopSession[];
  registrations: readonly Registration[];
  attendance: readonly Attendance[];
  evaluations: readonly Evaluation[];
  /** the people present, for the breakdown by business type and commune */
  people?: readonly Provider[];
}

export interface ReportFigures {
  workshops: number;
  sessions: number;
  minutes: number;
  /** distinct people present at least once */
  people: number;
  /** (session, person) pairs present, walk-ins included */
  attendances: number;
  /** registered people expected, summed over sessions */
  expected: number;
  /** of those, the ones present */
  attendedRegistered: number;
  /** attendedRegistered / expected, null without anyone expected */
  rate: number | null;
  satisfaction: number | null;
  satisfactionCount: number;
}

export interface ReportRow extends ReportFigures {
  key: string;
  label: string;
}

/** Participants of one business type or one commune: distinct people and attendances. */
export interface PeopleRow {
  key: string;
  label: string;
  people: number;
  attendances: number;
}

export interface Report {
  totals: ReportFigures;
  byTheme: ReportRow[];
  byCommune: ReportRow[];
  byBusinessType: PeopleRow[];
  byPeopleCommune: PeopleRow[];
  /** sessions of the period, already past, whose attendance was never taken: not counted */
  unrecorded: number;
}

/** Sessions whose attendance was taken: at least one participant marked, or a signature. */
export function recordedSessionIds(attendance: readonly Attendance[]): Set<string> {
  return new Set(attendance.filter((a) => a.deletedAt === null && a.role === 'participant' && (a.status !== null || a.signature !== null)).map((a) => a.sessionId));
}

/** The overall satisfaction question of the default set (shared/evaluation/defaults.ts). */
export const SATISFACTION_QUESTION = 'satisfaction';

export function inTerritory(w: Pick<Workshop, 'place'>, territory: Territory): boolean {
  if (territory.kind === 'all') return true;
  if (territory.kind === 'commune') return w.place.communeInsee === territory.insee;
  return departmentOfInsee(w.place.communeInsee) === territory.code;
}

function figures(input: ReportInput, workshopIds: ReadonlySet<string>): ReportFigures {
  const recorded = recordedSessionIds(input.attendance);
  const sessions = input.sessions.filter((s) => workshopIds.has(s.workshopId) && recorded.has(s.id));
  const sessionIds = new Set(sessions.map((s) => s.id));
  // people expected at each session: the whole workshop's, or that session's (walk-ins were not expected)
  const registered = new Map<string, Set<string>>();
  for (const s of sessions) registered.set(s.id, new Set());
  for (const r of input.registrations) {
    if (r.status !== 'inscrit' || r.deletedAt !== null || isWalkIn(r) || !workshopIds.has(r.workshopId)) continue;
    for (const s of sessions) if (s.workshopId === r.workshopId && expectedAt(r, s.id)) registered.get(s.id)!.add(r.personId);
  }
  // present at either half-day counts once per session
  const present = new Map<string, Set<string>>();
  for (const a of input.attendance) {
    if (a.role !== 'participant' || a.status !== 'present' || a.deletedAt !== null || !sessionIds.has(a.sessionId)) continue;
    present.set(a.sessionId, (present.get(a.sessionId) ?? new Set()).add(a.personId));
  }
  const people = new Set<string>();
  let attendances = 0;
  let expected = 0;
  let attendedRegistered = 0;
  for (const s of sessions) {
    const here = present.get(s.id) ?? new Set<string>();
    const expectedHere = registered.get(s.id) ?? new Set<string>();
    attendances += here.size;
    expected += expectedHere.size;
    for (const p of here) {
      people.add(p);
      if (expectedHere.has(p)) attendedRegistered += 1;
    }
  }
  // an answer is about a session of the period only from the day of its workshop's first held session
  const firstHeld = new Map<string, string>();
  for (const s of sessions) if (!firstHeld.has(s.workshopId) || s.start < firstHeld.get(s.workshopId)!) firstHeld.set(s.workshopId, s.start);
  const scores = input.evaluations
    .filter((e) => e.context === 'workshop' && e.kind === 'chaud' && e.deletedAt === null && e.submittedAt !== null && firstHeld.has(e.subjectId) && e.submittedAt.slice(0, 10) >= firstHeld.get(e.subjectId)!.slice(0, 10))
    .map((e) => e.answers[SATISFACTION_QUESTION])
    .filter((v): v is number => typeof v === 'number');
  return {
    workshops: new Set(sessions.map((s) => s.workshopId)).size,
    sessions: sessions.length,
    minutes: sessions.reduce((sum, s) => sum + sessionMinutes(s), 0),
    people: people.size,
    attendances,
    expected,
    attendedRegistered,
    rate: expected > 0 ? attendedRegistered / expected : null,
    satisfaction: scores.length > 0 ? scores.reduce((a, b) => a + b, 0) / scores.length : null,
    satisfactionCount: scores.length,
  };
}

function breakdown(input: ReportInput, keyOf: (w: Workshop) => string, labelOf: (w: Workshop) => string): ReportRow[] {
  const groups = new Map<string, { label: string; ids: Set<string> }>();
  for (const w of input.workshops) {
    const key = keyOf(w);
    const group = groups.get(key) ?? { label: labelOf(w), ids: new Set<string>() };
    group.ids.add(w.id);
    groups.set(key, group);
  }
  return [...groups]
    .map(([key, g]) => ({ key, label: g.label, ...figures(input, g.ids) }))
    .filter((row) => row.sessions > 0)
    .sort((a, b) => b.attendances - a.attendances || a.label.localeCompare(b.label, 'fr'));
}

/** Participants present at the counted sessions, grouped by something of theirs (business type, commune). */
function peopleBreakdown(input: ReportInput, keyOf: (p: Provider | undefined) => string, labelOf: (p: Provider | undefined) => string): PeopleRow[] {
  const recorded = recordedSessionIds(input.attendance);
  const counted = new Set(input.sessions.filter((s) => recorded.has(s.id)).map((s) => s.id));
  const byId = new Map((input.people ?? []).map((p) => [p.id, p]));
  const pairs = new Set<string>();
  const groups = new Map<string, { label: string; people: Set<string>; attendances: number }>();
  for (const a of input.attendance) {
    if (a.role !== 'participant' || a.status !== 'present' || a.deletedAt !== null || !counted.has(a.sessionId)) continue;
    // either half-day counts once per session
    const pair = `${a.sessionId}|${a.personId}`;
    if (pairs.has(pair)) continue;
    pairs.add(pair);
    const person = byId.get(a.personId);
    const key = keyOf(person);
    const group = groups.get(key) ?? { label: labelOf(person), people: new Set<string>(), attendances: 0 };
    group.people.add(a.personId);
    group.attendances += 1;
    groups.set(key, group);
  }
  return [...groups].map(([key, g]) => ({ key, label: g.label, people: g.people.size, attendances: g.attendances })).sort((a, b) => b.people - a.people || a.label.localeCompare(b.label, 'fr'));
}

/** Input sessions must already be the held ones of the period; workshops those of the territory. */
export function computeReport(input: ReportInput, themeLabel: (theme: string) => string, businessTypeLabel: (type: string) => string = String, unknown = '—'): Report {
  const recorded = recordedSessionIds(input.attendance);
  return {
    totals: figures(input, new Set(input.workshops.map((w) => w.id))),
    byTheme: breakdown(input, (w) => w.theme, (w) => themeLabel(w.theme)),
    byCommune: breakdown(input, (w) => w.place.communeInsee || w.place.communeName, (w) => w.place.communeName || '—'),
    byBusinessType: peopleBreakdown(input, (p) => p?.businessType ?? '', (p) => (p ? businessTypeLabel(p.businessType) : unknown)),
    byPeopleCommune: peopleBreakdown(input, (p) => p?.communeInsee || p?.communeName || '', (p) => p?.communeName || unknown),
    unrecorded: input.sessions.filter((s) => !recorded.has(s.id)).length,
  };
}

/**
 * Held sessions of the period (not cancelled, not after `today`) of the territory's
 * workshops (not cancelled, not deleted), and what was recorded about them.
 */
export async function loadReport(from: string, to: string, territory: Territory, today: string): Promise<ReportInput> {
  const db = getDb();
  const workshops = (await listWorkshops({ from, to })).filter((w) => w.status !== 'annule' && inTerritory(w, territory));
  const ids = workshops.map((w) => w.id);
  const last = to < today ? to : today;
  const sessions = (await db.sessions.where('workshopId').anyOf(ids).toArray()).filter((s) => s.deletedAt === null && !s.cancelled && s.start.slice(0, 10) >= from && s.start.slice(0, 10) <= last);
  const sessionIds = sessions.map((s) => s.id);
  const [registrations, attendance, evaluations] = await Promise.all([
    db.registrations.where('workshopId').anyOf(ids).toArray(),
    db.attendance.where('sessionId').anyOf(sessionIds).filter((a) => a.context === 'workshop').toArray(),
    db.evaluations.where('subjectId').anyOf(ids).toArray(),
  ]);
  const presentIds = [...new Set(attendance.filter((a) => a.role === 'participant' && a.status === 'present').map((a) => a.personId))];
  const people = (await db.providers.bulkGet(presentIds)).filter((p): p is Provider => p !== undefined);
  return { workshops, sessions, registrations, attendance, evaluations, people };
}

/**
 * The activity report: workshops held over a period and a territory, with their
 * sessions, hours, participants, attendance rate and satisfaction, broken down by
 * theme and by commune. `computeReport` is pure; `loadReport` reads the tables.
 */
import { getDb } from '../../db/database';
import type { Attendance } from '../../domain/attendance';
import type { Evaluation, Registration, Workshop, WorkshopSession } from '../../domain/workshops';
import { listWorkshops } from './queries';
import { departmentOfInsee, sessionMinutes } from './rules';

export type Territory = { kind: 'all' } | { kind: 'department'; code: string } | { kind: 'commune'; insee: string };

export interface ReportInput {
  workshops: readonly Workshop[];
  sessions: readonly WorkshopSession[];
  registrations: readonly Registration[];
  attendance: readonly Attendance[];
  evaluations: readonly Evaluation[];
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

export interface Report {
  totals: ReportFigures;
  byTheme: ReportRow[];
  byCommune: ReportRow[];
}

/** The overall satisfaction question of the default set (shared/evaluation/defaults.ts). */
export const SATISFACTION_QUESTION = 'satisfaction';

export function inTerritory(w: Pick<Workshop, 'place'>, territory: Territory): boolean {
  if (territory.kind === 'all') return true;
  if (territory.kind === 'commune') return w.place.communeInsee === territory.insee;
  return departmentOfInsee(w.place.communeInsee) === territory.code;
}

function figures(input: ReportInput, workshopIds: ReadonlySet<string>): ReportFigures {
  const sessions = input.sessions.filter((s) => workshopIds.has(s.workshopId));
  const sessionIds = new Set(sessions.map((s) => s.id));
  const registered = new Map<string, Set<string>>();
  for (const r of input.registrations) {
    if (r.status !== 'inscrit' || r.deletedAt !== null || !workshopIds.has(r.workshopId)) continue;
    registered.set(r.workshopId, (registered.get(r.workshopId) ?? new Set()).add(r.personId));
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
    const expectedHere = registered.get(s.workshopId) ?? new Set<string>();
    attendances += here.size;
    expected += expectedHere.size;
    for (const p of here) {
      people.add(p);
      if (expectedHere.has(p)) attendedRegistered += 1;
    }
  }
  const scores = input.evaluations
    .filter((e) => e.context === 'workshop' && e.kind === 'chaud' && e.deletedAt === null && e.submittedAt !== null && workshopIds.has(e.subjectId))
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

/** Input sessions must already be the held ones of the period; workshops those of the territory. */
export function computeReport(input: ReportInput, themeLabel: (theme: string) => string): Report {
  return {
    totals: figures(input, new Set(input.workshops.map((w) => w.id))),
    byTheme: breakdown(input, (w) => w.theme, (w) => themeLabel(w.theme)),
    byCommune: breakdown(input, (w) => w.place.communeInsee || w.place.communeName, (w) => w.place.communeName || '—'),
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
  return { workshops, sessions, registrations, attendance, evaluations };
}

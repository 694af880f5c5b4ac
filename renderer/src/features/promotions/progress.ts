/**
 * The maths of following a promotion, kept pure so it can be tested alone:
 * the attendance grid, hours attended against hours planned, completion and
 * drop-out rates, who is at risk, and the progress over time.
 *
 * One module session is one half-day, so a person's mark for a session is the
 * attendance row of that session and that half-day.
 *
 * A session counts as "held" once it has started (Paris time, domain/date-rules)
 * and attendance has been taken for it (at least one participant marked). Dates
 * alone would flag everyone before the trainer has had time to type the paper
 * sheet in; marks alone would count a future session typed in by mistake.
 */
import type { AttendanceStatus } from '../../domain/attendance';
import type { HalfDay } from '../../domain/common';
import type { Enrolment, EnrolmentStatus } from '../../domain/cohorts';
import { hasStarted } from '../../domain/date-rules';

export interface SessionLike {
  id: string;
  moduleId: string;
  date: string;
  halfDay: HalfDay;
  start: string;
  hours: number;
}

export interface AttendanceLike {
  sessionId: string;
  halfDay: HalfDay;
  personId: string;
  role: 'participant' | 'animateur';
  /** null: « non renseigné » */
  status: AttendanceStatus | null;
}

export type EnrolmentLike = Pick<Enrolment, 'animatorId' | 'status' | 'withdrawnAt'>;

/** personId -> sessionId -> mark */
export type Grid = Map<string, Map<string, AttendanceStatus>>;

const HALF_DAY_ORDER: Record<HalfDay, number> = { matin: 0, 'apres-midi': 1 };

/** Sessions in the order they happen: date, then morning before afternoon, then start time. */
export function inOrder<T extends Pick<SessionLike, 'date' | 'halfDay' | 'start'>>(sessions: readonly T[]): T[] {
  return [...sessions].sort((a, b) => a.date.localeCompare(b.date) || HALF_DAY_ORDER[a.halfDay] - HALF_DAY_ORDER[b.halfDay] || a.start.localeCompare(b.start));
}

/** Hours with two decimals, so 3 × 3.5 + 0.1 stays readable. */
export function roundHours(hours: number): number {
  return Math.round(hours * 100) / 100;
}

export function sumHours(sessions: readonly Pick<SessionLike, 'hours'>[]): number {
  return roundHours(sessions.reduce((total, s) => total + s.hours, 0));
}

/** Marks of the participants, for the half-day of each session (rows of another half-day are ignored). */
export function buildGrid(sessions: readonly SessionLike[], rows: readonly AttendanceLike[]): Grid {
  const halfDayOf = new Map(sessions.map((s) => [s.id, s.halfDay]));
  const grid: Grid = new Map();
  for (const row of rows) {
    if (row.role !== 'participant' || row.status === null || halfDayOf.get(row.sessionId) !== row.halfDay) continue;
    let marks = grid.get(row.personId);
    if (!marks) grid.set(row.personId, (marks = new Map()));
    marks.set(row.sessionId, row.status);
  }
  return grid;
}

/** Sessions already started for which attendance was taken: nothing in the future counts as held. */
export function heldSessionIds(sessions: readonly SessionLike[], grid: Grid, now: Date = new Date()): Set<string> {
  const held = new Set<string>();
  for (const marks of grid.values()) for (const id of marks.keys()) held.add(id);
  return new Set(sessions.filter((s) => held.has(s.id) && hasStarted({ date: s.date, start: s.start, end: s.start }, now)).map((s) => s.id));
}

export type RiskReason = 'consecutive' | 'below-threshold';

export interface PersonProgress {
  animatorId: string;
  /** hours of every session the person is expected at (until their withdrawal) */
  plannedHours: number;
  /** hours of those sessions already held */
  heldHours: number;
  attendedHours: number;
  /** attended / planned, 0-100 */
  percentOfPlanned: number;
  /** attended / held, 0-100 (100 while nothing is held yet) */
  percentOfHeld: number;
  /** modules with at least one session attended */
  modulesAttended: string[];
  missedSessions: number;
  /** longest run of held sessions missed one after the other */
  longestMissedRun: number;
  risks: RiskReason[];
}

/** The sessions a person is expected at: all of them, or those before their withdrawal. */
export function expectedSessions<T extends SessionLike>(sessions: readonly T[], enrolment: EnrolmentLike): T[] {
  return enrolment.withdrawnAt ? sessions.filter((s) => s.date < (enrolment.withdrawnAt as string)) : [...sessions];
}

/**
 * Hours, modules and risk of one person. Missed = not present at a held session
 * (absent, excusé, or not on the sheet). At risk = two held sessions missed in a
 * row, or attended hours below the threshold percentage of the hours held so far.
 * People who left (abandon) or finished are never flagged.
 */
export function personProgress(enrolment: EnrolmentLike, sessions: readonly SessionLike[], grid: Grid, held: ReadonlySet<string>, thresholdPercent: number): PersonProgress {
  const mine = inOrder(expectedSessions(sessions, enrolment));
  const marks = grid.get(enrolment.animatorId) ?? new Map<string, AttendanceStatus>();
  const heldMine = mine.filter((s) => held.has(s.id));
  // a « présent » on a session not held yet (a future one) is not an hour attended
  const attended = mine.filter((s) => marks.get(s.id) === 'present' && held.has(s.id));
  let run = 0;
  let longest = 0;
  let missed = 0;
  for (const s of heldMine) {
    if (marks.get(s.id) === 'present') run = 0;
    else {
      missed++;
      run++;
      longest = Math.max(longest, run);
    }
  }
  const plannedHours = sumHours(mine);
  const heldHours = sumHours(heldMine);
  const attendedHours = sumHours(attended);
  const percentOfPlanned = plannedHours > 0 ? roundHours((attendedHours / plannedHours) * 100) : 0;
  const percentOfHeld = heldHours > 0 ? roundHours((attendedHours / heldHours) * 100) : 100;
  const risks: RiskReason[] = [];
  if (enrolment.status === 'en-cours') {
    if (longest >= 2) risks.push('consecutive');
    if (heldHours > 0 && percentOfHeld < thresholdPercent) risks.push('below-threshold');
  }
  return {
    animatorId: enrolment.animatorId,
    plannedHours,
    heldHours,
    attendedHours,
    percentOfPlanned,
    percentOfHeld,
    modulesAttended: [...new Set(attended.map((s) => s.moduleId))],
    missedSessions: missed,
    longestMissedRun: longest,
    risks,
  };
}

export interface CohortStats {
  enrolled: number;
  completed: number;
  droppedOut: number;
  atRisk: number;
  /** completed (terminé or certifié) / enrolled, 0-100 */
  completionRate: number;
  /** abandon / enrolled, 0-100 */
  dropOutRate: number;
  plannedHours: number;
  heldHours: number;
  attendedHours: number;
}

const DONE: readonly EnrolmentStatus[] = ['termine', 'certifie'];

export function cohortStats(enrolments: readonly EnrolmentLike[], progress: readonly PersonProgress[], sessions: readonly SessionLike[], held: ReadonlySet<string>): CohortStats {
  const enrolled = enrolments.length;
  const completed = enrolments.filter((e) => DONE.includes(e.status)).length;
  const droppedOut = enrolments.filter((e) => e.status === 'abandon').length;
  const rate = (n: number) => (enrolled > 0 ? Math.round((n / enrolled) * 1000) / 10 : 0);
  return {
    enrolled,
    completed,
    droppedOut,
    atRisk: progress.filter((p) => p.risks.length > 0).length,
    completionRate: rate(completed),
    dropOutRate: rate(droppedOut),
    plannedHours: sumHours(sessions),
    heldHours: sumHours(sessions.filter((s) => held.has(s.id))),
    attendedHours: roundHours(progress.reduce((t, p) => t + p.attendedHours, 0)),
  };
}

export interface ProgressPoint {
  date: string;
  /** cumulative hours of the sessions held so far */
  heldHours: number;
  /** average cumulative hours attended by the people expected at those sessions */
  averageAttendedHours: number;
  /** averageAttendedHours / heldHours, 0-100 */
  percent: number;
}

/** One point per day with a held session: the promotion's progress over time. */
export function progressSeries(sessions: readonly SessionLike[], grid: Grid, held: ReadonlySet<string>, enrolments: readonly EnrolmentLike[]): ProgressPoint[] {
  const heldInOrder = inOrder(sessions.filter((s) => held.has(s.id)));
  const points: ProgressPoint[] = [];
  const attendedByPerson = new Map(enrolments.map((e) => [e.animatorId, 0]));
  let heldHours = 0;
  for (let i = 0; i < heldInOrder.length; i++) {
    const s = heldInOrder[i] as SessionLike;
    heldHours += s.hours;
    for (const e of enrolments) if (grid.get(e.animatorId)?.get(s.id) === 'present') attendedByPerson.set(e.animatorId, (attendedByPerson.get(e.animatorId) ?? 0) + s.hours);
    if (heldInOrder[i + 1]?.date === s.date) continue;
    // people who had left before that day no longer count in the average
    const present = enrolments.filter((e) => !e.withdrawnAt || e.withdrawnAt > s.date);
    const average = present.length > 0 ? present.reduce((t, e) => t + (attendedByPerson.get(e.animatorId) ?? 0), 0) / present.length : 0;
    points.push({ date: s.date, heldHours: roundHours(heldHours), averageAttendedHours: roundHours(average), percent: heldHours > 0 ? roundHours((average / heldHours) * 100) : 0 });
  }
  return points;
}

/**
 * The person's own training dates: first and last held session they attended,
 * or null when they attended none (no certificate then).
 */
export function attendedSpan(sessions: readonly SessionLike[], grid: Grid, held: ReadonlySet<string>, animatorId: string): { first: string; last: string } | null {
  const marks = grid.get(animatorId);
  const dates = inOrder(sessions.filter((s) => held.has(s.id) && marks?.get(s.id) === 'present')).map((s) => s.date);
  return dates.length > 0 ? { first: dates[0] as string, last: dates.at(-1) as string } : null;
}

export type NatureOfAction = 'formation' | 'bilan' | 'vae' | 'apprentissage';

/** The nature under art. L.6313-1 of the Labour Code, read from the promotion's free text. */
export function natureOf(text: string | undefined): NatureOfAction {
  const folded = (text ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  if (folded.includes('bilan')) return 'bilan';
  if (/\bvae\b|validation des acquis/.test(folded)) return 'vae';
  if (folded.includes('apprentissage')) return 'apprentissage';
  return 'formation';
}

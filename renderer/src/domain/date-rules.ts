/**
 * When a record may be made, in one place. Sessions are planned in Paris wall-clock
 * time (YYYY-MM-DD and HH:MM); "now" is an instant, turned into Paris wall-clock time
 * whatever the machine's own time zone, so a laptop left in UTC judges like one in Paris.
 *
 * The rules (Qualiopi auditors reject records that could not have been made):
 * - a signature, a « présent » or an « absent » can be entered once its half-day has
 *   started, never before (the screen says when it opens);
 * - « excusé » and going back to « non renseigné » are possible before the session;
 * - anything entered after the session's day is a « saisie a posteriori »: it needs a
 *   reason, and is stored and printed as such;
 * - nothing in the future counts as held: hours held, certificates, the « Réalisé »
 *   status, an évaluation à chaud.
 */
import type { HalfDay } from './common';

export const PARIS = 'Europe/Paris';

/** Shortest reason accepted for an a-posteriori entry or a correction. */
export const REASON_MIN = 3;

const parisFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: PARIS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The Paris wall-clock time of an instant, as YYYY-MM-DDTHH:mm. */
export function parisDateTime(now: Date): string {
  const parts = Object.fromEntries(parisFormat.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** Today in Paris, YYYY-MM-DD. */
export function parisToday(now: Date): string {
  return parisDateTime(now).slice(0, 10);
}

/** One half-day as planned: its day and its start and end times (Paris wall clock). */
export interface Slot {
  date: string;
  start: string;
  end: string;
}

/** The slot of a cohort module session (one session is one half-day). */
export function moduleSlot(session: { date: string; start: string; end: string }): Slot {
  return { date: session.date, start: session.start, end: session.end };
}

const MORNING_ENDS = '12:00';
const AFTERNOON_OPENS = '13:00';

/**
 * The half-day of a workshop session (start and end as YYYY-MM-DDTHH:mm). A session
 * running past 13:00 is cut at lunch (no lunch time is recorded): morning until 12:00,
 * afternoon from 13:00; a session starting after noon is one afternoon.
 */
export function workshopSlot(session: { start: string; end: string }, halfDay: HalfDay): Slot {
  const date = session.start.slice(0, 10);
  const start = session.start.slice(11, 16);
  const end = session.end.slice(0, 10) === date ? session.end.slice(11, 16) : '23:59';
  if (halfDay === 'matin') return { date, start, end: end > AFTERNOON_OPENS && start < MORNING_ENDS ? MORNING_ENDS : end };
  return { date, start: start >= MORNING_ENDS ? start : AFTERNOON_OPENS, end };
}

/** Minutes between start and end of a slot (its duration on the sheet). */
export function slotMinutes(slot: Slot): number {
  const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return Math.max(0, minutes(slot.end) - minutes(slot.start));
}

export type Phase = 'before' | 'day' | 'after';

/** Before the half-day starts, on its day once started, or a later day. */
export function phaseOf(slot: Slot, now: Date): Phase {
  const here = parisDateTime(now);
  if (here < `${slot.date}T${slot.start}`) return 'before';
  return here.slice(0, 10) === slot.date ? 'day' : 'after';
}

/** True once the half-day has started: only then may it count as held. */
export function hasStarted(slot: Slot, now: Date): boolean {
  return phaseOf(slot, now) !== 'before';
}

/** What someone wants to record on a half-day. */
export type Entry = 'signature' | 'present' | 'absent' | 'excuse' | 'clear';

export type EntryError = 'dates.error.notOpenYet' | 'dates.error.reasonRequired';

export type EntryVerdict =
  | { ok: true; aPosteriori: boolean }
  | { ok: false; error: EntryError; /** YYYY-MM-DDTHH:mm, when it opens */ opensAt: string };

/**
 * May this entry be made now, and is it an a-posteriori entry? `reason` is the
 * reason typed for an entry after the day (required then, REASON_MIN characters).
 */
export function checkEntry(entry: Entry, slot: Slot, now: Date, reason = ''): EntryVerdict {
  const opensAt = `${slot.date}T${slot.start}`;
  const phase = phaseOf(slot, now);
  if (phase === 'before') {
    // an apology can come ahead, and a mark can be withdrawn; nothing else can happen yet
    return entry === 'excuse' || entry === 'clear' ? { ok: true, aPosteriori: false } : { ok: false, error: 'dates.error.notOpenYet', opensAt };
  }
  if (phase === 'day') return { ok: true, aPosteriori: false };
  return reason.trim().length >= REASON_MIN ? { ok: true, aPosteriori: true } : { ok: false, error: 'dates.error.reasonRequired', opensAt };
}

/** What the screen should say about a half-day right now. */
export type SlotNotice = { kind: 'not-open'; opensAt: string } | { kind: 'open' } | { kind: 'a-posteriori' };

export function slotNotice(slot: Slot, now: Date): SlotNotice {
  const phase = phaseOf(slot, now);
  if (phase === 'before') return { kind: 'not-open', opensAt: `${slot.date}T${slot.start}` };
  return phase === 'day' ? { kind: 'open' } : { kind: 'a-posteriori' };
}

/**
 * An évaluation à chaud is given at the end of the session: it may be recorded once
 * the first session has started (`firstStart` as YYYY-MM-DDTHH:mm), never before.
 */
export function evaluationOpen(firstStart: string | null, now: Date): boolean {
  return firstStart !== null && parisDateTime(now) >= firstStart.slice(0, 16);
}

/** « Réalisé » only once the last session has started (`lastStart` as YYYY-MM-DDTHH:mm). */
export function canBeDone(lastStart: string | null, now: Date): boolean {
  return lastStart !== null && parisDateTime(now) >= lastStart.slice(0, 16);
}

/**
 * Pure rules of workshop planning: déroulé totals, session lengths, overlaps and
 * booking conflicts, period filters. No database here, so they are easy to test.
 */
import { addDays, endOfMonth, endOfQuarter, endOfYear, format, startOfMonth, startOfQuarter, startOfYear } from 'date-fns';
import { foldText } from '../../db/records';
import type { AgendaStep, Workshop, WorkshopSession } from '../../domain/workshops';
import { duration } from '../../i18n/format';

/** Minutes between two local date-times "YYYY-MM-DDTHH:mm" (wall clock, Europe/Paris). */
export function minutesBetween(start: string, end: string): number {
  const toMinutes = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)), Number(s.slice(11, 13)), Number(s.slice(14, 16))) / 60_000;
  return toMinutes(end) - toMinutes(start);
}

export function sessionMinutes(session: Pick<WorkshopSession, 'start' | 'end'>): number {
  return minutesBetween(session.start, session.end);
}

export function agendaTotal(steps: readonly Pick<AgendaStep, 'minutes'>[]): number {
  return steps.reduce((sum, step) => sum + (Number.isFinite(step.minutes) ? step.minutes : 0), 0);
}

export interface AgendaComparison {
  sessionMinutes: number;
  agendaMinutes: number;
  /** positive: the déroulé is longer than the session */
  difference: number;
}

/** The déroulé compared with each distinct length of the workshop's live sessions. */
export function compareAgenda(steps: readonly Pick<AgendaStep, 'minutes'>[], sessions: readonly Pick<WorkshopSession, 'start' | 'end' | 'cancelled'>[]): AgendaComparison[] {
  const total = agendaTotal(steps);
  const lengths = [...new Set(sessions.filter((s) => !s.cancelled).map(sessionMinutes))].sort((a, b) => a - b);
  return lengths.map((length) => ({ sessionMinutes: length, agendaMinutes: total, difference: total - length }));
}

/** "2 h 30", "45 min", "3 h" (French, no-break spaces: see i18n/format) */
export function formatMinutes(minutes: number): string {
  return duration(minutes, 'fr');
}

/** Moves one item of a list; out-of-range moves leave the list as it was. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  if (from < 0 || from >= items.length || to < 0 || to >= items.length || from === to) return [...items];
  const next = [...items];
  const [moved] = next.splice(from, 1);
  next.splice(to, 0, moved as T);
  return next;
}

export function overlaps(a: Pick<WorkshopSession, 'start' | 'end'>, b: Pick<WorkshopSession, 'start' | 'end'>): boolean {
  // local date-times in one fixed format compare correctly as strings
  return a.start < b.end && b.start < a.end;
}

/** The same room: same commune and same room name (accents and case ignored). */
export function roomKey(workshop: Pick<Workshop, 'place'>): string | null {
  const room = foldText(workshop.place.room ?? '').replace(/\s+/g, ' ').trim();
  if (!room) return null;
  return `${workshop.place.communeInsee || foldText(workshop.place.communeName)}|${room}`;
}

export const personKey = (name: string) => foldText(name).replace(/\s+/g, ' ').trim();

export interface Booking {
  session: WorkshopSession;
  workshop: Workshop;
}

export interface Conflict {
  sessionId: string;
  other: Booking;
  kind: 'animator' | 'room';
  /** the animator's name or the room's name */
  detail: string;
}

/** A booking that still occupies people and rooms. */
export function isLive(b: Booking): boolean {
  return !b.session.cancelled && b.session.deletedAt === null && b.workshop.deletedAt === null && !b.workshop.isTemplate && b.workshop.status !== 'annule';
}

/**
 * Conflicts of some bookings against others (which may include themselves):
 * the same animator, or the same room, booked at overlapping times.
 */
export function findConflicts(mine: readonly Booking[], others: readonly Booking[]): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const a of mine) {
    if (!isLive(a)) continue;
    const animators = new Map(a.workshop.animators.filter((n) => n.trim()).map((n) => [personKey(n), n.trim()]));
    const room = roomKey(a.workshop);
    for (const b of others) {
      if (b.session.id === a.session.id || !isLive(b) || !overlaps(a.session, b.session)) continue;
      for (const name of b.workshop.animators) {
        const shared = animators.get(personKey(name));
        if (shared) conflicts.push({ sessionId: a.session.id, other: b, kind: 'animator', detail: shared });
      }
      if (room && roomKey(b.workshop) === room) conflicts.push({ sessionId: a.session.id, other: b, kind: 'room', detail: a.workshop.place.room.trim() });
    }
  }
  return conflicts;
}

export type PeriodPreset = 'all' | 'upcoming' | 'past' | 'thisMonth' | 'thisQuarter' | 'thisYear' | 'custom';
export const periodPresets: readonly PeriodPreset[] = ['all', 'upcoming', 'past', 'thisMonth', 'thisQuarter', 'thisYear', 'custom'];

export interface DateRange {
  /** inclusive ISO dates; null means open-ended */
  from: string | null;
  to: string | null;
}

const iso = (d: Date) => format(d, 'yyyy-MM-dd');

/** The date range of a period preset, seen from `today`. */
export function periodRange(preset: PeriodPreset, today: Date, custom: DateRange = { from: null, to: null }): DateRange {
  switch (preset) {
    case 'all':
      return { from: null, to: null };
    case 'upcoming':
      return { from: iso(today), to: null };
    case 'past':
      return { from: null, to: iso(addDays(today, -1)) };
    case 'thisMonth':
      return { from: iso(startOfMonth(today)), to: iso(endOfMonth(today)) };
    case 'thisQuarter':
      return { from: iso(startOfQuarter(today)), to: iso(endOfQuarter(today)) };
    case 'thisYear':
      return { from: iso(startOfYear(today)), to: iso(endOfYear(today)) };
    case 'custom':
      return { from: custom.from || null, to: custom.to || null };
  }
}

/** Whether a workshop's dates [firstDate, lastDate] meet a range; undated workshops only match an open range. */
export function inRange(workshop: Pick<Workshop, 'firstDate' | 'lastDate'>, range: DateRange): boolean {
  if (range.from === null && range.to === null) return true;
  const first = workshop.firstDate;
  const last = workshop.lastDate ?? first;
  if (first === null || last === null) return false;
  if (range.from !== null && last < range.from) return false;
  if (range.to !== null && first > range.to) return false;
  return true;
}

export interface WorkshopFilters {
  status: Workshop['status'] | '';
  theme: string;
  communeInsee: string;
  range: DateRange;
  text: string;
}

export function matchesFilters(w: Workshop, f: WorkshopFilters): boolean {
  if (w.isTemplate) return false;
  if (f.status && w.status !== f.status) return false;
  if (f.theme && w.theme !== f.theme) return false;
  if (f.communeInsee && w.place.communeInsee !== f.communeInsee) return false;
  if (f.text.trim()) {
    const needle = foldText(f.text.trim());
    if (!foldText(`${w.title} ${w.place.communeName} ${w.animators.join(' ')}`).includes(needle)) return false;
  }
  return inRange(w, f.range);
}

/** First and last session dates kept on the workshop for indexed period filters. */
export function datesOf(sessions: readonly Pick<WorkshopSession, 'start' | 'end' | 'deletedAt'>[]): { firstDate: string | null; lastDate: string | null } {
  const live = sessions.filter((s) => s.deletedAt === null);
  if (live.length === 0) return { firstDate: null, lastDate: null };
  const starts = live.map((s) => s.start.slice(0, 10)).sort();
  const ends = live.map((s) => s.end.slice(0, 10)).sort();
  return { firstDate: starts[0] ?? null, lastDate: ends.at(-1) ?? null };
}

/** INSEE department of a commune code: "64445" -> "64", "97411" -> "974", "2A004" -> "2A". */
export function departmentOfInsee(insee: string): string {
  if (!insee) return '';
  return insee.startsWith('97') || insee.startsWith('98') ? insee.slice(0, 3) : insee.slice(0, 2);
}

/**
 * The list's order: workshops still to come first (soonest first, undated last
 * among them), then the past ones, most recent first.
 */
export function listOrder<T extends Pick<Workshop, 'firstDate' | 'lastDate' | 'title'>>(workshops: readonly T[], today: string): T[] {
  const upcoming = (w: T) => w.firstDate === null || (w.lastDate ?? w.firstDate) >= today;
  return [...workshops].sort((a, b) => {
    const ua = upcoming(a);
    const ub = upcoming(b);
    if (ua !== ub) return ua ? -1 : 1;
    const byDate = ua ? (a.firstDate ?? '9999').localeCompare(b.firstDate ?? '9999') : (b.lastDate ?? b.firstDate ?? '').localeCompare(a.lastDate ?? a.firstDate ?? '');
    return byDate || a.title.localeCompare(b.title, 'fr');
  });
}

/**
 * The status shown: « Complet » follows the counts for a workshop open to
 * registration (published, or marked full by hand when places have freed since).
 */
export function shownStatus(w: Pick<Workshop, 'status'>, full: boolean): Workshop['status'] {
  if (w.status === 'publie' || w.status === 'complet') return full ? 'complet' : 'publie';
  return w.status;
}

/**
 * Reads of workshop planning. Also the small public surface other features use:
 * `getWorkshop(id)` and `sessionsOf(workshopId)`.
 */
import { getDb } from '../../db/database';
import type { Workshop, WorkshopSession } from '../../domain/workshops';
import { findConflicts, inRange, type Booking, type Conflict, type DateRange } from './rules';
import { workshopCounts, type WorkshopCounts } from './registrations/rules';

/** One workshop, deleted or not (the page shows a banner for a deleted one). */
export async function getWorkshop(id: string): Promise<Workshop | undefined> {
  return getDb().workshops.get(id);
}

/** Sessions of a workshop, not deleted, by start. */
export async function sessionsOf(workshopId: string): Promise<WorkshopSession[]> {
  const rows = await getDb().sessions.where('workshopId').equals(workshopId).toArray();
  return rows.filter((s) => s.deletedAt === null).sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * Workshops (not templates) whose dates meet a range, deleted ones only when asked.
 * A range uses the firstDate index; the open range reads the workshops table, which
 * stays small (an office runs tens of workshops a year).
 */
export async function listWorkshops(range: DateRange, options: { deleted?: boolean } = {}): Promise<Workshop[]> {
  const db = getDb();
  // lastDate is not indexed: start reading a year early to catch workshops spread over months
  const from = range.from === null ? null : `${Number(range.from.slice(0, 4)) - 1}${range.from.slice(4)}`;
  let rows: Workshop[];
  if (from !== null && range.to !== null) rows = await db.workshops.where('firstDate').between(from, range.to, true, true).toArray();
  else if (range.to !== null) rows = await db.workshops.where('firstDate').belowOrEqual(range.to).toArray();
  else if (from !== null) rows = await db.workshops.where('firstDate').aboveOrEqual(from).toArray();
  else rows = await db.workshops.toArray();
  return rows
    .filter((w) => !w.isTemplate && (options.deleted ? w.deletedAt !== null : w.deletedAt === null) && inRange(w, range))
    .sort((a, b) => (a.firstDate ?? '9999').localeCompare(b.firstDate ?? '9999') || a.title.localeCompare(b.title, 'fr'));
}

export async function listTemplates(): Promise<Workshop[]> {
  const rows = await getDb().workshops.filter((w) => w.isTemplate && w.deletedAt === null).toArray();
  return rows.sort((a, b) => a.title.localeCompare(b.title, 'fr'));
}

/** Sessions starting between two local date-times (inclusive), with their workshops. */
export async function bookingsBetween(from: string, to: string): Promise<Booking[]> {
  const db = getDb();
  const sessions = (await db.sessions.where('start').between(from, to, true, true).toArray()).filter((s) => s.deletedAt === null);
  const workshopIds = [...new Set(sessions.map((s) => s.workshopId))];
  const workshops = new Map((await db.workshops.bulkGet(workshopIds)).filter((w): w is Workshop => w !== undefined).map((w) => [w.id, w]));
  return sessions
    .map((session) => ({ session, workshop: workshops.get(session.workshopId) }))
    .filter((b): b is Booking => b.workshop !== undefined && b.workshop.deletedAt === null && !b.workshop.isTemplate)
    .sort((a, b) => a.session.start.localeCompare(b.session.start));
}

const dayBefore = (localDateTime: string) => {
  const d = new Date(`${localDateTime.slice(0, 10)}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return `${d.toISOString().slice(0, 10)}T00:00`;
};

/** Conflicts of a set of bookings with everything else booked around the same days. */
export async function conflictsAround(mine: readonly Booking[]): Promise<Conflict[]> {
  if (mine.length === 0) return [];
  const starts = mine.map((b) => b.session.start).sort();
  const ends = mine.map((b) => b.session.end).sort();
  // a session overlapping one of mine starts before its end and (sessions being short) not earlier than the day before
  const around = await bookingsBetween(dayBefore(starts[0]!), ends.at(-1)!);
  return findConflicts(mine, around);
}

export async function conflictsOfWorkshop(workshop: Workshop): Promise<Conflict[]> {
  const sessions = await sessionsOf(workshop.id);
  return conflictsAround(sessions.map((session) => ({ session, workshop })));
}

/** Registrations that make a deletion worth a confirmation: anyone registered or waiting. */
export async function activeRegistrationCount(workshopId: string): Promise<number> {
  return getDb()
    .registrations.where('workshopId')
    .equals(workshopId)
    .filter((r) => r.deletedAt === null && (r.status === 'inscrit' || r.status === 'attente'))
    .count();
}

/** Registration counts of some workshops (a page of the list), by workshop id. */
export async function countsByWorkshop(workshops: readonly Workshop[]): Promise<Map<string, WorkshopCounts>> {
  const db = getDb();
  const ids = workshops.map((w) => w.id);
  const [registrations, sessions] = await Promise.all([db.registrations.where('workshopId').anyOf(ids).toArray(), db.sessions.where('workshopId').anyOf(ids).toArray()]);
  const live = registrations.filter((r) => r.deletedAt === null);
  return new Map(
    workshops.map((w) => [
      w.id,
      workshopCounts(
        w,
        sessions.filter((s) => s.workshopId === w.id && s.deletedAt === null),
        live.filter((r) => r.workshopId === w.id),
      ),
    ]),
  );
}

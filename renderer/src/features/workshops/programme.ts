/**
 * The year's programme: its rows (one per session), copying it into the next
 * year, and the public view of it (what a flyer, a website agenda or a published
 * spreadsheet shows: no drafts, no cancelled sessions, no internal status).
 */
import { getDb } from '../../db/database';
import { createRecord } from '../../db/records';
import { holidayOn, type Holiday } from '../../domain/holidays';
import { sessionSchema, type Workshop, type WorkshopSession } from '../../domain/workshops';
import type { ProgrammeRow } from './exports';
import { listWorkshops } from './queries';
import { copyOf } from './repository';
import { datesOf } from './rules';

/** Rows of a year's programme: one per session in the year (a workshop without session gets one row). */
export async function programmeRows(year: number): Promise<ProgrammeRow[]> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const workshops = await listWorkshops({ from, to });
  const sessions = await getDb().sessions.where('workshopId').anyOf(workshops.map((w) => w.id)).toArray();
  const rows: ProgrammeRow[] = [];
  for (const workshop of workshops) {
    const mine = sessions.filter((s) => s.workshopId === workshop.id && s.deletedAt === null && s.start.slice(0, 10) >= from && s.start.slice(0, 10) <= to);
    if (mine.length === 0) rows.push({ workshop, session: null });
    for (const session of mine) rows.push({ workshop, session });
  }
  return rows.sort((a, b) => (a.session?.start ?? a.workshop.firstDate ?? '').localeCompare(b.session?.start ?? b.workshop.firstDate ?? ''));
}

const utc = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

/**
 * The date a session moves to in the next year: the same weekday nearest the same
 * date one year later (2nd Tuesday 10 March 2026 → Tuesday 9 March 2027). A 29
 * February counts from the 28th.
 */
export function sameWeekdayNextYear(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4)) + 1;
  const monthDay = isoDate.slice(5, 10) === '02-29' ? '02-28' : isoDate.slice(5, 10);
  const target = utc(`${year}-${monthDay}`);
  // the weekday difference brought into -3..+3: the nearest day with the same weekday
  const shift = ((utc(isoDate).getUTCDay() - target.getUTCDay() + 10) % 7) - 3;
  target.setUTCDate(target.getUTCDate() + shift);
  return target.toISOString().slice(0, 10);
}

/** A session's slot moved to the next year, clock times kept. */
export function shiftedSlot(session: Pick<WorkshopSession, 'start' | 'end'>): { start: string; end: string } {
  const day = sameWeekdayNextYear(session.start.slice(0, 10));
  const endDay = session.end.slice(0, 10) === session.start.slice(0, 10) ? day : sameWeekdayNextYear(session.end.slice(0, 10));
  return { start: `${day}${session.start.slice(10)}`, end: `${endDay}${session.end.slice(10)}` };
}

export interface CopyOutcome {
  created: Workshop[];
  /** already copied earlier (same title, same first slot in the next year) */
  skipped: number;
  /** sessions of the copies that fall on a public holiday */
  holidays: { workshop: Workshop; holiday: Holiday }[];
}

/**
 * Copies the year's programme into the next one: every workshop held or planned
 * (cancelled ones left out) becomes a draft with its sessions on the same
 * weekdays, nothing registered copied (no registration, attendance or
 * evaluation). Running it twice does not make a second copy.
 */
export async function copyProgramme(fromYear: number, now = new Date()): Promise<CopyOutcome> {
  const db = getDb();
  const rows = await programmeRows(fromYear);
  const sources = new Map<string, { workshop: Workshop; sessions: WorkshopSession[] }>();
  for (const r of rows) {
    if (r.workshop.status === 'annule' || !r.session || r.session.cancelled) continue;
    const entry = sources.get(r.workshop.id) ?? { workshop: r.workshop, sessions: [] };
    entry.sessions.push(r.session);
    sources.set(r.workshop.id, entry);
  }
  const next = fromYear + 1;
  return db.transaction('rw', db.workshops, db.sessions, async () => {
    const existing = await programmeRows(next);
    const taken = new Set(existing.flatMap((r) => (r.session ? [`${r.workshop.title}|${r.session.start}`] : [])));
    const outcome: CopyOutcome = { created: [], skipped: 0, holidays: [] };
    for (const { workshop, sessions } of sources.values()) {
      const slots = sessions.map(shiftedSlot);
      if (slots.some((s) => taken.has(`${workshop.title}|${s.start}`))) {
        outcome.skipped++;
        continue;
      }
      const copy = copyOf(workshop, { ...datesOf(slots.map((s) => ({ ...s, deletedAt: null }))) });
      const copies = slots.map((slot) => sessionSchema.parse(createRecord<WorkshopSession>({ workshopId: copy.id, ...slot, sequence: 0, cancelled: false }, now)));
      await db.workshops.add(copy);
      await db.sessions.bulkAdd(copies);
      outcome.created.push(copy);
      for (const s of copies) {
        const holiday = holidayOn(s.start, copy.place.communeInsee);
        if (holiday) outcome.holidays.push({ workshop: copy, holiday });
      }
    }
    return outcome;
  });
}

/** What the public sees: workshops published (or full, or held), their sessions not cancelled. */
export function publicRows(rows: readonly ProgrammeRow[]): (ProgrammeRow & { session: WorkshopSession })[] {
  return rows.filter((r): r is ProgrammeRow & { session: WorkshopSession } => r.session !== null && !r.session.cancelled && ['publie', 'complet', 'realise'].includes(r.workshop.status));
}

/** Drafts of the year left out of the public programme (the screen says how many). */
export function draftCount(rows: readonly ProgrammeRow[]): number {
  return new Set(rows.filter((r) => r.workshop.status === 'brouillon').map((r) => r.workshop.id)).size;
}

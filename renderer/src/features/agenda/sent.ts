/**
 * Recording what was sent: each registration, enrolment or follow-up gets one dated
 * entry (kind, channel, subject) appended to its `contacts`, in one transaction per
 * batch; nothing is overwritten, so the screens can say « convocation envoyée le … »
 * and keep every earlier sending.
 */
import { getDb } from '../../db/database';
import { touchRecord } from '../../db/records';
import { enrolmentSchema } from '../../domain/cohorts';
import type { ContactChannel, ContactEntry, ContactKind } from '../../domain/contacts';
import { evaluationSchema, registrationSchema } from '../../domain/workshops';

const isLive = <T extends { deletedAt: string | null }>(r: T | undefined): r is T => r !== undefined && r.deletedAt === null;

export type ContactTable = 'registrations' | 'enrolments';

/** Appends one entry to each record; returns how many were recorded. */
export async function recordSent(table: ContactTable, ids: readonly string[], kind: ContactKind, subjectId: string, channel: ContactChannel, now = new Date()): Promise<number> {
  if (ids.length === 0) return 0;
  const db = getDb();
  const entry: ContactEntry = { kind, channel, subjectId, at: now.toISOString() };
  return db.transaction('rw', db.registrations, db.enrolments, async () => {
    if (table === 'registrations') {
      const rows = (await db.registrations.bulkGet([...ids])).filter(isLive);
      await db.registrations.bulkPut(rows.map((r) => registrationSchema.parse(touchRecord(r, { contacts: [...(r.contacts ?? []), entry] }, now))));
      return rows.length;
    }
    const rows = (await db.enrolments.bulkGet([...ids])).filter(isLive);
    await db.enrolments.bulkPut(rows.map((r) => enrolmentSchema.parse(touchRecord(r, { contacts: [...(r.contacts ?? []), entry] }, now))));
    return rows.length;
  });
}

/** À froid follow-up reminders: dated in `remindersSent` as before, with their channel in `contacts`. */
export async function recordFollowUpReminders(ids: readonly string[], channel: ContactChannel, now = new Date()): Promise<number> {
  if (ids.length === 0) return 0;
  const db = getDb();
  const at = now.toISOString();
  return db.transaction('rw', db.evaluations, async () => {
    const rows = (await db.evaluations.bulkGet([...ids])).filter(isLive);
    await db.evaluations.bulkPut(
      rows.map((r) => evaluationSchema.parse(touchRecord(r, { remindersSent: [...r.remindersSent, at], contacts: [...(r.contacts ?? []), { kind: 'relance', channel, subjectId: r.subjectId, at }] }, now))),
    );
    return rows.length;
  });
}

/**
 * Attendance per half-day, shared by workshop sessions and cohort module sessions.
 * One row per (session, half-day, person, role). Nothing is silently overwritten:
 * every status change and every signature adds an audit entry, and a replaced or
 * cleared signature is kept whole in that entry (controllers ask for the history).
 *
 * Every write is judged by the date rules (domain/date-rules.ts) against the session
 * as stored, not as a screen believes it to be: nothing signed or marked present
 * before its half-day starts, and anything entered after the session's day only as a
 * « saisie a posteriori » with its reason.
 */
import { getDb } from '../../db/database';
import { createRecord, getDeviceId, touchRecord } from '../../db/records';
import { attendanceSchema, type Attendance, type AttendanceStatus, type AuditEntry, type Signature } from '../../domain/attendance';
import type { HalfDay } from '../../domain/common';
import { checkEntry, moduleSlot, REASON_MIN, workshopSlot, type Entry, type EntryError, type Slot } from '../../domain/date-rules';

export type AttendanceContext = Attendance['context'];
export type AttendanceRole = Attendance['role'];

export interface AttendanceKey {
  context: AttendanceContext;
  sessionId: string;
  halfDay: HalfDay;
  personId: string;
  role: AttendanceRole;
  personName: string;
}

/** Half-days covered by a slot: a morning starts before noon, an afternoon ends after 13:00. */
export function halfDaysOf(start: string, end: string): HalfDay[] {
  const startMinutes = Number(start.slice(11, 13)) * 60 + Number(start.slice(14, 16));
  const endMinutes = Number(end.slice(11, 13)) * 60 + Number(end.slice(14, 16));
  const days: HalfDay[] = [];
  if (startMinutes < 12 * 60) days.push('matin');
  if (endMinutes > 13 * 60 || (startMinutes >= 12 * 60 && days.length === 0)) days.push('apres-midi');
  // a slot spanning several days is still signed per half-day of its first day
  if (start.slice(0, 10) !== end.slice(0, 10) && !days.includes('apres-midi')) days.push('apres-midi');
  return days.length > 0 ? days : ['matin'];
}

/** Every row of one session (both half-days), not deleted. Bounded by the session's size. */
export async function listSessionAttendance(context: AttendanceContext, sessionId: string): Promise<Attendance[]> {
  const rows = await getDb().attendance.where('sessionId').equals(sessionId).toArray();
  return rows.filter((r) => r.context === context && r.deletedAt === null);
}

/** Rows of several sessions at once (segments, reports). */
export async function listAttendanceOf(context: AttendanceContext, sessionIds: readonly string[]): Promise<Attendance[]> {
  if (sessionIds.length === 0) return [];
  const rows = await getDb().attendance.where('sessionId').anyOf([...sessionIds]).toArray();
  return rows.filter((r) => r.context === context && r.deletedAt === null);
}

async function findRow(key: AttendanceKey): Promise<Attendance | undefined> {
  const rows = await getDb().attendance.where('[sessionId+halfDay]').equals([key.sessionId, key.halfDay]).toArray();
  return rows.find((r) => r.personId === key.personId && r.role === key.role && r.context === key.context && r.deletedAt === null);
}

/** A write refused by the date rules; `code` is a message key, `opensAt` YYYY-MM-DDTHH:mm. */
export class DateRuleError extends Error {
  constructor(
    readonly code: EntryError | 'dates.error.correctionReason' | 'dates.error.unknownSession',
    readonly opensAt = '',
  ) {
    super(code);
  }
}

/** The planned half-day of a row's session, read from the database. */
export async function slotOfKey(key: Pick<AttendanceKey, 'context' | 'sessionId' | 'halfDay'>): Promise<Slot> {
  const db = getDb();
  if (key.context === 'module') {
    const session = await db.moduleSessions.get(key.sessionId);
    if (!session || session.deletedAt) throw new DateRuleError('dates.error.unknownSession');
    return moduleSlot(session);
  }
  const session = await db.sessions.get(key.sessionId);
  if (!session || session.deletedAt) throw new DateRuleError('dates.error.unknownSession');
  return workshopSlot(session, key.halfDay);
}

/** Applies the date rules; true when the entry is a posteriori. */
async function judge(kind: Entry, key: AttendanceKey, reason: string, now: Date): Promise<boolean> {
  const verdict = checkEntry(kind, await slotOfKey(key), now, reason);
  if (!verdict.ok) throw new DateRuleError(verdict.error, verdict.opensAt);
  return verdict.aPosteriori;
}

function entry(action: AuditEntry['action'], from: string | null, to: string | null, reason: string, now: Date, previous: Signature | null = null, aPosteriori = false): AuditEntry {
  return { at: now.toISOString(), device: getDeviceId(), action, from, to, reason, previous, ...(aPosteriori ? { aPosteriori: true } : {}) };
}

const late = (aPosteriori: boolean, reason: string, now: Date) => (aPosteriori ? { at: now.toISOString(), reason: reason.trim() } : null);
const TABLES = () => [getDb().attendance, getDb().sessions, getDb().moduleSessions];

async function write(row: Attendance): Promise<Attendance> {
  const checked = attendanceSchema.parse(row);
  await getDb().attendance.put(checked);
  return checked;
}

function blank(key: AttendanceKey, status: AttendanceStatus, now: Date): Attendance {
  return createRecord<Attendance>(
    { context: key.context, sessionId: key.sessionId, halfDay: key.halfDay, personId: key.personId, role: key.role, personName: key.personName, status, signature: null, audit: [], aPosteriori: null },
    now,
  );
}

/**
 * Sets présent / absent / excusé; a no-op when the status is already that one.
 * After the session's day `reason` is required: it is the a-posteriori reason.
 */
export async function setAttendanceStatus(key: AttendanceKey, status: AttendanceStatus, reason = '', now = new Date()): Promise<Attendance> {
  return getDb().transaction('rw', TABLES(), async () => {
    const existing = await findRow(key);
    if (existing && existing.status === status) return existing;
    const aPosteriori = await judge(status, key, reason, now);
    const base = existing ?? blank(key, status, now);
    const audit = [...base.audit, entry('status', existing ? existing.status : null, status, reason.trim(), now, null, aPosteriori)];
    return write(touchRecord(base, { status, audit, personName: key.personName, aPosteriori: late(aPosteriori, reason, now) }, now));
  });
}

/**
 * Takes a mark back to « non renseigné » (a wrong tick): the status, and the
 * signature if any, go; the audit trail keeps both, with the reason, always required.
 */
export async function clearAttendanceStatus(key: AttendanceKey, reason: string, now = new Date()): Promise<Attendance | undefined> {
  if (reason.trim().length < REASON_MIN) throw new DateRuleError('dates.error.correctionReason');
  return getDb().transaction('rw', TABLES(), async () => {
    const existing = await findRow(key);
    if (!existing || (existing.status === null && !existing.signature)) return existing;
    const aPosteriori = await judge('clear', key, reason, now);
    const audit = [...existing.audit];
    if (existing.signature) audit.push(entry('signature-cleared', existing.signature.signedAt, null, reason.trim(), now, existing.signature, aPosteriori));
    audit.push(entry('status', existing.status, null, reason.trim(), now, null, aPosteriori));
    return write(touchRecord(existing, { status: null, signature: null, audit, aPosteriori: null }, now));
  });
}

/**
 * Stores a signature (time-stamped now) and marks the person present. A previous
 * signature is not lost: it goes whole into the audit entry of the replacement.
 * Refused before the half-day starts; after its day, only with a reason.
 */
export async function signAttendance(key: AttendanceKey, image: string, method: Signature['method'] = 'drawn', reason = '', now = new Date()): Promise<Attendance> {
  return getDb().transaction('rw', TABLES(), async () => {
    const aPosteriori = await judge('signature', key, reason, now);
    const existing = await findRow(key);
    const base = existing ?? blank(key, 'present', now);
    const signature: Signature = { image, signedAt: now.toISOString(), method };
    const audit = [...base.audit];
    const why = reason.trim();
    if (!existing || existing.status !== 'present') audit.push(entry('status', existing ? existing.status : null, 'present', why, now, null, aPosteriori));
    if (base.signature) audit.push(entry('signature-replaced', base.signature.signedAt, signature.signedAt, why, now, base.signature, aPosteriori));
    else audit.push(entry('signature', null, signature.signedAt, method === 'typed' ? (why ? `attestation — ${why}` : 'attestation') : why, now, null, aPosteriori));
    return write(touchRecord(base, { signature, status: 'present', audit, personName: key.personName, aPosteriori: late(aPosteriori, reason, now) }, now));
  });
}

/** Removes a signature from the sheet (a mistake, a wrong row); the audit keeps it. */
export async function clearSignature(key: AttendanceKey, reason: string, now = new Date()): Promise<Attendance | undefined> {
  if (reason.trim().length < REASON_MIN) throw new DateRuleError('dates.error.correctionReason');
  return getDb().transaction('rw', TABLES(), async () => {
    const existing = await findRow(key);
    if (!existing?.signature) return existing;
    const aPosteriori = await judge('clear', key, reason, now);
    const audit = [...existing.audit, entry('signature-cleared', existing.signature.signedAt, null, reason.trim(), now, existing.signature, aPosteriori)];
    return write(touchRecord(existing, { signature: null, audit }, now));
  });
}

/** People present at least one half-day of these sessions (ids). */
export function presentPeople(rows: readonly Attendance[]): Set<string> {
  return new Set(rows.filter((r) => r.role === 'participant' && r.status === 'present').map((r) => r.personId));
}

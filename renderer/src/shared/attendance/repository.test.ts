import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { createRecord } from '../../db/records';
import type { WorkshopSession } from '../../domain/workshops';
import { clearAttendanceStatus, clearSignature, DateRuleError, halfDaysOf, listSessionAttendance, setAttendanceStatus, signAttendance, type AttendanceKey } from './repository';

let db: FourmiliereDatabase;
// Tuesday 10 March 2026, 09:00–17:00 Paris (UTC+1): morning opens 08:00 UTC, afternoon 12:00 UTC
const ON_THE_DAY = new Date('2026-03-10T09:30:00Z');
beforeEach(async () => {
  db = freshDb();
  await db.sessions.add(createRecord<WorkshopSession>({ workshopId: 'w1', start: '2026-03-10T09:00', end: '2026-03-10T17:00', sequence: 0, cancelled: false, id: 's1' }, new Date('2026-02-01T00:00:00Z')));
});

const PNG_A = 'data:image/png;base64,AAAA';
const PNG_B = 'data:image/png;base64,BBBB';
const key = (personId = 'p1', halfDay: AttendanceKey['halfDay'] = 'matin'): AttendanceKey => ({ context: 'workshop', sessionId: 's1', halfDay, personId, personName: 'Maite Arrieta', role: 'participant' });

describe('attendance and signatures', () => {
  it('keeps one row per person and half-day, with every status change in the audit trail', async () => {
    await setAttendanceStatus(key(), 'absent', '', new Date('2026-03-10T08:55:00Z'));
    await setAttendanceStatus(key(), 'absent', '', ON_THE_DAY);
    await setAttendanceStatus(key(), 'present', 'arrivée en retard', new Date('2026-03-10T09:20:00Z'));
    await setAttendanceStatus(key('p1', 'apres-midi'), 'excuse', '', ON_THE_DAY);
    const rows = await db.attendance.toArray();
    expect(rows).toHaveLength(2);
    const morning = rows.find((r) => r.halfDay === 'matin')!;
    expect(morning.status).toBe('present');
    expect(morning.audit.map((a) => [a.action, a.from, a.to, a.reason])).toEqual([
      ['status', null, 'absent', ''],
      ['status', 'absent', 'present', 'arrivée en retard'],
    ]);
    expect(morning.audit[0]?.device).toBe('test-device');
  });

  it('time-stamps signatures and never silently overwrites one: the replaced and cleared ones stay in the audit trail', async () => {
    await signAttendance(key(), PNG_A, 'drawn', '', new Date('2026-03-10T09:01:00Z'));
    await signAttendance(key(), PNG_B, 'drawn', 'signature illisible', new Date('2026-03-10T09:05:00Z'));
    let [row] = await listSessionAttendance('workshop', 's1');
    expect(row?.signature).toEqual({ image: PNG_B, signedAt: '2026-03-10T09:05:00.000Z', method: 'drawn' });
    expect(row?.status).toBe('present');
    const replaced = row?.audit.find((a) => a.action === 'signature-replaced');
    expect(replaced?.previous).toEqual({ image: PNG_A, signedAt: '2026-03-10T09:01:00.000Z', method: 'drawn' });
    expect(replaced?.reason).toBe('signature illisible');

    await clearSignature(key(), 'mauvaise ligne', new Date('2026-03-10T09:10:00Z'));
    [row] = await listSessionAttendance('workshop', 's1');
    expect(row?.signature).toBeNull();
    expect(row?.audit.map((a) => a.action)).toEqual(['status', 'signature', 'signature-replaced', 'signature-cleared']);
    expect(row?.audit.at(-1)?.previous?.image).toBe(PNG_B);
  });

  it('records a typed-name attestation as such', async () => {
    await signAttendance(key(), PNG_A, 'typed', '', ON_THE_DAY);
    const [row] = await listSessionAttendance('workshop', 's1');
    expect(row?.signature?.method).toBe('typed');
    expect(row?.audit.find((a) => a.action === 'signature')?.reason).toBe('attestation');
  });

  it('keeps the animator row apart from a participant with the same id', async () => {
    await signAttendance({ ...key('Camille'), role: 'animateur' }, PNG_A, 'drawn', '', ON_THE_DAY);
    await setAttendanceStatus(key('Camille'), 'absent', '', ON_THE_DAY);
    const rows = await listSessionAttendance('workshop', 's1');
    expect(rows.map((r) => `${r.role}:${r.status}`).sort()).toEqual(['animateur:present', 'participant:absent']);
  });

  it('refuses a signature or a presence before the half-day, and stores nothing', async () => {
    const early = new Date('2026-03-02T10:00:00Z');
    const refused = await signAttendance(key(), PNG_A, 'drawn', '', early).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DateRuleError);
    expect(refused).toMatchObject({ code: 'dates.error.notOpenYet', opensAt: '2026-03-10T09:00' });
    await expect(setAttendanceStatus(key(), 'present', '', early)).rejects.toMatchObject({ code: 'dates.error.notOpenYet' });
    // the afternoon of that very day opens at 13:00 Paris (12:00 UTC)
    await expect(signAttendance(key('p1', 'apres-midi'), PNG_A, 'drawn', '', new Date('2026-03-10T11:59:00Z'))).rejects.toMatchObject({ opensAt: '2026-03-10T13:00' });
    expect(await db.attendance.count()).toBe(0);
    // an apology can be noted ahead
    await setAttendanceStatus(key(), 'excuse', '', early);
    expect((await db.attendance.toArray()).map((r) => r.status)).toEqual(['excuse']);
  });

  it('accepts an entry after the day only with a reason, stored on the row and in the audit', async () => {
    const nextDay = new Date('2026-03-11T09:00:00Z');
    await expect(setAttendanceStatus(key(), 'present', '', nextDay)).rejects.toMatchObject({ code: 'dates.error.reasonRequired' });
    expect(await db.attendance.count()).toBe(0);
    await setAttendanceStatus(key(), 'present', 'feuille papier saisie le lendemain', nextDay);
    await signAttendance(key('p2'), PNG_A, 'drawn', 'oubli de signature', nextDay);
    const rows = await listSessionAttendance('workshop', 's1');
    const p1 = rows.find((r) => r.personId === 'p1')!;
    expect(p1.aPosteriori).toEqual({ at: '2026-03-11T09:00:00.000Z', reason: 'feuille papier saisie le lendemain' });
    expect(p1.audit.at(-1)).toMatchObject({ action: 'status', to: 'present', aPosteriori: true, reason: 'feuille papier saisie le lendemain' });
    expect(rows.find((r) => r.personId === 'p2')?.aPosteriori?.reason).toBe('oubli de signature');
  });

  it('takes a mark back to « non renseigné » with its reason, keeping the mark and signature in the audit', async () => {
    await signAttendance(key(), PNG_A, 'drawn', '', ON_THE_DAY);
    await expect(clearAttendanceStatus(key(), '', ON_THE_DAY)).rejects.toMatchObject({ code: 'dates.error.correctionReason' });
    await clearAttendanceStatus(key(), 'mauvaise personne cochée', new Date('2026-03-10T10:00:00Z'));
    const [row] = await listSessionAttendance('workshop', 's1');
    expect(row?.status).toBeNull();
    expect(row?.signature).toBeNull();
    expect(row?.audit.slice(-2).map((a) => [a.action, a.from, a.to, a.reason])).toEqual([
      ['signature-cleared', '2026-03-10T09:30:00.000Z', null, 'mauvaise personne cochée'],
      ['status', 'present', null, 'mauvaise personne cochée'],
    ]);
    expect(row?.audit.find((a) => a.action === 'signature-cleared')?.previous?.image).toBe(PNG_A);
  });

  it('refuses a row for a session that does not exist', async () => {
    await expect(setAttendanceStatus({ ...key(), sessionId: 'nope' }, 'present', '', ON_THE_DAY)).rejects.toMatchObject({ code: 'dates.error.unknownSession' });
  });

  it('marks the half-days a slot covers', () => {
    expect(halfDaysOf('2026-03-10T09:00', '2026-03-10T12:00')).toEqual(['matin']);
    expect(halfDaysOf('2026-03-10T14:00', '2026-03-10T17:00')).toEqual(['apres-midi']);
    expect(halfDaysOf('2026-03-10T09:00', '2026-03-10T17:00')).toEqual(['matin', 'apres-midi']);
    expect(halfDaysOf('2026-03-10T09:30', '2026-03-10T12:30')).toEqual(['matin']);
  });
});

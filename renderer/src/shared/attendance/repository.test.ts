import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { clearSignature, halfDaysOf, listSessionAttendance, setAttendanceStatus, signAttendance, type AttendanceKey } from './repository';

let db: FourmiliereDatabase;
beforeEach(() => {
  db = freshDb();
});

const PNG_A = 'data:image/png;base64,AAAA';
const PNG_B = 'data:image/png;base64,BBBB';
const key = (personId = 'p1', halfDay: AttendanceKey['halfDay'] = 'matin'): AttendanceKey => ({ context: 'workshop', sessionId: 's1', halfDay, personId, personName: 'Maite Arrieta', role: 'participant' });

describe('attendance and signatures', () => {
  it('keeps one row per person and half-day, with every status change in the audit trail', async () => {
    await setAttendanceStatus(key(), 'absent', '', new Date('2026-03-10T08:55:00Z'));
    await setAttendanceStatus(key(), 'absent');
    await setAttendanceStatus(key(), 'present', 'arrivée en retard', new Date('2026-03-10T09:20:00Z'));
    await setAttendanceStatus(key('p1', 'apres-midi'), 'excuse');
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
    await signAttendance(key(), PNG_A, 'typed');
    const [row] = await listSessionAttendance('workshop', 's1');
    expect(row?.signature?.method).toBe('typed');
    expect(row?.audit.find((a) => a.action === 'signature')?.reason).toBe('attestation');
  });

  it('keeps the animator row apart from a participant with the same id', async () => {
    await signAttendance({ ...key('Camille'), role: 'animateur' }, PNG_A);
    await setAttendanceStatus(key('Camille'), 'absent');
    const rows = await listSessionAttendance('workshop', 's1');
    expect(rows.map((r) => `${r.role}:${r.status}`).sort()).toEqual(['animateur:present', 'participant:absent']);
  });

  it('marks the half-days a slot covers', () => {
    expect(halfDaysOf('2026-03-10T09:00', '2026-03-10T12:00')).toEqual(['matin']);
    expect(halfDaysOf('2026-03-10T14:00', '2026-03-10T17:00')).toEqual(['apres-midi']);
    expect(halfDaysOf('2026-03-10T09:00', '2026-03-10T17:00')).toEqual(['matin', 'apres-midi']);
    expect(halfDaysOf('2026-03-10T09:30', '2026-03-10T12:30')).toEqual(['matin']);
  });
});

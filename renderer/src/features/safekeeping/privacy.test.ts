import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { createRecord } from '../../db/records';
import type { Attendance } from '../../domain/attendance';
import type { Evaluation } from '../../domain/workshops';
import type { Enrolment } from '../../domain/cohorts';
import { fillSample } from './test-data';
import { collectPerson, DEFAULT_RETENTION, ERASURES_KEY, erasePerson, personExport, purge, purgeCandidates, readErasureRegister } from './privacy';
import { exportBackup, parseAndValidateBackup, restoreBackup } from './backup';
import { applyMerge, exportExchange, parseExchange, planMerge } from './exchange';
import { setDeviceId } from '../../db/records';

let db: FourmiliereDatabase;

function attendanceFor(personId: string, signed: boolean): Attendance {
  return createRecord<Attendance>({
    context: 'workshop',
    sessionId: 's1',
    halfDay: 'matin',
    personId,
    role: 'participant',
    personName: 'Léa Martin',
    status: 'present',
    signature: signed ? { image: 'data:image/png;base64,AAAA', signedAt: new Date().toISOString(), method: 'drawn' } : null,
    audit: [],
  });
}

describe('personal data', () => {
  beforeEach(async () => {
    db = freshDb();
    await fillSample(db);
  });

  it('exports everything about a participant and erases it everywhere, keeping a signed sheet anonymised', async () => {
    const registration = (await db.registrations.toCollection().first())!;
    const personId = registration.personId;
    await db.attendance.bulkPut([attendanceFor(personId, true), attendanceFor(personId, false)]);
    await db.evaluations.put(createRecord<Evaluation>({ context: 'workshop', subjectId: registration.workshopId, personId, kind: 'chaud', answers: { satisfaction: 5 }, submittedAt: null, source: 'ecran', dueDate: null, remindersSent: [] }));

    // Copies of the person's data elsewhere: history of their records, a merge conflict.
    const person = (await db.providers.get(personId))!;
    await db.history.bulkPut([
      { id: 'h1', table: 'providers', recordId: personId, at: '2026-01-01T00:00:00.000Z', device: 'machine-a', action: 'update', changes: { phone: ['', '05 00 00 00 00'] }, summary: person.lastName },
      { id: 'h2', table: 'registrations', recordId: registration.id, at: '2026-01-02T00:00:00.000Z', device: 'machine-a', action: 'create', changes: {}, summary: 'inscription' },
    ]);
    await db.conflicts.bulkPut([
      { id: 'c1', table: 'registrations', recordId: registration.id, local: registration, incoming: { ...registration, status: 'excuse' }, resolvedAt: '', createdAt: '2026-01-03T00:00:00.000Z' },
      { id: 'c2', table: 'workshops', recordId: 'w-other', local: null, incoming: null, resolvedAt: '', createdAt: '2026-01-03T00:00:00.000Z' },
    ]);

    const data = (await collectPerson(db, 'provider', personId))!;
    expect(data.registrations.length).toBeGreaterThan(0);
    expect(data.history.map((h) => h.id).sort()).toEqual(['h1', 'h2']);
    expect(data.conflicts.map((c) => c.id)).toEqual(['c1']);
    expect(data.attendance).toHaveLength(2);
    expect(data.evaluations).toHaveLength(1);
    const exported = JSON.parse(JSON.stringify(personExport(data)));
    expect(exported.person.id).toBe(personId);

    const result = await erasePerson(db, 'provider', personId, { anonymiseSignedSheets: true });
    expect(result.anonymised).toBe(1);
    // Nothing anywhere still points to the person.
    expect(await db.providers.get(personId)).toBeUndefined();
    expect(await db.registrations.where('personId').equals(personId).count()).toBe(0);
    expect(await db.attendance.where('personId').equals(personId).count()).toBe(0);
    expect(await db.evaluations.where('personId').equals(personId).count()).toBe(0);
    // Ids only remain, in the tombstones and the erasure register.
    const dump = JSON.stringify(await Promise.all(db.tables.filter((t) => t.name !== 'tombstones').map((t) => (t.name === 'settings' ? t.filter((r) => r.key !== ERASURES_KEY).toArray() : t.toArray()))));
    expect(dump).not.toContain(personId);
    const register = await readErasureRegister(db);
    expect(register.map((e) => e.recordId)).toContain(personId);
    expect(JSON.stringify(register)).not.toMatch(/Martin|Léa|data:image/);
    for (const e of register) expect(Object.keys(e).sort()).toEqual(expect.arrayContaining(['action', 'at', 'recordId', 'table']));
    // The kept proof row: no name, no signature image, anywhere in it (audit included).
    const kept = await db.attendance.filter((a) => a.personName === 'Personne anonymisée').toArray();
    expect(kept).toHaveLength(1);
    expect(kept[0]?.signature).toBeNull();
    expect(JSON.stringify(kept)).not.toMatch(/data:image|Léa Martin/);
    expect(kept[0]?.audit.at(-1)).toMatchObject({ action: 'anonymised', from: expect.any(String) });
    expect(await db.conflicts.get('c2')).toBeDefined(); // unrelated conflicts stay
    // Other machines learn of the deletions.
    expect(await db.tombstones.where('recordId').equals(personId).count()).toBe(1);
  });

  it('erases an animator with their enrolments, deleting unsigned and signed rows when asked', async () => {
    const animator = (await db.animators.toCollection().first())!;
    await db.attendance.bulkPut([attendanceFor(animator.id, true)]);
    await db.enrolments.put(createRecord<Enrolment>({ cohortId: 'c1', animatorId: animator.id, status: 'en-cours', withdrawnAt: null, withdrawReason: '', assessments: {}, completedAt: null }));
    await erasePerson(db, 'animator', animator.id, { anonymiseSignedSheets: false });
    expect(await db.animators.get(animator.id)).toBeUndefined();
    expect(await db.enrolments.where('animatorId').equals(animator.id).count()).toBe(0);
    expect(await db.attendance.count()).toBe(0);
  });

  it('lists people past retention, and only them', async () => {
    const now = new Date('2026-11-28T00:00:00Z');
    const old = (await db.providers.toCollection().first())!;
    await db.providers.put({ ...old, lastContactAt: '2022-01-01T00:00:00.000Z' });
    const former = (await db.animators.toCollection().first())!;
    await db.animators.put({ ...former, status: 'parti', lastContactAt: '2019-05-01' });
    const recent = (await db.animators.toCollection().last())!;
    await db.animators.put({ ...recent, status: 'parti', lastContactAt: '2026-01-01' });
    const candidates = await purgeCandidates(db, DEFAULT_RETENTION, now);
    const ids = candidates.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining([old.id, former.id]));
    expect(ids).not.toContain(recent.id);
    for (const c of candidates) {
      const limit = c.kind === 'provider' ? '2023-11-28' : '2021-11-28';
      expect(c.lastContact.slice(0, 10) < limit, `${c.name} ${c.lastContact}`).toBe(true);
    }
    const activeIds = (await db.animators.toArray()).filter((a) => a.status !== 'parti' && a.status !== 'abandon').map((a) => a.id);
    expect(ids.some((id) => activeIds.includes(id))).toBe(false);
  });

  it('lists sign-in rows past their own retention by the half-day date, then purges everything listed in one go', async () => {
    const now = new Date('2026-11-28T00:00:00Z');
    const oldSigned = { ...attendanceFor('p-ancien', true), createdAt: '2020-03-01T09:00:00.000Z' };
    oldSigned.signature = { image: 'data:image/png;base64,AAAA', signedAt: '2020-03-01T09:05:00.000Z', method: 'drawn' };
    const recent = attendanceFor('p-recent', true);
    await db.attendance.bulkPut([oldSigned, recent]);
    const old = (await db.providers.toCollection().first())!;
    await db.providers.put({ ...old, lastContactAt: '2022-01-01T00:00:00.000Z' });
    const candidates = await purgeCandidates(db, DEFAULT_RETENTION, now);
    expect(candidates.filter((c) => c.kind === 'attendance').map((c) => [c.id, c.lastContact])).toEqual([[oldSigned.id, '2020-03-01T09:05:00.000Z']]);
    expect(candidates.map((c) => c.id)).toContain(old.id);

    const removed = await purge(db, candidates);
    expect(removed).toBe(candidates.length);
    expect(await db.attendance.get(oldSigned.id)).toBeUndefined();
    expect(await db.attendance.get(recent.id)).toBeDefined();
    expect(await db.providers.get(old.id)).toBeUndefined();
    expect(await db.tombstones.get(`attendance:${oldSigned.id}`)).toBeDefined();
    expect(await purgeCandidates(db, DEFAULT_RETENTION, now)).toEqual([]);
  });

  describe('the erasure register holds after a restore and a merge', () => {
    async function erasedParticipant() {
      const registration = (await db.registrations.toCollection().first())!;
      const personId = registration.personId;
      const signed = attendanceFor(personId, true);
      signed.audit = [{ at: new Date().toISOString(), device: 'x', action: 'signature-replaced', from: null, to: null, reason: 'Léa Martin a re-signé', previous: { image: 'data:image/png;base64,BBBB', signedAt: new Date().toISOString(), method: 'drawn' } }];
      await db.attendance.bulkPut([signed, attendanceFor(personId, false)]);
      return { personId, registrationId: registration.id, signedId: signed.id };
    }
    const expectGone = async (personId: string, registrationId: string, signedId: string) => {
      expect(await db.providers.get(personId)).toBeUndefined();
      expect(await db.registrations.get(registrationId)).toBeUndefined();
      expect(await db.attendance.where('personId').equals(personId).count()).toBe(0);
      const kept = (await db.attendance.get(signedId))!;
      expect(kept.personName).toBe('Personne anonymisée');
      expect(JSON.stringify(kept)).not.toMatch(/data:image|Léa Martin/);
    };

    it('restoring a backup taken before the erasure does not bring the person back', async () => {
      const { personId, registrationId, signedId } = await erasedParticipant();
      const before = await exportBackup(db);
      await erasePerson(db, 'provider', personId, { anonymiseSignedSheets: true });
      const parsed = await parseAndValidateBackup(new TextDecoder().decode(before));
      if (!parsed.ok) throw new Error(parsed.error.key);
      expect(JSON.stringify(parsed.value.tables.providers)).toContain(personId);
      await restoreBackup(db, parsed.value);
      await expectGone(personId, registrationId, signedId);
      // The deletion travels again, and the register itself survived the restore.
      expect(await db.tombstones.get(`providers:${personId}`)).toBeDefined();
      expect((await readErasureRegister(db)).some((e) => e.recordId === personId)).toBe(true);
    });

    it('merging an exchange file that still holds the person does not bring them back', async () => {
      const { personId, registrationId, signedId } = await erasedParticipant();
      // Another machine that got everything before the erasure, and edited the person since.
      setDeviceId('machine-b');
      const person = (await db.providers.get(personId))!;
      await db.providers.put({ ...person, phone: '05 55 55 55 55', updatedAt: new Date().toISOString(), rev: { device: 'machine-b', counter: Date.now() + 10_000 } });
      const text = await exportExchange(db, { kind: 'all' }, 'machine B');
      setDeviceId('test-device');
      await erasePerson(db, 'provider', personId, { anonymiseSignedSheets: true });
      const parsed = await parseExchange(text);
      if (!parsed.ok) throw new Error(parsed.error.key);
      const plan = await planMerge(db, parsed.value);
      const touched = [...plan.added, ...plan.updated].map((c) => c.record.id);
      expect(touched).not.toContain(personId);
      expect(touched).not.toContain(registrationId);
      expect(touched).not.toContain(signedId);
      expect(plan.conflicts.map((c) => (c.local ?? c.incoming)!.id)).not.toContain(personId);
      await applyMerge(db, plan);
      await expectGone(personId, registrationId, signedId);
      expect(JSON.stringify(await db.conflicts.toArray())).not.toContain(personId);
    });
  });
});

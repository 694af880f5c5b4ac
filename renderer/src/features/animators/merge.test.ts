import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { createRecord } from '../../db/records';
import type { Enrolment } from '../../domain/cohorts';
import { createAnimator, duplicatePairs, emptyAnimatorForm, fieldsOf, historyOf, mergeAnimators, type AnimatorForm } from './repository';

let db: FourmiliereDatabase;
beforeEach(() => {
  db = freshDb();
});

const form = (over: Partial<AnimatorForm> = {}): AnimatorForm => ({
  ...emptyAnimatorForm(),
  firstName: 'Élodie',
  lastName: 'Marchand',
  email: 'elodie@ot-annecy.fr',
  structureName: 'Office de tourisme du Lac',
  ...over,
});

const enrol = (cohortId: string, animatorId: string) =>
  db.enrolments.add(createRecord<Enrolment>({ cohortId, animatorId, status: 'en-cours', withdrawnAt: null, withdrawReason: '', assessments: {}, completedAt: null }));

describe('mergeAnimators', () => {
  it('keeps one record with the chosen values, bins the other and moves its enrolments', async () => {
    const keep = await createAnimator(fieldsOf(form({ phone: '04 50 00 00 00', specialities: 'photo', notes: 'ancienne note' })), db);
    const drop = await createAnimator(fieldsOf(form({ firstName: 'Elodie', lastName: 'Marchand-Roux', specialities: 'vidéo, photo', notes: 'nouvelle note' })), db);
    expect((await duplicatePairs(db)).map((p) => [[p.a, p.b].sort(), p.reason])).toEqual([[[keep.id, drop.id].sort(), 'email']]);
    await enrol('c1', drop.id);
    await enrol('c2', drop.id);
    await enrol('c2', keep.id);

    const merged = await mergeAnimators(keep.id, drop.id, { lastName: drop.lastName, notes: drop.notes }, db);

    expect(merged.id).toBe(keep.id);
    const stored = await db.animators.get(keep.id);
    expect([stored?.firstName, stored?.lastName, stored?.phone, stored?.notes]).toEqual(['Élodie', 'Marchand-Roux', '04 50 00 00 00', 'nouvelle note']);
    expect(stored?.specialities.sort()).toEqual(['photo', 'vidéo']);
    // derived search fields follow the chosen name
    expect(stored?.sortName).toBe('marchand-roux elodie');
    expect(stored?.deletedAt).toBeNull();
    expect((await db.animators.get(drop.id))?.deletedAt).toEqual(expect.any(String));
    expect(await duplicatePairs(db)).toEqual([]);

    const enrolments = await db.enrolments.toArray();
    expect(enrolments.filter((e) => e.animatorId === keep.id).map((e) => e.cohortId).sort()).toEqual(['c1', 'c2']);
    // the kept person is already in c2: the dropped one's enrolment there is not duplicated
    expect(enrolments.filter((e) => e.cohortId === 'c2')).toHaveLength(2);

    const keptHistory = await historyOf(keep.id, db);
    const mergeRow = keptHistory.find((h) => h.action === 'merge');
    expect(mergeRow?.summary).toBe('fusion avec la fiche de Elodie Marchand-Roux');
    expect(mergeRow?.changes.lastName).toEqual(['Marchand', 'Marchand-Roux']);
    expect((await historyOf(drop.id, db)).map((h) => h.action)).toContain('merge');
  });

  it('changes nothing when a record is missing', async () => {
    const keep = await createAnimator(fieldsOf(form()), db);
    await expect(mergeAnimators(keep.id, 'nobody', {}, db)).rejects.toThrow('animator not found');
    expect((await db.animators.get(keep.id))?.rev).toEqual(keep.rev);
    expect((await db.history.toArray()).filter((h) => 'action' in h && h.action === 'merge')).toEqual([]);
  });
});

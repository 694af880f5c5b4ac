import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { animatorFormErrors, createAnimator, createAnimatorQuick, deleteAnimator, emptyAnimatorForm, fieldsOf, formOf, historyOf, restoreAnimator, updateAnimator, updateAnimatorTraining, type AnimatorForm } from './repository';
import { combineVersions, differingKeys, StaleRecordError } from '../../db/records';
import { emptyFilter, listSearch, parseListSearch, queryAnimators } from './query';

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
  communeName: 'Annecy',
  regionCode: '84',
  departmentCode: '74',
  ...over,
});

describe('animator records', () => {
  it('a save from a stale form (two tabs) writes nothing and hands back the stored version to choose from', async () => {
    const opened = await createAnimator(fieldsOf(form()), db);
    // Tab 1 and tab 2 both open the record; tab 1 saves a note.
    const tab1 = formOf(opened);
    const tab2 = formOf(opened);
    const afterNote = await updateAnimator(opened.id, fieldsOf({ ...tab1, notes: 'Rappeler en janvier' }), 'fiche modifiée', db, opened.rev);
    // Tab 2, still on the first revision, changes the phone: refused, the note stays.
    const stale = updateAnimator(opened.id, fieldsOf({ ...tab2, phone: '05 55 00 00 00' }), 'fiche modifiée', db, opened.rev);
    await expect(stale).rejects.toBeInstanceOf(StaleRecordError);
    const error = (await stale.catch((e: unknown) => e)) as StaleRecordError;
    expect(error.current.rev).toEqual(afterNote.rev);
    const stored = (await db.animators.get(opened.id))!;
    expect(stored.notes).toBe('Rappeler en janvier');
    expect(stored.phone).toBe('');
    // Both versions side by side, then per field: their note, my phone.
    const mine = { ...tab2, phone: '05 55 00 00 00' };
    const theirs = formOf(error.current as typeof stored);
    expect(differingKeys(mine, theirs).sort()).toEqual(['notes', 'phone']);
    const chosen = combineVersions(mine, theirs, { notes: 'theirs', phone: 'mine' });
    const saved = await updateAnimator(opened.id, fieldsOf(chosen), 'fiche modifiée', db, error.current.rev);
    expect(saved).toMatchObject({ notes: 'Rappeler en janvier', phone: '05 55 00 00 00' });
    // Saved from the current revision: accepted; programmatic updates without a revision still pass.
    await updateAnimatorTraining(opened.id, { status: 'forme' }, db);
    expect((await db.animators.get(opened.id))!.status).toBe('forme');
  });

  it('gives French field errors and saves nothing half-valid', () => {
    expect(animatorFormErrors(form({ email: 'elodie@' }))).toEqual({ email: 'animators.error.email' });
    expect(animatorFormErrors(form({ lastName: ' ', phone: 'abc' }))).toEqual({ lastName: 'animators.error.lastName', phone: 'animators.error.phone' });
    expect(animatorFormErrors(form({ trainingStart: '2024-05-01', trainingEnd: '2024-04-01' }))).toEqual({ trainingEnd: 'animators.error.endBeforeStart' });
    expect(() => fieldsOf(form({ email: 'x' }))).toThrow();
  });

  it('derives folded search tokens and the trained year', async () => {
    const a = await createAnimator(fieldsOf(form({ trainingEnd: '2023-06-30' })), db);
    expect(a.tokens).toEqual(expect.arrayContaining(['elodie', 'marchand', 'office', 'lac', 'annecy']));
    expect(a.sortName).toBe('marchand elodie');
    expect(a.trainedYear).toBe(2023);
  });

  it('records training updates in the history and undoes them', async () => {
    const a = await createAnimatorQuick({ firstName: 'Paul', lastName: 'Durand', regionCode: '53' }, db);
    const { undo } = await updateAnimatorTraining(a.id, { status: 'certifie', cohortId: 'c1', trainedYear: 2024 }, db);
    expect((await db.animators.get(a.id))?.status).toBe('certifie');
    const history = await historyOf(a.id, db);
    expect(history.some((h) => h.action === 'update' && JSON.stringify(h.changes.status) === JSON.stringify(['en-formation', 'certifie']))).toBe(true);
    await undo();
    const back = await db.animators.get(a.id);
    expect([back?.status, back?.cohortId, back?.trainedYear]).toEqual(['en-formation', null, null]);
    expect((await historyOf(a.id, db)).length).toBe(3);
  });

  it('soft-deletes into the bin and restores', async () => {
    const a = await createAnimator(fieldsOf(form()), db);
    await deleteAnimator(a.id, db);
    expect((await queryAnimators(db, emptyFilter, { field: 'sortName', dir: 'asc' }, { offset: 0, limit: 10 })).total).toBe(0);
    expect((await queryAnimators(db, { ...emptyFilter, deleted: true }, { field: 'sortName', dir: 'asc' }, { offset: 0, limit: 10 })).total).toBe(1);
    await restoreAnimator(a.id, db);
    expect((await queryAnimators(db, emptyFilter, { field: 'sortName', dir: 'asc' }, { offset: 0, limit: 10 })).rows[0]?.id).toBe(a.id);
  });
});

describe('indexed list queries', () => {
  async function seed() {
    const names = ['Zoé Abadie', 'Luc Bernard', 'Émile Chevalier', 'Anne Dubois', 'Jean Étienne', 'Marc Faure', 'Inès Garnier'];
    let i = 0;
    for (const full of names) {
      const [firstName = '', lastName = ''] = full.split(' ');
      await createAnimator(
        fieldsOf(form({ firstName, lastName, email: '', regionCode: i % 2 ? '84' : '53', status: i % 3 === 0 ? 'certifie' : 'forme', trainedYear: i === 2 ? '' : String(2015 + i), specialities: i % 2 ? 'vidéo, réseaux sociaux' : 'photo', structureName: i === 4 ? 'Pays de Brocéliande' : 'OT du Lac' })),
        db,
      );
      i++;
    }
  }

  it('pages in name order and reports the total', async () => {
    await seed();
    const sort = { field: 'sortName', dir: 'asc' } as const;
    const first = await queryAnimators(db, emptyFilter, sort, { offset: 0, limit: 3 });
    const second = await queryAnimators(db, emptyFilter, sort, { offset: 3, limit: 3 });
    expect(first.total).toBe(7);
    expect(first.rows.map((r) => r.lastName)).toEqual(['Abadie', 'Bernard', 'Chevalier']);
    expect(second.rows.map((r) => r.lastName)).toEqual(['Dubois', 'Étienne', 'Faure']);
    const desc = await queryAnimators(db, emptyFilter, { field: 'sortName', dir: 'desc' }, { offset: 0, limit: 2 });
    expect(desc.rows.map((r) => r.lastName)).toEqual(['Garnier', 'Faure']);
  });

  it('searches accent-insensitive prefixes and combines filters', async () => {
    await seed();
    const sort = { field: 'sortName', dir: 'asc' } as const;
    const page = { offset: 0, limit: 50 };
    expect((await queryAnimators(db, { ...emptyFilter, text: 'emi' }, sort, page)).rows.map((r) => r.firstName)).toEqual(['Émile']);
    expect((await queryAnimators(db, { ...emptyFilter, text: 'BROCEL' }, sort, page)).rows.map((r) => r.lastName)).toEqual(['Étienne']);
    expect((await queryAnimators(db, { ...emptyFilter, regionCode: '84' }, sort, page)).rows.map((r) => r.lastName)).toEqual(['Bernard', 'Dubois', 'Faure']);
    expect((await queryAnimators(db, { ...emptyFilter, regionCode: '53', status: 'certifie' }, sort, page)).rows.map((r) => r.lastName)).toEqual(['Abadie', 'Garnier']);
    expect((await queryAnimators(db, { ...emptyFilter, speciality: 'photo', text: 'dub' }, sort, page)).total).toBe(0);
    expect((await queryAnimators(db, { ...emptyFilter, speciality: 'vidéo' }, sort, page)).total).toBe(3);
  });

  it('sorts by trained year with the undated last', async () => {
    await seed();
    const rows = (await queryAnimators(db, emptyFilter, { field: 'trainedYear', dir: 'asc' }, { offset: 0, limit: 50 })).rows;
    expect(rows.map((r) => r.trainedYear)).toEqual([2015, 2016, 2018, 2019, 2020, 2021, null]);
  });

  it('keeps the filter in the query string', () => {
    const search = listSearch({ ...emptyFilter, regionCode: '84', text: 'ma' }, { field: 'trainedYear', dir: 'desc' });
    expect(parseListSearch(search)).toEqual({ filter: { ...emptyFilter, regionCode: '84', text: 'ma' }, sort: { field: 'trainedYear', dir: 'desc' } });
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { generateDemoData } from '../../demo/generator';
import { loadCommunes } from '../../shared/geo';
import Dexie from 'dexie';
import { distinctValues, emptyFilter, isNarrowed, narrowedBy, orderedKeys, queryAnimators, queryFirstPage, sortFields, StaleRead, type AnimatorFilter, type AnimatorSort } from './query';

let db: FourmiliereDatabase;
beforeAll(async () => {
  db = freshDb();
  const { communes } = await loadCommunes();
  const data = generateDemoData(communes, { animators: 800, cohorts: 8, providers: 0, workshops: 0, registrationsPerWorkshop: 0 }, 7);
  // Some in the bin, some without a trained year: both sit outside the plain order.
  const animators = data.animators.map((a, i) => ({ ...a, deletedAt: i % 17 === 0 ? '2026-01-02T10:00:00.000Z' : null, trainedYear: i % 11 === 0 ? null : a.trainedYear }));
  await db.cohorts.bulkPut(data.cohorts);
  await db.animators.bulkPut(animators);
});

/** Runs `check` for each filter under every sort field, both ways. */
async function forEachFilterAndSort(filters: Partial<AnimatorFilter>[], check: (filter: AnimatorFilter, sort: AnimatorSort, label: string) => Promise<void>) {
  for (const f of filters) {
    for (const field of sortFields) {
      for (const dir of ['asc', 'desc'] as const) await check({ ...emptyFilter, ...f }, { field, dir }, `${JSON.stringify(f)} ${field} ${dir}`);
    }
  }
}

const firstIdsOfFullQuery = async (filter: AnimatorFilter, sort: AnimatorSort) => (await queryAnimators(db, filter, sort, { offset: 0, limit: 25 })).rows.map((a) => a.id);

describe('the first page of the registry list', () => {
  it('is the same page as the full ordered query, for every filter and sort', async () => {
    const sample = (await db.animators.limit(40).toArray()).filter((a) => a.deletedAt === null);
    const someone = sample[3]!;
    const filters: Partial<AnimatorFilter>[] = [
      {},
      { deleted: true },
      { regionCode: someone.regionCode },
      { regionCode: someone.regionCode, status: 'certifie' },
      { status: 'forme' },
      { departmentCode: someone.departmentCode },
      { cohortId: someone.cohortId ?? '' },
      { structureType: 'office-tourisme' },
      { speciality: someone.specialities[0] ?? '' },
      { text: someone.lastName.slice(0, 3) },
      { text: `${someone.firstName} ${someone.lastName}` },
      { text: someone.lastName, regionCode: someone.regionCode },
      { text: 'zzzz-nobody' },
    ];
    let compared = 0;
    await forEachFilterAndSort(filters, async (filter, sort, label) => {
      const expected = await firstIdsOfFullQuery(filter, sort);
      expect((await queryFirstPage(db, filter, sort, 25)).map((a) => a.id), label).toEqual(expected);
      compared += expected.length;
    });
    // The comparison is not vacuous: most of those pages hold rows.
    expect(compared).toBeGreaterThan(filters.length * sortFields.length * 2 * 10);
  });
});

describe('the first page of a common word', () => {
  it('is the head of the full ordered query when matches are walked in sort order, not read all', async () => {
    const sample = (await db.animators.limit(40).toArray()).filter((a) => a.deletedAt === null);
    const someone = sample[5]!;
    // With these limits every word with more than 3 matches is walked, at most 120 records.
    const limits = { sparse: 3, walk: 120 };
    const filters: Partial<AnimatorFilter>[] = [
      { text: 'a' },
      { text: someone.lastName.slice(0, 1) },
      { text: someone.communeName.slice(0, 2), regionCode: someone.regionCode },
      { departmentCode: someone.departmentCode },
      { speciality: someone.specialities[0] ?? '' },
      { text: 'e', deleted: true },
    ];
    let heads = 0;
    await forEachFilterAndSort(filters, async (filter, sort, label) => {
      const expected = await firstIdsOfFullQuery(filter, sort);
      const got = (await queryFirstPage(db, filter, sort, 25, limits)).map((a) => a.id);
      expect(got, label).toEqual(expected.slice(0, got.length));
      if (got.length > 0) heads++;
    });
    // Most walks find rows within their budget.
    expect(heads).toBeGreaterThan(filters.length * sortFields.length);
  });
});

describe('reading every key of a large index range', () => {
  it('gives the order of one whole read when read a few keys at a time, long runs of equal values included', async () => {
    // The most populous region: the first record's could hold only a few people (ids are random).
    const perRegion = new Map<string, number>();
    for (const code of (await db.animators.orderBy('regionCode').keys()) as string[]) perRegion.set(code, (perRegion.get(code) ?? 0) + 1);
    const region = [...perRegion].sort((a, b) => b[1] - a[1])[0]![0];
    const ranges: [string, unknown, unknown][] = [
      ...sortFields.map((field): [string, unknown, unknown] => [field, Dexie.minKey, Dexie.maxKey]),
      ['[regionCode+sortName]', [region, ''], [region, '\uffff']],
    ];
    for (const [index, lower, upper] of ranges) {
      const whole = await db.animators.where(index).between(lower as string, upper as string, true, true).primaryKeys();
      // 7 keys a chunk: many chunks end inside runs of equal values (a status is shared by hundreds)
      expect(await orderedKeys(db, index, lower as string, upper as string, undefined, 7), index).toEqual(whole);
      expect(whole.length, index).toBeGreaterThan(20);
    }
  });

  it('stops between chunks once nobody wants the answer', async () => {
    let asked = 0;
    await expect(orderedKeys(db, 'sortName', Dexie.minKey, Dexie.maxKey, () => ++asked > 3, 10)).rejects.toBeInstanceOf(StaleRead);
    expect(asked).toBe(4);
  });
});

describe('the distinct values of an index', () => {
  it('are those of the unique walk, in order, found by seeking', async () => {
    for (const index of ['specialities', 'regionCode', 'status', 'trainedYear']) {
      const expected = await db.animators.orderBy(index).uniqueKeys();
      expect(expected.length, index).toBeGreaterThan(2);
      expect(await distinctValues(db, index), index).toEqual(expected);
    }
  });
});

describe('whether a search is narrowed by one index', () => {
  it('says so without a database exactly when narrowedBy finds one', () => {
    const filters: Partial<AnimatorFilter>[] = [{}, { text: 'du' }, { text: ' — ' }, { regionCode: '53' }, { status: 'forme' }, { departmentCode: '29' }, { cohortId: 'c1' }, { speciality: 'photo' }, { structureType: 'office-tourisme', regionCode: '53' }];
    const answers = filters.map((f) => isNarrowed({ ...emptyFilter, ...f }));
    expect(answers).toEqual([false, true, false, false, false, true, true, true, false]);
    filters.forEach((f, i) => expect(narrowedBy(db, { ...emptyFilter, ...f }) !== null, JSON.stringify(f)).toBe(answers[i]));
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { generateDemoData } from '../../demo/generator';
import { loadCommunes } from '../../shared/geo';
import { emptyFilter, queryAnimators, queryFirstPage, sortFields, type AnimatorFilter, type AnimatorSort } from './query';

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
    for (const f of filters) {
      const filter = { ...emptyFilter, ...f };
      for (const field of sortFields) {
        for (const dir of ['asc', 'desc'] as const) {
          const sort: AnimatorSort = { field, dir };
          const expected = (await queryAnimators(db, filter, sort, { offset: 0, limit: 25 })).rows.map((a) => a.id);
          const got = (await queryFirstPage(db, filter, sort, 25)).map((a) => a.id);
          expect(got, `${JSON.stringify(f)} ${field} ${dir}`).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    // The comparison is not vacuous: most of those pages hold rows.
    expect(compared).toBeGreaterThan(filters.length * sortFields.length * 2 * 10);
  });
});

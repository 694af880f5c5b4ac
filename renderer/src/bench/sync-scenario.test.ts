// The team-sync bench scenario checks itself: a run applies every change, and the reset puts the database back.
import { describe, expect, it } from 'vitest';
import { freshDb } from '../test/db';
import { hashRecords } from './hash';
import { scenarios, type Params } from './scenarios';
import { seed } from './seed';

const params: Params = { sizes: { animators: 300, cohorts: 6, providers: 40, workshops: 10, registrationsPerWorkshop: 5 }, seed: 42, csvRows: 120, mergeRecords: 250 };

describe('team-sync bench scenario', () => {
  it('applies every change from the folder, and leaves the records as it found them', async () => {
    const db = freshDb();
    await seed({ sizes: params.sizes, seed: params.seed });
    const before = await hashRecords({ animators: await db.animators.toArray() });
    const s = scenarios.find((x) => x.id === 'team-sync')!;
    expect(await s.prepare!(params)).toEqual({ records: 250, files: 1 });
    for (const run of [await s.subject(params), await s.subject(params), await s.baseline!(params)]) expect(run.check, run.check?.detail).toMatchObject({ ok: true });
    expect(await hashRecords({ animators: await db.animators.toArray() })).toBe(before);
  });
});

// The bench's own correctness: its hash proves round trips, its raw baselines read
// the right rows and leave the database as they found it.
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../test/db';
import type { FourmiliereDatabase } from '../db/database';
import { hashRecords } from './hash';
import { rawFirstPage, REGISTRY_QUERIES, scenarios, type Params } from './scenarios';
import { seed } from './seed';
import { keystrokes, naiveSearch, tutorialTexts } from './tutorials-baseline';

const params: Params = {
  sizes: { animators: 300, cohorts: 6, providers: 40, workshops: 10, registrationsPerWorkshop: 5 },
  seed: 42,
  csvRows: 120,
  mergeRecords: 80,
};
const scenario = (id: string) => scenarios.find((s) => s.id === id)!;

describe('hashRecords', () => {
  it('ignores key and row order but sees any changed value', async () => {
    type Rows = Record<string, { id: string; [field: string]: unknown }[]>;
    const a: Rows = { animators: [{ id: '1', x: 1, y: { b: 2, a: [1, 2] } }, { id: '2', x: 3 }] };
    const b: Rows = { animators: [{ id: '2', x: 3 }, { y: { a: [1, 2], b: 2 }, x: 1, id: '1' }] };
    const changed: Rows = { animators: [{ id: '1', x: 1, y: { b: 2, a: [2, 1] } }, { id: '2', x: 3 }] };
    expect(await hashRecords(a)).toBe(await hashRecords(b));
    expect(await hashRecords(changed)).not.toBe(await hashRecords(a));
  });
});

describe('tutorial baseline', () => {
  it('reads every bundled tutorial and finds typed words accent-insensitively', () => {
    expect(tutorialTexts.length).toBeGreaterThan(20);
    expect(naiveSearch('réseaux sociaux').length).toBeGreaterThan(0);
    expect(naiveSearch('RESEAUX')).toEqual(naiveSearch('réseaux'));
    expect(keystrokes(['abc'])).toEqual(['a', 'ab', 'abc']);
  });
});

describe('raw baselines on a seeded database', () => {
  let db: FourmiliereDatabase;
  beforeEach(async () => {
    db = freshDb();
    const info = await seed({ sizes: params.sizes, seed: params.seed });
    expect(info.counts.animators).toBe(300);
  });

  it('reads the first page of each registry query sorted by name, within the filter', async () => {
    const run = await scenario('registry-query').baseline!(params);
    expect(run.samples).toHaveLength(REGISTRY_QUERIES.length);
    expect(run.check?.ok).toBe(true);
    for (const q of REGISTRY_QUERIES) {
      const all = await db.animators.toArray();
      const word = q.text;
      const expected = all
        .filter((a) => (q.regionCode === null || a.regionCode === q.regionCode) && (q.status === null || a.status === q.status) && (!word || a.tokens.some((t) => t.startsWith(word))))
        .map((a) => a.sortName)
        .sort()
        .slice(0, q.pageSize);
      if (q === REGISTRY_QUERIES[0]) expect(expected.length).toBeGreaterThan(0);
      expect((await rawFirstPage(q)).map((a) => a.sortName), q.label).toEqual(expected);
    }
  });

  it('imports and then removes the CSV rows, leaving the registry as it was', async () => {
    const s = scenario('csv-import');
    await s.prepare!(params);
    const run = await s.baseline!(params);
    expect(run.check).toEqual({ ok: true, detail: '120 parsed, 120 stored' });
    expect(await db.animators.count()).toBe(300);
  });

  it('restores a raw backup identical by hash', async () => {
    const s = scenario('backup-restore');
    await s.prepare!(params);
    const run = await s.baseline!(params);
    expect(run.check?.ok).toBe(true);
    expect(run.check?.detail).toContain('identical by hash');
  });

  it('writes the merged records, then puts the originals back', async () => {
    const before = await hashRecords({ animators: await db.animators.toArray() });
    const s = scenario('merge');
    await s.prepare!(params);
    const run = await s.baseline!(params);
    expect(run.check).toEqual({ ok: true, detail: '80 records written' });
    expect(await hashRecords({ animators: await db.animators.toArray() })).toBe(before);
  });

  it('counts every synced record in the export baseline', async () => {
    const run = await scenario('backup-export').baseline!(params);
    const total = 300 + 6 + 40 + 10 + 10 + 50;
    expect(run.extra?.records).toBe(total);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { Dexie, type ObservabilitySet } from 'dexie';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { searchTokens } from '../../db/records';
import type { Animator } from '../../domain/registry';
import { generateDemoData } from '../../demo/generator';
import { loadCommunes } from '../../shared/geo';
import { createAnimatorQuick, updateAnimator } from './repository';
import { changedKeys, LiveTokenIndex, TokenIndex } from './token-index';
import { emptyFilter, queryAnimatorKeys } from './query';

let db: FourmiliereDatabase;
beforeEach(() => {
  db = freshDb();
});

async function seed(count: number): Promise<Animator[]> {
  const { communes } = await loadCommunes();
  const data = generateDemoData(communes, { animators: count, cohorts: 2, providers: 0, workshops: 0, registrationsPerWorkshop: 0 }, 11);
  await db.animators.bulkPut(data.animators);
  return data.animators;
}

/** What IndexedDB answers: records with, for every word, a token starting with it. */
async function expected(text: string): Promise<string[]> {
  const words = searchTokens(text);
  const first = new Set((await db.animators.where('tokens').startsWith(words[0]!).primaryKeys()) as string[]);
  return (await db.animators.toArray())
    .filter((a) => first.has(a.id) && words.every((w) => a.tokens.some((t) => t.startsWith(w))))
    .map((a) => a.id)
    .sort();
}
const found = (index: TokenIndex | null, text: string) => index!.matching(searchTokens(text)).sort();
/** The live matches in the list's name order, as the full query gives them. */
async function inNameOrder(text: string, dir: 'asc' | 'desc'): Promise<string[]> {
  return queryAnimatorKeys(db, { ...emptyFilter, text }, { field: 'sortName', dir });
}

/** Feeds Dexie's change events to the index, as the list engine does. */
function follow(live: LiveTokenIndex) {
  const listener = (parts: ObservabilitySet) => {
    const keys = changedKeys(parts, db.name, 'animators');
    if (keys) live.changed(keys);
  };
  Dexie.on('storagemutated', listener);
  return () => Dexie.on('storagemutated').unsubscribe(listener);
}

describe('the search words held in memory by the list’s worker', () => {
  it('finds what the tokens index finds, for prefixes, whole words and several words', async () => {
    const people = await seed(400);
    // Some in the bin: matched, but not in the list's order.
    await db.animators.bulkPut(people.filter((_, i) => i % 9 === 0).map((a) => ({ ...a, deletedAt: '2026-03-01T09:00:00.000Z' })));
    const live = new LiveTokenIndex(db, 37);
    live.start();
    const index = await live.settled();
    expect(index).not.toBeNull();
    const someone = people[5]!;
    const texts = ['d', 'ma', someone.lastName, someone.lastName.slice(0, 3), `${someone.firstName} ${someone.lastName}`, `${someone.lastName.slice(0, 2)} ${someone.communeName}`, someone.email.split('@')[0]!, 'zzzz'];
    let total = 0;
    for (const text of texts) {
      const want = await expected(text);
      expect(found(index, text), text).toEqual(want);
      for (const dir of ['asc', 'desc'] as const) expect(index!.inNameOrder(searchTokens(text), dir, 1000), `${text} ${dir}`).toEqual(await inNameOrder(text, dir));
      total += want.length;
    }
    expect(total).toBeGreaterThan(100);
    // Too many to sort: the caller orders them otherwise.
    const many = await expected('d');
    expect(many.length).toBeGreaterThan(20);
    expect(index!.inNameOrder(['d'], 'asc', 20)).toBeNull();
  });

  it('follows edits, deletions and new people, and builds again after a bulk change', async () => {
    const people = await seed(120);
    const live = new LiveTokenIndex(db, 16);
    const unfollow = follow(live);
    live.start();
    await live.settled();
    const [renamed, gone] = [people[3]!, people[4]!];
    await updateAnimator(renamed.id, { lastName: 'Quasimodo' });
    await db.animators.delete(gone.id);
    const added = await createAnimatorQuick({ firstName: 'Zéphyrine', lastName: gone.lastName, regionCode: '53' }, db);
    let index = await live.settled();
    for (const text of ['quasi', renamed.lastName, gone.lastName, 'zephyr']) expect(found(index, text), text).toEqual(await expected(text));
    expect(found(index, 'quasimodo')).toEqual([renamed.id]);
    expect(found(index, 'zephyr')).toEqual([added.id]);
    await updateAnimator(people[6]!.id, { lastName: 'Aaaa' });
    await db.animators.update(people[7]!.id, { deletedAt: '2026-03-01T09:00:00.000Z' });
    index = await live.settled();
    for (const text of [gone.lastName, people[6]!.firstName, people[7]!.lastName]) expect(index!.inNameOrder(searchTokens(text), 'asc', 1000), text).toEqual(await inNameOrder(text, 'asc'));

    // 60 records in one write name no keys: the index is read again.
    await db.animators.bulkPut(people.slice(10, 70).map((a) => ({ ...a, tokens: [...a.tokens, 'lot'] })));
    expect(live.ready).toBeNull();
    index = await live.settled();
    expect(found(index, 'lot')).toHaveLength(60);
    expect(found(index, 'quasimodo')).toEqual([renamed.id]);
    unfollow();
    live.stop();
  });

  it('builds again when a range changes while it is reading', async () => {
    const people = await seed(200);
    const live = new LiveTokenIndex(db, 10);
    live.start();
    await db.animators.clear();
    await db.animators.bulkPut(people.slice(0, 50).map((a) => ({ ...a, tokens: ['apres'] })));
    live.changed('all');
    const index = await live.settled();
    expect(found(index, 'apres')).toEqual(people.slice(0, 50).map((a) => a.id).sort());
    expect(found(index, people[150]!.lastName)).toEqual([]);
  });

  it('waits while the list says it is scrolling', async () => {
    const people = await seed(60);
    const live = new LiveTokenIndex(db, 10);
    live.hold(300);
    const started = performance.now();
    live.start();
    await new Promise((r) => setTimeout(r, 150));
    expect(live.ready).toBeNull();
    live.hold(300);
    const index = await live.settled();
    expect(performance.now() - started).toBeGreaterThanOrEqual(440);
    expect(found(index, people[0]!.lastName)).toEqual(await expected(people[0]!.lastName));
  });

  it('reads the keys a change names, and a range as everything', async () => {
    // (opening a new database marks every table changed)
    await db.open();
    const seen: (string[] | 'all' | null)[] = [];
    // Another window's (or the list worker's) copy arrives through a BroadcastChannel: a plain clone.
    const cloned: ObservabilitySet[] = [];
    const listener = (parts: ObservabilitySet) => {
      seen.push(changedKeys(parts, db.name, 'animators'));
      cloned.push(structuredClone(parts));
    };
    Dexie.on('storagemutated', listener);
    try {
      const one = await createAnimatorQuick({ firstName: 'Jo', lastName: 'Un', regionCode: '53' }, db);
      await db.animators.bulkPut(Array.from({ length: 3 }, (_, i) => ({ ...one, id: `k${i}` })));
      await db.animators.bulkPut(Array.from({ length: 60 }, (_, i) => ({ ...one, id: `m${i}` })));
      await db.animators.where('id').startsWith('m').delete();
      await db.animators.clear();
      await db.cohorts.clear();
    } finally {
      Dexie.on('storagemutated').unsubscribe(listener);
    }
    expect(seen[0]).toEqual([expect.any(String)]);
    expect(seen[1]).toEqual(['k0', 'k1', 'k2']);
    expect(seen[2]).toBe('all');
    expect(seen.at(-2)).toBe('all');
    expect(seen.at(-1)).toBeNull();
    expect(cloned.map((parts) => changedKeys(parts, db.name, 'animators'))).toEqual(seen);
  });
});

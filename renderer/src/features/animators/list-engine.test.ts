import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { createAnimatorQuick, deleteAnimator } from './repository';
import { ListEngine, type ListOut } from './list-engine';
import { LiveTokenIndex } from './token-index';
import { emptyFilter, defaultSort, queryAnimators, type AnimatorFilter, type AnimatorSort } from './query';
import { generateDemoData } from '../../demo/generator';
import { loadCommunes } from '../../shared/geo';

let db: FourmiliereDatabase;
beforeEach(() => {
  db = freshDb();
});

/** Collects what the engine posts and waits for the next message of a kind. */
function mailbox() {
  const got: ListOut[] = [];
  const waiters: [(m: ListOut) => boolean, (m: ListOut) => void][] = [];
  const post = (m: ListOut) => {
    got.push(m);
    const i = waiters.findIndex(([when]) => when(m));
    if (i >= 0) waiters.splice(i, 1)[0]![1](m);
  };
  const next = <T extends ListOut['type']>(type: T, when: (m: Extract<ListOut, { type: T }>) => boolean = () => true) =>
    new Promise<Extract<ListOut, { type: T }>>((resolve) => {
      const seen = got.find((m) => m.type === type && when(m as Extract<ListOut, { type: T }>));
      if (seen) return resolve(seen as Extract<ListOut, { type: T }>);
      waiters.push([(m) => m.type === type && when(m as Extract<ListOut, { type: T }>), (m) => resolve(m as Extract<ListOut, { type: T }>)]);
    });
  return { post, next, got };
}

describe('the registry list engine (run in a worker by the list)', () => {
  it('counts, serves rows by position and answers again when the table changes', async () => {
    for (const [firstName, lastName] of [['Paul', 'Durand'], ['Anne', 'Bernard'], ['Zoé', 'Martin'], ['Lucie', 'Caron']]) {
      await createAnimatorQuick({ firstName: firstName!, lastName: lastName!, regionCode: '53' }, db);
    }
    const box = mailbox();
    const engine = new ListEngine(db, box.post);
    engine.handle({ type: 'query', dbName: db.name, seq: 1, filter: emptyFilter, sort: defaultSort });
    const first = await box.next('result');
    expect(first).toMatchObject({ seq: 1, total: 4 });

    engine.handle({ type: 'rows', seq: 1, version: first.version, from: 1, to: 3 });
    const rows = await box.next('rows');
    expect(rows.from).toBe(1);
    expect(rows.rows.map((r) => r?.lastName)).toEqual(['Caron', 'Durand']);

    // A change made elsewhere gives a new version with the new count.
    const bernard = await db.animators.filter((a) => a.lastName === 'Bernard').first();
    await deleteAnimator(bernard!.id, db);
    const second = await box.next('result', (m) => m.version > first.version);
    expect(second.total).toBe(3);
    // Rows asked for the old version are not answered: they could be the wrong people.
    const before = box.got.length;
    await engine.rows(1, first.version, 0, 3);
    expect(box.got.length).toBe(before);

    engine.handle({ type: 'keys', seq: 1, request: 7 });
    const keys = await box.next('keys');
    expect(keys.keys).toHaveLength(3);
    // A newer search makes answers to the older one moot.
    engine.handle({ type: 'query', dbName: db.name, seq: 2, filter: { ...emptyFilter, text: 'zoe' }, sort: defaultSort });
    expect(await box.next('result', (m) => m.seq === 2)).toMatchObject({ total: 1 });

    // Back to the whole list: answered from what was read, with no new read of every id.
    const posted = box.got.length;
    engine.handle({ type: 'query', dbName: db.name, seq: 3, filter: emptyFilter, sort: defaultSort });
    // (the cached answer is posted synchronously, before any database read could finish)
    expect(box.got.slice(posted)).toEqual([expect.objectContaining({ type: 'result', seq: 3, total: 3 })]);
    const again = await box.next('result', (m) => m.seq === 3);
    // ...and that answer still follows changes.
    const caron = await db.animators.filter((a) => a.lastName === 'Caron').first();
    await deleteAnimator(caron!.id, db);
    expect(await box.next('result', (m) => m.seq === 3 && m.version > again.version)).toMatchObject({ total: 2 });
    engine.stop();
  });

  it('stops a search that a newer one replaced before it was answered', async () => {
    for (const lastName of ['Durand', 'Bernard']) await createAnimatorQuick({ firstName: 'Jo', lastName, regionCode: '53' }, db);
    const box = mailbox();
    const engine = new ListEngine(db, box.post);
    engine.handle({ type: 'query', dbName: db.name, seq: 1, filter: emptyFilter, sort: defaultSort });
    // Typed again before the answer: the list tells the worker at once.
    engine.handle({ type: 'forget', seq: 2 });
    engine.handle({ type: 'query', dbName: db.name, seq: 2, filter: { ...emptyFilter, text: 'durand' }, sort: defaultSort });
    expect(await box.next('result', (m) => m.seq === 2)).toMatchObject({ total: 1 });
    // Nothing ever answers seq 1, and nothing is reported as an error.
    await new Promise((r) => setTimeout(r, 50));
    expect(box.got.filter((m) => 'seq' in m && m.seq === 1)).toEqual([]);
    expect(box.got.filter((m) => m.type === 'error')).toEqual([]);
    engine.stop();
  });

  /** A token index that is never built: the engine asks IndexedDB for a word's matches. */
  class NeverBuilt extends LiveTokenIndex {
    override start(): void {}
  }

  it.each([
    ['the search words it holds in memory', (d: FourmiliereDatabase) => new LiveTokenIndex(d)],
    ['the tokens index', (d: FourmiliereDatabase) => new NeverBuilt(d)],
  ])('orders the first rows of a typed word, matched by %s, by the whole list it keeps, as the full query does', async (_, tokens) => {
    const { communes } = await loadCommunes();
    const data = generateDemoData(communes, { animators: 300, cohorts: 4, providers: 0, workshops: 0, registrationsPerWorkshop: 0 }, 3);
    await db.cohorts.bulkPut(data.cohorts);
    await db.animators.bulkPut(data.animators.map((a, i) => ({ ...a, deletedAt: i % 13 === 0 ? '2026-01-02T10:00:00.000Z' : null })));
    const box = mailbox();
    const index = tokens(db);
    const engine = new ListEngine(db, box.post, index);
    let request = 0;
    const ask = async (filter: AnimatorFilter, sort: AnimatorSort = defaultSort) => {
      const r = ++request;
      engine.handle({ type: 'first', dbName: db.name, request: r, filter, sort, limit: 20 });
      return (await box.next('first', (m) => m.request === r)).rows;
    };
    const someone = data.animators[7]!;
    const word = { ...emptyFilter, text: someone.lastName.slice(0, 2) };
    // Before the whole list was read here, the window reads the rows itself.
    expect(await ask(word)).toBeNull();
    engine.handle({ type: 'query', dbName: db.name, seq: 1, filter: emptyFilter, sort: defaultSort });
    await box.next('result', (m) => m.seq === 1);
    // Built once the whole list is read (or never, for the other path).
    expect((await index.settled()) === null).toBe(index instanceof NeverBuilt);
    const filters: AnimatorFilter[] = [word, { ...word, regionCode: someone.regionCode }, { ...emptyFilter, departmentCode: someone.departmentCode }, { ...emptyFilter, text: `${someone.firstName} ${someone.lastName}` }];
    let compared = 0;
    for (const filter of filters) {
      const expected = (await queryAnimators(db, filter, defaultSort, { offset: 0, limit: 20 })).rows.map((a) => a.id);
      expect((await ask(filter))?.map((a) => a.id), JSON.stringify(filter)).toEqual(expected);
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(20);
    // Another order, the bin, or nothing narrowing the search: the window reads them.
    expect(await ask(word, { field: 'communeName', dir: 'asc' })).toBeNull();
    expect(await ask({ ...word, deleted: true })).toBeNull();
    expect(await ask({ ...emptyFilter, status: 'forme' })).toBeNull();
    // A change not read yet: the window reads them, until the whole list is read again.
    await createAnimatorQuick({ firstName: 'Aaron', lastName: someone.lastName, regionCode: someone.regionCode }, db);
    expect(await ask(word)).toBeNull();
    await box.next('result', (m) => m.seq === 1 && m.version > 1);
    await index.settled();
    const rows = await ask(word);
    expect(rows?.map((a) => a.id)).toEqual((await queryAnimators(db, word, defaultSort, { offset: 0, limit: 20 })).rows.map((a) => a.id));
    expect(rows?.some((a) => a.firstName === 'Aaron')).toBe(true);
    engine.stop();
  });
});

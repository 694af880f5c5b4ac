import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { createAnimatorQuick, deleteAnimator } from './repository';
import { ListEngine, type ListOut } from './list-engine';
import { emptyFilter, defaultSort } from './query';

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
    expect(box.got.filter((m) => m.seq === 1)).toEqual([]);
    expect(box.got.filter((m) => m.type === 'error')).toEqual([]);
    engine.stop();
  });
});

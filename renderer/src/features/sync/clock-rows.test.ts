// The packed layout of syncClocks rows gives back exactly the state it was made from, and rows written before it still read.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { FourmiliereDatabase, type SyncClockRow } from '../../db/database';
import { fromStored, packState, toStored, unpackState } from './clock-rows';
import { emptyState, joinStates, localEvent, type RecordState } from './state';

const record = (over: Record<string, unknown>) => ({ id: 'p1', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z', rev: { device: 'A', counter: 5 }, lastName: 'Durand', ...over }) as never;

function states(): RecordState[] {
  const s1 = localEvent(emptyState('providers', 'p1'), record({ email: 'a@exemple.fr', tags: ['x', { deep: [1, null] }], n: 0 }), ['device-A', 10])!;
  const s2 = localEvent(s1, record({ email: 'b@exemple.fr', n: 0 }), ['device-B', 11])!;
  const s3 = localEvent(s1, record({ email: 'c@exemple.fr', tags: ['y'], n: 0 }), ['device-C', 12])!;
  // concurrent edits: several values per register, and a field one side removed
  const both = joinStates(s2, s3);
  const deleted = localEvent(both, null, ['device-A', 13])!;
  const revived = joinStates(deleted, localEvent(s3, record({ email: 'd@exemple.fr', n: 0 }), ['device-C', 14])!);
  // a vector entry whose counter is 0, and a deletion without ctx
  const odd: RecordState = { ...emptyState('animators', 'x:y'), vv: { z: 0, 'device-A': 3 }, x: [{ d: ['device-A', 3], v: true }], u: [{ d: ['device-A', 3] }] };
  return [emptyState('animators', 'e'), s1, s2, both, deleted, revived, odd];
}

describe('syncClocks rows', () => {
  it('packed and unpacked, every state is the same, key order included', () => {
    for (const s of states()) {
      const back = unpackState(packState(s));
      expect(back).toEqual(s);
      expect(JSON.stringify(back)).toBe(JSON.stringify(s));
    }
  });

  it('stored through IndexedDB in either layout, a row reads back the same', async () => {
    const db = new FourmiliereDatabase(`clock-rows-${Math.random()}`);
    const rows: SyncClockRow[] = states().map((state, i) => ({ id: `${state.t}:${state.id}:${i}`, state, rev: i % 2 ? { device: 'device-A', counter: i } : null, ...(i === 3 ? { dirty: 1 as const } : {}) }));
    await db.syncClocks.bulkPut(rows.map(toStored));
    // a row kept by the version before the packed layout
    await db.syncClocks.put({ id: 'legacy', state: rows[3]!.state, rev: null, dirty: 1 });
    const back = (await db.syncClocks.bulkGet([...rows.map((r) => r.id), 'legacy'])).map((r) => fromStored(r!));
    expect(back.slice(0, -1)).toEqual(rows);
    expect(back.at(-1)).toEqual({ id: 'legacy', state: rows[3]!.state, rev: null, dirty: 1 });
    expect(await db.syncClocks.where('dirty').equals(1).primaryKeys()).toEqual([rows[3]!.id, 'legacy'].sort());
    db.close();
  });
});

/**
 * Merges and restores as their worker runs them (write-session.ts): the same outcome as
 * planning and applying in the window, every safeguard kept, and a broken file refused
 * with its French message's key while nothing stored changes.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FourmiliereDatabase, SYNC_TABLES, setDatabase } from '../../db/database';
import { createRecord, getDeviceId, nextCounter, setDeviceId, touchRecord } from '../../db/records';
import type { Animator } from '../../domain/registry';
import { deleteWithTombstones } from '../../db/tombstones';
import { sha256Hex } from './hashing';
import { fillSample } from './test-data';
import { applyMerge, exportExchange, parseExchange, planMerge } from './exchange';
import { exportBackup, hashDatabase, parseAndValidateBackup, restoreBackup } from './backup';
import { WriteSession, type WriteIn, type WriteOut } from './write-session';

let n = 0;
const dbs: FourmiliereDatabase[] = [];
const fresh = (name: string) => {
  const db = new FourmiliereDatabase(`write-${name}-${n++}`);
  dbs.push(db);
  return db;
};

/** Records and tombstones by hash; conflicts by what they hold (their own ids and dates are new each time). */
async function state(db: FourmiliereDatabase) {
  const parts = [];
  for (const name of [...SYNC_TABLES, 'tombstones']) parts.push(JSON.stringify(await db.table(name).toArray()));
  const conflicts = (await db.conflicts.toArray()).map((c) => JSON.stringify([c.table, c.recordId, c.local, c.incoming, c.peerDevice, c.resolvedAt])).sort();
  return { records: await sha256Hex(parts.join('\n')), conflicts };
}

function session() {
  const out: WriteOut[] = [];
  const s = new WriteSession((m) => out.push(m));
  const ask = async (message: WriteIn) => {
    out.length = 0;
    await s.handle(message);
    return { last: out.at(-1)!, progress: out.filter((m) => m.type === 'progress') };
  };
  return { ask, close: () => s.close() };
}

const device = getDeviceId();
afterEach(() => setDeviceId(device));

describe('a merge beside the window', () => {
  let b: FourmiliereDatabase;
  let twin: FourmiliereDatabase;
  let file: string;
  beforeEach(async () => {
    // B and its twin hold the same records (a backup of B restored into the twin); A starts from the same.
    setDeviceId('B');
    b = fresh('b');
    await fillSample(b);
    const backup = await parseAndValidateBackup(new TextDecoder().decode(await exportBackup(b)));
    if (!backup.ok) throw new Error(backup.error.key);
    const a = fresh('a');
    setDeviceId('A');
    await restoreBackup(a, backup.value);
    const people = await a.animators.orderBy(':id').limit(4).toArray();
    // A edits two people and deletes a third; B edits the first too: a conflict.
    await a.animators.bulkPut([touchRecord(people[0]!, { notes: 'vu par A' }), touchRecord(people[1]!, { jobTitle: 'Chargée de projets e-tourisme' })]);
    await deleteWithTombstones(a, 'animators', [people[2]!.id]);
    // And registers someone new: added on B.
    await a.animators.add(createRecord<Animator>({ ...people[3]!, id: undefined, email: 'nouvelle@ot-a.fr', lastName: 'Nouvelle' } as never));
    setDatabase(a);
    file = await exportExchange(a, { kind: 'all' }, 'machine A');
    setDeviceId('B');
    await b.animators.put(touchRecord((await b.animators.get(people[0]!.id))!, { notes: 'vu par B' }));
    twin = fresh('twin');
    const again = await parseAndValidateBackup(new TextDecoder().decode(await exportBackup(b)));
    if (!again.ok) throw new Error(again.error.key);
    await restoreBackup(twin, again.value);
  });

  it('plans and applies as the window did: same records, conflicts and tombstones, the registry’s log written, the clock moved', async () => {
    const parsed = await parseExchange(file);
    if (!parsed.ok) throw new Error(parsed.error.key);
    const direct = await planMerge(b, parsed.value);
    await applyMerge(b, direct);

    const { ask, close } = session();
    const counter = nextCounter() + 1_000_000;
    const planned = await ask({ type: 'planMerge', dbName: twin.name, deviceId: 'B', counter, bytes: new TextEncoder().encode(file) });
    if (planned.last.type !== 'mergePlanned' || !planned.last.result.ok) throw new Error(JSON.stringify(planned.last));
    const summary = planned.last.result.summary;
    expect(summary).toMatchObject({ added: direct.added.length, updated: direct.updated.length, deleted: direct.deleted.length, conflicts: direct.conflicts.length, unchanged: direct.unchanged, invalidCount: 0, peer: { name: 'machine A' } });
    // B never merged from A: each record both changed (B's seeded ones included) is a conflict, the deletion among them.
    expect(summary.conflicts).toBeGreaterThanOrEqual(2);
    expect(summary.added).toBe(1);
    expect(direct.conflicts.some((c) => c.incoming === null)).toBe(true);
    expect(summary.signature.status).toBe('valid');
    // Planned, not written.
    expect(await twin.conflicts.count()).toBe(0);
    const logBefore = await twin.registryLog.count();

    const applied = await ask({ type: 'applyMerge' });
    expect(applied.last.type).toBe('written');
    expect(applied.progress.at(-1)).toMatchObject({ done: summary.added + summary.updated });
    if (applied.last.type === 'written') expect(applied.last.counter).toBeGreaterThan(counter);
    expect(await state(twin)).toEqual(await state(b));
    expect((await twin.conflicts.toArray()).map((c) => c.resolvedAt)).toEqual(direct.conflicts.map(() => ''));
    expect(await twin.tombstones.count()).toBe(await b.tombstones.count());
    expect(await twin.registryLog.count()).toBeGreaterThan(logBefore);
    expect((await twin.exchanges.toArray()).filter((e) => e.direction === 'import')).toHaveLength(1);
    // The same plan is not applied twice.
    expect((await ask({ type: 'applyMerge' })).last).toEqual({ type: 'error', message: 'no dry run' });
    close();
  });

  it('refuses a damaged file with its message key, and nothing stored changes', async () => {
    const before = await hashDatabase(twin);
    const { ask, close } = session();
    const edited = file.replace('vu par A', 'vu par X');
    const out = await ask({ type: 'planMerge', dbName: twin.name, deviceId: 'B', counter: 0, bytes: new TextEncoder().encode(edited) });
    expect(out.last).toEqual({ type: 'mergePlanned', result: { ok: false, error: { key: 'exchange.error.checksum', detail: '' } } });
    const notJson = await ask({ type: 'planMerge', dbName: twin.name, deviceId: 'B', counter: 0, bytes: new Uint8Array([0x7b, 0x22]) });
    expect(notJson.last).toMatchObject({ type: 'mergePlanned', result: { ok: false, error: { key: 'exchange.error.notJson' } } });
    expect((await ask({ type: 'applyMerge' })).last).toEqual({ type: 'error', message: 'no dry run' });
    expect(await hashDatabase(twin)).toBe(before);
    close();
  });
});

describe('a restore beside the window', () => {
  let db: FourmiliereDatabase;
  beforeEach(async () => {
    setDeviceId('machine-a');
    db = fresh('restore');
    await fillSample(db);
    setDatabase(db);
  });

  it('checks then restores as the window did: identical content, the team sync state reset, the clock moved', async () => {
    const before = await hashDatabase(db);
    const bytes = await exportBackup(db);
    // Changed since the copy: put back by the restore.
    await db.animators.clear();
    await db.syncState.put({ id: '~config', replica: 'machine-a-old', folder: 'x' });
    await db.syncClocks.put({ id: 'animators:x', dirty: 0 } as never);
    const { ask, close } = session();
    const checked = await ask({ type: 'checkBackup', dbName: db.name, deviceId: 'machine-a', counter: 5, bytes });
    if (checked.last.type !== 'backupChecked' || !checked.last.result.ok) throw new Error(JSON.stringify(checked.last));
    expect(checked.last.result.summary.counts.animators).toBe(60);
    expect(await db.animators.count()).toBe(0);
    const restored = await ask({ type: 'restore' });
    expect(restored.last.type).toBe('written');
    expect(restored.progress.at(-1)).toMatchObject({ done: checked.last.result.summary.total, total: checked.last.result.summary.total });
    expect(await hashDatabase(db)).toBe(before);
    expect(await db.syncClocks.count()).toBe(0);
    const config = (await db.syncState.get('~config')) as unknown as { replica: string };
    expect(config.replica).toMatch(/^machine-a-/);
    expect(config.replica).not.toBe('machine-a-old');
    // A clear of the animators is in the registry's log: the registry rebuilds.
    expect((await db.registryLog.toArray()).some((e) => e.ids === null)).toBe(true);
    close();
  });

  it('refuses a damaged copy with its message key, and nothing stored changes', async () => {
    const text = new TextDecoder().decode(await exportBackup(db));
    const before = await hashDatabase(db);
    const { ask, close } = session();
    const cut = await ask({ type: 'checkBackup', dbName: db.name, deviceId: 'machine-a', counter: 0, bytes: text.slice(0, text.length / 2) });
    expect(cut.last).toMatchObject({ type: 'backupChecked', result: { ok: false, error: { key: 'backup.error.notJson' } } });
    const edited = await ask({ type: 'checkBackup', dbName: db.name, deviceId: 'machine-a', counter: 0, bytes: text.replace(/"lastName":"[^"]*"/, '"lastName":"Autre"') });
    expect(edited.last).toMatchObject({ type: 'backupChecked', result: { ok: false, error: { key: 'backup.error.checksum' } } });
    expect((await ask({ type: 'restore' })).last).toEqual({ type: 'error', message: 'no backup checked' });
    expect(await hashDatabase(db)).toBe(before);
    close();
  });
});

afterEach(async () => {
  for (const db of dbs.splice(0)) db.close();
});

import { beforeEach, describe, expect, it } from 'vitest';
import { FourmiliereDatabase, SYNC_TABLES, setDatabase } from '../../db/database';
import { setDeviceId, touchRecord, softDelete } from '../../db/records';
import type { Animator } from '../../domain/registry';
import { fillSample } from './test-data';
import { applyMerge, exportExchange, parseExchange, planMerge, type ExchangeFile } from './exchange';
import { differingFields, eraseWithTombstone, openConflicts, resolveConflict, undoResolution } from './conflicts';
import { hashDatabase } from './backup';

let n = 0;

/** Hash of every record, conflict and tombstone (not the exchange bookkeeping). */
async function hashRecords(db: FourmiliereDatabase): Promise<string> {
  const { sha256Hex } = await import('./hashing');
  const parts = [];
  for (const name of [...SYNC_TABLES, 'conflicts', 'tombstones']) parts.push(JSON.stringify(await db.table(name).toArray()));
  return sha256Hex(parts.join('\n'));
}
let a: FourmiliereDatabase;
let b: FourmiliereDatabase;

/** Runs work "on" a machine: its database and its device id. */
async function on<T>(machine: 'A' | 'B', work: (db: FourmiliereDatabase) => Promise<T>): Promise<T> {
  const db = machine === 'A' ? a : b;
  setDeviceId(machine);
  setDatabase(db);
  return work(db);
}

async function send(from: 'A' | 'B', to: 'A' | 'B'): Promise<ExchangeFile> {
  const text = await on(from, (db) => exportExchange(db, { kind: 'all' }, `machine ${from}`));
  return on(to, async () => {
    const parsed = await parseExchange(text);
    if (!parsed.ok) throw new Error(parsed.error.key);
    return parsed.value;
  });
}

async function merge(from: 'A' | 'B', to: 'A' | 'B') {
  const file = await send(from, to);
  return on(to, async (db) => {
    const plan = await planMerge(db, file);
    await applyMerge(db, plan);
    return plan;
  });
}

async function edit(machine: 'A' | 'B', id: string, changes: Partial<Animator>) {
  await on(machine, async (db) => {
    const current = (await db.animators.get(id))!;
    await db.animators.put(touchRecord(current, changes));
  });
}

describe('merging exchange files', () => {
  let id: string;
  beforeEach(async () => {
    a = new FourmiliereDatabase(`merge-a-${n}`);
    b = new FourmiliereDatabase(`merge-b-${n++}`);
    await on('A', (db) => fillSample(db));
    await merge('A', 'B'); // B starts as a copy of A
    id = (await a.animators.toCollection().first())!.id;
  });

  it('copies everything to an empty machine', async () => {
    expect(await b.animators.count()).toBe(await a.animators.count());
    expect(await b.registrations.count()).toBe(await a.registrations.count());
  });

  it('only A changed: B takes the change', async () => {
    await edit('A', id, { jobTitle: 'Cheffe de projet' });
    const plan = await merge('A', 'B');
    expect(plan.updated.map((u) => u.record.id)).toEqual([id]);
    expect(plan.conflicts).toEqual([]);
    expect((await b.animators.get(id))?.jobTitle).toBe('Cheffe de projet');
  });

  it('only B changed: B keeps its change when A sends an older copy', async () => {
    await edit('B', id, { jobTitle: 'Changé sur B' });
    const plan = await merge('A', 'B');
    expect(plan.updated).toEqual([]);
    expect(plan.conflicts).toEqual([]);
    expect((await b.animators.get(id))?.jobTitle).toBe('Changé sur B');
    // and A takes it the other way
    const back = await merge('B', 'A');
    expect(back.updated.map((u) => u.record.id)).toEqual([id]);
    expect((await a.animators.get(id))?.jobTitle).toBe('Changé sur B');
  });

  it('both changed: a conflict in the inbox, resolved field by field, then undone', async () => {
    await edit('A', id, { jobTitle: 'Titre A', phone: '05 00 00 00 01' });
    await edit('B', id, { jobTitle: 'Titre B' });
    const plan = await merge('A', 'B');
    expect(plan.conflicts).toHaveLength(1);
    expect((await b.animators.get(id))?.jobTitle).toBe('Titre B'); // untouched until resolved
    const [conflict] = await on('B', (db) => openConflicts(db));
    expect(differingFields(conflict!.local, conflict!.incoming)).toEqual(['jobTitle', 'phone']);
    await on('B', (db) => resolveConflict(db, conflict!.id, { jobTitle: 'local', phone: 'incoming' }));
    const merged = (await b.animators.get(id))!;
    expect([merged.jobTitle, merged.phone]).toEqual(['Titre B', '05 00 00 00 01']);
    expect(await on('B', (db) => openConflicts(db))).toHaveLength(0);
    await on('B', (db) => undoResolution(db, conflict!.id));
    expect((await b.animators.get(id))?.jobTitle).toBe('Titre B');
    expect((await b.animators.get(id))?.phone).not.toBe('05 00 00 00 01');
    expect(await on('B', (db) => openConflicts(db))).toHaveLength(1);
  });

  it('delete on A vs edit on B: a conflict, nothing deleted silently', async () => {
    await on('A', (db) => eraseWithTombstone(db, 'animators', id));
    await edit('B', id, { notes: 'gardé' });
    const plan = await merge('A', 'B');
    expect(plan.deleted).toEqual([]);
    expect(plan.conflicts.map((c) => [c.local?.id, c.incoming])).toEqual([[id, null]]);
    expect(await b.animators.get(id)).toBeDefined();
  });

  it('delete on A with no edit on B: B deletes too; a soft delete travels as an update', async () => {
    const other = (await a.animators.toCollection().last())!;
    await on('A', (db) => eraseWithTombstone(db, 'animators', id));
    await on('A', (db) => db.animators.put(softDelete(other)));
    const plan = await merge('A', 'B');
    expect(plan.deleted.map((d) => d.recordId)).toEqual([id]);
    expect(await b.animators.get(id)).toBeUndefined();
    expect((await b.animators.get(other.id))?.deletedAt).not.toBeNull();
  });

  it('importing the same file twice changes nothing the second time', async () => {
    await edit('A', id, { jobTitle: 'Une fois' });
    await edit('B', (await b.animators.toCollection().last())!.id, { jobTitle: 'conflit ailleurs' });
    const file = await send('A', 'B');
    await on('B', async (db) => applyMerge(db, await planMerge(db, file)));
    const before = await on('B', (db) => hashRecords(db));
    const second = await on('B', (db) => planMerge(db, file));
    expect([second.added.length, second.updated.length, second.deleted.length, second.conflicts.length]).toEqual([0, 0, 0, 0]);
    await on('B', (db) => applyMerge(db, second));
    // Records, conflicts and tombstones are identical; only the exchange history grows.
    expect(await on('B', (db) => hashRecords(db))).toBe(before);
    expect(await b.exchanges.count()).toBe(3);
  });

  it('reports bad records per record and refuses foreign or tampered files', async () => {
    const text = await on('A', (db) => exportExchange(db, { kind: 'all' }, 'A'));
    const file = JSON.parse(text);
    file.tables.animators[0].email = 'pas-un-email';
    file.tables.registrations[0].workshopId = 'inexistant';
    file.tables.animators[1].createdAt = '2099-01-01T00:00:00.000Z';
    const tampered = await on('B', () => parseExchange(JSON.stringify(file)));
    expect(tampered.ok).toBe(false);
    const { sha256Hex } = await import('./hashing');
    file.checksum = await sha256Hex(JSON.stringify([file.tables, file.tombstones]));
    const reparsed = await on('B', () => parseExchange(JSON.stringify(file)));
    expect(reparsed.ok).toBe(true);
    if (!reparsed.ok) return;
    const before = await hashDatabase(b);
    const plan = await on('B', (db) => planMerge(db, reparsed.value));
    expect(plan.invalid.map((i) => i.reason)).toEqual(expect.arrayContaining([expect.stringContaining('email'), expect.stringContaining('référence manquante'), 'date dans le futur']));
    expect(await hashDatabase(b)).toBe(before);
    for (const junk of ['', '{', '{"format":"autre"}', JSON.stringify({ format: 'fourmiliere-exchange' }), '\u0000\u0001']) {
      expect((await on('B', () => parseExchange(junk))).ok).toBe(false);
    }
    expect(await hashDatabase(b)).toBe(before);
  });

  it('proposes people present on both sides under different ids as duplicates', async () => {
    const twin = (await a.animators.get(id))!;
    await on('B', (db) => db.animators.put({ ...twin, id: 'autre-id-sur-b', rev: { device: 'B', counter: Date.now() + 5 } }));
    await on('A', async (db) => {
      const fresh = { ...twin, id: 'nouvel-id-sur-a' };
      await db.animators.put(touchRecord(fresh));
      await db.animators.delete(id);
    });
    const plan = await merge('A', 'B');
    expect(plan.duplicates.map((d) => d.incomingId)).toContain('nouvel-id-sur-a');
  });
});

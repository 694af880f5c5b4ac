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
let c: FourmiliereDatabase;
type Machine = 'A' | 'B' | 'C';

/** Runs work "on" a machine: its database and its device id. */
async function on<T>(machine: Machine, work: (db: FourmiliereDatabase) => Promise<T>): Promise<T> {
  const db = machine === 'A' ? a : machine === 'B' ? b : c;
  setDeviceId(machine);
  setDatabase(db);
  return work(db);
}

async function send(from: Machine, to: Machine): Promise<ExchangeFile> {
  const text = await on(from, (db) => exportExchange(db, { kind: 'all' }, `machine ${from}`));
  return on(to, async () => {
    const parsed = await parseExchange(text);
    if (!parsed.ok) throw new Error(parsed.error.key);
    return parsed.value;
  });
}

async function merge(from: Machine, to: Machine) {
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

  it('combining names keeps the search words and sort key in step', async () => {
    await edit('A', id, { lastName: 'Zénon', jobTitle: 'Titre A' });
    await edit('B', id, { lastName: 'Abadie', jobTitle: 'Titre B' });
    await merge('A', 'B');
    const [conflict] = await on('B', (db) => openConflicts(db));
    expect(differingFields(conflict!.local, conflict!.incoming)).toEqual(['jobTitle', 'lastName']); // derived fields hidden
    await on('B', (db) => resolveConflict(db, conflict!.id, { lastName: 'incoming', jobTitle: 'local' }));
    const merged = (await b.animators.get(id))!;
    expect([merged.lastName, merged.jobTitle]).toEqual(['Zénon', 'Titre B']);
    expect(merged.sortName.startsWith('zenon ')).toBe(true);
    expect(merged.tokens).toContain('zenon');
    expect(merged.tokens).not.toContain('abadie');
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
    const { resumExchange } = await import('./test-forgery');
    // checksum recomputed and signed with another key: only the record checks are left to catch it
    const forged = await resumExchange(file, 'forger');
    const reparsed = await on('B', () => parseExchange(forged));
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

  it('a copy sent back unchanged is no conflict: A keeps the edit it made since', async () => {
    await edit('A', id, { jobTitle: 'Changé sur A après l’envoi' });
    const plan = await merge('B', 'A');
    expect([plan.updated.length, plan.conflicts.length, plan.deleted.length]).toEqual([0, 0, 0]);
    expect((await a.animators.get(id))?.jobTitle).toBe('Changé sur A après l’envoi');
  });

  it('an edit the peer has not seen yet is never overwritten silently', async () => {
    await edit('A', id, { jobTitle: 'Pas encore envoyé' }); // A edits, but sends nothing
    await merge('B', 'A'); // B sends its (older) copy back: nothing changes on A
    await edit('B', id, { jobTitle: 'Changé sur B' }); // B edits without knowing A's edit
    const plan = await merge('B', 'A');
    expect(plan.updated).toEqual([]);
    expect(plan.conflicts.map((c) => [(c.local as Animator | null)?.jobTitle, (c.incoming as Animator | null)?.jobTitle])).toEqual([['Pas encore envoyé', 'Changé sur B']]);
    expect((await a.animators.get(id))?.jobTitle).toBe('Pas encore envoyé');
  });

  it('after a two-way exchange, each side takes the other side’s edits and nothing else', async () => {
    await merge('B', 'A'); // A has now merged B once: both know each other
    const other = (await a.animators.toCollection().last())!.id;
    await edit('A', id, { jobTitle: 'A seulement' });
    await edit('B', other, { jobTitle: 'B seulement' });
    const toB = await merge('A', 'B');
    expect(toB.updated.map((u) => u.record.id)).toEqual([id]);
    const toA = await merge('B', 'A');
    expect(toA.updated.map((u) => u.record.id)).toEqual([other]);
    expect(toA.conflicts).toEqual([]);
    expect((await a.animators.get(other))?.jobTitle).toBe('B seulement');
    expect((await b.animators.get(id))?.jobTitle).toBe('A seulement');
  });

  it('a resolved conflict does not come back when the same partial file is merged again', async () => {
    const cohortId = (await a.cohorts.toCollection().first())!.id;
    await on('A', async (db) => db.cohorts.put(touchRecord((await db.cohorts.get(cohortId))!, { nickname: 'Surnom A' })));
    await on('B', async (db) => db.cohorts.put(touchRecord((await db.cohorts.get(cohortId))!, { nickname: 'Surnom B' })));
    const text = await on('A', (db) => exportExchange(db, { kind: 'cohort', cohortId }, 'machine A'));
    const file = await on('B', async () => {
      const parsed = await parseExchange(text);
      if (!parsed.ok) throw new Error(parsed.error.key);
      return parsed.value;
    });
    const first = await on('B', async (db) => {
      const plan = await planMerge(db, file);
      await applyMerge(db, plan);
      return plan;
    });
    expect(first.conflicts).toHaveLength(1);
    const [conflict] = await on('B', (db) => openConflicts(db));
    await on('B', (db) => resolveConflict(db, conflict!.id, 'local'));
    const again = await on('B', (db) => planMerge(db, file));
    expect([again.added.length, again.updated.length, again.conflicts.length]).toEqual([0, 0, 0]);
    expect((await b.cohorts.get(cohortId))?.nickname).toBe('Surnom B');
  });

  it('a deletion travels through a machine that never had the record', async () => {
    c = new FourmiliereDatabase(`merge-c-${n++}`);
    const fresh = await on('A', async (db) => {
      const record = touchRecord({ ...(await db.animators.get(id))!, id: 'seulement-sur-a-et-c' });
      await db.animators.put(record);
      return record;
    });
    await merge('A', 'C'); // C gets it; B never does
    await on('A', (db) => eraseWithTombstone(db, 'animators', fresh.id));
    const toB = await merge('A', 'B');
    expect(toB.deleted).toEqual([]);
    expect(await b.tombstones.get(`animators:${fresh.id}`)).toBeDefined();
    const toC = await merge('B', 'C');
    expect(toC.deleted.map((d) => d.recordId)).toEqual([fresh.id]);
    expect(toC.conflicts).toEqual([]);
    expect(await c.animators.get(fresh.id)).toBeUndefined();
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

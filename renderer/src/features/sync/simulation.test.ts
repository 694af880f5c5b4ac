/**
 * Ten devices (seven at first, three joining late), random edits, offline periods,
 * clock skew, RGPD erasures (each followed by compaction: devices rewrite their own
 * files and remove the older ones), restores of an older backup (the machine goes on
 * under a new id and retires its old folder: a snapshot of the new id covers it, then
 * its files are removed) and late, out-of-order delivery of files and of
 * removals through their replicas of the shared folder. At the end every
 * device holds the same data and the same open conflicts, and an independent model
 * of who knew what (built from the files each device wrote and read, not from the
 * engine's vectors) says which edits must still be visible: for every field, the
 * record's value plus the inbox's other values are exactly the edits no later edit
 * knowingly replaced — so each edit either wins or waits in the inbox, and edits
 * made one after the other never raise a conflict. An erased record is gone
 * everywhere, and no file left in any replica holds any of its values.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setDeviceId } from '../../db/records';
import { deleteWithTombstones } from '../../db/tombstones';
import type { Provider } from '../../domain/people';
import { erasePerson, readErasureRegister } from '../safekeeping/privacy';
import { unsealJson } from './cipher';
import type { Batch } from './format';
import { dataOf, editProvider, joinDevice, makeNetwork, newProvider, restoreDevice, sync, type Device, type Network } from './sim-helpers';

const FIELDS = ['firstName', 'lastName', 'notes', 'phone', 'deletedAt'] as const;
type Field = (typeof FIELDS)[number];

type Op =
  | { kind: 'create'; dev: number }
  | { kind: 'edit'; dev: number; pick: number; field: Field }
  | { kind: 'delete'; dev: number; pick: number }
  | { kind: 'sync'; dev: number }
  | { kind: 'deliver'; p: number }
  | { kind: 'offline'; dev: number }
  | { kind: 'erase'; dev: number; pick: number }
  | { kind: 'backup'; dev: number }
  | { kind: 'restore'; dev: number }
  | { kind: 'join' };

const DEVICES = 10;
const FIRST_DEVICES = 7;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), dev: fc.nat(DEVICES - 1) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('edit' as const), dev: fc.nat(DEVICES - 1), pick: fc.nat(1000), field: fc.constantFrom(...FIELDS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), dev: fc.nat(DEVICES - 1), pick: fc.nat(1000) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('sync' as const), dev: fc.nat(DEVICES - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('deliver' as const), p: fc.double({ min: 0.1, max: 1, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offline' as const), dev: fc.nat(DEVICES - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), dev: fc.nat(DEVICES - 1), pick: fc.nat(1000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('join' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('backup' as const), dev: fc.nat(DEVICES - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), dev: fc.nat(DEVICES - 1) }) },
);

/**
 * An edit of one field (a creation is one per field), or a deletion; `value` is unique.
 * Edits a device makes and then deletes the record before its next sync are never
 * published (the deletion is): the model drops them when the deletion is made.
 */
interface Event {
  id: number;
  dev: string;
  record: string;
  field: Field | '_delete';
  value: unknown;
  /** events on this record its author knew when making it */
  knew: Set<number>;
}

/** Who knew what, built from files written and read. */
class Model {
  events: Event[] = [];
  /** device → record → event ids known */
  know = new Map<string, Map<string, Set<number>>>();
  /** file path → record → event ids its writer knew when writing it */
  files = new Map<string, Map<string, Set<number>>>();
  /** events their device has written in a log */
  published = new Set<number>();
  private nextId = 0;

  knownBy(dev: string, record: string): Set<number> {
    const byRecord = this.know.get(dev) ?? new Map<string, Set<number>>();
    this.know.set(dev, byRecord);
    const set = byRecord.get(record) ?? new Set<number>();
    byRecord.set(record, set);
    return set;
  }
  add(dev: string, record: string, field: Event['field'], value: unknown): void {
    const knew = new Set(this.knownBy(dev, record));
    const e = { id: this.nextId++, dev, record, field, value, knew };
    this.events.push(e);
    this.knownBy(dev, record).add(e.id);
  }
}

async function recordsInFile(d: Device, path: string): Promise<string[]> {
  const batch = unsealJson(d.team.key, path, d.folder.files.get(path)!) as Batch;
  return batch.states.map((s) => s.id);
}

/** files removed by compactions, over all runs: the property did exercise them */
let removedFiles = 0;
/** old device folders retired after a restore, over all runs */
let retiredFolders = 0;

async function runSync(net: Network, model: Model, d: Device): Promise<number> {
  const before = new Map([...(model.know.get(d.id) ?? new Map<string, Set<number>>())].map(([r, s]) => [r, new Set(s)]));
  const report = await sync(d, { snapshotEvery: 4 });
  for (const path of report.wrote) {
    // written and replaced by a compaction in the same run: no one ever saw it
    if (!d.folder.files.has(path)) continue;
    // a « left » marker of a retired folder holds no state
    if (!/\/(log|snapshot)-/.test(path)) continue;
    // logs are written before this run reads anything; snapshots after
    const source = path.includes('/log-') ? before : (model.know.get(d.id) ?? new Map());
    const records = await recordsInFile(d, path);
    model.files.set(path, new Map(records.map((r) => [r, new Set(source.get(r) ?? [])])));
    for (const e of model.events) if (e.dev === d.id && records.includes(e.record)) model.published.add(e.id);
  }
  for (const path of report.read) {
    for (const [record, ids] of model.files.get(path) ?? []) for (const id of ids) model.knownBy(d.id, record).add(id);
  }
  for (const path of report.read) {
    if (!model.files.has(path)) throw new Error(`read a file the model does not know: ${path}`);
  }
  void net;
  removedFiles += report.removed.length;
  retiredFolders += report.wrote.filter((p) => p.endsWith('/left.json.enc')).length;
  return report.wrote.length + report.removed.length;
}

/** The edits of a field nobody replaced knowingly. */
function frontier(model: Model, record: string, field: Event['field']): Event[] {
  const events = model.events.filter((e) => e.record === record && e.field === field);
  return events.filter((e) => !events.some((later) => later !== e && later.knew.has(e.id)));
}

async function check(net: Network, model: Model): Promise<{ conflicts: number; deleted: number; erased: number }> {
  const reference = await dataOf(net.devices[0]!);
  for (const d of net.devices.slice(1)) expect(await dataOf(d), `${d.id} converged with dev00`).toEqual(reference);
  const db = net.devices[0]!.db;
  const records = [...new Set(model.events.map((e) => e.record))];
  const erased = new Set((await readErasureRegister(db)).map((e) => e.recordId));
  // RGPD: once every device has read the erasures and compacted, no replica holds an erased record's values
  const secrets = model.events.filter((e) => erased.has(e.record) && typeof e.value === 'string' && e.field !== 'deletedAt').map((e) => e.value as string);
  for (const d of net.devices) {
    for (const [path, bytes] of d.folder.files) {
      if (!path.startsWith('devices/')) continue;
      const text = JSON.stringify(unsealJson(d.team.key, path, bytes));
      for (const secret of secrets) expect(text.includes(`"${secret}"`), `${d.id}'s replica: ${path} holds ${secret}`).toBe(false);
    }
  }
  let conflicts = 0;
  let deleted = 0;
  for (const id of records) {
    if (erased.has(id)) {
      expect(await db.providers.get(id), `erased ${id}`).toBeUndefined();
      continue;
    }
    const stored = (await db.providers.get(id)) as (Provider & Record<string, unknown>) | undefined;
    const open = (await db.conflicts.where('recordId').equals(id).toArray()).filter((c) => c.resolvedAt === '');
    const deletions = frontier(model, id, '_delete');
    const fieldFrontier = FIELDS.flatMap((f) => frontier(model, id, f));
    const coveredByDeletions = fieldFrontier.every((e) => deletions.some((del) => del.knew.has(e.id)));
    const expectDeleted = deletions.length > 0 && coveredByDeletions;
    expect(stored === undefined, `record ${id} deleted`).toBe(expectDeleted);
    if (expectDeleted) {
      deleted++;
      expect(open).toEqual([]);
      continue;
    }
    expect(open.some((c) => c.incoming === null), `deletion conflict on ${id}`).toBe(deletions.length > 0);
    for (const field of FIELDS) {
      const expected = new Set(frontier(model, id, field).map((e) => JSON.stringify(e.value)));
      const shown = new Set([JSON.stringify(stored![field]), ...open.filter((c) => (c.fields as string[] | undefined)?.includes(field)).map((c) => JSON.stringify((c.incoming as Record<string, unknown>)[field]))]);
      expect(shown, `${id}.${field}`).toEqual(expected);
      if (expected.size > 1) conflicts++;
    }
  }
  return { conflicts, deleted, erased: erased.size };
}

async function play(ops: Op[], seed: number): Promise<{ conflicts: number; deleted: number; erased: number; events: number }> {
  const skews = Array.from({ length: DEVICES }, (_, i) => ((i * 7919 + seed) % 5) * 3600_000 * (i % 2 ? -7 : 5));
  const net = await makeNetwork(FIRST_DEVICES, skews);
  const model = new Model();
  let state = seed || 1;
  const random = () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
  let counter = 0;
  const alive = async (d: Device) => (await d.db.providers.orderBy('id').toArray()) as Provider[];
  /** the last backup of each device slot */
  const backups = new Map<number, { providers: Provider[]; tombstones: unknown[] }>();
  for (const op of ops) {
    if (op.kind === 'deliver') net.deliver(random, op.p);
    else if (op.kind === 'backup') {
      const slot = op.dev % net.devices.length;
      const d = net.devices[slot]!;
      backups.set(slot, { providers: await alive(d), tombstones: await d.db.tombstones.toArray() });
    } else if (op.kind === 'restore') {
      // a machine that has written in the folder (the others have no old folder to retire)
      const writers = net.devices.filter((x) => [...x.folder.files.keys()].some((p) => p.startsWith(`devices/${x.id}/log-`)));
      const d = writers[op.dev % Math.max(1, writers.length)];
      if (!d) continue;
      const slot = net.devices.indexOf(d);
      // without a backup of its own yet: the one made when it joined, before any record
      const backup = backups.get(slot) ?? { providers: [], tombstones: [] };
      // What this machine changed since its last sync is lost with the database it replaces.
      model.events = model.events.filter((e) => !(e.dev === d.id && !model.published.has(e.id)));
      const restored = await restoreDevice(net, d, async (db) => {
        await db.providers.clear();
        await db.tombstones.clear();
        await db.providers.bulkPut(backup.providers);
        await db.tombstones.bulkPut(backup.tombstones as never[]);
      });
      // Its restored records are new edits of the new id that saw nothing: each value meets the team's.
      for (const p of await alive(restored)) for (const f of FIELDS) model.add(restored.id, p.id, f, p[f]);
    }
    else if (op.kind === 'join') {
      if (net.devices.length < DEVICES) await joinDevice(net, skews[net.devices.length]);
    } else if (op.kind === 'offline') {
      const d = net.devices[op.dev % net.devices.length]!;
      net.collect();
      d.online = !d.online;
    } else {
      const d = net.devices[op.dev % net.devices.length]!;
      if (op.kind === 'sync') {
        if (d.online) await runSync(net, model, d);
      } else if (op.kind === 'create') {
        const p = newProvider(d, { firstName: `prénom-${++counter}`, lastName: `nom-${++counter}`, notes: `notes-${++counter}`, phone: `tél-${++counter}` });
        await d.db.providers.put(p);
        for (const f of FIELDS) model.add(d.id, p.id, f, p[f]);
      } else {
        const list = await alive(d);
        const target = list[op.pick % Math.max(1, list.length)];
        if (!target) continue;
        if (op.kind === 'erase') {
          setDeviceId(d.id);
          await erasePerson(d.db, 'provider', target.id, { anonymiseSignedSheets: false });
        } else if (op.kind === 'edit') {
          // Every value is new (a soft deletion gets a new date): an edit and its undo between two
          // syncs is no change at all for a state-based engine, and the model would count it.
          const value = op.field === 'deletedAt' ? new Date(Date.UTC(2026, 0, 1) + ++counter * 1000).toISOString() : `${op.field}-${++counter}`;
          await editProvider(d, target.id, { [op.field]: value });
          model.add(d.id, target.id, op.field, value);
        } else {
          setDeviceId(d.id);
          await d.db.transaction('rw', [d.db.providers, d.db.tombstones], () => deleteWithTombstones(d.db, 'providers', [target.id]));
          // Edits of this record made here since the last sync go with it: the deletion is published, they never are.
          model.events = model.events.filter((e) => !(e.dev === d.id && e.record === target.id && !model.published.has(e.id)));
          model.add(d.id, target.id, '_delete', true);
        }
      }
    }
  }
  // Everyone back online; rounds of sync and full delivery until nothing new is written or removed.
  for (const d of net.devices) d.online = true;
  for (let round = 0; round < 6; round++) {
    net.deliver(random, 1);
    let wrote = 0;
    for (const d of net.devices) wrote += await runSync(net, model, d);
    if (wrote === 0 && round > 0) break;
  }
  net.deliver(random, 1);
  for (const d of net.devices) await runSync(net, model, d);
  const result = await check(net, model);
  for (const d of net.devices) d.db.close();
  return { ...result, events: model.events.length };
}

describe('ten devices through a shared folder', () => {
  it('converge to identical data, late joiners and compactions after erasures included; every edit wins or waits in the inbox; no false conflict; no erased value left in any file', async () => {
    const totals = { conflicts: 0, deleted: 0, erased: 0, events: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 20, maxLength: 70 }), fc.nat(10_000), async (ops, seed) => {
        const r = await play([{ kind: 'create', dev: 0 }, { kind: 'sync', dev: 0 }, { kind: 'deliver', p: 1 }, ...ops], seed);
        totals.conflicts += r.conflicts;
        totals.deleted += r.deleted;
        totals.erased += r.erased;
        totals.events += r.events;
      }),
      { numRuns: 8, seed: Number(process.env.SIM_SEED ?? 22), endOnFailure: true },
    );
    // the runs did exercise conflicts and deletions, not only the easy path
    expect(totals.conflicts).toBeGreaterThan(0);
    expect(totals.deleted).toBeGreaterThan(0);
    expect(totals.erased).toBeGreaterThan(0);
    expect(removedFiles).toBeGreaterThan(0);
    expect(retiredFolders).toBeGreaterThan(0);
  }, 240_000);

  it('edits made one after the other, across all ten devices, never raise a conflict', async () => {
    const net = await makeNetwork(DEVICES, [0, 5e6, -5e6, 9e7, -9e7, 1e5, -1e5, 3e8, -3e8, 0]);
    const first = net.devices[0]!;
    const p = newProvider(first);
    await first.db.providers.put(p);
    await sync(first);
    for (let turn = 0; turn < 30; turn++) {
      const d = net.devices[(turn * 3) % DEVICES]!;
      net.deliver(() => 0);
      await sync(d);
      await editProvider(d, p.id, { notes: `tour ${turn}`, phone: turn % 2 ? `0${turn}` : p.phone });
      await sync(d);
    }
    net.deliver(() => 0);
    for (const d of net.devices) await sync(d);
    for (const d of net.devices) {
      expect((await d.db.providers.get(p.id))?.notes).toBe('tour 29');
      expect(await d.db.conflicts.count()).toBe(0);
    }
  }, 120_000);
});

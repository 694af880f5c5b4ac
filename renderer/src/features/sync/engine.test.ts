import { describe, expect, it } from 'vitest';
import { deleteWithTombstones } from '../../db/tombstones';
import { resolveConflict } from '../safekeeping/conflicts';
import { dataOf, editProvider, makeNetwork, newProvider, sync } from './sim-helpers';

const always = () => 0;

describe('team sync between devices', () => {
  it('brings a new record to the others and edits one after the other without a conflict', async () => {
    const net = await makeNetwork(3);
    const [a, b, c] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0], (typeof net.devices)[0]];
    const p = newProvider(a, { lastName: 'Durand' });
    await a.db.providers.put(p);
    const first = await sync(a);
    expect(first.wrote).toEqual([`devices/${a.id}/log-000001.json.enc`]);
    net.deliver(always);
    await sync(b);
    expect((await b.db.providers.get(p.id))?.lastName).toBe('Durand');
    // B edits, C (who never saw A's version directly) edits after reading B: a chain, no conflict
    await editProvider(b, p.id, { notes: 'rappeler en mars' });
    await sync(b);
    net.deliver(always);
    await sync(c);
    await editProvider(c, p.id, { notes: 'rappelé, inscrit' });
    await sync(c);
    net.deliver(always);
    for (const d of net.devices) await sync(d);
    for (const d of net.devices) {
      expect((await d.db.providers.get(p.id))?.notes).toBe('rappelé, inscrit');
      expect(await d.db.conflicts.count()).toBe(0);
    }
  });

  it('merges concurrent edits of different fields, and puts concurrent edits of one field in the inbox on every device', async () => {
    const net = await makeNetwork(2, [0, -3 * 24 * 3600_000]);
    const [a, b] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0]];
    const p = newProvider(a);
    await a.db.providers.put(p);
    await sync(a);
    net.deliver(always);
    await sync(b);
    // offline from each other: A changes the phone and the notes, B (clock three days behind) the structure and the notes
    await editProvider(a, p.id, { phone: '06 11 11 11 11', notes: 'version A' });
    await editProvider(b, p.id, { structure: 'Camping du Lac', notes: 'version B' });
    await sync(a);
    await sync(b);
    net.deliver(always);
    await sync(a);
    await sync(b);
    const [da, db] = [await dataOf(a), await dataOf(b)];
    expect(db).toEqual(da);
    const merged = await a.db.providers.get(p.id);
    expect(merged?.phone).toBe('06 11 11 11 11');
    expect(merged?.structure).toBe('Camping du Lac');
    expect(merged?.tokens).toContain('lac');
    expect(da.conflicts).toHaveLength(1);
    const conflict = da.conflicts[0] as { local: { notes: string }; incoming: { notes: string }; fields: string[] };
    expect(conflict.fields).toEqual(['notes']);
    expect(new Set([conflict.local.notes, conflict.incoming.notes])).toEqual(new Set(['version A', 'version B']));

    // B settles it, keeping the version the record does not show: A's inbox empties, A shows B's choice
    const row = (await b.db.conflicts.toArray())[0]!;
    await resolveConflict(b.db, row.id, 'incoming');
    const chosen = (await b.db.providers.get(p.id))!.notes;
    await sync(b);
    net.deliver(always);
    await sync(a);
    expect((await a.db.providers.get(p.id))?.notes).toBe(chosen);
    expect(await a.db.conflicts.where('resolvedAt').equals('').count()).toBe(0);
    await sync(b);
    expect(await b.db.conflicts.where('resolvedAt').equals('').count()).toBe(0);
  });

  it('carries a deletion, and a deletion that missed an edit becomes a conflict instead of a loss', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0]];
    const gone = newProvider(a, { lastName: 'Supprimé' });
    const kept = newProvider(a, { lastName: 'Gardé' });
    await a.db.providers.bulkPut([gone, kept]);
    await sync(a);
    net.deliver(always);
    await sync(b);
    await a.db.transaction('rw', [a.db.providers, a.db.tombstones], () => deleteWithTombstones(a.db, 'providers', [gone.id, kept.id]));
    await editProvider(b, kept.id, { notes: 'important' });
    await sync(a);
    await sync(b);
    net.deliver(always);
    await sync(a);
    await sync(b);
    for (const d of [a, b]) {
      expect(await d.db.providers.get(gone.id)).toBeUndefined();
      expect(await d.db.tombstones.get(`providers:${gone.id}`)).toBeDefined();
      expect((await d.db.providers.get(kept.id))?.notes).toBe('important');
      const open = await d.db.conflicts.where('resolvedAt').equals('').toArray();
      expect(open.map((c) => [c.recordId, c.incoming])).toEqual([[kept.id, null]]);
    }
    expect(await dataOf(b)).toEqual(await dataOf(a));
  });
});

describe('leaving the team', () => {
  it('the others see who left, by name, even a device that never wrote a log', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0]];
    await a.db.providers.put(newProvider(a));
    await sync(a);
    net.deliver(always);
    await sync(b);
    const { leaveTeam } = await import('./engine');
    await leaveTeam(b.db, b.folder.transport(), b.team, { deviceId: b.id, deviceName: b.name });
    expect(await b.db.syncClocks.count()).toBe(0);
    expect(await b.db.providers.count()).toBe(1);
    net.deliver(always);
    await sync(a);
    expect(await a.db.syncState.get(`peer:${b.id}`)).toMatchObject({ name: b.name, left: true });
  });
});

describe('snapshots', () => {
  it('a device joining late reads the latest snapshot and the logs after it, not every log', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0]];
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const p = newProvider(a, { lastName: `Nom ${i}` });
      ids.push(p.id);
      await a.db.providers.put(p);
      await sync(a, { snapshotEvery: 5 });
    }
    await editProvider(a, ids[0]!, { notes: 'après le dernier instantané' });
    await sync(a, { snapshotEvery: 5 });
    const names = [...a.folder.files.keys()];
    expect(names.filter((n) => n.includes('/snapshot-'))).toEqual([`devices/${a.id}/snapshot-000005-01-of-01.json.enc`, `devices/${a.id}/snapshot-000010-01-of-01.json.enc`]);
    net.deliver(always);
    const report = await sync(b);
    expect(report.read).toEqual([`devices/${a.id}/snapshot-000010-01-of-01.json.enc`, ...[11, 12, 13].map((n) => `devices/${a.id}/log-0000${n}.json.enc`)]);
    expect(await b.db.providers.count()).toBe(12);
    expect((await b.db.providers.get(ids[0]!))?.notes).toBe('après le dernier instantané');
    expect((await dataOf(b)).providers).toEqual((await dataOf(a)).providers);
  });
});

describe('reading record states', () => {
  it('the hand check accepts what the schema accepts and refuses what it refuses', async () => {
    const { isRecordState, recordStateSchema } = await import('./format');
    const good = { t: 'providers', id: 'p1', vv: { a: 3 }, f: { notes: [{ d: ['a', 3], v: 'x' }], phone: [{ d: ['a', 2] }] }, x: [{ d: ['b', 1], v: true, ctx: { b: 1 } }], u: [{ d: ['a', 3], v: '2026-01-01T00:00:00.000Z' }] };
    const bad: unknown[] = [
      { ...good, t: 'settings' },
      { ...good, id: '' },
      { ...good, vv: { a: -1 } },
      { ...good, vv: { a: 1.5 } },
      { ...good, f: { notes: [{ d: ['a'] }] } },
      { ...good, f: { notes: 'x' } },
      { ...good, x: [{ d: ['b', 1], v: 'yes' }] },
      { ...good, u: null },
      null,
      [],
    ];
    expect(isRecordState(good)).toBe(true);
    expect(recordStateSchema.safeParse(good).success).toBe(true);
    for (const b of bad) {
      expect(isRecordState(b), JSON.stringify(b)).toBe(false);
      expect(recordStateSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
    }
  });
});

describe('a folder shared for one region', () => {
  it('publishes only what belongs to the region; the others stay on this device', async () => {
    const { fillSample } = await import('../safekeeping/test-data');
    const probe = await makeNetwork(1);
    await fillSample(probe.devices[0]!.db);
    const animators = await probe.devices[0]!.db.animators.toArray();
    const region = animators[0]!.regionCode;
    const inRegion = animators.filter((x) => x.regionCode === region).length;
    expect(inRegion).toBeLessThan(animators.length);
    const net = await makeNetwork(2, [], { kind: 'region', regionCode: region });
    const [a, b] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0]];
    await fillSample(a.db);
    await sync(a);
    net.deliver(always);
    await sync(b);
    const received = await b.db.animators.toArray();
    expect(received.length).toBe(inRegion);
    expect(received.every((x) => x.regionCode === region)).toBe(true);
    expect(await b.db.providers.count()).toBe(0);
  });
});

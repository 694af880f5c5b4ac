/**
 * After a restore this machine writes under a new id; its old device folder is
 * retired by it: once it has read that folder whole, a snapshot of the new id holds
 * everything the folder published, a « left » marker naming that snapshot goes into
 * the old folder, and the old logs and snapshots are removed — by this machine only.
 * A device that had not read them reads the snapshot instead: nothing is lost, and an
 * erased person's values do not stay behind in a folder nobody compacts.
 */
import { describe, expect, it } from 'vitest';
import { setDeviceId } from '../../db/records';
import { deleteWithTombstones } from '../../db/tombstones';
import type { Provider } from '../../domain/people';
import { erasePerson } from '../safekeeping/privacy';
import { unsealJson } from './cipher';
import { erasureFolderState, readPeers, readRetiring, syncOnce } from './engine';
import { LEFT_FILE, parseSnapshotName, snapshotName, type LeftFile } from './format';
import { SyncError } from './transport';
import { dataOf, editProvider, makeNetwork, newProvider, restoreDevice, sync, type Device, type Network } from './sim-helpers';

const always = () => 0;
const NAME = 'Dupont-Secret';

const namesIn = (d: Device, device: string) => [...d.folder.files.keys()].filter((p) => p.startsWith(`devices/${device}/`)).map((p) => p.slice(`devices/${device}/`.length)).sort();
const holding = (d: Device, text: string) =>
  [...d.folder.files].filter(([p]) => p.startsWith('devices/') && JSON.stringify(unsealJson(d.team.key, p, d.folder.files.get(p)!)).includes(text)).map(([p]) => p);
const marker = (d: Device, device: string) => unsealJson(d.team.key, `devices/${device}/${LEFT_FILE}`, d.folder.files.get(`devices/${device}/${LEFT_FILE}`)!) as LeftFile;

/** A, B and C share p and a person; C goes away; A edits p and creates q (B reads them, C does not); then A restores an older backup. */
async function restoredTeam(): Promise<{ net: Network; ra: Device; b: Device; c: Device; p: Provider; q: Provider; person: Provider; old: string }> {
  const net = await makeNetwork(3);
  const [a, b, c] = net.devices as [Device, Device, Device];
  const p = newProvider(a, { notes: 'v1' });
  const person = newProvider(a, { firstName: 'Zoé', lastName: NAME });
  await a.db.providers.bulkPut([p, person]);
  await sync(a);
  net.deliver(always);
  await sync(b);
  await sync(c);
  const saved = await a.db.providers.toArray();
  c.online = false;
  await editProvider(a, p.id, { notes: 'v2 de A' });
  const q = newProvider(a, { lastName: 'Après-la-sauvegarde' });
  await a.db.providers.put(q);
  await sync(a);
  net.deliver(always);
  await sync(b);
  const ra = await restoreDevice(net, a, async (db) => {
    await db.providers.clear();
    await db.providers.bulkPut(saved);
  });
  return { net, ra, b, c, p, q, person, old: a.id };
}

describe('retiring the old device folder after a restore', () => {
  it('marks the old folder, removes its files once the new id’s snapshot holds them, and a device that never read them loses nothing', async () => {
    const { net, ra, b, c, p, q, old } = await restoredTeam();
    expect(ra.id).not.toBe(old);
    expect(ra.former).toEqual([{ id: old, seq: 2 }]);
    const bFiles = new Map([...ra.folder.files].filter(([path]) => path.startsWith(`devices/${b.id}/`)));
    const report = await sync(ra);
    // the old folder: only the marker is left, and it says where its content went
    expect(namesIn(ra, old)).toEqual([LEFT_FILE]);
    expect(report.removed.length).toBeGreaterThan(1);
    expect(report.removed.every((path) => path.startsWith(`devices/${old}/`))).toBe(true);
    const m = marker(ra, old);
    expect(m).toMatchObject({ device: old, replacedBy: ra.id, lastSeq: 2 });
    const cover = namesIn(ra, ra.id).map(parseSnapshotName).filter((s) => s !== null && s.seq === m.coveredBy);
    expect(cover.length).toBeGreaterThan(0);
    expect(cover.length).toBe(cover[0]!.parts);
    // the new id's snapshot holds what only the old folder had (q, made after the backup)
    const coverText = cover
      .map((snap) => `devices/${ra.id}/${snapshotName(snap!.seq, snap!.part, snap!.parts)}`)
      .map((path) => JSON.stringify(unsealJson(ra.team.key, path, ra.folder.files.get(path)!)))
      .join('');
    expect(coverText).toContain('Après-la-sauvegarde');
    expect(coverText).toContain('v2 de A');
    // nobody else's files were touched
    for (const [path, bytes] of bFiles) expect(ra.folder.files.get(path), path).toEqual(bytes);
    expect(await readRetiring(ra.db)).toMatchObject([{ device: old, phase: 'removed', remaining: 0, lastSeq: 2, coveredBy: m.coveredBy }]);

    // C comes back: the old folder's last log never reached it and is gone; it reads the snapshot instead
    c.online = true;
    net.deliver(always);
    expect(namesIn(c, old)).toEqual([LEFT_FILE]);
    const cRun = await sync(c);
    expect(cRun.read.some((path) => path.startsWith(`devices/${ra.id}/snapshot-`))).toBe(true);
    expect((await c.db.providers.get(q.id))?.lastName).toBe('Après-la-sauvegarde');
    for (let round = 0; round < 2; round++) {
      net.deliver(always);
      for (const d of net.devices) await sync(d);
    }
    const reference = await dataOf(ra);
    for (const d of net.devices) {
      expect(await dataOf(d), d.id).toEqual(reference);
      // A's edit made after the backup is not lost anywhere: the record or the inbox shows it
      const shown = [(await d.db.providers.get(p.id))?.notes, ...(await d.db.conflicts.where('recordId').equals(p.id).toArray()).flatMap((x) => [(x.local as Provider | null)?.notes, (x.incoming as Provider | null)?.notes])];
      expect(shown, d.id).toContain('v2 de A');
      expect(shown, d.id).toContain('v1');
    }
    // every device, the restored one included, sees the old folder as left, replaced by the new id
    for (const d of [ra, b, c]) expect((await readPeers(d.db)).find((x) => x.device === old)).toMatchObject({ left: true, retired: { by: ra.id, lastSeq: 2 } });
  });

  it('an erased person does not stay behind in the old folder: no replica keeps a file naming them', async () => {
    const { net, ra, b, c, person, old } = await restoredTeam();
    c.online = true;
    await sync(ra);
    net.deliver(always);
    await erasePerson(b.db, 'provider', person.id, { anonymiseSignedSheets: false });
    for (let round = 0; round < 3; round++) {
      net.deliver(always);
      for (const d of net.devices) await sync(d);
    }
    net.deliver(always);
    for (const d of net.devices) {
      expect(holding(d, NAME), d.id).toEqual([]);
      expect(namesIn(d, old), d.id).toEqual([LEFT_FILE]);
      expect(await d.db.providers.get(person.id)).toBeUndefined();
      // the old folder is not a device still to compact: it left
      expect(await erasureFolderState(d.db, d.team.teamId), d.id).toMatchObject({ count: 1, behind: 0 });
      expect((await readPeers(d.db)).find((x) => x.device === old)?.left, d.id).toBe(true);
    }
  });

  it('waits while the old folder is not read whole, or while the covering snapshot has not reached a replica: nothing is marked read early', async () => {
    const { ra, c, q, old } = await restoredTeam();
    // the new id has not read the old folder's last log yet (its replica lost it for now): nothing is retired
    const held = `devices/${old}/log-000002.json.enc`;
    const bytes = ra.folder.files.get(held)!;
    ra.folder.files.delete(held);
    const first = await sync(ra);
    expect(first.removed).toEqual([]);
    expect(namesIn(ra, old)).not.toContain(LEFT_FILE);
    expect(await readRetiring(ra.db)).toMatchObject([{ device: old, phase: 'waiting' }]);
    ra.folder.files.set(held, bytes);
    await sync(ra);
    expect(namesIn(ra, old)).toEqual([LEFT_FILE]);

    // C's replica gets the marker and the removals before the new id's snapshot
    const m = marker(ra, old);
    const isCover = (path: string) => path.startsWith(`devices/${ra.id}/`) && parseSnapshotName(path.split('/')[2]!)?.seq === m.coveredBy;
    for (const path of [...c.folder.files.keys()]) if (path.startsWith(`devices/${old}/`) && !ra.folder.files.has(path)) c.folder.files.delete(path);
    for (const [path, file] of ra.folder.files) if (!isCover(path)) c.folder.files.set(path, file.slice());
    c.online = true;
    await sync(c);
    expect(await c.db.providers.get(q.id)).toBeUndefined();
    expect((await readPeers(c.db)).find((x) => x.device === old)?.seq).toBe(1);
    // the snapshot arrives: the next run reads it
    for (const [path, file] of ra.folder.files) if (isCover(path)) c.folder.files.set(path, file.slice());
    const run = await sync(c);
    expect(run.read.some(isCover)).toBe(true);
    expect((await c.db.providers.get(q.id))?.lastName).toBe('Après-la-sauvegarde');
    expect((await readPeers(c.db)).find((x) => x.device === old)?.seq).toBe(2);
  });

  it('a second restore before anything else: both former folders are retired, and a device behind on the first follows the chain', async () => {
    const { net, ra, c, q, old } = await restoredTeam();
    await sync(ra);
    net.deliver(always);
    const saved = await ra.db.providers.toArray();
    const rb = await restoreDevice(net, ra, async (db) => {
      await db.providers.clear();
      await db.providers.bulkPut(saved);
    });
    expect(rb.former?.map((f) => f.id)).toEqual([old, ra.id]);
    await sync(rb);
    for (const former of [old, ra.id]) expect(namesIn(rb, former), former).toEqual([LEFT_FILE]);
    expect(marker(rb, ra.id)).toMatchObject({ replacedBy: rb.id });
    // C was away for both: the first folder's marker points to the second, whose files are gone too
    c.online = true;
    net.deliver(always);
    await sync(c);
    expect((await c.db.providers.get(q.id))?.lastName).toBe('Après-la-sauvegarde');
    for (let round = 0; round < 2; round++) {
      net.deliver(always);
      for (const d of net.devices) await sync(d);
    }
    const reference = await dataOf(rb);
    for (const d of net.devices) expect(await dataOf(d), d.id).toEqual(reference);
  });
});

describe('a retirement interrupted', () => {
  it('by a full disk after the covering snapshot: nothing of the old folder is removed; the next run with room finishes it', async () => {
    const { ra, old } = await restoredTeam();
    const before = namesIn(ra, old);
    // room for the new id's logs and its snapshot, none for the marker after them
    const transport = ra.folder.transport();
    const full = { ...transport, writeNew: async (path: string, bytes: Uint8Array) => (path.endsWith(`/${LEFT_FILE}`) ? Promise.reject(new SyncError('disk-full', path)) : transport.writeNew(path, bytes)) };
    setDeviceId(ra.id);
    const failed = await syncOnce(ra.db, full, ra.team, { deviceId: ra.id, deviceName: ra.name, former: ra.former! }).then(() => 'ok', (e: unknown) => (e instanceof SyncError ? e.code : String(e)));
    expect(failed).toBe('disk-full');
    expect(namesIn(ra, old)).toEqual(before);
    const report = await sync(ra);
    expect(namesIn(ra, old)).toEqual([LEFT_FILE]);
    expect(report.removed.length).toBe(before.length);
    expect(await readRetiring(ra.db)).toMatchObject([{ device: old, phase: 'removed' }]);
  });
});

describe('which refused folder the screen offers to confirm', () => {
  it('only one of this machine’s own ids, never another device’s folder or another file', async () => {
    const { claimableFolder } = await import('./service');
    expect(claimableFolder('devices/poste-a/log-000001.json.enc', ['poste-a-1234abcd', 'poste-a'])).toBe('poste-a');
    expect(claimableFolder('devices/poste-b/log-000001.json.enc', ['poste-a'])).toBeNull();
    expect(claimableFolder('team.json', ['poste-a'])).toBeNull();
    expect(claimableFolder(undefined, ['poste-a'])).toBeNull();
  });
});

describe('a restore made by a version that did not remember the old id', () => {
  it('its old folder, named after this machine’s device id, is found and retired all the same', async () => {
    const { net, ra, c, q, old } = await restoredTeam();
    // as the previous version left it: a new id, no list of former ones
    const legacy: Device = { ...ra, former: [] };
    net.devices[net.devices.indexOf(ra)] = legacy;
    const { formerFolders } = await import('./engine');
    expect(formerFolders({ deviceId: ra.id, deviceName: '', baseId: old }, [old, `${old}-0badc0de`, `${old}-x`, 'dev01', `${old}extra`])).toEqual([
      { id: old, seq: 0 },
      { id: `${old}-0badc0de`, seq: 0 },
    ]);
    setDeviceId(legacy.id);
    const report = await syncOnce(legacy.db, legacy.folder.transport(), legacy.team, { deviceId: legacy.id, deviceName: legacy.name, baseId: old });
    expect(report.removed.length).toBeGreaterThan(0);
    expect(namesIn(legacy, old)).toEqual([LEFT_FILE]);
    c.online = true;
    net.deliver(always);
    await sync(c);
    expect((await c.db.providers.get(q.id))?.lastName).toBe('Après-la-sauvegarde');
  });
});

describe('a machine that leaves and joins again under an id whose old logs are gone', () => {
  it('after a compaction: its snapshot is joined back, and its new logs come after the compacted ones', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [Device, Device];
    const p = newProvider(a, { notes: 'v1' });
    const person = newProvider(a, { lastName: NAME });
    await a.db.providers.bulkPut([p, person]);
    await sync(a);
    await editProvider(a, p.id, { notes: 'v2' });
    await sync(a);
    net.deliver(always);
    await sync(b);
    await erasePerson(a.db, 'provider', person.id, { anonymiseSignedSheets: false });
    const compacted = await sync(a);
    expect(compacted.removed).toContain(`devices/${a.id}/log-000001.json.enc`);
    net.deliver(always);
    await sync(b);
    const { leaveTeam } = await import('./engine');
    const { joinHere } = await import('./team-config');
    await leaveTeam(a.db, a.folder.transport(), a.team, { deviceId: a.id, deviceName: a.name });
    net.deliver(always);
    await sync(b);
    expect((await readPeers(b.db)).find((x) => x.device === a.id)?.left).toBe(true);
    await joinHere(a.db, a.folder.transport(), 'phrase de passe de test', { kind: 'all' });
    await editProvider(a, p.id, { phone: '05 00 00 00 02' });
    const report = await sync(a);
    expect(report.read.some((path) => path.startsWith(`devices/${a.id}/snapshot-`))).toBe(true);
    expect(report.wrote.some((path) => path === `devices/${a.id}/log-000001.json.enc`)).toBe(false);
    net.deliver(always);
    await sync(b);
    expect((await b.db.providers.get(p.id))?.phone).toBe('05 00 00 00 02');
    expect((await readPeers(b.db)).find((x) => x.device === a.id)?.left).toBe(false);
    expect(await b.db.conflicts.where('resolvedAt').equals('').count()).toBe(0);
    expect(await dataOf(a)).toEqual(await dataOf(b));
  });

  it('numbers its new logs after everything that folder ever held, so the others read them', async () => {
    const { net, ra, b, p, old } = await restoredTeam();
    await sync(ra);
    net.deliver(always);
    await sync(b);
    // the machine leaves the team, then joins again: no replica any more, its id is its device id, whose folder was retired
    const { leaveTeam } = await import('./engine');
    await leaveTeam(ra.db, ra.folder.transport(), ra.team, { deviceId: ra.id, deviceName: ra.name });
    const { joinHere } = await import('./team-config');
    await joinHere(ra.db, ra.folder.transport(), 'phrase de passe de test', { kind: 'all' });
    const back: Device = { ...ra, id: old, former: [] };
    net.devices[net.devices.indexOf(ra)] = back;
    await editProvider(back, p.id, { phone: '05 00 00 00 01' });
    const report = await sync(back);
    const written = report.wrote.filter((path) => path.startsWith(`devices/${old}/log-`));
    expect(written.length).toBeGreaterThan(0);
    for (const path of written) expect(Number(/log-(\d+)/.exec(path)![1]), path).toBeGreaterThan(marker(back, old).lastSeq!);
    net.deliver(always);
    expect((await readPeers(b.db)).find((x) => x.device === old)?.left).toBe(true);
    await sync(b);
    expect((await b.db.providers.get(p.id))?.phone).toBe('05 00 00 00 01');
    // it writes again under that id: the others see it back, not « a quitté l’équipe »
    expect((await readPeers(b.db)).find((x) => x.device === old)?.left).toBe(false);
  });
});

describe('a record deleted after a restore, before the first run', () => {
  it('its deletion travels (no state of it is kept yet) and meets the team’s version in the inbox, as the restored values do, instead of being silently undone', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [Device, Device];
    const kept = newProvider(a, { lastName: 'Gardée' });
    const gone = newProvider(a, { lastName: 'Supprimée-après-restauration' });
    const edited = newProvider(a, { lastName: 'Modifiée-ailleurs' });
    await a.db.providers.bulkPut([kept, gone, edited]);
    await sync(a);
    net.deliver(always);
    await sync(b);
    const saved = await a.db.providers.toArray();
    await editProvider(b, edited.id, { notes: 'modifiée par B' });
    await sync(b);
    const ra = await restoreDevice(net, a, async (db) => {
      await db.providers.clear();
      await db.providers.bulkPut(saved);
    });
    // deleted on the restored machine before it syncs: no state of these records is kept there yet
    setDeviceId(ra.id);
    await ra.db.transaction('rw', [ra.db.providers, ra.db.tombstones], () => deleteWithTombstones(ra.db, 'providers', [gone.id, edited.id]));
    await sync(ra);
    net.deliver(always);
    for (let round = 0; round < 2; round++) {
      for (const d of net.devices) await sync(d);
      net.deliver(always);
    }
    for (const d of net.devices) {
      expect((await d.db.providers.get(kept.id))?.lastName).toBe('Gardée');
      expect(await d.db.conflicts.where('recordId').equals(kept.id).count()).toBe(0);
      // the restored machine knew nothing of the team's versions: each deletion waits in the inbox on every device
      for (const id of [gone.id, edited.id]) {
        expect((await d.db.conflicts.where('recordId').equals(id).toArray()).some((c) => c.resolvedAt === '' && c.incoming === null), `${d.id}: ${id}`).toBe(true);
      }
      expect((await d.db.providers.get(edited.id))?.notes, d.id).toBe('modifiée par B');
    }
    expect(await dataOf(b)).toEqual(await dataOf(ra));
  });
});

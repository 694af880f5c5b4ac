/**
 * RGPD compaction: after an erasure, every device rewrites its own history as a new
 * snapshot without the person and removes its own older files; never another's.
 * Checked on what the folder holds, decrypted: no name, no e-mail left.
 */
import { describe, expect, it } from 'vitest';
import { createRecord, setDeviceId, touchRecord } from '../../db/records';
import type { Attendance } from '../../domain/attendance';
import { erasePerson, readErasureRegister } from '../safekeeping/privacy';
import { unsealJson } from './cipher';
import { erasureFolderState } from './engine';
import { parseSnapshotName } from './format';
import { dataOf, editProvider, joinDevice, makeNetwork, newProvider, sync, type Device } from './sim-helpers';
import type { SyncTransport } from './transport';

const always = () => 0;
const NAME = 'Dupont-Secret';
const EMAIL = 'zoe.secret@exemple.fr';

/** Every team file of a replica, decrypted, by path. */
function decrypted(d: Device): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, bytes] of d.folder.files) if (path.startsWith('devices/') && path.endsWith('.enc')) out.set(path, JSON.stringify(unsealJson(d.team.key, path, bytes)));
  return out;
}
const holding = (d: Device, text: string) => [...decrypted(d)].filter(([, content]) => content.includes(text)).map(([path]) => path);
const ownNames = (d: Device) => [...d.folder.files.keys()].filter((p) => p.startsWith(`devices/${d.id}/`)).map((p) => p.slice(`devices/${d.id}/`.length));

async function team(count: number) {
  const net = await makeNetwork(count);
  const [a, b] = net.devices as [Device, Device];
  const person = newProvider(a, { firstName: 'Zoé', lastName: NAME, email: EMAIL });
  const other = newProvider(a, { lastName: 'Reste' });
  await a.db.providers.bulkPut([person, other]);
  await sync(a);
  await editProvider(a, person.id, { notes: 'premier appel' });
  await sync(a);
  net.deliver(always);
  for (const d of net.devices.slice(1)) await sync(d);
  // B's own log names the person too
  await editProvider(b, person.id, { phone: '06 11 11 11 11' });
  await sync(b);
  net.deliver(always);
  await sync(a);
  return { net, a, b, person, other };
}

describe('compaction after an RGPD erasure', () => {
  it('the erasing device rewrites its own files at once; the other keeps its files until it reads the erasure, then rewrites its own', async () => {
    const { net, a, b, person, other } = await team(2);
    expect(holding(a, NAME).length).toBeGreaterThan(2);
    const bFilesBefore = new Map([...a.folder.files].filter(([p]) => p.startsWith(`devices/${b.id}/`)));

    await erasePerson(a.db, 'provider', person.id, { anonymiseSignedSheets: false });
    const report = await sync(a);
    // A's own folder: one new snapshot, its older logs and snapshots gone, nothing naming the person
    expect(report.removed.length).toBeGreaterThan(1);
    const names = ownNames(a);
    const cut = parseSnapshotName(names.find((n) => parseSnapshotName(n))!)!.seq;
    // what stays: the new snapshot, and the empty log of the same number (devices up to date read that)
    expect(names.filter((n) => !parseSnapshotName(n) || parseSnapshotName(n)!.seq !== cut)).toEqual([`log-${String(cut).padStart(6, '0')}.json.enc`]);
    expect(decrypted(a).get(`devices/${a.id}/log-${String(cut).padStart(6, '0')}.json.enc`)).toContain('"states":[]');
    expect(holding(a, NAME).filter((p) => p.startsWith(`devices/${a.id}/`))).toEqual([]);
    expect(holding(a, EMAIL).filter((p) => p.startsWith(`devices/${a.id}/`))).toEqual([]);
    // A never touches B's files, which still hold the person (encrypted) until B compacts them
    for (const [path, bytes] of bFilesBefore) expect(a.folder.files.get(path), path).toEqual(bytes);
    expect(holding(a, NAME).some((p) => p.startsWith(`devices/${b.id}/`))).toBe(true);
    // the erasure survives in the new snapshot
    expect([...decrypted(a).values()].some((c) => c.includes(person.id))).toBe(true);
    // and A's database keeps no value of the person in its sync states either
    expect(JSON.stringify(await a.db.syncClocks.get(`providers:${person.id}`))).not.toContain(NAME);

    // the other device learns who has rewritten their files
    expect(await erasureFolderState(a.db, a.team.teamId)).toMatchObject({ count: 1, clean: 1, behind: 1, known: 1 });
    net.deliver(always);
    // B had read A's first logs; they are gone: B reads the new snapshot instead
    const bRun = await sync(b);
    expect(bRun.read.some((p) => p.includes(`${a.id}/snapshot-`))).toBe(true);
    expect(await b.db.providers.get(person.id)).toBeUndefined();
    expect(bRun.removed.length).toBeGreaterThan(0);
    net.deliver(always);
    for (const d of net.devices) await sync(d);
    net.deliver(always);
    for (const d of net.devices) {
      expect(holding(d, NAME), d.id).toEqual([]);
      expect(holding(d, EMAIL), d.id).toEqual([]);
      expect((await d.db.providers.get(other.id))?.lastName).toBe('Reste');
      expect(await d.db.conflicts.count()).toBe(0);
      expect(await erasureFolderState(d.db, d.team.teamId)).toMatchObject({ count: 1, clean: 1, behind: 0, known: 1 });
    }
    expect(await dataOf(b)).toEqual(await dataOf(a));
  });

  it('a newcomer joining after the compaction converges, and a device that was away keeps its own edits without a false conflict', async () => {
    const { net, a, person, other } = await team(3);
    const away = net.devices[2]!;
    away.online = false;
    await editProvider(away, other.id, { notes: 'noté hors ligne' });
    await editProvider(a, other.id, { phone: '05 99 99 99 99' });
    await erasePerson(a.db, 'provider', person.id, { anonymiseSignedSheets: false });
    await sync(a);
    net.deliver(always);
    for (const d of net.devices) if (d.online) await sync(d);
    net.deliver(always);
    const late = await joinDevice(net);
    away.online = true;
    net.deliver(always);
    for (let round = 0; round < 3; round++) {
      for (const d of net.devices) await sync(d);
      net.deliver(always);
    }
    const reference = await dataOf(a);
    for (const d of net.devices) {
      expect(await dataOf(d), d.id).toEqual(reference);
      expect(await d.db.providers.get(person.id)).toBeUndefined();
      expect(holding(d, NAME), d.id).toEqual([]);
      expect((await readErasureRegister(d.db)).map((e) => e.recordId)).toContain(person.id);
    }
    const merged = await late.db.providers.get(other.id);
    expect(merged?.notes).toBe('noté hors ligne');
    expect(merged?.phone).toBe('05 99 99 99 99');
    expect(reference.conflicts).toEqual([]);
  });

  it('a signed sheet kept as proof: each device publishes it anonymised, then rewrites its files; no file names the person, every device holds the same row', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [Device, Device];
    const person = newProvider(a, { firstName: 'Zoé', lastName: NAME, email: EMAIL });
    await a.db.providers.put(person);
    setDeviceId(a.id);
    const sheet = createRecord<Attendance>({ context: 'workshop', sessionId: 's1', halfDay: 'matin', personId: person.id, role: 'participant', personName: `Zoé ${NAME}`, status: 'present', signature: { image: 'data:image/png;base64,U0lHTkFUVVJF', signedAt: new Date().toISOString(), method: 'drawn' }, audit: [] });
    await a.db.attendance.put(sheet);
    await sync(a);
    net.deliver(always);
    await sync(b);
    // B's own log names the person too
    setDeviceId(b.id);
    const onB = (await b.db.attendance.get(sheet.id))!;
    await b.db.attendance.put(touchRecord(onB, { status: 'present' as const, personName: `Zoé ${NAME} (B)` }));
    await sync(b);
    net.deliver(always);
    await sync(a);
    expect(holding(b, NAME).some((p) => p.includes(`/${b.id}/`))).toBe(true);
    await erasePerson(a.db, 'provider', person.id, { anonymiseSignedSheets: true });
    await sync(a);
    net.deliver(always);
    for (let round = 0; round < 2; round++) {
      for (const d of net.devices) await sync(d);
      net.deliver(always);
    }
    for (const d of net.devices) {
      expect(holding(d, NAME), d.id).toEqual([]);
      expect(holding(d, 'U0lHTkFUVVJF'), d.id).toEqual([]);
      expect(await erasureFolderState(d.db, d.team.teamId)).toMatchObject({ clean: 2, count: 2 });
      const kept = await d.db.attendance.get(sheet.id);
      expect(kept?.personName).toBe('Personne anonymisée');
      expect(kept?.signature).toBeNull();
      expect(await d.db.conflicts.where('resolvedAt').equals('').count(), `${d.id}: open conflicts`).toBe(0);
    }
    expect(await b.db.attendance.get(sheet.id)).toEqual(await a.db.attendance.get(sheet.id));
  });

  it('a file removed by its owner while another device reads: no error, the next run reads the snapshot', async () => {
    const { net, a, b, person, other } = await team(2);
    // a log of A that B's replica receives but B has not read yet
    await editProvider(a, other.id, { notes: 'avant effacement' });
    await sync(a);
    net.deliver(always);
    await erasePerson(a.db, 'provider', person.id, { anonymiseSignedSheets: false });
    await sync(a);
    const transport = b.folder.transport();
    // A's removals arrive between B's listing of A's folder and its reading
    const racing: SyncTransport = {
      ...transport,
      read: async (path) => {
        if (path.startsWith(`devices/${a.id}/`) && !a.folder.files.has(path)) {
          b.folder.files.delete(path);
          return null;
        }
        return transport.read(path);
      },
    };
    const { syncOnce } = await import('./engine');
    const report = await syncOnce(b.db, racing, b.team, { deviceId: b.id, deviceName: b.name });
    expect(report.vanished).toEqual([`devices/${a.id}/log-000003.json.enc`]);
    expect((await b.db.providers.get(other.id))?.notes).not.toBe('avant effacement');
    net.deliver(always);
    await sync(b);
    expect(await b.db.providers.get(person.id)).toBeUndefined();
    expect((await b.db.providers.get(other.id))?.notes).toBe('avant effacement');
    expect(await dataOf(b)).toEqual(await dataOf(a));
  });
});

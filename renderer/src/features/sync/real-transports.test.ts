/**
 * The engine over real transports: two Syncthing instances on 127.0.0.1 keeping two
 * folders in step (the way a team would use it), and a real WebDAV server.
 * Skipped, saying why, where syncthing or rclone is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { FourmiliereDatabase } from '../../db/database';
import { setDeviceId } from '../../db/records';
import { syncOnce, type Team } from './engine';
import { erasePerson } from '../safekeeping/privacy';
import { unsealJson } from './cipher';
import { openTeam } from './team';
import { editProvider, newProvider, TEST_COST, type Device } from './sim-helpers';
import type { SyncTransport } from './transport';
import { folderTransport } from '../../../../electron/lib/sync-folder';
import { webdavTransport } from '../../../../electron/lib/sync-webdav';

const has = (cmd: string, arg: string) => spawnSync(cmd, [arg], { stdio: 'ignore' }).status === 0;
const syncthing = has('syncthing', '--version');
const rclone = has('rclone', 'version');
if (!syncthing) console.warn('[sync-real] syncthing is not installed (Debian: apt-get install syncthing): the Syncthing test is skipped');
if (!rclone) console.warn('[sync-real] rclone is not installed (Debian: apt-get install rclone): the WebDAV engine test is skipped');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

function device(id: string, name: string, team: Team, dbName: string): Device {
  return { id, name, db: new FourmiliereDatabase(dbName), folder: undefined as never, skew: 0, online: true, team };
}
async function run(d: Device, transport: SyncTransport) {
  setDeviceId(d.id);
  return syncOnce(d.db, transport, d.team, { deviceId: d.id, deviceName: d.name });
}

/** Two engines, each on its own transport, converge through whatever connects them. */
async function converge(a: Device, ta: SyncTransport, b: Device, tb: SyncTransport, arrived: (path: string) => Promise<boolean>): Promise<void> {
  const p = newProvider(a, { lastName: 'Syncthing', notes: 'créé sur A' });
  await a.db.providers.put(p);
  const first = await run(a, ta);
  await until(`A's log on B's side`, () => arrived(first.wrote[0]!));
  await run(b, tb);
  expect((await b.db.providers.get(p.id))?.notes).toBe('créé sur A');
  await editProvider(b, p.id, { phone: '06 22 22 22 22' });
  const second = await run(b, tb);
  await editProvider(a, p.id, { notes: 'modifié sur A' });
  const third = await run(a, ta);
  await until('both logs on the other side', async () => (await arrived(second.wrote[0]!)) && (await arrived(third.wrote[0]!)));
  await run(a, ta);
  await run(b, tb);
  for (const d of [a, b]) {
    const r = await d.db.providers.get(p.id);
    expect(r?.notes).toBe('modifié sur A');
    expect(r?.phone).toBe('06 22 22 22 22');
    expect(await d.db.conflicts.count()).toBe(0);
  }
  expect(await b.db.providers.get(p.id)).toEqual(await a.db.providers.get(p.id));
}

/** Every team file under a folder on disk, decrypted. */
function decryptedOnDisk(folder: string, key: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const path = rel.split(sep).join('/');
    if (!path.startsWith('devices/') || !path.endsWith('.enc')) continue;
    out.set(path, JSON.stringify(unsealJson(key, path, new Uint8Array(readFileSync(join(folder, rel))))));
  }
  return out;
}
const holdingOnDisk = (folder: string, key: Uint8Array, text: string) => [...decryptedOnDisk(folder, key)].filter(([, c]) => c.includes(text)).map(([p]) => p);

/**
 * A erases a person both devices wrote about; A rewrites its files at once, B when it
 * reads the erasure; read back from the disk(s), decrypted, no file names them.
 * `folders`: where the team files are on disk, for each side.
 */
async function eraseAndCompact(a: Device, ta: SyncTransport, b: Device, tb: SyncTransport, folders: [string, string], settled: () => Promise<boolean>): Promise<void> {
  const person = newProvider(a, { firstName: 'Zoé', lastName: 'Secret-Réel', email: 'zoe.reel@exemple.fr' });
  await a.db.providers.put(person);
  await run(a, ta);
  await until('the person on B', async () => {
    await run(b, tb);
    return (await b.db.providers.get(person.id)) !== undefined;
  });
  await editProvider(b, person.id, { notes: 'vue sur B' });
  await run(b, tb);
  for (const folder of folders) await until(`the person in ${folder}`, () => holdingOnDisk(folder, a.team.key, 'Secret-Réel').some((p) => p.includes(`/${b.id}/`)));
  await erasePerson(a.db, 'provider', person.id, { anonymiseSignedSheets: false });
  const report = await run(a, ta);
  expect(report.removed.length).toBeGreaterThan(0);
  // A's own files no longer name the person; B's still do, until B compacts them
  expect(holdingOnDisk(folders[0], a.team.key, 'Secret-Réel').filter((p) => p.includes(`/${a.id}/`))).toEqual([]);
  expect(holdingOnDisk(folders[0], a.team.key, 'Secret-Réel').some((p) => p.includes(`/${b.id}/`))).toBe(true);
  await until('B read the erasure', async () => {
    await run(b, tb);
    return (await b.db.providers.get(person.id)) === undefined;
  });
  await until('every file rewritten on both sides', async () => {
    await run(a, ta);
    await run(b, tb);
    return folders.every((f) => holdingOnDisk(f, a.team.key, 'Secret-Réel').length === 0 && holdingOnDisk(f, a.team.key, 'zoe.reel@').length === 0) && (await settled());
  });
  for (const d of [a, b]) expect(await d.db.conflicts.count()).toBe(0);
  expect(await b.db.providers.toArray()).toEqual(await a.db.providers.toArray());
}

describe.skipIf(!syncthing)('two Syncthing instances keep two team folders in step', () => {
  const base = mkdtempSync(join(tmpdir(), 'syncthing-'));
  const procs: ChildProcess[] = [];
  const nodes: { home: string; folder: string; id: string; port: number; gui: number }[] = [];
  beforeAll(async () => {
    for (const name of ['a', 'b']) {
      const home = join(base, `home-${name}`);
      const folder = join(base, `folder-${name}`);
      mkdirSync(join(folder, '.stfolder'), { recursive: true });
      spawnSync('syncthing', ['generate', `--home=${home}`], { stdio: 'ignore' });
      const id = spawnSync('syncthing', [`--home=${home}`, '--device-id'], { encoding: 'utf8' }).stdout.trim();
      nodes.push({ home, folder, id, port: await freePort(), gui: await freePort() });
    }
    for (const n of nodes) {
      const devices = nodes.map((m) => `<device id="${m.id}" name="${m.id.slice(0, 7)}" compression="metadata" introducer="false"><address>tcp://127.0.0.1:${m.port}</address></device>`).join('');
      const folderDevices = nodes.map((m) => `<device id="${m.id}"></device>`).join('');
      writeFileSync(
        join(n.home, 'config.xml'),
        `<configuration version="36">
  <folder id="fourmiliere" label="Fourmilière" path="${n.folder}" type="sendreceive" rescanIntervalS="2" fsWatcherEnabled="true" fsWatcherDelayS="1">${folderDevices}<markerName>.stfolder</markerName><order>random</order></folder>
  ${devices}
  <gui enabled="true" tls="false"><address>127.0.0.1:${n.gui}</address><apikey>test-${n.gui}</apikey></gui>
  <options><listenAddress>tcp://127.0.0.1:${n.port}</listenAddress><globalAnnounceEnabled>false</globalAnnounceEnabled><localAnnounceEnabled>false</localAnnounceEnabled><relaysEnabled>false</relaysEnabled><natEnabled>false</natEnabled><urAccepted>-1</urAccepted><autoUpgradeIntervalH>0</autoUpgradeIntervalH><startBrowser>false</startBrowser><crashReportingEnabled>false</crashReportingEnabled></options>
</configuration>`,
      );
      procs.push(spawn('syncthing', ['serve', `--home=${n.home}`, '--no-browser', '--no-restart', '--no-upgrade'], { stdio: 'ignore', env: { ...process.env, STNODEFAULTFOLDER: '1', STNOUPGRADE: '1' } }));
    }
    // Both up: their REST API answers.
    for (const n of nodes) await until(`syncthing ${n.id.slice(0, 7)}`, () => fetch(`http://127.0.0.1:${n.gui}/rest/system/ping`, { headers: { 'X-API-Key': `test-${n.gui}` } }).then((r) => r.ok, () => false), 30_000);
  }, 60_000);
  afterAll(() => {
    for (const p of procs) p.kill();
    rmSync(base, { recursive: true, force: true });
  });

  it('two engines converge through them, with no conflict copy made by Syncthing', async () => {
    const [na, nb] = nodes as [(typeof nodes)[0], (typeof nodes)[0]];
    const ta = folderTransport(na.folder);
    const tb = folderTransport(nb.folder);
    const { team } = await openTeam(ta, 'phrase de passe syncthing', { cost: TEST_COST });
    await until('team.json on B', () => existsSync(join(nb.folder, 'team.json')));
    const joined = (await openTeam(tb, 'phrase de passe syncthing')).team;
    expect(joined.teamId).toBe(team.teamId);
    const a = device('st-a', 'Portable A', team, 'st-a');
    const b = device('st-b', 'Portable B', joined, 'st-b');
    await converge(a, ta, b, tb, async (path) => existsSync(join(nb.folder, path)) && existsSync(join(na.folder, path)));
    const all = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' });
    // an erasure: each engine removes only its own older files; Syncthing carries the removals
    const teamFiles = (dir: string) => all(dir).filter((f) => f.endsWith('.enc')).sort();
    await eraseAndCompact(a, ta, b, tb, [na.folder, nb.folder], async () => teamFiles(na.folder).join() === teamFiles(nb.folder).join());
    for (const n of nodes) expect(all(n.folder).filter((f) => f.includes('sync-conflict'))).toEqual([]);
  }, 240_000);
});

describe.skipIf(!rclone)('two engines through a WebDAV server (rclone serve webdav)', () => {
  let server: ChildProcess;
  let url = '';
  let root = '';
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'webdav-engine-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn('rclone', ['serve', 'webdav', root, '--addr', `127.0.0.1:${port}`, '--user', 'equipe', '--pass', 'mot-de-passe-app'], { stdio: 'ignore' });
    await until('rclone', () => fetch(url, { method: 'PROPFIND', headers: { Depth: '0' } }).then((r) => r.status > 0, () => false), 20_000);
  }, 30_000);
  afterAll(() => server?.kill());

  it('converge, each reading the other through the server', async () => {
    const ta = webdavTransport({ url, username: 'equipe', password: 'mot-de-passe-app' });
    const tb = webdavTransport({ url, username: 'equipe', password: 'mot-de-passe-app' });
    const { team } = await openTeam(ta, 'phrase de passe webdav', { cost: TEST_COST });
    const joined = (await openTeam(tb, 'phrase de passe webdav')).team;
    const a = device('dav-a', 'Poste A', team, 'dav-a');
    const b = device('dav-b', 'Poste B', joined, 'dav-b');
    await converge(a, ta, b, tb, async () => true);
    // an erasure: each engine removes its own older files through the server
    await eraseAndCompact(a, ta, b, tb, [root, root], async () => true);
  }, 90_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkWebdavUrl, webdavTransport } from './sync-webdav';
import { SyncError } from '../../renderer/src/features/sync/transport';

const codeOf = async (work: Promise<unknown>) => {
  try {
    await work;
    return 'no error';
  } catch (e) {
    if (e instanceof SyncError) return e.code;
    throw e;
  }
};

const rclone = spawnSync('rclone', ['version'], { stdio: 'ignore' }).status === 0;
if (!rclone) console.warn('[sync-webdav] rclone is not installed (Debian: apt-get install rclone): the WebDAV server test is skipped');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

describe.skipIf(!rclone)('the team folder over WebDAV (rclone serve webdav on 127.0.0.1)', () => {
  let server: ChildProcess;
  let url = '';
  let root = '';
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'webdav-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    server = spawn('rclone', ['serve', 'webdav', root, '--addr', `127.0.0.1:${port}`, '--user', 'lea', '--pass', 'mot-de-passe-app'], { stdio: 'ignore' });
    for (let i = 0; i < 100; i++) {
      const up = await fetch(url, { method: 'PROPFIND', headers: { Depth: '0' } }).then(
        (r) => r.status > 0,
        () => false,
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('rclone did not start');
  }, 20_000);
  afterAll(() => {
    server?.kill();
  });

  it('creates files with their folders, never overwrites, lists and reads them back', async () => {
    const t = webdavTransport({ url, username: 'lea', password: 'mot-de-passe-app' });
    expect(await t.exists('')).toBe(true);
    await t.writeNew('devices/abc/log-000001.json.enc', new Uint8Array([1, 2, 3]));
    expect(await codeOf(t.writeNew('devices/abc/log-000001.json.enc', new Uint8Array([9])))).toBe('exists');
    expect([...readFileSync(join(root, 'devices/abc/log-000001.json.enc'))]).toEqual([1, 2, 3]);
    expect(await t.list('devices')).toEqual(['abc']);
    expect(await t.list('devices/abc')).toEqual(['log-000001.json.enc']);
    expect(await t.list('devices/none')).toEqual([]);
    expect([...((await t.read('devices/abc/log-000001.json.enc')) ?? [])]).toEqual([1, 2, 3]);
    expect(await t.read('devices/abc/none')).toBeNull();
    expect(readdirSync(join(root, 'devices/abc'))).toEqual(['log-000001.json.enc']);
  });

  it('removes a file (compaction) and says nothing when it is already gone', async () => {
    const t = webdavTransport({ url, username: 'lea', password: 'mot-de-passe-app' });
    await t.writeNew('devices/rm/log-000001.json.enc', new Uint8Array([1]));
    await t.writeNew('devices/rm/log-000002.json.enc', new Uint8Array([2]));
    await t.remove('devices/rm/log-000001.json.enc');
    expect(readdirSync(join(root, 'devices/rm'))).toEqual(['log-000002.json.enc']);
    await t.remove('devices/rm/log-000001.json.enc');
    expect(await codeOf(t.remove(''))).toBe('refused');
    expect(await codeOf(webdavTransport({ url, username: 'lea', password: 'faux' }).remove('devices/rm/log-000002.json.enc'))).toBe('unauthorized');
    expect(readdirSync(join(root, 'devices/rm'))).toEqual(['log-000002.json.enc']);
  });

  it('a wrong app password is « unauthorized », a server that does not answer « unreachable »', async () => {
    const wrong = webdavTransport({ url, username: 'lea', password: 'faux' });
    expect(await codeOf(wrong.list(''))).toBe('unauthorized');
    expect(await codeOf(wrong.writeNew('devices/x/log-000001.json.enc', new Uint8Array([1])))).toBe('unauthorized');
    const closed = webdavTransport({ url: `http://127.0.0.1:${await freePort()}`, username: 'lea', password: 'x' });
    expect(await codeOf(closed.list(''))).toBe('unreachable');
  });

  it('accepts https addresses and plain http only on this computer, never with credentials inside', () => {
    expect(checkWebdavUrl('https://cloud.example.fr/remote.php/dav/files/lea/Equipe/')).toBe('https://cloud.example.fr/remote.php/dav/files/lea/Equipe');
    expect(() => checkWebdavUrl('http://cloud.example.fr/dav')).toThrow(SyncError);
    expect(() => checkWebdavUrl('https://lea:secret@cloud.example.fr/dav')).toThrow(SyncError);
    expect(() => checkWebdavUrl('ftp://x')).toThrow(SyncError);
  });
});

import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderTransport } from './sync-folder';
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

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'sync-folder-'));
});

describe('the team folder on disk', () => {
  it('writes a file whole under a new name, never over an existing one, and leaves no temporary file', async () => {
    const t = folderTransport(root);
    await t.writeNew('devices/abc/log-000001.json.enc', new Uint8Array([1, 2, 3]));
    expect([...readFileSync(join(root, 'devices/abc/log-000001.json.enc'))]).toEqual([1, 2, 3]);
    expect(await codeOf(t.writeNew('devices/abc/log-000001.json.enc', new Uint8Array([9])))).toBe('exists');
    expect([...readFileSync(join(root, 'devices/abc/log-000001.json.enc'))]).toEqual([1, 2, 3]);
    expect(readdirSync(join(root, 'devices/abc'))).toEqual(['log-000001.json.enc']);
    expect(await t.list('devices')).toEqual(['abc']);
    expect(await t.list('devices/none')).toEqual([]);
    expect(await t.read('devices/abc/none')).toBeNull();
    expect(await t.exists('devices/abc')).toBe(true);
  });

  it('removes a file of its own (compaction), and nothing out of the folder or a folder', async () => {
    const t = folderTransport(root);
    await t.writeNew('devices/abc/log-000001.json.enc', new Uint8Array([1]));
    await t.writeNew('devices/abc/log-000002.json.enc', new Uint8Array([2]));
    await t.remove('devices/abc/log-000001.json.enc');
    expect(readdirSync(join(root, 'devices/abc'))).toEqual(['log-000002.json.enc']);
    // already gone: nothing to do
    await t.remove('devices/abc/log-000001.json.enc');
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    writeFileSync(join(outside, 'keep.txt'), 'keep');
    symlinkSync(outside, join(root, 'escape'));
    expect(await codeOf(t.remove('escape/keep.txt'))).toBe('refused');
    expect(await codeOf(t.remove('../keep.txt'))).toBe('io');
    expect(await codeOf(t.remove('devices/abc'))).not.toBe('no error');
    expect(await codeOf(t.remove(''))).toBe('refused');
    expect(readdirSync(outside)).toEqual(['keep.txt']);
    expect(readdirSync(join(root, 'devices/abc'))).toEqual(['log-000002.json.enc']);
    rmSync(root, { recursive: true });
    expect(await codeOf(t.remove('devices/abc/log-000002.json.enc'))).toBe('folder-missing');
  });

  it('refuses paths out of the folder, by name or through a symbolic link', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    symlinkSync(outside, join(root, 'escape'));
    const t = folderTransport(root);
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '.hidden', 'a\\b']) expect(await codeOf(t.read(bad)), bad).toBe('io');
    expect(await codeOf(t.read('escape/secret.txt'))).toBe('refused');
    expect(await codeOf(t.writeNew('escape/new.txt', new Uint8Array([1])))).toBe('refused');
    expect(readdirSync(outside)).toEqual(['secret.txt']);
  });

  it('says the folder is missing when it is gone (an unplugged drive, a renamed folder)', async () => {
    const t = folderTransport(join(root, 'gone'));
    expect(await t.exists('')).toBe(false);
    expect(await codeOf(t.list(''))).toBe('folder-missing');
    expect(await codeOf(t.read('team.json'))).toBe('folder-missing');
    expect(await codeOf(t.writeNew('devices/a/log-000001.json.enc', new Uint8Array([1])))).toBe('folder-missing');
    mkdirSync(join(root, 'gone'));
    expect(await t.exists('')).toBe(true);
  });

  describe('on a full disk (a 64 KiB tmpfs)', () => {
    const mount = join(tmpdir(), `sync-tmpfs-${process.pid}`);
    let mounted = false;
    try {
      mkdirSync(mount, { recursive: true });
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mount], { stdio: 'ignore' });
      mounted = true;
    } catch {
      // not root, or no mount in this sandbox: the injected ENOSPC below still runs
      console.warn('[sync-folder] cannot mount a 64 KiB tmpfs (needs root on Linux): the real full-disk test is skipped, the injected ENOSPC test runs');
    }
    afterAll(() => {
      if (mounted) execFileSync('umount', [mount]);
      rmSync(mount, { recursive: true, force: true });
    });

    it.skipIf(!mounted)('tells disk-full, keeps the files already there whole, and leaves no half file', async () => {
      const t = folderTransport(mount);
      await t.writeNew('devices/a/log-000001.json.enc', new Uint8Array(20_000).fill(1));
      expect(await codeOf(t.writeNew('devices/a/log-000002.json.enc', new Uint8Array(80_000).fill(2)))).toBe('disk-full');
      expect(readdirSync(join(mount, 'devices/a'))).toEqual(['log-000001.json.enc']);
      expect(readFileSync(join(mount, 'devices/a/log-000001.json.enc')).every((b) => b === 1)).toBe(true);
      await t.writeNew('devices/a/log-000002.json.enc', new Uint8Array(1000).fill(3));
      expect(await t.list('devices/a')).toEqual(['log-000001.json.enc', 'log-000002.json.enc']);
    });
  });

  it('turns ENOSPC from the system into disk-full (injected, for machines without tmpfs)', async () => {
    const enospc = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    const t = folderTransport(root, { fs: { link: async () => Promise.reject(enospc) } });
    expect(await codeOf(t.writeNew('devices/a/log-000001.json.enc', new Uint8Array([1])))).toBe('disk-full');
    expect(readdirSync(join(root, 'devices/a'))).toEqual([]);
  });
});

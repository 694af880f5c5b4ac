import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  backupFileName,
  backupsToPrune,
  capRefusal,
  DEFAULT_RETENTION,
  deviceTag,
  dueBackups,
  listBackupFiles,
  loadOrCreateDeviceTag,
  parseBackupFileName,
  readBackupFile,
  writeBackupFile,
  writeFileAtomic,
} from './backups';
import type { BackupInfo } from '../../renderer/src/platform/contract';

const A = 'portable-anne-3f2a9c1b';
const B = 'bureau-ot-77aa00ff';

describe('backup names', () => {
  it('carry the kind, the date and the device, and read back', () => {
    const name = backupFileName('daily', new Date('2026-11-28T10:15:30.123Z'), A);
    expect(name).toBe('2026-11-28T10-15-30_daily_portable-anne-3f2a9c1b.fourmiliere-backup.json');
    expect(parseBackupFileName(name)).toEqual({ kind: 'daily', createdAt: '2026-11-28T10:15:30.000Z', device: A });
    expect(parseBackupFileName(backupFileName('before-restore', new Date('2026-11-28T10:15:30Z'), B))).toMatchObject({ kind: 'before-restore', device: B });
  });

  it('still read names written before they carried a device, and refuse anything else', () => {
    expect(parseBackupFileName('2026-11-28T10-15-30_daily.fourmiliere-backup.json')).toEqual({ kind: 'daily', createdAt: '2026-11-28T10:15:30.000Z', device: null });
    expect(parseBackupFileName('../etc.fourmiliere-backup.json')).toBeNull();
    expect(parseBackupFileName('2026-11-28T10-15-30_daily_../x.fourmiliere-backup.json')).toBeNull();
    expect(parseBackupFileName('.2026-11-28T10-15-30_daily_a-1.fourmiliere-backup.json.tmp-abc')).toBeNull();
    expect(() => backupFileName('daily', new Date(), '../evil')).toThrow();
  });

  it('make a readable device tag out of the host name and the id', () => {
    expect(deviceTag('Portable-de-Zoé.local', '3F2A9C1B-0000-4000-8000-000000000000')).toBe('portable-de-zoe-3f2a9c1b');
    expect(deviceTag('', 'abcdef12-…')).toBe('poste-abcdef12');
    expect(deviceTag('un nom de machine vraiment beaucoup trop long', '12345678')).toMatch(/^un-nom-de-machine-vraime-12345678$/);
  });
});

describe('rotation', () => {
  const make = (kind: BackupInfo['kind'], day: number, device: string | null = A): BackupInfo => ({
    name: `${kind}-${day}-${device}`,
    kind,
    size: 1,
    createdAt: `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`,
    device,
  });

  it('prunes this device’s oldest beyond each kind limit and never manual ones', () => {
    const list = [...Array.from({ length: 10 }, (_, i) => make('daily', i + 1)), make('manual', 1), make('manual', 2)];
    expect(backupsToPrune(list, A, DEFAULT_RETENTION).sort()).toEqual(['daily-1-' + A, 'daily-2-' + A, 'daily-3-' + A]);
  });

  it('never prunes another device’s copies nor unattributed older ones', () => {
    const list = [...Array.from({ length: 10 }, (_, i) => make('daily', i + 1, B)), ...Array.from({ length: 10 }, (_, i) => make('daily', i + 1, null))];
    expect(backupsToPrune(list, A, DEFAULT_RETENTION)).toEqual([]);
  });

  it('says which automatic backups are due', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(dueBackups({}, now)).toEqual(['daily', 'weekly']);
    expect(dueBackups({ daily: '2026-11-28T01:00:00Z', weekly: '2026-11-25T00:00:00Z' }, now)).toEqual([]);
    expect(dueBackups({ daily: '2026-11-27T01:00:00Z', weekly: '2026-11-20T00:00:00Z' }, now)).toEqual(['daily', 'weekly']);
  });
});

describe('backup files on the real file system', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fourmiliere-backups-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const day = (n: number) => new Date(Date.UTC(2026, 10, n, 9, 0, 0));
  const write = (device: string, kind: BackupInfo['kind'], n: number, content: string | Uint8Array = `{"day":${n}}`) =>
    writeBackupFile({ dir, device, kind, content, now: day(n), retention: DEFAULT_RETENTION });

  it('two machines sharing a synced folder keep their own rotation and never prune each other', async () => {
    const legacy = '2026-10-01T09-00-00_daily.fourmiliere-backup.json';
    await writeFile(join(dir, legacy), '{"legacy":true}');
    for (let n = 1; n <= 10; n++) {
      expect((await write(A, 'daily', n)).ok).toBe(true);
      expect((await write(B, 'daily', n)).ok).toBe(true);
    }
    const names = (await readdir(dir)).sort();
    const of = (device: string) => names.filter((n) => parseBackupFileName(n)?.device === device);
    expect(of(A)).toHaveLength(7);
    expect(of(B)).toHaveLength(7);
    expect(of(A)[0]).toBe(backupFileName('daily', day(4), A)); // days 4..10 kept
    expect(names).toContain(legacy);
    const listed = await listBackupFiles(dir, A);
    expect(listed.filter((b) => b.mine)).toHaveLength(7);
    expect(listed.find((b) => b.name === legacy)).toMatchObject({ device: null, mine: false });
    expect(listed.find((b) => b.device === B)).toMatchObject({ mine: false });
  });

  it('writes the content exactly, text as UTF-8 and bytes as given', async () => {
    const text = await write(A, 'daily', 1, '{"nom":"Zoé"}');
    expect(text.ok && text.value.size).toBe(Buffer.byteLength('{"nom":"Zoé"}'));
    expect(await readFile(join(dir, backupFileName('daily', day(1), A)), 'utf8')).toBe('{"nom":"Zoé"}');
    const bytes = new TextEncoder().encode('{"octets":1}');
    await write(A, 'weekly', 1, bytes);
    expect(new Uint8Array(await readFile(join(dir, backupFileName('weekly', day(1), A))))).toEqual(bytes);
  });

  it('a crash before the rename leaves the old copy intact and no half file listed as a backup', async () => {
    const name = backupFileName('quit', day(3), A);
    await write(A, 'quit', 3, '{"version":"old"}');
    let reachedRename!: () => void;
    const atRename = new Promise<void>((resolve) => (reachedRename = resolve));
    const big = '{"version":"new","pad":"' + 'x'.repeat(2_000_000) + '"}';
    // The write stops for good just before the rename: what is on disk then is what a crash leaves.
    void writeFileAtomic(dir, name, big, { beforeRename: () => (reachedRename(), new Promise<never>(() => undefined)) });
    await atRename;
    expect(await readFile(join(dir, name), 'utf8')).toBe('{"version":"old"}');
    const listed = await listBackupFiles(dir, A);
    expect(listed.map((b) => b.name)).toEqual([name]);
    expect(listed[0]!.size).toBe('{"version":"old"}'.length);
    const read = await readBackupFile(dir, name);
    expect(read.ok && read.value).toBe('{"version":"old"}');
    const leftovers = (await readdir(dir)).filter((n) => n !== name);
    expect(leftovers).toHaveLength(1);
    expect(leftovers[0]).toMatch(/^\..*\.tmp-[0-9a-f]+$/);
    // The next copy this device writes sweeps the leftover away.
    await write(A, 'daily', 4);
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('a write that fails half way (disk full) leaves the old copy and no temporary file', async () => {
    const name = backupFileName('daily', day(5), A);
    await write(A, 'daily', 5, '{"version":"old"}');
    const diskFull = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    await expect(
      writeFileAtomic(dir, name, '{"version":"new"}', {
        write: async (file, content) => {
          await file.write(String(content).slice(0, 5));
          throw diskFull;
        },
      }),
    ).rejects.toThrow('ENOSPC');
    expect(await readdir(dir)).toEqual([name]);
    expect(await readFile(join(dir, name), 'utf8')).toBe('{"version":"old"}');
  });

  it('refuses an eleventh manual copy in French, writing nothing', async () => {
    for (let n = 1; n <= 10; n++) expect((await write(A, 'manual', n)).ok).toBe(true);
    await write(B, 'manual', 11); // another machine's copies do not count against this one
    const before = (await readdir(dir)).sort();
    const refused = await write(A, 'manual', 12);
    expect(refused).toEqual({ ok: false, error: expect.stringMatching(/^Copie refusée : ce poste garde déjà 10 copies manuelles/) });
    expect((await readdir(dir)).sort()).toEqual(before);
    // automatic copies still go through
    expect((await write(A, 'daily', 12)).ok).toBe(true);
  });

  it('refuses copies beyond the byte caps', async () => {
    const caps = { manualCount: 10, manualBytes: 1000, totalBytes: 3000 };
    const at = (n: number, kind: BackupInfo['kind'], size: number) => writeBackupFile({ dir, device: A, kind, content: 'x'.repeat(size), now: day(n), retention: DEFAULT_RETENTION, caps });
    expect((await at(1, 'manual', 600)).ok).toBe(true);
    const tooBig = await at(2, 'manual', 600);
    expect(tooBig.ok || tooBig.error).toMatch(/dépasseraient/);
    expect((await at(3, 'daily', 2000)).ok).toBe(true);
    const total = await at(4, 'weekly', 500);
    expect(total.ok || total.error).toMatch(/^Copie refusée : les copies de ce poste dépasseraient/);
    expect((await listBackupFiles(dir, A)).map((b) => b.kind).sort()).toEqual(['daily', 'manual']);
  });

  it('counts a copy being replaced under the same name only once', () => {
    const existing: BackupInfo[] = [{ name: 'm', kind: 'manual', size: 900, createdAt: '2026-11-01T00:00:00.000Z', device: A }];
    expect(capRefusal(existing, { name: 'm', kind: 'manual', size: 900 }, A, { manualCount: 1, manualBytes: 1000, totalBytes: 1000 })).toBeNull();
  });

  it('reads only names of backups', async () => {
    expect(await readBackupFile(dir, '../../etc/passwd')).toEqual({ ok: false, error: 'nom de sauvegarde inconnu' });
  });

  it('keeps the device tag once created, and makes a new one from an unreadable file', async () => {
    const file = join(dir, 'device.json');
    const tag = await loadOrCreateDeviceTag(file, 'Bureau-OT');
    expect(tag).toMatch(/^bureau-ot-[0-9a-f]{8}$/);
    expect(await loadOrCreateDeviceTag(file, 'renamed-host')).toBe(tag);
    await writeFile(file, '{not json');
    const other = await loadOrCreateDeviceTag(file, 'Bureau-OT');
    expect(other).toMatch(/^bureau-ot-[0-9a-f]{8}$/);
    expect(other).not.toBe(tag);
  });
});

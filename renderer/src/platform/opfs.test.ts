import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeOpfsDirectory } from '../test/fake-opfs';
import type { BackupInfo } from './contract';
import { OpfsBackups, readOpfsText, writeOpfsText } from './opfs';

const bytes = (text: string) => new TextEncoder().encode(text);
const info = (name: string, kind: BackupInfo['kind']): BackupInfo => ({ name, kind, size: 0, createdAt: '' });

describe('copies in the private file system', () => {
  it('writes, lists newest first, prunes each kind on its own, and reads back', async () => {
    const root = new FakeOpfsDirectory();
    const store = new OpfsBackups(async () => root);
    for (let day = 1; day <= 4; day++) await store.write(info(`2026-12-0${day}T10-00-00_daily.fourmiliere-backup.json`, 'daily'), bytes(`{"day":${day}}`), 3);
    await store.write(info('2026-12-02T11-00-00_weekly_portable-3f2a9c1b.fourmiliere-backup.json', 'weekly'), bytes('{"week":1}'), 4);
    const listed = await store.list();
    expect(listed.map((b) => [b.name, b.kind, b.size])).toEqual([
      ['2026-12-02T11-00-00_weekly_portable-3f2a9c1b.fourmiliere-backup.json', 'weekly', 10],
      ['2026-12-04T10-00-00_daily.fourmiliere-backup.json', 'daily', 9],
      ['2026-12-03T10-00-00_daily.fourmiliere-backup.json', 'daily', 9],
      ['2026-12-02T10-00-00_daily.fourmiliere-backup.json', 'daily', 9],
    ]);
    expect(await store.read('2026-12-01T10-00-00_daily.fourmiliere-backup.json')).toBeUndefined();
    expect(JSON.parse((await store.read('2026-12-03T10-00-00_daily.fourmiliere-backup.json'))!)).toEqual({ day: 3 });
  });

  it('a write that fails on a full disk leaves the previous copies readable', async () => {
    const root = new FakeOpfsDirectory();
    const store = new OpfsBackups(async () => root);
    await store.write(info('2026-12-01T10-00-00_daily.fourmiliere-backup.json', 'daily'), bytes('{"a":1}'), 7);
    root.full = true;
    await expect(store.write(info('2026-12-02T10-00-00_daily.fourmiliere-backup.json', 'daily'), bytes('{"a":2}'), 7)).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(await store.read('2026-12-01T10-00-00_daily.fourmiliere-backup.json')).toBe('{"a":1}');
  });

  it('without a private file system: nothing written, nothing listed', async () => {
    const store = new OpfsBackups(async () => null);
    expect(await store.write(info('2026-12-01T10-00-00_daily.fourmiliere-backup.json', 'daily'), bytes('{}'), 7)).toBe(false);
    expect(await store.list()).toEqual([]);
    expect(await readOpfsText('x.json', async () => null)).toBeNull();
  });

  it('keeps small text files at its root', async () => {
    const root = new FakeOpfsDirectory();
    expect(await readOpfsText('census.json', async () => root)).toBeNull();
    expect(await writeOpfsText('census.json', '{"total":3}', async () => root)).toBe(true);
    expect(await readOpfsText('census.json', async () => root)).toBe('{"total":3}');
  });
});

describe('the browser bridge keeps its copies outside IndexedDB too', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('a copy survives the loss of the origin IndexedDB backup store and restores from the file', async () => {
    const root = new FakeOpfsDirectory();
    vi.stubGlobal('navigator', { storage: { getDirectory: async () => root } });
    vi.resetModules();
    const { webBridge } = await import('./web-bridge');
    const written = await webBridge.writeBackup({ name: '2026-12-03T06-00-00_daily.fourmiliere-backup.json', content: bytes('{"copy":"daily"}'), kind: 'daily' });
    expect(written.ok).toBe(true);
    expect([...(root.dirs.get('backups')?.files.keys() ?? [])]).toEqual(['2026-12-03T06-00-00_daily.fourmiliere-backup.json']);
    // What Chromium does after a failed write on a full disk: the origin's IndexedDB is gone.
    await Dexie.delete('fourmiliere-backups');
    const listed = await webBridge.listBackups();
    expect(listed.ok && listed.value.map((b) => [b.name, b.kind])).toEqual([['2026-12-03T06-00-00_daily.fourmiliere-backup.json', 'daily']]);
    expect(await webBridge.readBackup('2026-12-03T06-00-00_daily.fourmiliere-backup.json')).toEqual({ ok: true, value: '{"copy":"daily"}' });
  });

  it('without a private file system, the IndexedDB copy is still made', async () => {
    vi.stubGlobal('navigator', { storage: {} });
    vi.resetModules();
    const { webBridge } = await import('./web-bridge');
    const written = await webBridge.writeBackup({ name: '2026-12-03T07-00-00_weekly.fourmiliere-backup.json', content: bytes('{"w":1}'), kind: 'weekly' });
    expect(written.ok).toBe(true);
    expect(await webBridge.readBackup('2026-12-03T07-00-00_weekly.fourmiliere-backup.json')).toEqual({ ok: true, value: '{"w":1}' });
  });

  it('a disk too full for the file is not asked to take the same bytes into IndexedDB', async () => {
    const root = new FakeOpfsDirectory();
    root.full = true;
    vi.stubGlobal('navigator', { storage: { getDirectory: async () => root } });
    vi.resetModules();
    const { webBridge } = await import('./web-bridge');
    await expect(webBridge.writeBackup({ name: '2026-12-03T08-00-00_weekly.fourmiliere-backup.json', content: bytes('{"w":2}'), kind: 'weekly' })).rejects.toMatchObject({ name: 'QuotaExceededError' });
    expect(await webBridge.readBackup('2026-12-03T08-00-00_weekly.fourmiliere-backup.json')).toEqual({ ok: false, error: 'sauvegarde introuvable' });
  });
});

import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { BackupStore } from './web-bridge';
import type { BackupInfo } from './contract';

let n = 0;
const info = (name: string, kind: BackupInfo['kind'], createdAt: string, size = 2): BackupInfo => ({ name, kind, size, createdAt });
const bytes = (text: string) => new TextEncoder().encode(text);

describe('backups kept by the browser', () => {
  it('lists what the copies are without reading what they hold, and prunes both', async () => {
    const store = new BackupStore(`web-backups-${n++}`);
    for (let day = 1; day <= 4; day++) await store.write(info(`2026-11-0${day}_daily.fourmiliere-backup.json`, 'daily', `2026-11-0${day}T10:00:00.000Z`), bytes(`{"day":${day}}`), 3);
    await store.write(info('2026-11-02_weekly.fourmiliere-backup.json', 'weekly', '2026-11-02T11:00:00.000Z'), bytes('{"week":1}'), 4);
    const listed = await store.list();
    expect(listed.map((b) => b.name)).toEqual([
      '2026-11-04_daily.fourmiliere-backup.json',
      '2026-11-03_daily.fourmiliere-backup.json',
      '2026-11-02_weekly.fourmiliere-backup.json',
      '2026-11-02_daily.fourmiliere-backup.json',
    ]);
    expect(listed.every((b) => !('content' in b))).toBe(true);
    // The oldest daily copy is gone with its content; the others read back as text.
    expect(await store.contents.count()).toBe(4);
    expect(await store.read('2026-11-01_daily.fourmiliere-backup.json')).toBeUndefined();
    expect(JSON.parse((await store.read('2026-11-03_daily.fourmiliere-backup.json'))!)).toEqual({ day: 3 });
    store.close();
  });

  it('moves the content of copies written by the first version out of the listed records', async () => {
    const name = `web-backups-${n++}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ backups: 'name, createdAt, kind' });
    await v1.table('backups').bulkPut([
      { ...info('a_daily.fourmiliere-backup.json', 'daily', '2026-11-01T10:00:00.000Z'), content: '{"a":1}' },
      { ...info('b_manual.fourmiliere-backup.json', 'manual', '2026-11-02T10:00:00.000Z'), content: bytes('{"b":2}') },
    ]);
    v1.close();
    const store = new BackupStore(name);
    const listed = await store.list();
    expect(listed.map((b) => b.name)).toEqual(['b_manual.fourmiliere-backup.json', 'a_daily.fourmiliere-backup.json']);
    expect(listed.every((b) => !('content' in b))).toBe(true);
    expect(await store.read('a_daily.fourmiliere-backup.json')).toBe('{"a":1}');
    expect(await store.read('b_manual.fourmiliere-backup.json')).toBe('{"b":2}');
    store.close();
  });
});

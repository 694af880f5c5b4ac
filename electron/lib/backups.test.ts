import { describe, expect, it } from 'vitest';
import { backupFileName, backupsToPrune, dueBackups, parseBackupFileName } from './backups';
import type { BackupInfo } from '../../renderer/src/platform/contract';

describe('automatic backups', () => {
  it('names backups so that they can be read back', () => {
    const name = backupFileName('daily', new Date('2026-11-28T10:15:30.123Z'));
    expect(name).toBe('2026-11-28T10-15-30_daily.fourmiliere-backup.json');
    expect(parseBackupFileName(name)).toEqual({ kind: 'daily', createdAt: '2026-11-28T10:15:30.000Z' });
    expect(parseBackupFileName('../etc.fourmiliere-backup.json')).toBeNull();
  });

  it('prunes the oldest beyond each kind limit and never manual ones', () => {
    const make = (kind: BackupInfo['kind'], day: number): BackupInfo => ({ name: `${kind}-${day}`, kind, size: 1, createdAt: `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z` });
    const list = [...Array.from({ length: 10 }, (_, i) => make('daily', i + 1)), make('manual', 1), make('manual', 2)];
    expect(backupsToPrune(list, { daily: 7, weekly: 4, quit: 3, beforeRestore: 5 }).sort()).toEqual(['daily-1', 'daily-2', 'daily-3']);
  });

  it('says which automatic backups are due', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(dueBackups({}, now)).toEqual(['daily', 'weekly']);
    expect(dueBackups({ daily: '2026-11-28T01:00:00Z', weekly: '2026-11-25T00:00:00Z' }, now)).toEqual([]);
    expect(dueBackups({ daily: '2026-11-27T01:00:00Z', weekly: '2026-11-20T00:00:00Z' }, now)).toEqual(['daily', 'weekly']);
  });
});

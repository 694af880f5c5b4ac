import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKUP_SETTINGS, parseBackupSettings, retentionOf } from './backup-settings';

describe('backup settings', () => {
  it('reads valid settings and falls back on anything odd', () => {
    expect(parseBackupSettings(JSON.stringify({ keepDaily: 14, keepWeekly: 8, folder: '/media/cle/sauvegardes' }))).toEqual({ keepDaily: 14, keepWeekly: 8, folder: '/media/cle/sauvegardes' });
    expect(parseBackupSettings(JSON.stringify({ keepDaily: 0, keepWeekly: 900, folder: '../relative' }))).toEqual(DEFAULT_BACKUP_SETTINGS);
    expect(parseBackupSettings('{not json')).toEqual(DEFAULT_BACKUP_SETTINGS);
    expect(parseBackupSettings(undefined)).toEqual(DEFAULT_BACKUP_SETTINGS);
  });

  it('turns the settings into a pruning policy', () => {
    expect(retentionOf({ keepDaily: 3, keepWeekly: 2, folder: null })).toMatchObject({ daily: 3, weekly: 2 });
  });
});

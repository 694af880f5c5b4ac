/** The automatic-backup settings file: parsed defensively, with defaults. */
import { isAbsolute } from 'node:path';
import { DEFAULT_RETENTION, type RetentionPolicy } from './backups';

export interface StoredBackupSettings {
  keepDaily: number;
  keepWeekly: number;
  /** absolute folder chosen by the user, or null for the default under userData */
  folder: string | null;
}

export const DEFAULT_BACKUP_SETTINGS: StoredBackupSettings = { keepDaily: DEFAULT_RETENTION.daily, keepWeekly: DEFAULT_RETENTION.weekly, folder: null };

const intIn = (v: unknown, min: number, max: number, fallback: number) => (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : fallback);

export function parseBackupSettings(raw: string | undefined): StoredBackupSettings {
  if (!raw) return DEFAULT_BACKUP_SETTINGS;
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    return {
      keepDaily: intIn(v.keepDaily, 1, 60, DEFAULT_BACKUP_SETTINGS.keepDaily),
      keepWeekly: intIn(v.keepWeekly, 1, 52, DEFAULT_BACKUP_SETTINGS.keepWeekly),
      folder: typeof v.folder === 'string' && isAbsolute(v.folder) && !v.folder.includes('\0') ? v.folder : null,
    };
  } catch {
    return DEFAULT_BACKUP_SETTINGS;
  }
}

export function retentionOf(settings: StoredBackupSettings): RetentionPolicy {
  return { ...DEFAULT_RETENTION, daily: settings.keepDaily, weekly: settings.keepWeekly };
}

/** How long quitting waits for the renderer's "quit" backup before giving up on it. */
export const QUIT_BACKUP_TIMEOUT_MS = 15_000;

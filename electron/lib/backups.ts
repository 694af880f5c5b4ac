/** Rotation of the automatic backups kept in the data folder. */
import type { BackupInfo, BackupKind } from '../../renderer/src/platform/contract';

export interface RetentionPolicy {
  daily: number;
  weekly: number;
  quit: number;
  beforeRestore: number;
}
export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4, quit: 3, beforeRestore: 5 };

const KIND_LIMIT: Record<BackupKind, keyof RetentionPolicy | null> = {
  daily: 'daily',
  weekly: 'weekly',
  quit: 'quit',
  'before-restore': 'beforeRestore',
  manual: null,
};

/** Names of the backups to delete: the oldest beyond each kind's limit. Manual ones are kept. */
export function backupsToPrune(backups: BackupInfo[], policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const doomed: string[] = [];
  const byKind = new Map<BackupKind, BackupInfo[]>();
  for (const b of backups) byKind.set(b.kind, [...(byKind.get(b.kind) ?? []), b]);
  for (const [kind, list] of byKind) {
    const key = KIND_LIMIT[kind];
    if (key === null) continue;
    const sorted = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    doomed.push(...sorted.slice(Math.max(0, policy[key])).map((b) => b.name));
  }
  return doomed;
}

/** File name of a backup: sortable, readable, and recognisable by its suffix. */
export function backupFileName(kind: BackupKind, at: Date): string {
  const stamp = at.toISOString().replace(/[:]/g, '-').replace(/\..+$/, '');
  return `${stamp}_${kind}.fourmiliere-backup.json`;
}

/** Reads kind and date back from a file name written by backupFileName. */
export function parseBackupFileName(name: string): { kind: BackupKind; createdAt: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})_(daily|weekly|quit|manual|before-restore)\.fourmiliere-backup\.json$/.exec(name);
  if (!m) return null;
  return { kind: m[5] as BackupKind, createdAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.000Z` };
}

/** Which automatic backups are due now, given the newest of each kind. */
export function dueBackups(newest: Partial<Record<BackupKind, string>>, now: Date): BackupKind[] {
  const due: BackupKind[] = [];
  const age = (iso: string | undefined) => (iso ? now.getTime() - Date.parse(iso) : Infinity);
  if (age(newest.daily) >= 24 * 3600 * 1000) due.push('daily');
  if (age(newest.weekly) >= 7 * 24 * 3600 * 1000) due.push('weekly');
  return due;
}

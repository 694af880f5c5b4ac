/** Backups through the bridge: manual downloads, automatic rotating copies, restore with a safety copy. */
import { getDb } from '../../db/database';
import { getSetting, setSetting } from '../../db/settings';
import { getBridge, type BackupInfo } from '../../platform';
import type { BackupKind } from '../../platform/contract';
import { hasShrunk, readRememberedCensus, rememberCensus, syncTotal, takeCensus } from './census';
import { backupName, exportBackup, parseAndValidateBackup, restoreBackup, type OnProgress, type ParsedBackup } from './backup';

export const LAST_BACKUP_KEY = 'backup.lastAt';
export const REMINDER_DAYS = 7;

export const LAST_DOWNLOAD_KEY = 'backup.lastDownloadStartedAt';

/**
 * A manual backup. It counts as made only when the file is known written: the desktop's
 * dialog says so, and the browser's save dialog where it has one; a plain browser
 * download (no save dialog) is only "started", and remembered apart.
 */
export async function downloadBackup(onProgress: OnProgress): Promise<{ saved: boolean; count: number; unverified: boolean }> {
  const db = getDb();
  let count = 0;
  const bytes = await exportBackup(db, (p) => {
    count = p.total;
    onProgress(p);
  });
  const result = await getBridge().saveFile({ suggestedName: backupName('manual'), content: bytes, mimeType: 'application/json', filters: [{ name: 'Sauvegarde Fourmilière', extensions: ['json'] }], verify: true });
  if (!result.ok) throw new Error(result.error);
  const unverified = result.value.unverified === true;
  if (result.value.saved) await setSetting(unverified ? LAST_DOWNLOAD_KEY : LAST_BACKUP_KEY, new Date().toISOString());
  return { saved: result.value.saved, count, unverified };
}

export async function writeAutomaticBackup(kind: BackupKind, onProgress?: OnProgress): Promise<BackupInfo> {
  return writeCopy(kind, await exportBackup(getDb(), onProgress));
}

async function writeCopy(kind: BackupKind, bytes: Uint8Array): Promise<BackupInfo> {
  const result = await getBridge().writeBackup({ name: backupName(kind), content: bytes, kind });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/**
 * Asks the browser not to evict the database under storage pressure. Chromium
 * answers from site engagement without a prompt; Firefox may ask the person.
 */
export async function requestPersistentStorage(): Promise<boolean | null> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.persist) return null;
  if (await storage.persisted()) return true;
  return storage.persist();
}

/** Writes the daily/weekly copies that are due. Called once, a little after start-up. */
export async function runDueBackups(now = new Date()): Promise<BackupKind[]> {
  await requestPersistentStorage().catch(() => null);
  const list = await getBridge().listBackups();
  if (!list.ok) return [];
  // Another machine's copies in a shared folder do not make this one's due copy less due.
  const newest = (kind: BackupKind) => list.value.find((b) => b.kind === kind && b.mine !== false)?.createdAt;
  const age = (iso: string | undefined) => (iso ? now.getTime() - Date.parse(iso) : Infinity);
  const due: BackupKind[] = [];
  if ((await getDb().animators.count()) + (await getDb().workshops.count()) + (await getDb().cohorts.count()) === 0) return due; // nothing worth a copy yet
  // A database that lost most of its records since last counted is not copied: its copy
  // would push out the good ones while the start-up offer to restore is pending.
  const census = await takeCensus(getDb());
  if (!census || hasShrunk(await readRememberedCensus(), { total: syncTotal(census), profile: true })) return due;
  if (age(newest('daily')) >= 24 * 3600_000) due.push('daily');
  if (age(newest('weekly')) >= 7 * 24 * 3600_000) due.push('weekly');
  if (due.length === 0) return due;
  // The daily and the weekly copy of the same moment are the same file: exported once.
  const bytes = await exportBackup(getDb());
  for (const kind of due) await writeCopy(kind, bytes);
  await rememberCensus(getDb(), census);
  return due;
}

export async function lastBackupAt(): Promise<string | undefined> {
  return getSetting<string>(LAST_BACKUP_KEY);
}

/** Restore: a safety copy of the current state first, then the single-transaction replace. */
export async function restoreWithSafetyCopy(parsed: ParsedBackup, onProgress: OnProgress): Promise<void> {
  await writeAutomaticBackup('before-restore');
  await restoreBackup(getDb(), parsed, onProgress);
}

export async function readStoredBackup(name: string) {
  return parseAndValidateBackup(await readStoredBackupText(name));
}

/** A stored copy's text, unchecked (the restore's worker checks it). */
export async function readStoredBackupText(name: string): Promise<string> {
  const result = await getBridge().readBackup(name);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** Desktop: the "quit" copy, written when the app is closing. */
export function watchQuit(): () => void {
  return getBridge().onBeforeQuit(async () => {
    await writeAutomaticBackup('quit');
  });
}

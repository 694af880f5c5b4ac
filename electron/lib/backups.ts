/**
 * The automatic and manual copies kept in the backups folder: their names, their
 * rotation, and how they reach the disk. The folder may be shared by several machines
 * (a synced folder): every name carries the device that wrote it, and a device only
 * ever prunes its own copies.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
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

/**
 * Names of the backups to delete: this device's oldest beyond each kind's limit.
 * Manual copies, other devices' copies and copies named before names carried a device
 * are never pruned.
 */
export function backupsToPrune(backups: BackupInfo[], ownDevice: string, policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const doomed: string[] = [];
  const byKind = new Map<BackupKind, BackupInfo[]>();
  for (const b of backups) {
    if (b.device !== ownDevice) continue;
    byKind.set(b.kind, [...(byKind.get(b.kind) ?? []), b]);
  }
  for (const [kind, list] of byKind) {
    const key = KIND_LIMIT[kind];
    if (key === null) continue;
    const sorted = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    doomed.push(...sorted.slice(Math.max(0, policy[key])).map((b) => b.name));
  }
  return doomed;
}

const DEVICE_TAG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A device's tag in file names: a readable short name and the start of its id, e.g. `portable-anne-3f2a9c1b`. */
export function deviceTag(hostname: string, id: string): string {
  const short = hostname
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\.local$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 24)
    .replace(/-+$/, '');
  const idPart = id.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8) || 'x';
  return `${short || 'poste'}-${idPart}`;
}

/** File name of a backup: sortable, readable, with its kind and the device that wrote it. */
export function backupFileName(kind: BackupKind, at: Date, device: string): string {
  if (!DEVICE_TAG.test(device) || device.length > 40) throw new Error(`invalid device tag ${device}`);
  const stamp = at.toISOString().replace(/[:]/g, '-').replace(/\..+$/, '');
  return `${stamp}_${kind}_${device}.fourmiliere-backup.json`;
}

/** Reads kind, date and device back from a file name (device null: a name from before names carried it). */
export function parseBackupFileName(name: string): { kind: BackupKind; createdAt: string; device: string | null } | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})_(daily|weekly|quit|manual|before-restore)(?:_([a-z0-9]+(?:-[a-z0-9]+)*))?\.fourmiliere-backup\.json$/.exec(name);
  if (!m) return null;
  const device = m[6] ?? null;
  if (device !== null && device.length > 40) return null;
  return { kind: m[5] as BackupKind, createdAt: `${m[1]}T${m[2]}:${m[3]}:${m[4]}.000Z`, device };
}

/** Which automatic backups are due now, given the newest of each kind. */
export function dueBackups(newest: Partial<Record<BackupKind, string>>, now: Date): BackupKind[] {
  const due: BackupKind[] = [];
  const age = (iso: string | undefined) => (iso ? now.getTime() - Date.parse(iso) : Infinity);
  if (age(newest.daily) >= 24 * 3600 * 1000) due.push('daily');
  if (age(newest.weekly) >= 7 * 24 * 3600 * 1000) due.push('weekly');
  return due;
}

/**
 * What one device may keep in the folder. Automatic copies rotate, but manual ones are
 * never pruned: without a cap, a compromised renderer could fill the disk with them.
 */
export interface BackupCaps {
  manualCount: number;
  manualBytes: number;
  /** all of this device's copies together, the one being written included */
  totalBytes: number;
}
const GB = 1024 ** 3;
export const DEFAULT_CAPS: BackupCaps = { manualCount: 10, manualBytes: 2 * GB, totalBytes: 8 * GB };

const inGo = (bytes: number) => `${(bytes / GB).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} Go`;

/**
 * Why a new copy may not be written (in French, for the person), or null. Only this
 * device's copies count; the one about to be replaced by the same name does not.
 */
export function capRefusal(existing: BackupInfo[], incoming: { name: string; kind: BackupKind; size: number }, ownDevice: string, caps: BackupCaps = DEFAULT_CAPS): string | null {
  const own = existing.filter((b) => b.device === ownDevice && b.name !== incoming.name);
  if (incoming.kind === 'manual') {
    const manual = own.filter((b) => b.kind === 'manual');
    if (manual.length + 1 > caps.manualCount) {
      return `Copie refusée : ce poste garde déjà ${manual.length} copies manuelles dans le dossier des sauvegardes (${caps.manualCount} au plus). Supprimez-en une dans ce dossier avant d'en écrire une autre.`;
    }
    const manualBytes = manual.reduce((sum, b) => sum + b.size, 0);
    if (manualBytes + incoming.size > caps.manualBytes) {
      return `Copie refusée : les copies manuelles de ce poste dépasseraient ${inGo(caps.manualBytes)} dans le dossier des sauvegardes (${inGo(manualBytes)} déjà). Supprimez-en une dans ce dossier avant d'en écrire une autre.`;
    }
  }
  const total = own.reduce((sum, b) => sum + b.size, 0);
  if (total + incoming.size > caps.totalBytes) {
    return `Copie refusée : les copies de ce poste dépasseraient ${inGo(caps.totalBytes)} dans le dossier des sauvegardes (${inGo(total)} déjà).`;
  }
  return null;
}

/** Test seams: where a crash or a failing disk is simulated. */
export interface AtomicWriteHooks {
  /** after the temporary file is written and flushed, before it takes the final name */
  beforeRename?: (tempPath: string) => Promise<void> | void;
  /** replaces the write of the content (e.g. to fail like a full disk) */
  write?: (file: FileHandle, content: string | Uint8Array) => Promise<void>;
}

const TEMP_MARK = '.tmp-';
/** Temporary files start with a dot and end with `.tmp-<random>`: never read as a backup. */
const tempNameFor = (name: string) => `.${name}${TEMP_MARK}${randomBytes(6).toString('hex')}`;

/**
 * Writes `name` in `dir` so that it is either the old file or the complete new one, never
 * a half file: content goes to a temporary file in the same folder (same file system, so
 * rename is atomic), is flushed to the disk, then renamed over the final name, and the
 * folder itself is flushed so that the rename survives a power cut.
 */
export async function writeFileAtomic(dir: string, name: string, content: string | Uint8Array, hooks: AtomicWriteHooks = {}): Promise<void> {
  const temp = join(dir, tempNameFor(name));
  let file: FileHandle | null = await open(temp, 'wx', 0o600);
  try {
    if (hooks.write) await hooks.write(file, content);
    else await file.writeFile(content); // text is written as UTF-8
    await file.sync();
    await file.close();
    file = null;
    await hooks.beforeRename?.(temp);
    await rename(temp, join(dir, name));
  } catch (error) {
    await file?.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dir);
}

async function syncDirectory(dir: string): Promise<void> {
  // POSIX: the rename is durable once the folder's entry is flushed. Windows cannot
  // open a folder for this; NTFS journals the rename itself.
  let handle: FileHandle | null = null;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // not supported here: nothing more can be done
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** The copies in `dir`, newest first, each with the device that wrote it and whether it is this one. */
export async function listBackupFiles(dir: string, ownDevice: string): Promise<BackupInfo[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const infos: BackupInfo[] = [];
  for (const name of names) {
    const parsed = parseBackupFileName(name);
    if (!parsed) continue;
    try {
      const { size } = await stat(join(dir, name));
      infos.push({ name, size, kind: parsed.kind, createdAt: parsed.createdAt, device: parsed.device, mine: parsed.device === ownDevice });
    } catch {
      // removed meanwhile (another machine pruning its own copy): not listed
    }
  }
  return infos.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Removes temporary files this device left behind (a crash between write and rename). */
async function sweepOwnTempFiles(dir: string, ownDevice: string): Promise<void> {
  const suffix = `_${ownDevice}.fourmiliere-backup.json${TEMP_MARK}`;
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (name.startsWith('.') && name.includes(suffix)) await rm(join(dir, name), { force: true }).catch(() => undefined);
  }
}

export interface WriteBackupRequest {
  dir: string;
  device: string;
  kind: BackupKind;
  content: string | Uint8Array;
  now: Date;
  retention: RetentionPolicy;
  caps?: BackupCaps;
  hooks?: AtomicWriteHooks;
}

/**
 * Writes one copy, named by this device (never by the caller, so that nobody else's file
 * can be overwritten), within the caps, atomically, then prunes this device's old copies.
 */
export async function writeBackupFile(req: WriteBackupRequest): Promise<{ ok: true; value: BackupInfo } | { ok: false; error: string }> {
  await mkdir(req.dir, { recursive: true });
  const name = backupFileName(req.kind, req.now, req.device);
  const size = typeof req.content === 'string' ? Buffer.byteLength(req.content, 'utf8') : req.content.byteLength;
  const refusal = capRefusal(await listBackupFiles(req.dir, req.device), { name, kind: req.kind, size }, req.device, req.caps);
  if (refusal) return { ok: false, error: refusal };
  await sweepOwnTempFiles(req.dir, req.device);
  await writeFileAtomic(req.dir, name, req.content, req.hooks);
  for (const doomed of backupsToPrune(await listBackupFiles(req.dir, req.device), req.device, req.retention)) {
    await rm(join(req.dir, doomed), { force: true });
  }
  const info = (await listBackupFiles(req.dir, req.device)).find((b) => b.name === name);
  return info ? { ok: true, value: info } : { ok: false, error: 'sauvegarde introuvable après écriture' };
}

/** Reads one copy by the name listBackupFiles gave (nothing outside the folder can be named). */
export async function readBackupFile(dir: string, name: string): Promise<{ ok: true; value: string } | { ok: false; error: string }> {
  if (!parseBackupFileName(name)) return { ok: false, error: 'nom de sauvegarde inconnu' };
  return { ok: true, value: await readFile(join(dir, name), 'utf8') };
}

/**
 * This machine's tag in backup names, created once and kept in the app's own data folder
 * (never in the backups folder, which may be shared). Kept as written even if the
 * machine is renamed, so that it keeps recognising its own copies.
 */
export async function loadOrCreateDeviceTag(file: string, hostname: string): Promise<string> {
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as { tag?: unknown };
    if (typeof stored.tag === 'string' && DEVICE_TAG.test(stored.tag) && stored.tag.length <= 40) return stored.tag;
  } catch {
    // first start, or an unreadable file: a new identity
  }
  const id = randomUUID();
  const tag = deviceTag(hostname, id);
  await mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(dirname(file), basename(file), JSON.stringify({ id, tag }));
  return tag;
}

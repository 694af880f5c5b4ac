/**
 * Copies kept in the Origin Private File System, outside the origin's IndexedDB.
 * When a write fails on a full disk, Chromium may discard the origin's whole IndexedDB
 * store, the database and the copies kept beside it alike; the private file system is
 * stored apart and survives that. It is still on the same disk and in the same browser
 * profile: clearing the site's data removes it too (the README says so).
 */
import type { BackupInfo, BackupKind } from './contract';

/** The few calls used here (the DOM library types lack the async iteration). */
export interface OpfsWritable {
  write(data: Uint8Array | string): Promise<void>;
  close(): Promise<void>;
  abort?(): Promise<void>;
}
export interface OpfsFileHandle {
  getFile(): Promise<File>;
  createWritable?(): Promise<OpfsWritable>;
}
export interface OpfsDirectory {
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<OpfsDirectory>;
  getFileHandle(name: string, options?: { create?: boolean }): Promise<OpfsFileHandle>;
  removeEntry(name: string): Promise<void>;
  keys(): AsyncIterableIterator<string>;
}

/** The origin's private file system, or null where the browser has none (or refuses it). */
export async function opfsRoot(): Promise<OpfsDirectory | null> {
  try {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.getDirectory) return null;
    return (await storage.getDirectory()) as unknown as OpfsDirectory;
  } catch {
    return null;
  }
}

const isNotFound = (error: unknown) => error instanceof Error && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError');

/** Writes a whole file; Chromium commits it on close(), so a failed write leaves the old one. */
async function writeFile(dir: OpfsDirectory, name: string, content: Uint8Array | string): Promise<boolean> {
  const existed = (await readFile(dir, name).catch(() => undefined)) !== undefined;
  const handle = await dir.getFileHandle(name, { create: true });
  try {
    if (!handle.createWritable) throw new TypeError('no createWritable'); // Safari writes only from workers
    const writable = await handle.createWritable();
    try {
      await writable.write(content);
      await writable.close();
    } catch (error) {
      await writable.abort?.().catch(() => undefined);
      throw error;
    }
  } catch (error) {
    // No empty file left behind to be listed as a copy.
    if (!existed) await dir.removeEntry(name).catch(() => undefined);
    if (error instanceof TypeError && error.message === 'no createWritable') return false;
    throw error;
  }
  return true;
}

async function readFile(dir: OpfsDirectory, name: string): Promise<File | undefined> {
  try {
    return await (await dir.getFileHandle(name)).getFile();
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

const BACKUP_NAME = /_(daily|weekly|quit|manual|before-restore)(?:_[a-z0-9]+(?:-[a-z0-9]+)*)?\.fourmiliere-backup\.json$/;

/** The automatic copies as files in `backups/` of the private file system. */
export class OpfsBackups {
  constructor(private readonly root: () => Promise<OpfsDirectory | null> = opfsRoot) {}

  private async dir(create: boolean): Promise<OpfsDirectory | null> {
    const root = await this.root();
    if (!root) return null;
    try {
      return await root.getDirectoryHandle('backups', { create });
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  /** False where the browser cannot write such files. Keeps the newest `keep` of the kind. */
  async write(info: BackupInfo, content: Uint8Array, keep: number): Promise<boolean> {
    const dir = await this.dir(true);
    if (!dir || !(await writeFile(dir, info.name, content))) return false;
    const sameKind = (await this.list()).filter((b) => b.kind === info.kind);
    for (const doomed of sameKind.slice(keep)) await dir.removeEntry(doomed.name).catch(() => undefined);
    return true;
  }

  /** Newest first; the date is the file's (its name holds it to the second). */
  async list(): Promise<BackupInfo[]> {
    const dir = await this.dir(false);
    if (!dir) return [];
    const infos: BackupInfo[] = [];
    for await (const name of dir.keys()) {
      const kind = BACKUP_NAME.exec(name)?.[1] as BackupKind | undefined;
      if (!kind) continue;
      const file = await readFile(dir, name);
      if (file) infos.push({ name, kind, size: file.size, createdAt: new Date(file.lastModified).toISOString() });
    }
    return infos.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
  }

  async read(name: string): Promise<string | undefined> {
    const dir = await this.dir(false);
    const file = dir ? await readFile(dir, name) : undefined;
    return file ? file.text() : undefined;
  }
}

/** A small text file at the root of the private file system (null where there is none). */
export async function readOpfsText(name: string, root: () => Promise<OpfsDirectory | null> = opfsRoot): Promise<string | null> {
  const dir = await root();
  const file = dir ? await readFile(dir, name).catch(() => undefined) : undefined;
  return file ? file.text() : null;
}

export async function writeOpfsText(name: string, text: string, root: () => Promise<OpfsDirectory | null> = opfsRoot): Promise<boolean> {
  const dir = await root();
  return dir ? writeFile(dir, name, text) : false;
}

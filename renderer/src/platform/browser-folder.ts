/**
 * Browser mode's team folder: a folder the person picks with the File System Access
 * API (Chromium-based browsers), kept as a handle in a small IndexedDB database of
 * its own so it survives a reload (the browser asks for permission again). Browsers
 * without the API get a clear 'unsupported': the desktop app does it.
 * A file is written through createWritable, which the browser commits whole on close.
 */
import { checkPath, SyncError, type SyncTransport } from '../features/sync/transport';

interface PermissionHandle {
  queryPermission?(d: { mode: 'readwrite' }): Promise<PermissionState>;
  requestPermission?(d: { mode: 'readwrite' }): Promise<PermissionState>;
}
type Dir = FileSystemDirectoryHandle & PermissionHandle & { values(): AsyncIterable<FileSystemHandle> };
type Picker = (options?: { mode?: 'readwrite'; id?: string }) => Promise<Dir>;

const DB = 'fourmiliere-sync-folder';
const STORE = 'handles';

export const hasFolderAccess = () => typeof (globalThis as { showDirectoryPicker?: unknown }).showDirectoryPicker === 'function';

function idb<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(STORE, mode);
      const req = work(tx.objectStore(STORE));
      tx.oncomplete = () => {
        open.result.close();
        resolve(req.result);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

let current: Dir | null | undefined;

export async function storedFolder(): Promise<Dir | null> {
  if (current !== undefined) return current;
  try {
    current = ((await idb('readonly', (s) => s.get('team'))) as Dir | undefined) ?? null;
  } catch {
    current = null;
  }
  return current;
}

export async function pickFolder(): Promise<Dir | null> {
  if (!hasFolderAccess()) throw new SyncError('unsupported');
  let dir: Dir;
  try {
    dir = await (globalThis as unknown as { showDirectoryPicker: Picker }).showDirectoryPicker({ mode: 'readwrite', id: 'fourmiliere-team' });
  } catch (e) {
    if ((e as DOMException)?.name === 'AbortError') return null;
    throw new SyncError('refused', (e as Error)?.message ?? '');
  }
  current = dir;
  await idb('readwrite', (s) => s.put(dir, 'team'));
  return dir;
}

export async function forgetFolder(): Promise<void> {
  current = null;
  await idb('readwrite', (s) => s.delete('team')).catch(() => undefined);
}

async function granted(dir: Dir): Promise<void> {
  const state = (await dir.queryPermission?.({ mode: 'readwrite' })) ?? 'granted';
  if (state === 'granted') return;
  // Only allowed during a click: the sync screen's « Synchroniser maintenant » does it.
  const asked = await dir.requestPermission?.({ mode: 'readwrite' }).catch(() => 'denied' as const);
  if (asked !== 'granted') throw new SyncError('refused', 'autorisation du navigateur');
}

const mapError = (e: unknown, detail: string): SyncError => {
  if (e instanceof SyncError) return e;
  const name = (e as DOMException)?.name;
  if (name === 'QuotaExceededError') return new SyncError('disk-full', detail);
  if (name === 'NotAllowedError' || name === 'SecurityError') return new SyncError('refused', detail);
  if (name === 'NotFoundError') return new SyncError('folder-missing', detail);
  return new SyncError('io', `${detail} (${name ?? ''})`);
};

export function browserFolderTransport(getDir: () => Promise<Dir | null> = storedFolder): SyncTransport {
  async function root(): Promise<Dir> {
    const dir = await getDir();
    if (!dir) throw new SyncError('folder-missing', 'aucun dossier choisi');
    await granted(dir);
    return dir;
  }
  async function walk(parts: string[], create: boolean): Promise<FileSystemDirectoryHandle | null> {
    let dir: FileSystemDirectoryHandle = await root();
    for (const part of parts) {
      try {
        dir = await dir.getDirectoryHandle(part, { create });
      } catch (e) {
        if ((e as DOMException)?.name === 'NotFoundError' || (e as DOMException)?.name === 'TypeMismatchError') return null;
        throw mapError(e, part);
      }
    }
    return dir;
  }
  const split = (path: string) => {
    checkPath(path);
    const parts = path.split('/');
    return { dirs: parts.slice(0, -1), name: parts.at(-1)! };
  };
  return {
    async list(dir) {
      checkPath(dir);
      const handle = await walk(dir === '' ? [] : dir.split('/'), false);
      if (!handle) return [];
      const names: string[] = [];
      try {
        for await (const entry of (handle as Dir).values()) if (!entry.name.startsWith('.')) names.push(entry.name);
      } catch (e) {
        throw mapError(e, dir);
      }
      return names.sort();
    },
    async read(path) {
      const { dirs, name } = split(path);
      const dir = await walk(dirs, false);
      if (!dir) return null;
      try {
        const file = await (await dir.getFileHandle(name)).getFile();
        return new Uint8Array(await file.arrayBuffer());
      } catch (e) {
        if ((e as DOMException)?.name === 'NotFoundError') return null;
        throw mapError(e, path);
      }
    },
    async exists(path) {
      if (path === '') {
        try {
          await root();
          return true;
        } catch {
          return false;
        }
      }
      const { dirs, name } = split(path);
      const dir = await walk(dirs, false);
      if (!dir) return false;
      for (const get of [() => dir.getFileHandle(name), () => dir.getDirectoryHandle(name)]) {
        try {
          await get();
          return true;
        } catch {
          // not this kind
        }
      }
      return false;
    },
    async remove(path) {
      const { dirs, name } = split(path);
      const dir = await walk(dirs, false);
      if (!dir) return;
      try {
        await dir.removeEntry(name);
      } catch (e) {
        if ((e as DOMException)?.name === 'NotFoundError') return;
        throw mapError(e, path);
      }
    },
    async writeNew(path, bytes) {
      const { dirs, name } = split(path);
      const dir = (await walk(dirs, true))!;
      try {
        await dir.getFileHandle(name);
        throw new SyncError('exists', path);
      } catch (e) {
        if (e instanceof SyncError) throw e;
      }
      try {
        const file = await dir.getFileHandle(name, { create: true });
        const writable = await file.createWritable();
        await writable.write(bytes as Uint8Array<ArrayBuffer>);
        await writable.close();
      } catch (e) {
        throw mapError(e, path);
      }
    },
  };
}

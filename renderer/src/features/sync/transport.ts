/**
 * Where the team's files live: a folder another program keeps in step (OneDrive,
 * Nextcloud, Google Drive, Syncthing…), a WebDAV address, or memory in tests. The
 * engine needs five things of it; paths are relative, '/'-separated, inside the folder.
 * A device only ever creates files, each under a new name: nothing is overwritten,
 * so the sync service never has two versions of one file to reconcile. It deletes
 * only files of its own, once a newer snapshot of its own replaces them.
 */

export type SyncErrorCode =
  | 'folder-missing'
  | 'disk-full'
  | 'exists'
  | 'unauthorized'
  | 'refused'
  | 'unreachable'
  | 'io'
  | 'wrong-passphrase'
  | 'tampered'
  | 'not-a-team'
  | 'other-team'
  | 'newer-format'
  | 'unsupported'
  | 'left';

/** A failure the sync screen explains in French (`sync.error.<code>`); `detail` names the file or the cause. */
export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    readonly detail = '',
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.name = 'SyncError';
  }
}

export const isSyncError = (e: unknown): e is SyncError => e instanceof SyncError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'SyncError' && typeof (e as { code?: unknown }).code === 'string');

export interface SyncTransport {
  /** Names directly inside `dir` ('' is the folder itself); [] when `dir` does not exist. 'folder-missing' when the folder itself is gone. */
  list(dir: string): Promise<string[]>;
  /** A file's bytes, or null when it does not exist. */
  read(path: string): Promise<Uint8Array | null>;
  /** Creates a file whole (never half a file), its folders as needed; 'exists' when the name is taken. */
  writeNew(path: string, bytes: Uint8Array): Promise<void>;
  exists(path: string): Promise<boolean>;
  /**
   * Deletes one file; nothing when it is already gone. The engine only ever removes its
   * own device's older logs and snapshots after writing a snapshot that replaces them
   * (compaction after an RGPD erasure); desktop main checks the folder is this machine's.
   */
  remove(path: string): Promise<void>;
}

/** A device's own files that compaction may remove: its logs and snapshots, nothing else. */
export function isRemovableName(name: string): boolean {
  return /^log-\d{6,}\.json\.enc$/.test(name) || /^snapshot-\d{6,}-\d{2,}-of-\d{2,}\.json\.enc$/.test(name);
}

/** Path rules every adapter enforces: relative, no '..', no empty or dot segments, a short safe alphabet. */
export function checkPath(path: string): string {
  if (path === '') return path;
  const parts = path.split('/');
  if (path.length > 300 || parts.some((p) => p === '' || p === '.' || p === '..' || !/^[A-Za-z0-9._-]{1,100}$/.test(p) || p.startsWith('.'))) throw new SyncError('io', `chemin refusé : ${path}`);
  return path;
}

/** The shared folder in memory: tests and the simulation. `offline` makes every call fail like a vanished folder. */
export class MemoryFolder {
  readonly files = new Map<string, Uint8Array>();
  gone = false;
  /** bytes left before 'disk-full' (Infinity: no limit) */
  space = Infinity;

  transport(): SyncTransport {
    const folder: MemoryFolder = this; // eslint-disable-line @typescript-eslint/no-this-alias -- the adapter's methods read the folder's live state
    const guard = () => {
      if (folder.gone) throw new SyncError('folder-missing');
    };
    return {
      async list(dir) {
        guard();
        checkPath(dir);
        const prefix = dir === '' ? '' : `${dir}/`;
        const names = new Set<string>();
        for (const key of folder.files.keys()) if (key.startsWith(prefix)) names.add(key.slice(prefix.length).split('/')[0]!);
        return [...names].sort();
      },
      async read(path) {
        guard();
        const bytes = folder.files.get(checkPath(path));
        return bytes ? bytes.slice() : null;
      },
      async writeNew(path, bytes) {
        guard();
        if (folder.files.has(checkPath(path))) throw new SyncError('exists', path);
        if (bytes.length > folder.space) throw new SyncError('disk-full', path);
        folder.space -= bytes.length;
        folder.files.set(path, bytes.slice());
      },
      async remove(path) {
        guard();
        folder.files.delete(checkPath(path));
      },
      async exists(path) {
        guard();
        if (path === '') return true;
        checkPath(path);
        for (const key of folder.files.keys()) if (key === path || key.startsWith(`${path}/`)) return true;
        return false;
      },
    };
  }
}

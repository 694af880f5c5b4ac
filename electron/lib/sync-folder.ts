/**
 * The team folder on this computer's disk (kept in step by OneDrive, Nextcloud's
 * client, Google Drive, Syncthing…). Pure Node, no Electron: tested on real files.
 *
 * - Every path is relative, checked name by name, and resolved inside the folder
 *   (symbolic links leading out are refused): the renderer can name files, never places.
 * - A file is written whole or not at all: a temporary file in the same folder,
 *   flushed, then *linked* to its final name (link fails when the name exists, so
 *   nothing is ever overwritten), and the folder flushed. Where links are not
 *   supported (FAT, some network drives) a rename after an existence check does it.
 * - System errors become the engine's codes: the folder gone → 'folder-missing',
 *   ENOSPC/EDQUOT → 'disk-full', permissions → 'refused', the rest → 'io'.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, sep, isAbsolute } from 'node:path';
import { checkPath, SyncError, type SyncErrorCode, type SyncTransport } from '../../renderer/src/features/sync/transport';

export function codeOfSystemError(error: unknown): SyncErrorCode {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'disk-full';
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return 'refused';
  if (code === 'EEXIST') return 'exists';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'folder-missing';
  return 'io';
}

const asSyncError = (error: unknown, detail: string) => (error instanceof SyncError ? error : new SyncError(codeOfSystemError(error), `${detail} (${(error as NodeJS.ErrnoException)?.code ?? 'erreur'})`));

export interface FolderOptions {
  /** tests: the file system calls, to simulate a full disk at a chosen step */
  fs?: Partial<{ open: typeof open; link: typeof link; rename: typeof rename }>;
}

export function folderTransport(root: string, options: FolderOptions = {}): SyncTransport {
  if (!isAbsolute(root)) throw new SyncError('folder-missing', 'chemin relatif');
  const fsOpen = options.fs?.open ?? open;
  const fsLink = options.fs?.link ?? link;
  const fsRename = options.fs?.rename ?? rename;

  async function realRoot(): Promise<string> {
    try {
      const real = await realpath(root);
      if (!(await stat(real)).isDirectory()) throw new SyncError('folder-missing', root);
      return real;
    } catch (e) {
      throw e instanceof SyncError ? e : new SyncError('folder-missing', root);
    }
  }

  /** The absolute path of `rel`, after checking that its existing part stays inside the folder. */
  async function inside(rel: string): Promise<{ base: string; full: string }> {
    checkPath(rel);
    const base = await realRoot();
    const full = rel === '' ? base : join(base, ...rel.split('/'));
    // The deepest existing ancestor, resolved: a link pointing out of the folder is refused.
    let probe = full;
    for (;;) {
      try {
        const real = await realpath(probe);
        const back = relative(base, real);
        if (back.startsWith('..') || isAbsolute(back) || back.split(sep).includes('..')) throw new SyncError('refused', `hors du dossier : ${rel}`);
        break;
      } catch (e) {
        if (e instanceof SyncError) throw e;
        if (probe === base) break;
        probe = dirname(probe);
      }
    }
    return { base, full };
  }

  return {
    async list(dir) {
      const { full } = await inside(dir);
      try {
        return (await readdir(full)).filter((n) => !n.startsWith('.')).sort();
      } catch (e) {
        const code = codeOfSystemError(e);
        if (code === 'folder-missing') {
          await realRoot();
          return [];
        }
        throw asSyncError(e, dir);
      }
    },
    async read(path) {
      const { full } = await inside(path);
      try {
        return new Uint8Array(await readFile(full));
      } catch (e) {
        if (codeOfSystemError(e) === 'folder-missing') {
          await realRoot();
          return null;
        }
        throw asSyncError(e, path);
      }
    },
    async exists(path) {
      if (path === '') {
        try {
          await realRoot();
          return true;
        } catch {
          return false;
        }
      }
      const { full } = await inside(path);
      try {
        await stat(full);
        return true;
      } catch {
        return false;
      }
    },
    async remove(path) {
      if (path === '') throw new SyncError('refused', 'le dossier lui-même');
      const { full } = await inside(path);
      try {
        // Only files: a folder in the way is refused (unlink does not remove folders).
        await unlink(full);
      } catch (e) {
        if (codeOfSystemError(e) === 'folder-missing') {
          await realRoot();
          return;
        }
        throw asSyncError(e, path);
      }
      await flushFolder(dirname(full)).catch(() => undefined);
    },
    async writeNew(path, bytes) {
      const { full } = await inside(path);
      const folder = dirname(full);
      try {
        await mkdir(folder, { recursive: true });
      } catch (e) {
        throw asSyncError(e, path);
      }
      const temp = join(folder, `.${randomBytes(6).toString('hex')}.fourmiliere-tmp`);
      try {
        const handle = await fsOpen(temp, 'wx');
        try {
          await handle.writeFile(bytes);
          await handle.sync();
        } finally {
          await handle.close();
        }
        try {
          await fsLink(temp, full);
          await unlink(temp);
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          if (code === 'EEXIST') throw new SyncError('exists', path);
          if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS' && code !== 'EXDEV') throw e;
          // No hard links here: only this device writes in its own folder, so check, then rename.
          if (await stat(full).then(() => true, () => false)) throw new SyncError('exists', path);
          await fsRename(temp, full);
        }
        await flushFolder(folder);
      } catch (e) {
        await unlink(temp).catch(() => undefined);
        throw asSyncError(e, path);
      }
    },
  };
}

async function flushFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for fsync; the rename is durable enough there.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

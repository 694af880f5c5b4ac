/**
 * The team folder at a WebDAV address (Nextcloud, ownCloud, any WebDAV server),
 * for people without a desktop sync client. Runs in the main process with the
 * `webdav` package; the app password never reaches the renderer.
 *
 * New files are PUT with `If-None-Match: *`, so the server refuses to replace an
 * existing one (412 → 'exists'); WebDAV servers store a PUT whole (Nextcloud
 * writes a .part file and renames it). HTTP statuses become the engine's codes:
 * 401 → 'unauthorized', 403/405 → 'refused', 404 on the folder → 'folder-missing',
 * 507 → 'disk-full', no answer → 'unreachable'.
 */
import { createClient, type FileStat, type WebDAVClient } from 'webdav';
import { checkPath, SyncError, type SyncErrorCode, type SyncTransport } from '../../renderer/src/features/sync/transport';

export interface WebdavTarget {
  url: string;
  username: string;
  password: string;
}

/** Only http(s) addresses without credentials in them; plain http only to this computer. */
export function checkWebdavUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SyncError('unreachable', 'adresse invalide');
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) throw new SyncError('refused', 'https obligatoire');
  if (url.username || url.password) throw new SyncError('refused', 'identifiants dans l’adresse');
  return url.toString().replace(/\/+$/, '');
}

export function codeOfHttpError(error: unknown): SyncErrorCode {
  const status = (error as { status?: number; response?: { status?: number } })?.status ?? (error as { response?: { status?: number } })?.response?.status;
  if (status === 401) return 'unauthorized';
  if (status === 403 || status === 405) return 'refused';
  if (status === 404 || status === 409) return 'folder-missing';
  if (status === 507 || status === 413) return 'disk-full';
  if (status === 412) return 'exists';
  if (status === undefined) return 'unreachable';
  return 'io';
}

const wrap = (error: unknown, detail: string) => (error instanceof SyncError ? error : new SyncError(codeOfHttpError(error), `${detail} (${(error as { status?: number })?.status ?? (error as Error)?.message ?? ''})`));

export function webdavTransport(target: WebdavTarget, client: WebDAVClient = createClient(checkWebdavUrl(target.url), { username: target.username, password: target.password })): SyncTransport {
  const abs = (rel: string) => `/${checkPath(rel)}`;
  const made = new Set<string>();

  async function rootExists(): Promise<void> {
    try {
      await client.stat('/');
    } catch (e) {
      throw wrap(e, 'dossier');
    }
  }

  async function ensureDirs(path: string): Promise<void> {
    const parts = path.split('/').slice(0, -1);
    for (let i = 1; i <= parts.length; i++) {
      const dir = `/${parts.slice(0, i).join('/')}`;
      if (made.has(dir)) continue;
      try {
        if (!(await client.exists(dir))) await client.createDirectory(dir);
      } catch (e) {
        // made meanwhile by another request: fine
        if (codeOfHttpError(e) !== 'refused' || !(await client.exists(dir))) throw wrap(e, dir);
      }
      made.add(dir);
    }
  }

  return {
    async list(dir) {
      try {
        const items = (await client.getDirectoryContents(abs(dir) === '/' ? '/' : abs(dir))) as FileStat[];
        return items.map((i) => i.basename).filter((n) => !n.startsWith('.')).sort();
      } catch (e) {
        if (codeOfHttpError(e) === 'folder-missing' && dir !== '') {
          await rootExists();
          return [];
        }
        throw wrap(e, dir || 'dossier');
      }
    },
    async read(path) {
      try {
        const data = (await client.getFileContents(abs(path), { format: 'binary' })) as ArrayBuffer | Uint8Array;
        return data instanceof Uint8Array ? new Uint8Array(data) : new Uint8Array(data);
      } catch (e) {
        if (codeOfHttpError(e) === 'folder-missing') {
          await rootExists();
          return null;
        }
        throw wrap(e, path);
      }
    },
    async exists(path) {
      try {
        if (path === '') {
          await client.stat('/');
          return true;
        }
        return await client.exists(abs(path));
      } catch (e) {
        const code = codeOfHttpError(e);
        if (code === 'folder-missing') return false;
        throw wrap(e, path || 'dossier');
      }
    },
    async remove(path) {
      if (path === '') throw new SyncError('refused', 'le dossier lui-même');
      try {
        await client.deleteFile(abs(path));
      } catch (e) {
        // already gone (404): fine, once the folder itself is still there
        if (codeOfHttpError(e) === 'folder-missing') {
          await rootExists();
          return;
        }
        throw wrap(e, path);
      }
    },
    async writeNew(path, bytes) {
      abs(path);
      await ensureDirs(path);
      let written: boolean;
      try {
        // Servers that ignore If-None-Match (some do) still never get an overwrite from us.
        if (await client.exists(abs(path))) throw new SyncError('exists', path);
        written = await client.putFileContents(abs(path), Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { overwrite: false });
      } catch (e) {
        throw wrap(e, path);
      }
      if (!written) throw new SyncError('exists', path);
    },
  };
}

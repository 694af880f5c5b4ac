/**
 * Which team folder this computer syncs with, kept by main in the app's data folder
 * (sync-target.json): a folder path, or a WebDAV address with its user and app
 * password. The password is encrypted with the system's keychain (Electron's
 * safeStorage) when it has one; without one it is kept for this run only and asked
 * again at the next start — never written in clear. The renderer only ever learns
 * the kind and a label.
 */
import { z } from 'zod';
import type { SyncTargetInfo } from '../../renderer/src/platform/contract';
import { isRemovableName, SyncError, type SyncTransport } from '../../renderer/src/features/sync/transport';
import { folderTransport } from './sync-folder';
import { checkWebdavUrl, webdavTransport } from './sync-webdav';

export interface Secrets {
  available(): boolean;
  encrypt(text: string): string;
  decrypt(stored: string): string;
}

/** Device folders this computer created in the target: the only ones it may delete files in. */
const owned = z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).max(100).optional();
const storedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), path: z.string().min(1).max(4096), owned }),
  z.object({ kind: z.literal('webdav'), url: z.string().max(2000), username: z.string().max(200), password: z.string().max(4000).optional(), owned }),
]);
export type StoredTarget = z.infer<typeof storedSchema>;

export type Target = ({ kind: 'folder'; path: string } | { kind: 'webdav'; url: string; username: string; password: string | null }) & { owned?: string[] };

export function parseStoredTarget(text: string | undefined, secrets: Secrets): Target | null {
  if (!text) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = storedSchema.safeParse(raw);
  if (!parsed.success) return null;
  const t = parsed.data;
  if (t.kind === 'folder') return t;
  let password: string | null = null;
  if (t.password && secrets.available()) {
    try {
      password = secrets.decrypt(t.password);
    } catch {
      password = null;
    }
  }
  return { kind: 'webdav', url: t.url, username: t.username, password, ...(t.owned ? { owned: t.owned } : {}) };
}

/** What goes to disk: the password only when the keychain can encrypt it. */
export function serialiseTarget(target: Target, secrets: Secrets): string {
  const stored: StoredTarget =
    target.kind === 'folder'
      ? target
      : { kind: 'webdav', url: target.url, username: target.username, ...(target.password && secrets.available() ? { password: secrets.encrypt(target.password) } : {}), ...(target.owned ? { owned: target.owned } : {}) };
  return JSON.stringify(stored, null, 2);
}

export const targetInfo = (t: Target | null): SyncTargetInfo | null => (t ? { kind: t.kind, label: t.kind === 'folder' ? t.path : t.url } : null);

export function webdavTarget(url: string, username: string, password: string): Target {
  return { kind: 'webdav', url: checkWebdavUrl(url), username, password };
}

/** The transport for a target; a WebDAV one whose password was not kept asks for it again ('unauthorized'). */
export function transportOf(t: Target | null): SyncTransport {
  if (!t) throw new SyncError('folder-missing', 'aucun dossier d’équipe choisi');
  if (t.kind === 'folder') return folderTransport(t.path);
  if (t.password === null) throw new SyncError('unauthorized', 'mot de passe à saisir de nouveau');
  return webdavTransport({ url: t.url, username: t.username, password: t.password });
}

/** 'devices/<id>/<name>' → its parts; null for any other path. */
export function deviceFileOf(path: string): { device: string; name: string } | null {
  const m = /^devices\/([A-Za-z0-9_-]{1,64})\/([^/]+)$/.exec(path);
  return m ? { device: m[1]!, name: m[2]! } : null;
}

/**
 * Main's view of the target's transport. It remembers each device folder this computer
 * created there (`remember`, kept with the target), and deletes only logs and snapshots
 * inside those: whatever the renderer asks, another device's files, team.json or a
 * folder are never removed. Writing into a folder that already existed claims nothing.
 */
export function guardedTransport(target: Target, inner: SyncTransport, remember: (device: string) => Promise<void>): SyncTransport {
  const mine = new Set(target.owned ?? []);
  return {
    list: (dir) => inner.list(dir),
    read: (path) => inner.read(path),
    exists: (path) => inner.exists(path),
    async writeNew(path, bytes) {
      const file = deviceFileOf(path);
      if (!file || mine.has(file.device)) return inner.writeNew(path, bytes);
      const existed = await inner.exists(`devices/${file.device}`);
      await inner.writeNew(path, bytes);
      if (!existed) {
        mine.add(file.device);
        await remember(file.device);
      }
    },
    async remove(path) {
      const file = deviceFileOf(path);
      if (!file || !isRemovableName(file.name)) throw new SyncError('refused', `suppression refusée : ${path}`);
      if (!mine.has(file.device)) throw new SyncError('refused', `dossier d’un autre appareil : ${path}`);
      return inner.remove(path);
    },
  };
}

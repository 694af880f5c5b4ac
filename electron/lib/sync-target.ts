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
import { SyncError, type SyncTransport } from '../../renderer/src/features/sync/transport';
import { folderTransport } from './sync-folder';
import { checkWebdavUrl, webdavTransport } from './sync-webdav';

export interface Secrets {
  available(): boolean;
  encrypt(text: string): string;
  decrypt(stored: string): string;
}

const storedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('folder'), path: z.string().min(1).max(4096) }),
  z.object({ kind: z.literal('webdav'), url: z.string().max(2000), username: z.string().max(200), password: z.string().max(4000).optional() }),
]);
export type StoredTarget = z.infer<typeof storedSchema>;

export type Target = { kind: 'folder'; path: string } | { kind: 'webdav'; url: string; username: string; password: string | null };

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
  return { kind: 'webdav', url: t.url, username: t.username, password };
}

/** What goes to disk: the password only when the keychain can encrypt it. */
export function serialiseTarget(target: Target, secrets: Secrets): string {
  const stored: StoredTarget =
    target.kind === 'folder'
      ? target
      : { kind: 'webdav', url: target.url, username: target.username, ...(target.password && secrets.available() ? { password: secrets.encrypt(target.password) } : {}) };
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

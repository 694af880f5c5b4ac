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
import { frenchSpacing } from '../../renderer/src/i18n/format';
import { folderTransport } from './sync-folder';
import { checkWebdavUrl, webdavTransport } from './sync-webdav';

export interface Secrets {
  available(): boolean;
  encrypt(text: string): string;
  decrypt(stored: string): string;
}

/** Device folders this computer created in the target (or that the person confirmed are its own): the only ones it may delete files in. */
export const MAX_OWNED = 100;
/** format.ts's LEFT_FILE (format.ts itself pulls the database code in: main does not import it) */
export const LEFT_FILE = 'left.json.enc';
const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const owned = z.array(z.string().regex(DEVICE_ID)).max(MAX_OWNED).optional();
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

/** A device folder the renderer says is this computer's, as main sees it in the target. */
export interface FolderClaim {
  device: string;
  /** its logs and snapshots */
  files: number;
  /** already known as this computer's: nothing to ask */
  already: boolean;
}

/**
 * Before asking the person whether a device folder made before main remembered its
 * folders (an older version wrote it) is this computer's: it must exist in the target,
 * hold nothing but Fourmilière's sync files (logs, snapshots, a « left » marker), and the
 * list must have room. Main cannot read the files (the team key stays in the renderer),
 * so what the renderer says proves nothing by itself: only the person's answer to main's
 * own dialog (claimDialog) adds the folder. Throws a SyncError with a French detail.
 */
export async function checkClaim(target: Target | null, inner: SyncTransport, device: string): Promise<FolderClaim> {
  if (!target) throw new SyncError('folder-missing', 'aucun dossier d’équipe choisi');
  if (!DEVICE_ID.test(device)) throw new SyncError('refused', `identifiant d’appareil refusé : ${device}`);
  if (target.owned?.includes(device)) return { device, files: 0, already: true };
  const names = await inner.list(`devices/${device}`);
  if (names.length === 0) throw new SyncError('folder-missing', `aucun dossier « devices/${device} » dans le dossier d’équipe`);
  const foreign = names.filter((n) => !isRemovableName(n) && n !== LEFT_FILE);
  if (foreign.length > 0) throw new SyncError('refused', `« devices/${device} » contient des fichiers qui ne sont pas des fichiers de synchronisation de Fourmilière (${foreign.slice(0, 3).join(', ')})`);
  if ((target.owned?.length ?? 0) >= MAX_OWNED) throw new SyncError('refused', `ce poste connaît déjà ${MAX_OWNED} dossiers d’appareil dans ce dossier d’équipe`);
  return { device, files: names.filter(isRemovableName).length, already: false };
}

/** Main's own question (the renderer cannot answer it), with French spacing: Annuler is the default. */
export function claimDialog(claim: FolderClaim, label: string) {
  return {
    type: 'question' as const,
    buttons: ['Annuler', 'Oui, c’est un dossier de ce poste'],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
    title: 'Dossier d’équipe',
    message: frenchSpacing(`« devices/${claim.device} » est-il un dossier de ce poste ?`),
    detail: frenchSpacing(
      `Le dossier d’équipe ${label} contient « devices/${claim.device} » (${claim.files} fichier${claim.files > 1 ? 's' : ''} de synchronisation), ` +
        'créé par une version précédente de Fourmilière, qui ne retenait pas encore quels dossiers sont ceux de ce poste. ' +
        'Si vous confirmez, Fourmilière pourra y supprimer les anciens journaux et instantanés de ce poste (après un effacement RGPD ou une restauration), ' +
        'une fois leur contenu recopié. Ne confirmez pas s’il s’agit du dossier d’un autre poste : l’identifiant de ce poste est affiché dans Réglages › Données.',
    ),
  };
}

/** The person confirmed: the second button. */
export const claimConfirmed = (response: number): boolean => response === 1;

/** The target with `device` among the folders this computer may delete files in. */
export function withOwned(target: Target, device: string): Target {
  if (!DEVICE_ID.test(device)) throw new SyncError('refused', `identifiant d’appareil refusé : ${device}`);
  const list = [...new Set([...(target.owned ?? []), device])];
  if (list.length > MAX_OWNED) throw new SyncError('refused', `ce poste connaît déjà ${MAX_OWNED} dossiers d’appareil dans ce dossier d’équipe`);
  return { ...target, owned: list };
}

/**
 * The one contract between the renderer and the desktop. The Electron preload
 * implements it over IPC (electron/preload.cts), the browser implementation with
 * web APIs (./web-bridge.ts). Runs on both sides: imports neither electron nor node:*.
 */
import { z } from 'zod';

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: string): Result<T> => ({ ok: false, error });

import { Channels, Events, type Channel } from './channels';
import { checkPath } from '../features/sync/transport';

export { Channels, Events, type Channel };

const MAX_FILE_BYTES = 512 * 1024 * 1024;

const fileFilter = z.object({
  name: z.string().min(1).max(100),
  extensions: z.array(z.string().regex(/^[a-z0-9*]{1,10}$/i)).min(1).max(20),
});

/** A file name only: no folder separators, no control characters, no dot-only names. */
export const safeFileName = z
  .string()
  .min(1)
  .max(200)
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must be refused
  .refine((s) => !/[/\\\0-\x1f<>:"|?*]/.test(s) && s !== '.' && s !== '..' && !s.startsWith('.'), {
    message: 'invalid file name',
  });

/** A path inside the team folder: relative, checked name by name (main resolves it inside the chosen folder). */
const syncPath = z
  .string()
  .max(300)
  .refine((p) => {
    try {
      checkPath(p);
      return true;
    } catch {
      return false;
    }
  }, { message: 'invalid sync path' });
/** Sync files are small (a few hundred records each); snapshots are split into parts. */
const MAX_SYNC_FILE_BYTES = 64 * 1024 * 1024;

const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength <= MAX_FILE_BYTES, {
  message: 'expected bytes',
});

/** A question as phones are given it: the workshop's own à chaud questions. */
const collectQuestion = z.object({ id: z.string().min(1).max(100), label: z.string().min(1).max(300), kind: z.enum(['scale', 'text']) });
export const collectOutcomeSchema = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), reason: z.enum(['too-early', 'invalid', 'storage']) })]);

/** An answer from a phone as main delivers it to the renderer (checked again on arrival). */
export const collectedAnswerSchema = z.object({
  deliveryId: z.string().regex(/^[a-z0-9-]{1,64}$/),
  answerId: z.string().regex(/^[a-zA-Z0-9_-]{16,64}$/),
  revision: z.number().int().min(1),
  correction: z.boolean(),
  personId: z.string().max(100).nullable(),
  typedName: z.string().max(120).nullable(),
  answers: z.record(z.string(), z.union([z.number(), z.string().max(2000)])),
  receivedAt: z.string().datetime(),
});

export const ArgSchemas = {
  [Channels.saveFile]: z.object({
    suggestedName: safeFileName,
    content: z.union([z.string().max(MAX_FILE_BYTES), bytes]),
    mimeType: z.string().max(100).optional(),
    filters: z.array(fileFilter).max(10).optional(),
    /** the caller must know the file was really written (a backup): the browser then asks where, with a save dialog */
    verify: z.boolean().optional(),
  }),
  [Channels.openFile]: z.object({
    filters: z.array(fileFilter).max(10).optional(),
    multiple: z.boolean().optional(),
  }),
  [Channels.printToPdf]: z.object({ suggestedName: safeFileName, landscape: z.boolean().optional() }),
  [Channels.openExternal]: z.object({ url: z.string().max(4096) }),
  [Channels.appInfo]: z.undefined(),
  [Channels.listBackups]: z.undefined(),
  [Channels.writeBackup]: z.object({
    name: safeFileName.refine((n) => n.endsWith('.fourmiliere-backup.json'), { message: 'not a backup name' }),
    // UTF-8 bytes as the backup worker writes them, or text
    content: z.union([z.string().max(MAX_FILE_BYTES), bytes]),
    kind: z.enum(['daily', 'weekly', 'quit', 'manual', 'before-restore']),
  }),
  [Channels.readBackup]: z.object({ name: safeFileName }),
  [Channels.backupSettings]: z.undefined(),
  [Channels.configureBackups]: z.object({ keepDaily: z.number().int().min(1).max(60), keepWeekly: z.number().int().min(1).max(52), useDefaultFolder: z.boolean().optional() }),
  [Channels.chooseBackupFolder]: z.undefined(),
  [Channels.quitReady]: z.undefined(),
  /** `where`: the disk of the database (data) or of the automatic copies (backups) */
  [Channels.diskSpace]: z.object({ where: z.enum(['data', 'backups']) }),
  [Channels.updateSettings]: z.undefined(),
  /** `url` '' removes the person's feed; checked again by main (https, no credentials) */
  [Channels.configureUpdates]: z.object({ url: z.string().max(2000), enabled: z.boolean() }),
  /** one collection at a time: starting again stops the one before */
  [Channels.collectStart]: z.object({
    title: z.string().min(1).max(200),
    sessionLabel: z.string().max(300),
    /** one of CollectInfo.addresses, when this computer is on several networks; main checks it is */
    address: z.ipv4().optional(),
    roster: z.array(z.object({ id: z.string().min(1).max(100), name: z.string().trim().min(1).max(200) })).max(1000),
    questions: z
      .array(collectQuestion)
      .min(1)
      .max(50)
      .refine((qs) => new Set(qs.map((q) => q.id)).size === qs.length, { message: 'duplicate question id' }),
  }),
  [Channels.collectStop]: z.undefined(),
  [Channels.collectAck]: z.object({ deliveryId: z.string().regex(/^[a-z0-9-]{1,64}$/), outcome: collectOutcomeSchema }),
  [Channels.syncTarget]: z.undefined(),
  [Channels.syncChooseFolder]: z.undefined(),
  /** checked again by main: https (http only to 127.0.0.1), no credentials in the address */
  [Channels.syncConfigureWebdav]: z.object({ url: z.string().min(8).max(2000), username: z.string().min(1).max(200), password: z.string().min(1).max(500) }),
  [Channels.syncClearTarget]: z.undefined(),
  [Channels.syncList]: z.object({ dir: syncPath }),
  [Channels.syncRead]: z.object({ path: syncPath.refine((p) => p !== '') }),
  [Channels.syncWriteNew]: z.object({ path: syncPath.refine((p) => p !== ''), bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array && v.byteLength <= MAX_SYNC_FILE_BYTES, { message: 'expected bytes' }) }),
  [Channels.syncExists]: z.object({ path: syncPath }),
  /** main also checks it is a log or snapshot in a device folder this computer created */
  [Channels.syncRemove]: z.object({ path: syncPath.refine((p) => p !== '') }),
  /** a device folder's name (devices/<device>); main checks it and asks the person itself */
  [Channels.syncClaimFolder]: z.object({ device: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) }),
  [Channels.setLanguage]: z.object({ language: z.enum(['fr', 'en']) }),
} satisfies Record<Channel, z.ZodType>;

export type SaveFileArgs = z.infer<(typeof ArgSchemas)['file:save']>;
export type OpenFileArgs = z.infer<(typeof ArgSchemas)['file:open']>;
export type PrintToPdfArgs = z.infer<(typeof ArgSchemas)['print:pdf']>;
export type WriteBackupArgs = z.infer<(typeof ArgSchemas)['backup:write']>;
export type BackupKind = WriteBackupArgs['kind'];
export type ConfigureUpdatesArgs = z.infer<(typeof ArgSchemas)['update:configure']>;
export type CollectStartArgs = z.infer<(typeof ArgSchemas)['collect:start']>;
export type CollectedAnswer = z.infer<typeof collectedAnswerSchema>;
export type CollectOutcome = z.infer<typeof collectOutcomeSchema>;
/** A running phone collection: the address phones open (in the QR code) and when it stops by itself. */
export interface CollectInfo {
  url: string;
  address: string;
  /** every local-network address phones could use (the first is the default) */
  addresses: string[];
  expiresAt: string;
}
export type CollectEnd = { reason: 'stopped' | 'expired' };

/** Desktop: whether and where the app looks for updates (electron/lib/updater.ts decides). */
export interface UpdateStatus {
  enabled: boolean;
  /** why not, when off */
  reason: 'not-packaged' | 'organisation' | 'policy-unreadable' | 'environment' | 'settings' | 'no-feed' | 'invalid-url' | null;
  /** the feed used (or refused, for invalid-url), '' when none */
  url: string;
  intervalHours: number;
  /** the person's own settings (used unless lockedBy says otherwise) */
  userUrl: string;
  userEnabled: boolean;
  /** who decides instead of the person's settings */
  lockedBy: 'organisation' | 'environment' | null;
  lastCheckAt: string | null;
  /** the settings now differ from what this run of the app is using: they apply at the next start */
  restartNeeded: boolean;
}

export interface OpenedFile {
  name: string;
  bytes: Uint8Array;
}
export interface SavedFile {
  /** false when the user cancelled the dialog */
  saved: boolean;
  path?: string;
  /** browser mode: a download was started, but whether it was kept cannot be seen */
  unverified?: boolean;
}
export interface AppInfo {
  version: string;
  platform: 'electron' | 'web';
  /** Where the data lives, for the user to read (a folder, or "stockage du navigateur"). */
  dataFolder: string;
  /** Whether the desktop keeps rotating backups in a folder by itself. */
  automaticBackups: boolean;
}
/** Where and how many automatic backups the desktop keeps. */
export interface BackupSettings {
  keepDaily: number;
  keepWeekly: number;
  folder: string;
}
export type ConfigureBackupsArgs = z.infer<(typeof ArgSchemas)['backup:configure']>;

/** Free space on a disk, when the system can tell (never from the browser's quota estimate). */
export type DiskSpace = { known: true; freeBytes: number; totalBytes: number } | { known: false };
export type DiskSpaceArgs = z.infer<(typeof ArgSchemas)['disk:free-space']>;

export interface BackupInfo {
  name: string;
  kind: BackupKind;
  size: number;
  createdAt: string;
  /** Desktop: the device that wrote it (several may share a synced folder); null for older names. */
  device?: string | null;
  /** Desktop: written by this device (only those are rotated). Absent in the browser: all are. */
  mine?: boolean;
}

/** Where the team folder is, as the person may read it (never a password). */
export interface SyncTargetInfo {
  kind: 'folder' | 'webdav' | 'browser-folder';
  /** the folder's path, the WebDAV address, or the browser folder's name */
  label: string;
}
export type ConfigureWebdavArgs = z.infer<(typeof ArgSchemas)['sync:configure-webdav']>;

/** Everything the renderer may ask of the desktop. */
export interface Bridge {
  saveFile(args: SaveFileArgs): Promise<Result<SavedFile>>;
  /** Resolves with an empty list when the user cancels. */
  openFile(args: OpenFileArgs): Promise<Result<OpenedFile[]>>;
  /** Electron: renders the current view to a PDF file; browser: opens the print dialog. */
  printToPdf(args: PrintToPdfArgs): Promise<Result<SavedFile>>;
  openExternal(url: string): Promise<Result<void>>;
  appInfo(): Promise<Result<AppInfo>>;
  listBackups(): Promise<Result<BackupInfo[]>>;
  writeBackup(args: WriteBackupArgs): Promise<Result<BackupInfo>>;
  readBackup(name: string): Promise<Result<string>>;
  /** Desktop only: how many automatic copies are kept, and where. */
  backupSettings(): Promise<Result<BackupSettings>>;
  configureBackups(args: ConfigureBackupsArgs): Promise<Result<BackupSettings>>;
  /** Desktop only: pick another folder for the automatic copies (unchanged if cancelled). */
  chooseBackupFolder(): Promise<Result<BackupSettings>>;
  /**
   * Desktop only: `handler` runs when the app is about to quit (to write the "quit"
   * backup); the app quits once it settles, or after a short delay. Returns an unsubscribe.
   */
  onBeforeQuit(handler: () => Promise<void>): () => void;
  /** Desktop: free space where the data or the copies live; browser: unknown (its quota is not the disk). */
  diskSpace(args: DiskSpaceArgs): Promise<Result<DiskSpace>>;
  /** Desktop only: the update feed and whether it is used. */
  updateSettings(): Promise<Result<UpdateStatus>>;
  configureUpdates(args: ConfigureUpdatesArgs): Promise<Result<UpdateStatus>>;
  /**
   * Desktop only: serves this session's évaluation à chaud to the phones on the local
   * network. Fails with 'no-network' when the computer is on no local network.
   */
  collectStart(args: CollectStartArgs): Promise<Result<CollectInfo>>;
  collectStop(): Promise<Result<void>>;
  /** `handler` stores each answer from a phone; what it resolves with is what the phone is told. Returns an unsubscribe. */
  onCollectAnswer(handler: (answer: unknown) => Promise<CollectOutcome>): () => void;
  onCollectEnded(handler: (end: CollectEnd) => void): () => void;
  /**
   * The team sync folder (features/sync). Errors are the engine's codes, `code: detail`
   * (see SyncErrorCode). Browser: a folder through the File System Access API where the
   * browser has it; WebDAV needs the desktop app.
   */
  syncTarget(): Promise<Result<SyncTargetInfo | null>>;
  /** null when the dialog was cancelled */
  chooseSyncFolder(): Promise<Result<SyncTargetInfo | null>>;
  configureSyncWebdav(args: ConfigureWebdavArgs): Promise<Result<SyncTargetInfo>>;
  clearSyncTarget(): Promise<Result<void>>;
  syncList(dir: string): Promise<Result<string[]>>;
  syncRead(path: string): Promise<Result<Uint8Array | null>>;
  syncWriteNew(path: string, bytes: Uint8Array): Promise<Result<void>>;
  syncExists(path: string): Promise<Result<boolean>>;
  /** Deletes one of this device's own older logs or snapshots (compaction after an RGPD erasure). */
  syncRemove(path: string): Promise<Result<void>>;
  /**
   * Desktop: main asks the person, in its own dialog, whether `devices/<device>` (made by an
   * older version, before main remembered which folders are this computer's) is this
   * computer's; true once main holds it as such (then syncRemove may remove its old files).
   * Browser: nothing guards removals there, true.
   */
  syncClaimFolder(device: string): Promise<Result<boolean>>;
  /**
   * Desktop: the language the window's own controls follow (the date and time pickers draw
   * « jj/mm/aaaa » or « dd/mm/yyyy » in the engine's language, not the page's), from the
   * next start, since the engine takes it only when it starts. Browser: the browser's own.
   */
  setLanguage(language: 'fr' | 'en'): Promise<Result<void>>;
}

/** External links allowed out of the app: https and mailto only, well-formed. */
export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol === 'mailto:') return url.pathname.length > 0 && !/[\s<>]/.test(url.pathname);
  if (url.protocol !== 'https:') return false;
  if (url.username || url.password) return false;
  return url.hostname.length > 0;
}

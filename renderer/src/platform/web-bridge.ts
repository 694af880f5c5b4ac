/**
 * The Bridge in a plain browser: Blob downloads, a hidden file input, the print
 * dialog, and backups kept in three places: as files in the origin's private file
 * system (./opfs.ts, outside IndexedDB), in a separate IndexedDB database of this
 * origin, and the newest one compressed in localStorage when it fits (./local-copy.ts).
 */
import Dexie, { type Table } from 'dexie';
import {
  ArgSchemas,
  Channels,
  fail,
  isAllowedExternalUrl,
  ok,
  type BackupInfo,
  type Bridge,
  type OpenedFile,
  type Result,
  type SavedFile,
  type SaveFileArgs,
} from './contract';
import { OpfsBackups } from './opfs';
import { keepLocalCopy, localCopyInfo, readLocalCopy } from './local-copy';
import { storageProblem } from '../ui/errors';
import { browserFolderTransport, forgetFolder, pickFolder, storedFolder } from './browser-folder';
import { isSyncError } from '../features/sync/transport';

/** A sync failure as the contract carries it: the engine's code, then the detail. */
const syncFail = <T>(e: unknown): Result<T> => fail(isSyncError(e) ? e.message : `io: ${e instanceof Error ? e.message : String(e)}`);
async function syncCall<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (e) {
    return syncFail(e);
  }
}

interface BackupContent {
  name: string;
  /** UTF-8 bytes (text in copies written by earlier versions) */
  content: string | Uint8Array;
}

/**
 * Backups kept by the browser: what they are (listed, pruned) apart from what they hold
 * (read only to restore). A copy of a national registry weighs about 100 MB: listing
 * must never read one.
 */
export class BackupStore extends Dexie {
  backups!: Table<BackupInfo, string>;
  contents!: Table<BackupContent, string>;
  constructor(name = 'fourmiliere-backups') {
    super(name);
    this.version(1).stores({ backups: 'name, createdAt, kind' });
    this.version(2)
      .stores({ backups: 'name, createdAt, kind', contents: 'name' })
      .upgrade(async (tx) => {
        // Version 1 kept the content in the listed record: move it out, a record at a time.
        const listed = tx.table<BackupInfo & { content?: string | Uint8Array }, string>('backups');
        for (const name of await listed.toCollection().primaryKeys()) {
          const { content, ...info } = (await listed.get(name))!;
          if (content === undefined) continue;
          await tx.table<BackupContent, string>('contents').put({ name, content });
          await listed.put(info);
        }
      });
  }

  async write(info: BackupInfo, content: Uint8Array, keep: number): Promise<void> {
    await this.transaction('rw', this.backups, this.contents, async () => {
      await this.backups.put(info);
      await this.contents.put({ name: info.name, content });
      const sameKind = await this.backups.where('kind').equals(info.kind).sortBy('createdAt');
      const excess = sameKind.slice(0, Math.max(0, sameKind.length - keep)).map((b) => b.name);
      await this.backups.bulkDelete(excess);
      await this.contents.bulkDelete(excess);
    });
  }

  async list(): Promise<BackupInfo[]> {
    return this.backups.orderBy('createdAt').reverse().toArray();
  }

  async read(name: string): Promise<string | undefined> {
    const row = await this.contents.get(name);
    if (!row) return undefined;
    return typeof row.content === 'string' ? row.content : new TextDecoder().decode(row.content);
  }
}
let backupStore: BackupStore | null = null;
const backups = () => (backupStore ??= new BackupStore());
let opfsStore: OpfsBackups | null = null;
const opfsBackups = () => (opfsStore ??= new OpfsBackups());

/** Where a copy is written: a failure of one place does not lose the copy made in the other. */
async function settle(write: () => Promise<unknown>): Promise<{ ok: boolean; error?: unknown }> {
  try {
    return { ok: (await write()) !== false };
  } catch (error) {
    return { ok: false, error };
  }
}

/** How many browser-side backups of each automatic kind are kept. */
export const KEEP: Record<BackupInfo['kind'], number> = { daily: 7, weekly: 4, quit: 3, 'before-restore': 5, manual: 10 };

function download(name: string, content: string | Uint8Array, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([content as string | Uint8Array<ArrayBuffer>], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The File System Access save dialog (Chromium), absent from the DOM types. */
type SavePicker = (options: { suggestedName: string; types?: { description: string; accept: Record<string, string[]> }[] }) => Promise<{
  createWritable(): Promise<{ write(data: string | Uint8Array): Promise<void>; close(): Promise<void>; abort?(): Promise<void> }>;
}>;

/**
 * Saves through the browser's save dialog, where there is one: cancelling it is seen
 * (AbortError), and so is the end of the write. Null where the browser has no such dialog.
 */
async function saveWithPicker(args: SaveFileArgs): Promise<SavedFile | null> {
  const picker = (window as { showSaveFilePicker?: SavePicker }).showSaveFilePicker;
  if (typeof picker !== 'function') return null;
  const types = (args.filters ?? []).map((f) => ({ description: f.name, accept: { [args.mimeType ?? 'application/octet-stream']: f.extensions.filter((e) => e !== '*').map((e) => `.${e}`) } }));
  let handle;
  try {
    handle = await picker({ suggestedName: args.suggestedName, types });
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') return { saved: false };
    throw error;
  }
  const writable = await handle.createWritable();
  try {
    await writable.write(args.content);
    await writable.close();
  } catch (error) {
    await writable.abort?.().catch(() => undefined);
    throw error;
  }
  return { saved: true };
}

function pickFiles(accept: string, multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.style.display = 'none';
    input.setAttribute('data-testid', 'bridge-file-input');
    input.addEventListener('change', () => {
      resolve([...(input.files ?? [])]);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

function check<T>(channel: keyof typeof ArgSchemas, raw: unknown): Result<T> {
  const parsed = ArgSchemas[channel].safeParse(raw);
  return parsed.success ? ok(parsed.data as T) : fail(parsed.error.issues[0]?.message ?? 'invalid argument');
}

export const webBridge: Bridge = {
  async saveFile(args) {
    const checked = check<typeof args>(Channels.saveFile, args);
    if (!checked.ok) return checked;
    if (args.verify) {
      const saved = await saveWithPicker(args);
      if (saved) return ok(saved);
    }
    download(args.suggestedName, args.content, args.mimeType ?? 'application/octet-stream');
    // An <a download> says nothing of what became of the file (cancelled, blocked, kept).
    return ok({ saved: true, ...(args.verify ? { unverified: true } : {}) });
  },
  async openFile(args) {
    const checked = check<typeof args>(Channels.openFile, args);
    if (!checked.ok) return checked;
    const accept = (args.filters ?? []).flatMap((f) => f.extensions.filter((e) => e !== '*').map((e) => `.${e}`)).join(',');
    const files = await pickFiles(accept, args.multiple ?? false);
    const opened: OpenedFile[] = [];
    for (const file of files) opened.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    return ok(opened);
  },
  async printToPdf(args) {
    const checked = check<typeof args>(Channels.printToPdf, args);
    if (!checked.ok) return checked;
    const previous = document.title;
    document.title = args.suggestedName.replace(/\.pdf$/i, '');
    window.print();
    document.title = previous;
    return ok({ saved: true });
  },
  async openExternal(url) {
    if (!isAllowedExternalUrl(url)) return fail('URL refusée');
    if (url.startsWith('mailto:')) window.location.href = url;
    else window.open(url, '_blank', 'noopener,noreferrer');
    return ok(undefined);
  },
  async appInfo() {
    return ok({ version: __APP_VERSION__, platform: 'web', dataFolder: 'stockage du navigateur (IndexedDB)', automaticBackups: false });
  },
  async listBackups() {
    // Either place may be gone (a discarded IndexedDB store, a browser without files): each is read on its own.
    const [stored, files] = await Promise.all([backups().list().catch(() => []), opfsBackups().list().catch(() => [])]);
    const byName = new Map<string, BackupInfo>();
    const local = localCopyInfo();
    for (const { name, kind, size, createdAt } of [...stored, ...files, ...(local ? [local] : [])]) if (!byName.has(name)) byName.set(name, { name, kind, size, createdAt });
    return ok([...byName.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  },
  async writeBackup(args) {
    const checked = check<typeof args>(Channels.writeBackup, args);
    if (!checked.ok) return checked;
    const content = typeof args.content === 'string' ? new TextEncoder().encode(args.content) : args.content;
    const info: BackupInfo = { name: args.name, kind: args.kind, size: content.byteLength, createdAt: new Date().toISOString() };
    // The file first: it is the copy that survives the loss of the origin's IndexedDB.
    const file = await settle(() => opfsBackups().write(info, content, KEEP[args.kind]));
    // A full disk refused the file: writing the same bytes into IndexedDB would fail too,
    // and a failed IndexedDB write on a full disk can cost the origin its whole store.
    if (!file.ok && storageProblem(file.error) === 'full') throw file.error;
    const stored = await settle(() => backups().write(info, content, KEEP[args.kind]));
    // The newest copy also in localStorage when it fits: it outlived both stores on a full disk.
    const local = await keepLocalCopy(info, content);
    if (file.ok || stored.ok || local) return ok(info);
    throw stored.error ?? file.error ?? new Error('copie impossible');
  },
  async backupSettings() {
    return fail('desktop only');
  },
  async configureBackups() {
    return fail('desktop only');
  },
  async chooseBackupFolder() {
    return fail('desktop only');
  },
  // A browser tab cannot wait for work on close: the reminder to download backups covers it.
  onBeforeQuit() {
    return () => undefined;
  },
  // The browser only knows its quota, which can be far larger than the disk: not a measure of free space.
  // A browser tab is updated with the site that serves it.
  // The browser draws its date pickers in its own language, which a page cannot change.
  async setLanguage() {
    return ok(undefined);
  },
  async updateSettings() {
    return fail('desktop only');
  },
  async configureUpdates() {
    return fail('desktop only');
  },
  // A web page cannot listen on the network: phones answer through the desktop app only.
  async collectStart() {
    return fail('desktop only');
  },
  async collectStop() {
    return ok(undefined);
  },
  onCollectAnswer() {
    return () => undefined;
  },
  onCollectEnded() {
    return () => undefined;
  },
  async diskSpace(args) {
    const checked = check<typeof args>(Channels.diskSpace, args);
    if (!checked.ok) return checked;
    return ok({ known: false });
  },
  async readBackup(name) {
    const text = (await backups().read(name).catch(() => undefined)) ?? (await opfsBackups().read(name).catch(() => undefined)) ?? (await readLocalCopy(name));
    return text === undefined ? fail('sauvegarde introuvable') : ok(text);
  },
  // Team folder: the File System Access API where the browser has it; WebDAV needs the desktop (CORS, credentials).
  async syncTarget() {
    return syncCall(async () => {
      const dir = await storedFolder();
      return dir ? { kind: 'browser-folder' as const, label: dir.name } : null;
    });
  },
  async chooseSyncFolder() {
    return syncCall(async () => {
      const dir = await pickFolder();
      return dir ? { kind: 'browser-folder' as const, label: dir.name } : null;
    });
  },
  async configureSyncWebdav() {
    return fail('unsupported: WebDAV');
  },
  async clearSyncTarget() {
    return syncCall(() => forgetFolder());
  },
  async syncList(dir) {
    return syncCall(() => browserFolderTransport().list(dir));
  },
  async syncRead(path) {
    return syncCall(() => browserFolderTransport().read(path));
  },
  async syncWriteNew(path, bytes) {
    return syncCall(() => browserFolderTransport().writeNew(path, bytes));
  },
  async syncExists(path) {
    return syncCall(() => browserFolderTransport().exists(path));
  },
  async syncRemove(path) {
    return syncCall(() => browserFolderTransport().remove(path));
  },
  // No main process here: nothing refuses a removal, so there is nothing to confirm.
  async syncClaimFolder() {
    return ok(true);
  },
};

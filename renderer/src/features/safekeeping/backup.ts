/**
 * Full backups: one versioned JSON file with every table, per-table and whole-file
 * checksums. Written in chunks with progress, validated entirely before a
 * restore, and restored in a single transaction.
 */
import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, type FourmiliereDatabase } from '../../db/database';
import { resetTeamSyncAfterRestore } from '../sync/reset';
import { getDeviceId } from '../../db/records';
import { BACKUP_TABLES, isFutureDate, MACHINE_SETTINGS, recordProblem, REFERENCES, type BackupTable } from './tables';
import type { SyncTableName } from '../../db/database';
import { sha256Hex } from './hashing';
import { checkSignature, deviceNameOf, deviceSigningKey, signStatement, type SignatureCheck, type Signer } from './signing';
import { ERASURES_KEY, readErasureRegister, reapplyErasures, unionRegisters } from './privacy';
import { timeSlicer } from '../../shared/scheduling';
import { createSha256Hasher, type Sha256Hasher } from '../../shared/sha256-stream';

export const BACKUP_FORMAT = 'fourmiliere-backup';
export const BACKUP_FORMAT_VERSION = 1;
const CHUNK = 2000;
/** Records per bulkPut of a restore run in the window (see restoreBackup). */
const RESTORE_CHUNK = 500;
/** Records per bulkPut of a restore in a worker (write-session.ts): no frame to protect. */
export const WORKER_RESTORE_CHUNK = 5000;
/** records read per request when exporting (in a worker in the app: no frame to protect) */
const EXPORT_CHUNK = 5000;

export interface Progress {
  done: number;
  total: number;
}
export type OnProgress = (p: Progress) => void;

const tableSectionSchema = z.object({ count: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/), records: z.array(z.unknown()) });
const headerSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int().positive(),
  schemaVersion: z.number().int().positive(),
  appVersion: z.string(),
  createdAt: z.string().datetime(),
  device: z.string(),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  // checked by checkSignature, which says what is wrong with them
  signer: z.unknown().optional(),
  signature: z.unknown().optional(),
  tables: z.record(z.string(), tableSectionSchema),
});

interface BackupHeader {
  format: string;
  formatVersion: number;
  schemaVersion: number;
  appVersion: string;
  createdAt: string;
  device: string;
  checksum: string;
  signer?: Signer | unknown;
}

/**
 * What a backup's signature covers: the header and the whole-file checksum, which covers
 * every table's checksum, which covers its records. Re-summing an edited file breaks it.
 */
export function backupStatement(h: BackupHeader): unknown {
  const { format, formatVersion, schemaVersion, appVersion, createdAt, device, checksum, signer } = h;
  return { purpose: 'fourmiliere-backup-signature', format, formatVersion, schemaVersion, appVersion, createdAt, device, checksum, signer };
}

export interface BackupSummary {
  createdAt: string;
  device: string;
  appVersion: string;
  schemaVersion: number;
  counts: Partial<Record<BackupTable, number>>;
  total: number;
  /** records restored as they are but worth a look (dangling references, future dates), in French */
  warnings: string[];
  /** how many warnings in all (the list is capped) */
  warningCount: number;
  /** who signed it, or 'unsigned' for files from before signatures (an invalid one is refused) */
  signature: SignatureCheck;
}
export interface ParsedBackup {
  summary: BackupSummary;
  tables: Partial<Record<BackupTable, unknown[]>>;
}

/** Messages are keys of the messages module, with a detail to show. */
export type BackupError = { key: 'backup.error.notJson' | 'backup.error.foreign' | 'backup.error.newer' | 'backup.error.checksum' | 'backup.error.record' | 'backup.error.shape' | 'backup.error.signature'; detail: string };

async function countAll(db: FourmiliereDatabase): Promise<number> {
  let total = 0;
  for (const name of BACKUP_TABLES) total += await db.table(name).count();
  return total;
}

const BLOCK = 1 << 24;

/**
 * A file's bytes written as UTF-8 text straight into blocks of 16 MiB, joined once
 * at the end. TextEncoder.encodeInto writes without allocating and says how much of
 * the text fitted, so a text that runs past a block goes on in the next one and
 * nothing written is moved until the end. At 100,000 people (118 MB), encode() of
 * each table's text cost 3.4 s against about 1 s for encodeInto, and one buffer
 * doubled as it grew spent 0.9 s moving bytes.
 */
export class FileWriter {
  private readonly blocks: Uint8Array<ArrayBuffer>[] = [];
  private block = new Uint8Array(0);
  private used = 0;
  private readonly encoder = new TextEncoder();
  /** bytes written so far: the offset of the next byte in the file */
  size = 0;

  constructor(private readonly blockSize = BLOCK) {}

  write(text: string): void {
    let rest = text;
    while (rest.length > 0) {
      // encodeInto stops short of a character that does not fit whole (at most 4 bytes)
      if (this.block.length - this.used < 4) this.nextBlock();
      const { read, written } = this.encoder.encodeInto(rest, this.block.subarray(this.used));
      this.used += written;
      this.size += written;
      rest = rest.slice(read);
    }
  }

  private nextBlock(): void {
    if (this.size + this.blockSize > MAX_BACKUP_BYTES) throw new Error('backup too large');
    if (this.used > 0) this.blocks.push(this.block.subarray(0, this.used));
    this.block = new Uint8Array(this.blockSize);
    this.used = 0;
  }

  /** The bytes written, in one buffer of their own size. */
  finish(): Uint8Array<ArrayBuffer> {
    const file = new Uint8Array(this.size);
    let at = 0;
    for (const block of [...this.blocks, this.block.subarray(0, this.used)]) {
      file.set(block, at);
      at += block.byteLength;
    }
    this.blocks.length = 0;
    this.block = new Uint8Array(0);
    return file;
  }
}
/** 2 GiB: over fifteen times a national registry of 100,000 people */
const MAX_BACKUP_BYTES = 2 ** 31;

/** Writes one table's records in primary-key order, read chunk by chunk; returns how many. */
async function writeTable(idb: IDBDatabase, name: BackupTable, out: FileWriter, tick: (n: number) => void): Promise<number> {
  let count = 0;
  let last: IDBValidKey | undefined = undefined;
  out.write('[');
  for (;;) {
    const store = idb.transaction(name, 'readonly').objectStore(name);
    const chunk = await new Promise<Record<string, unknown>[]>((resolve, reject) => {
      const request = store.getAll(last === undefined ? null : IDBKeyRange.lowerBound(last, true), EXPORT_CHUNK);
      request.onsuccess = () => resolve(request.result as Record<string, unknown>[]);
      request.onerror = () => reject(request.error ?? new Error('getAll'));
    });
    if (chunk.length === 0) break;
    const kept = name === 'settings' ? chunk.filter((row) => !MACHINE_SETTINGS.has(String(row.key))) : chunk;
    if (kept.length > 0) {
      if (count > 0) out.write(',');
      out.write(JSON.stringify(kept).slice(1, -1)); // written as it is: no joined copy of a chunk's text
    }
    count += kept.length;
    last = (name === 'settings' ? chunk[chunk.length - 1]!.key : chunk[chunk.length - 1]!.id) as IDBValidKey;
    tick(chunk.length);
    if (chunk.length < EXPORT_CHUNK) break;
  }
  out.write(']');
  return count;
}

/**
 * The whole database as the bytes of a backup file (UTF-8 JSON). In the browser the
 * reading, writing and hashing run in a worker (backup.worker.ts) on its own
 * connection, and the bytes are handed over without a copy, so the window never
 * holds the text; elsewhere (tests) in place.
 */
export async function exportBackup(db: FourmiliereDatabase, onProgress: OnProgress = () => undefined, appVersion = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : 'dev'): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof Worker !== 'function' || typeof window === 'undefined') return exportBackupHere(db, onProgress, appVersion);
  const { exportInWorker } = await import('./backup-worker-client');
  return exportInWorker(db.name, getDeviceId(), appVersion, onProgress);
}

/** exportBackup's work on the current thread (a worker in the app): whole tables at once, hashed natively. */
export async function exportBackupHere(db: FourmiliereDatabase, onProgress: OnProgress, appVersion: string): Promise<Uint8Array<ArrayBuffer>> {
  const total = await countAll(db);
  let done = 0;
  onProgress({ done, total });
  const tick = (n: number) => {
    done += n;
    onProgress({ done: Math.min(done, total), total });
  };
  // The browser's own getAll by key range: no per-record work between IndexedDB and the text.
  await db.open();
  const key = await deviceSigningKey(db);
  const signer: Signer = { publicKey: key.publicKey, deviceName: await deviceNameOf(db) };
  const idb = db.backendDB();
  // Written in one pass with placeholder checksums (a SHA-256 in hex is always 64
  // characters); each table is then hashed where it lies and its checksum written in
  // place. A table's count follows its records, once they are read.
  const placeholder = '0'.repeat(64);
  const out = new FileWriter();
  const header = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    appVersion,
    createdAt: new Date().toISOString(),
    device: getDeviceId(),
    signer,
  };
  out.write(`${JSON.stringify(header).slice(0, -1)},"checksum":"`);
  const checksumAt = out.size;
  out.write(`${placeholder}","signature":"`);
  const signatureAt = out.size;
  out.write(`${placeholder}${placeholder}","tables":{`);
  const tables: { name: BackupTable; sumAt: number; start: number; end: number }[] = [];
  for (const [i, name] of BACKUP_TABLES.entries()) {
    out.write(`${i > 0 ? ',' : ''}${JSON.stringify(name)}:{"sha256":"`);
    const sumAt = out.size;
    out.write(`${placeholder}","records":`);
    const start = out.size;
    const count = await writeTable(idb, name, out, tick);
    tables.push({ name, sumAt, start, end: out.size });
    out.write(`,"count":${count}}`);
  }
  out.write('}}');
  const file = out.finish();
  const encoder = new TextEncoder();
  const sums: string[] = [];
  for (const t of tables) {
    const sum = await sha256Hex(file.subarray(t.start, t.end));
    encoder.encodeInto(sum, file.subarray(t.sumAt, t.sumAt + 64));
    sums.push(`${t.name}:${sum}`);
  }
  const checksum = await sha256Hex(sums.join('\n'));
  encoder.encodeInto(checksum, file.subarray(checksumAt, checksumAt + 64));
  encoder.encodeInto(signStatement(backupStatement({ ...header, checksum }), key.secretKey), file.subarray(signatureAt, signatureAt + 128));
  onProgress({ done: total, total });
  return file;
}

/**
 * The checksum of a table as the file holds it: the JSON text of its records,
 * produced and hashed a chunk at a time (the same text as one JSON.stringify).
 */
async function recordsSha256(records: readonly unknown[], hasher: Sha256Hasher): Promise<string> {
  const hash = hasher.stream();
  hash.update('[');
  const slice = timeSlicer();
  for (let i = 0; i < records.length; i += CHUNK) {
    if (i > 0) hash.update(',');
    hash.update(JSON.stringify(records.slice(i, i + CHUNK)).slice(1, -1));
    await slice();
  }
  hash.update(']');
  return hash.digest();
}

/**
 * Upgrades the tables of a backup written by an older schema version, one step
 * per version. Version 1 is the first: nothing to do yet. A future version N adds
 * `MIGRATIONS[N - 1] = (tables) => …` and a fixture test.
 */
export const MIGRATIONS: Record<number, (tables: Partial<Record<BackupTable, unknown[]>>) => void> = {
  // 1 → 2: only indexes and derived tables (the registry's snapshot and log, never in a backup) changed.
};

export function migrateTables(tables: Partial<Record<BackupTable, unknown[]>>, fromVersion: number): void {
  for (let v = fromVersion; v < CURRENT_SCHEMA_VERSION; v++) MIGRATIONS[v]?.(tables);
}

/** Checks everything before anything is touched: format, version, checksums, every record. */
export async function parseAndValidateBackup(text: string): Promise<{ ok: true; value: ParsedBackup } | { ok: false; error: BackupError }> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: { key: 'backup.error.notJson', detail: error instanceof Error ? error.message : '' } };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== BACKUP_FORMAT) {
    return { ok: false, error: { key: 'backup.error.foreign', detail: '' } };
  }
  const header = headerSchema.safeParse(raw);
  if (!header.success) return { ok: false, error: { key: 'backup.error.shape', detail: header.error.issues[0]?.path.join('.') ?? '' } };
  const file = header.data;
  if (file.formatVersion > BACKUP_FORMAT_VERSION || file.schemaVersion > CURRENT_SCHEMA_VERSION) {
    return { ok: false, error: { key: 'backup.error.newer', detail: `${file.appVersion} (schéma ${file.schemaVersion})` } };
  }
  const sums: string[] = [];
  const tables: Partial<Record<BackupTable, unknown[]>> = {};
  const hasher = createSha256Hasher();
  try {
    for (const name of BACKUP_TABLES) {
      const section = file.tables[name];
      if (!section) return { ok: false, error: { key: 'backup.error.shape', detail: name } };
      if (section.count !== section.records.length) return { ok: false, error: { key: 'backup.error.checksum', detail: name } };
      const sum = await recordsSha256(section.records, hasher);
      if (sum !== section.sha256) return { ok: false, error: { key: 'backup.error.checksum', detail: name } };
      sums.push(`${name}:${sum}`);
      tables[name] = section.records;
    }
  } finally {
    hasher.close();
  }
  if ((await sha256Hex(sums.join('\n'))) !== file.checksum) return { ok: false, error: { key: 'backup.error.checksum', detail: 'fichier' } };
  // After the checksums: a file edited and re-summed passes them, and fails here.
  const signature = checkSignature(backupStatement(file), file.signer, file.signature);
  if (signature.status === 'invalid') return { ok: false, error: { key: 'backup.error.signature', detail: signature.reason } };
  migrateTables(tables, file.schemaVersion);
  const ids = new Map<BackupTable, Set<string>>();
  for (const name of BACKUP_TABLES) {
    const seen = new Set<string>();
    ids.set(name, seen);
    for (const [i, record] of (tables[name] ?? []).entries()) {
      const problem = recordProblem(name, record);
      if (problem) return { ok: false, error: { key: 'backup.error.record', detail: `${name} n°${i + 1} (${problem})` } };
      const key = String((record as { id?: unknown; key?: unknown }).id ?? (record as { key?: unknown }).key);
      if (seen.has(key)) return { ok: false, error: { key: 'backup.error.record', detail: `${name} : identifiant en double ${key}` } };
      seen.add(key);
    }
  }
  // A backup is a snapshot: records pointing nowhere or dated ahead are kept as they
  // were (refusing would make the only copy unusable), but shown before restoring.
  const warnings: string[] = [];
  let warningCount = 0;
  const warn = (text: string) => {
    if (warnings.length < 50) warnings.push(text);
    warningCount++;
  };
  const now = Date.now();
  for (const name of BACKUP_TABLES) {
    if (name === 'settings') continue;
    const refs = REFERENCES[name as SyncTableName] ?? [];
    for (const [i, record] of (tables[name] ?? []).entries()) {
      const row = record as Record<string, unknown>;
      for (const [field, target] of refs) {
        if (!ids.get(target)?.has(String(row[field]))) warn(`${name} n°${i + 1} : référence manquante ${field} = ${String(row[field])}`);
      }
      if (name !== 'history' && (isFutureDate(row.createdAt, now) || isFutureDate(row.updatedAt, now))) warn(`${name} n°${i + 1} : date dans le futur`);
    }
  }
  const counts: Partial<Record<BackupTable, number>> = {};
  let total = 0;
  for (const name of BACKUP_TABLES) {
    counts[name] = tables[name]?.length ?? 0;
    total += counts[name] ?? 0;
  }
  return {
    ok: true,
    value: { summary: { createdAt: file.createdAt, device: file.device, appVersion: file.appVersion, schemaVersion: file.schemaVersion, counts, total, warnings, warningCount, signature }, tables },
  };
}

/** Replaces the whole database with a validated backup, in one transaction: all or nothing. */
export async function restoreBackup(db: FourmiliereDatabase, backup: ParsedBackup, onProgress: OnProgress = () => undefined, chunk = RESTORE_CHUNK): Promise<void> {
  const total = backup.summary.total;
  let done = 0;
  onProgress({ done, total });
  const tables = [...BACKUP_TABLES.map((name) => db.table(name)), db.syncClocks, db.syncState];
  await db.transaction('rw', tables, async () => {
    // The team sync's view of these records no longer holds (features/sync/reset.ts).
    await resetTeamSyncAfterRestore(db, getDeviceId());
    // Erasures made since the backup was taken hold: the register outlives the restore.
    const erased = await readErasureRegister(db);
    for (const name of BACKUP_TABLES) {
      const table = db.table(name);
      if (name === 'settings') {
        const keep = await table.where('key').anyOf([...MACHINE_SETTINGS]).toArray();
        await table.clear();
        await table.bulkPut(keep);
      } else {
        await table.clear();
      }
      const records = (backup.tables[name] ?? []) as object[];
      // In the window, each bulkPut clones its records in one task: a few hundred keep it short.
      for (let i = 0; i < records.length; i += chunk) {
        await table.bulkPut(name === 'settings' ? records.slice(i, i + chunk).filter((r) => !MACHINE_SETTINGS.has(String((r as { key: string }).key))) : records.slice(i, i + chunk));
        done += Math.min(chunk, records.length - i);
        onProgress({ done, total });
      }
    }
    const register = unionRegisters(erased, await readErasureRegister(db));
    if (register.length > 0) {
      await db.settings.put({ key: ERASURES_KEY, value: register });
      await reapplyErasures(db, register);
    }
  });
  onProgress({ done: total, total });
}

/** A canonical dump of the whole database, hashed: proves two states identical. */
export async function hashDatabase(db: FourmiliereDatabase): Promise<string> {
  const parts: string[] = [];
  for (const name of BACKUP_TABLES) {
    const rows = await db.table(name).toArray();
    const kept = name === 'settings' ? rows.filter((r: { key: string }) => !MACHINE_SETTINGS.has(r.key)) : rows;
    parts.push(`${name}:${JSON.stringify(kept)}`);
  }
  return sha256Hex(parts.join('\n'));
}

/** File name for a downloaded or automatic backup. */
export function backupName(kind: string, at = new Date()): string {
  return `${at.toISOString().replace(/:/g, '-').replace(/\..+$/, '')}_${kind}.fourmiliere-backup.json`;
}

/**
 * The in-memory registry (registry.ts) kept equal to the `animators` table: loaded from its
 * snapshot when there is a whole one, else built from the records; then brought up to date
 * from `registryLog` (the ids every write touched, db/registry-log.ts), reading only those
 * records again. The snapshot is saved again after enough changes, and the log entries it
 * includes are dropped. Used by registry.worker.ts; no DOM, so it is tested under Node.
 */
import { Dexie } from 'dexie';
import type { FourmiliereDatabase, RegistryLogRow, RegistrySnapshotRow } from '../../db/database';
import type { Animator } from '../../domain/registry';
import { Registry, SNAPSHOT_FORMAT, SnapshotError, type ListRow, type SnapshotPart } from './registry';
import { keptPages, listKey, pagesHash, type PageRequest, type StoredPage } from './registry-kept';

/** Bytes per stored row of a snapshot part: a few large values, none too large for a structured clone. */
const CHUNK_BYTES = 16 * 2 ** 20;
/** Records read per request while building from the records. */
const BUILD_CHUNK = 5000;

/** A stored part: its rows `part:<name>:<k>` (k < pieces), its length and hash. */
interface PartMeta {
  name: string;
  length: number;
  hash: number;
  pieces: number;
}
type Meta = Extract<RegistrySnapshotRow, { id: 'meta' }> & { count: number; dictSizes: Record<string, number>; parts: PartMeta[]; pages?: StoredPage[]; pagesHash?: number };

const isMeta = (row: RegistrySnapshotRow | undefined): row is Meta => row?.id === 'meta' && typeof (row as Meta).seq === 'number';
const pieceId = (name: string, k: number) => `part:${name}:${k}`;

/**
 * A 32-bit hash of bytes, a 32-bit word at a time (FNV-1a's step, then an xor-shift; both
 * invertible, so any one word altered changes it): a snapshot cut, altered in storage or
 * mixed from two saves is not read as a registry. About a quarter of a character-by-character
 * hash of the same data.
 */
export function bytesHash(bytes: ArrayBuffer): number {
  const words = new Int32Array(bytes, 0, bytes.byteLength >>> 2);
  let h = (0x811c9dc5 ^ bytes.byteLength) | 0;
  for (let i = 0; i < words.length; i++) {
    h = Math.imul(h ^ words[i]!, 0x01000193);
    h ^= h >>> 15;
  }
  const tail = new Uint8Array(bytes, words.length * 4);
  for (let i = 0; i < tail.length; i++) h = Math.imul(h ^ tail[i]!, 0x01000193);
  return h >>> 0;
}

/** A part's bytes from its stored rows, checked against its length and hash. */
function readPart(part: PartMeta, rows: Map<string, RegistrySnapshotRow | undefined>): SnapshotPart {
  const pieces: ArrayBuffer[] = [];
  for (let k = 0; k < part.pieces; k++) {
    const bytes = (rows.get(pieceId(part.name, k)) as { bytes?: unknown } | undefined)?.bytes;
    if (!(bytes instanceof ArrayBuffer)) throw new SnapshotError(`part ${part.name} missing`);
    pieces.push(bytes);
  }
  let bytes = pieces[0]!;
  if (pieces.length > 1) {
    const whole = new Uint8Array(pieces.reduce((n, p) => n + p.byteLength, 0));
    let at = 0;
    for (const p of pieces) {
      whole.set(new Uint8Array(p), at);
      at += p.byteLength;
    }
    bytes = whole.buffer;
  }
  if (bytes.byteLength !== part.length || bytesHash(bytes) !== part.hash) throw new SnapshotError(`part ${part.name} altered`);
  return { name: part.name, bytes };
}

export type LoadedFrom = 'snapshot' | 'records';
/** Where a snapshot's load went (ms): reading its rows, checking their hashes, making the columns. */
export interface LoadPhases {
  read: number;
  check: number;
  parse: number;
}

export interface LiveRegistryOptions {
  /** save the snapshot again once this many records changed since the last one */
  saveAfter?: number;
  /** told what the load did (the bench and the tests read it) */
  onLoad?: (from: LoadedFrom, ms: number, reason: string, phases?: LoadPhases) => void;
  /** the lists whose count and first rows are saved with the snapshot */
  pages?: () => PageRequest[];
  /**
   * Told, before the snapshot's columns are read, the lists it keeps the first rows of,
   * when no change came after it (they are then what the registry will answer).
   */
  onPeek?: (pages: StoredPage[]) => void;
  /** bytes per stored row of a part (tests cut parts in several rows) */
  chunkBytes?: number;
  /** never writes the snapshot (a reader beside the registry's worker: an import's dry run) */
  readOnly?: boolean;
  /**
   * a save due after a catch-up is written beside it, not awaited: catchUp() resolves once the
   * registry includes the changes (an import's dry run waits on it, not on a 24 MB snapshot write)
   */
  saveAside?: boolean;
}

export class LiveRegistry {
  private current: Registry | null = null;
  /** the last log entry this registry includes */
  private seq = 0;
  private unsaved = 0;
  /** a save written beside the catch-ups (saveAside) */
  private saving: Promise<void> | null = null;
  private running: Promise<boolean> | null = null;
  private again = false;

  constructor(
    private readonly db: FourmiliereDatabase,
    private readonly options: LiveRegistryOptions = {},
  ) {}

  get registry(): Registry | null {
    return this.current;
  }

  /** The registry, loaded (or built) at the first call, then kept current by catchUp(). */
  async open(): Promise<Registry> {
    if (!this.current) await this.catchUp();
    return this.current!;
  }

  /**
   * Reads what changed since the registry's last log entry. Resolves true when the registry
   * changed. Calls while one runs are folded into one more run after it.
   */
  catchUp(): Promise<boolean> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    const run = async (): Promise<boolean> => {
      let changed = false;
      try {
        do {
          this.again = false;
          if (await this.step()) changed = true;
        } while (this.again);
      } finally {
        this.running = null;
      }
      return changed;
    };
    return (this.running = run());
  }

  private async step(): Promise<boolean> {
    const db = this.db;
    if (!this.current) {
      await this.load();
      return true;
    }
    // One read transaction: the log entries and the records they name, as of the same moment.
    const outcome = await db.transaction('r', db.registrySnapshot, db.registryLog, db.animators, async () => {
      const meta = await db.registrySnapshot.get('meta');
      // Another window saved a newer snapshot and dropped the log entries it includes: read it.
      if (isMeta(meta) && meta.seq > this.seq) return 'reload' as const;
      const entries = await db.registryLog.where('seq').above(this.seq).toArray();
      if (entries.length === 0) return null;
      // A clear (a backup restored): every record read again.
      if (entries.some((e) => e.ids === null)) return 'rebuild' as const;
      const ids = [...new Set(entries.flatMap((e) => e.ids!))];
      return { seq: entries[entries.length - 1]!.seq!, ids, rows: await db.animators.bulkGet(ids) };
    });
    if (outcome === null) return false;
    if (outcome === 'reload') {
      await this.load();
      return true;
    }
    if (outcome === 'rebuild') {
      const started = performance.now();
      await this.build();
      this.options.onLoad?.('records', performance.now() - started, 'cleared');
      return true;
    }
    const registry = this.current;
    outcome.rows.forEach((row, i) => (row ? registry.upsert(row) : registry.remove(outcome.ids[i]!)));
    this.seq = outcome.seq;
    this.unsaved += outcome.ids.length;
    if (this.unsaved >= (this.options.saveAfter ?? 2000)) {
      if (!this.options.saveAside) await this.save();
      // One at a time; a failed one leaves the log as it is, for the next.
      else this.saving ??= this.save().then(
        () => void (this.saving = null),
        () => void (this.saving = null),
      );
    }
    return true;
  }

  /** From the snapshot when it is whole and of this format, else from the records (and saved). */
  private async load(): Promise<void> {
    const started = performance.now();
    const db = this.db;
    let reason = 'missing';
    const found = await db.transaction('r', db.registrySnapshot, db.registryLog, async () => {
      const meta = await db.registrySnapshot.get('meta');
      if (!isMeta(meta)) return null;
      if (meta.format !== SNAPSHOT_FORMAT) {
        reason = `format ${meta.format}`;
        return null;
      }
      const { onPeek } = this.options;
      const pages = onPeek ? keptPages(meta) : null;
      // Told outside this transaction: what it does next (a message to the window) is not part of this read.
      if (onPeek && pages && (await db.registryLog.where('seq').above(meta.seq).count()) === 0) Dexie.ignoreTransaction(() => onPeek(pages));
      const ids = Array.isArray(meta.parts) ? meta.parts.flatMap((p) => Array.from({ length: Number.isInteger(p?.pieces) ? p.pieces : 0 }, (_, k) => pieceId(p.name, k))) : [];
      const rows = await db.registrySnapshot.bulkGet(ids);
      return { meta, rows: new Map(ids.map((id, i) => [id, rows[i]])) };
    });
    if (found) {
      try {
        const read = performance.now();
        const { meta } = found;
        if (!Array.isArray(meta.parts) || meta.parts.length === 0) throw new SnapshotError('no parts');
        const parts = meta.parts.map((p) => readPart(p, found.rows));
        const checked = performance.now();
        this.current = Registry.fromSnapshot({ format: meta.format, count: meta.count, dictSizes: meta.dictSizes, parts });
        this.seq = meta.seq;
        this.unsaved = 0;
        this.keptKeys = Array.isArray(meta.pages) ? meta.pages.map((p) => p.key).join('\n') : '';
        const done = performance.now();
        this.options.onLoad?.('snapshot', done - started, 'whole', { read: read - started, check: checked - read, parse: done - checked });
        // What changed since it was saved.
        await this.step();
        return;
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
    }
    await this.build();
    this.options.onLoad?.('records', performance.now() - started, reason);
  }

  /** Every record read, in primary-key order, a chunk at a time; then the changes made meanwhile. */
  private async build(): Promise<void> {
    const db = this.db;
    // Where the log stands now: its last entry, or (when emptied by the last save) the snapshot's, unreadable as it may be.
    const startSeq = await db.transaction('r', db.registryLog, db.registrySnapshot, async () => {
      const [last, meta] = await Promise.all([db.registryLog.orderBy('seq').last(), db.registrySnapshot.get('meta')]);
      return Math.max(last?.seq ?? 0, isMeta(meta) ? meta.seq : 0);
    });
    const registry = new Registry();
    let after: string | null = null;
    for (;;) {
      const rows: Animator[] = await (after === null ? db.animators.orderBy(':id') : db.animators.where(':id').above(after)).limit(BUILD_CHUNK).toArray();
      for (const r of rows) registry.upsert(r);
      if (rows.length < BUILD_CHUNK) break;
      after = rows[rows.length - 1]!.id;
    }
    registry.changes = 0;
    this.current = registry;
    this.seq = startSeq;
    // Written meanwhile: read again (a clear meanwhile builds again).
    await this.step();
    // The stored one was missing or unreadable: replaced even if it says it is as new.
    await this.save(true);
  }

  /** The save written beside the catch-ups, if one is under way (saveAside). */
  saved(): Promise<void> {
    return this.saving ?? Promise.resolve();
  }

  /** Writes the snapshot of the registry as it is (its log entry included) and drops the log entries it includes. */
  async save(replace = false): Promise<void> {
    const registry = this.current;
    if (!registry || this.options.readOnly) return;
    const seq = this.seq;
    const snapshot = registry.toSnapshot();
    const rows: RegistrySnapshotRow[] = [];
    const parts: PartMeta[] = [];
    for (const { name, bytes } of snapshot.parts) {
      const chunk = this.options.chunkBytes ?? CHUNK_BYTES;
      const pieces = Math.max(1, Math.ceil(bytes.byteLength / chunk));
      for (let k = 0; k < pieces; k++) rows.push({ id: pieceId(name, k), bytes: pieces === 1 ? bytes : bytes.slice(k * chunk, (k + 1) * chunk) });
      parts.push({ name, length: bytes.byteLength, hash: bytesHash(bytes), pieces });
    }
    const pages = this.pagesOf(registry);
    const meta: Meta = { id: 'meta', format: SNAPSHOT_FORMAT, seq, savedAt: new Date().toISOString(), count: snapshot.count, dictSizes: snapshot.dictSizes, parts, pages, pagesHash: pagesHash(pages) };
    const db = this.db;
    await db.transaction('rw', db.registrySnapshot, db.registryLog, async () => {
      const stored = await db.registrySnapshot.get('meta');
      // Another window saved one as new or newer: keep it.
      if (!replace && isMeta(stored) && stored.seq >= seq && stored.format === SNAPSHOT_FORMAT) return;
      await db.registrySnapshot.clear();
      await db.registrySnapshot.bulkPut([...rows, meta]);
      // The log entries this snapshot includes (bookkeeping of the registry, not records).
      await db.registryLog.bulkDelete(await db.registryLog.where('seq').belowOrEqual(seq).primaryKeys());
    });
    this.unsaved = 0;
    this.keptKeys = pages.map((p) => p.key).join('\n');
  }

  /** the lists whose first rows the stored snapshot keeps */
  private keptKeys = '';

  private pagesOf(registry: Registry): StoredPage[] {
    return (this.options.pages?.() ?? []).map(({ filter, sort, first }): StoredPage => {
      const ordinals = registry.query(filter, sort);
      const rows: ListRow[] = [];
      for (let i = 0; i < Math.min(first, ordinals.length); i++) rows.push(registry.rowAt(ordinals[i]!)!);
      return { key: listKey(filter, sort), total: ordinals.length, rows };
    });
  }

  /**
   * Keeps with the stored snapshot the first rows of the lists asked now, when they are not
   * the ones it keeps and the registry is still the snapshot's (nothing changed since): the
   * next start then shows them at once. Only the meta row is written.
   */
  async keepPages(): Promise<void> {
    const registry = this.current;
    if (!registry || this.options.readOnly || !this.options.pages) return;
    const keys = this.options.pages().map((p) => listKey(p.filter, p.sort)).join('\n');
    if (keys === this.keptKeys) return;
    const pages = this.pagesOf(registry);
    const seq = this.seq;
    const db = this.db;
    const kept = await db.transaction('rw', db.registrySnapshot, async () => {
      const meta = await db.registrySnapshot.get('meta');
      if (!isMeta(meta) || meta.format !== SNAPSHOT_FORMAT || meta.seq !== seq) return false;
      await db.registrySnapshot.put({ ...meta, pages, pagesHash: pagesHash(pages) });
      return true;
    });
    if (kept) this.keptKeys = keys;
  }
}

export type { RegistryLogRow, PageRequest, StoredPage };
export { listKey };

/**
 * The in-memory registry (registry.ts) kept equal to the `animators` table: loaded from its
 * snapshot when there is a whole one, else built from the records; then brought up to date
 * from `registryLog` (the ids every write touched, db/registry-log.ts), reading only those
 * records again. The snapshot is saved again after enough changes, and the log entries it
 * includes are dropped. Used by registry.worker.ts; no DOM, so it is tested under Node.
 */
import type { FourmiliereDatabase, RegistryLogRow, RegistrySnapshotRow } from '../../db/database';
import type { Animator } from '../../domain/registry';
import { Registry, SNAPSHOT_FORMAT, SnapshotError } from './registry';

/** Characters per stored chunk of the snapshot text: a few large values, none too large for a structured clone. */
const CHUNK_CHARS = 8_000_000;
/** Records read per request while building from the records. */
const BUILD_CHUNK = 5000;

type Meta = Extract<RegistrySnapshotRow, { id: 'meta' }>;
const isMeta = (row: RegistrySnapshotRow | undefined): row is Meta => row?.id === 'meta' && typeof (row as Meta).seq === 'number';

/** FNV-1a of a text: a snapshot cut or altered in storage is not read as a registry. */
export function textHash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export type LoadedFrom = 'snapshot' | 'records';

export interface LiveRegistryOptions {
  /** save the snapshot again once this many records changed since the last one */
  saveAfter?: number;
  /** told what the load did (the bench and the tests read it) */
  onLoad?: (from: LoadedFrom, ms: number, reason: string) => void;
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
      const chunks = await db.registrySnapshot.bulkGet(Array.from({ length: meta.chunks }, (_, i) => `chunk:${i}`));
      return { meta, chunks };
    });
    if (found) {
      try {
        const text = found.chunks.map((c) => {
          if (!c || typeof (c as { text?: unknown }).text !== 'string') throw new SnapshotError('chunk missing');
          return (c as { text: string }).text;
        });
        const joined = text.join('');
        if (joined.length !== found.meta.length || textHash(joined) !== found.meta.hash) throw new SnapshotError('altered');
        this.current = Registry.fromSnapshot(joined);
        this.seq = found.meta.seq;
        this.unsaved = 0;
        this.options.onLoad?.('snapshot', performance.now() - started, 'whole');
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
    const text = registry.toSnapshot();
    const chunks: RegistrySnapshotRow[] = [];
    for (let i = 0; i * CHUNK_CHARS < text.length || i === 0; i++) chunks.push({ id: `chunk:${i}`, text: text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS) });
    const meta: Meta = { id: 'meta', format: SNAPSHOT_FORMAT, seq, chunks: chunks.length, length: text.length, hash: textHash(text), savedAt: new Date().toISOString() };
    const db = this.db;
    await db.transaction('rw', db.registrySnapshot, db.registryLog, async () => {
      const stored = await db.registrySnapshot.get('meta');
      // Another window saved one as new or newer: keep it.
      if (!replace && isMeta(stored) && stored.seq >= seq && stored.format === SNAPSHOT_FORMAT) return;
      await db.registrySnapshot.clear();
      await db.registrySnapshot.bulkPut([...chunks, meta]);
      // The log entries this snapshot includes (bookkeeping of the registry, not records).
      await db.registryLog.bulkDelete(await db.registryLog.where('seq').belowOrEqual(seq).primaryKeys());
    });
    this.unsaved = 0;
  }
}

export type { RegistryLogRow };

/**
 * What the registry list needs beyond its first page, kept off the main thread: the
 * ordered ids of every matching record (100,000 ids cost the thread that reads them
 * seconds on a modest laptop), the count, and blocks of rows by position. Used by
 * list.worker.ts; pure so it is tested under Node.
 */
import { Dexie, liveQuery, type ObservabilitySet, type Subscription } from 'dexie';
import type { FourmiliereDatabase } from '../../db/database';
import type { Animator } from '../../domain/registry';
import { queryAnimatorKeys, StaleRead, type AnimatorFilter, type AnimatorSort } from './query';

export type ListIn =
  | { type: 'query'; dbName: string; seq: number; filter: AnimatorFilter; sort: AnimatorSort }
  | { type: 'rows'; seq: number; version: number; from: number; to: number }
  | { type: 'keys'; seq: number; request: number }
  /** a newer search exists: stop reading for older ones now */
  | { type: 'forget'; seq: number };
export type ListOut =
  | { type: 'result'; seq: number; version: number; total: number }
  | { type: 'rows'; seq: number; version: number; from: number; rows: (Animator | null)[] }
  | { type: 'keys'; seq: number; request: number; keys: string[] }
  | { type: 'error'; seq: number; message: string };

const RECENT = 4;
const cacheKeyOf = (filter: AnimatorFilter, sort: AnimatorSort) => JSON.stringify([filter, sort]);

export class ListEngine {
  private seq = -1;
  private version = 0;
  private keys: string[] = [];
  private subscription: Subscription | null = null;

  constructor(
    private readonly db: FourmiliereDatabase,
    private readonly post: (message: ListOut) => void,
  ) {
    Dexie.on('storagemutated', this.forget);
  }

  /**
   * Recent answers while the table is unchanged: going back to a search (clearing the
   * field, say) answers at once instead of reading every id again, which would also make
   * the next first page wait behind it in the database.
   */
  private readonly recent = new Map<string, string[]>();
  private current: { seq: number; filter: AnimatorFilter; sort: AnimatorSort; live: boolean } | null = null;
  private readonly forget = (parts: ObservabilitySet) => {
    if (!parts.all && !Object.keys(parts).some((key) => key.startsWith(`idb://${this.db.name}/animators/`))) return;
    this.recent.clear();
    // An answer taken from the cache is not watched: watch it now (it reads and answers again).
    const c = this.current;
    if (c && !c.live) this.watch(c.seq, c.filter, c.sort);
  };

  /** Answers a new search, then again each time the table changes (a new version). */
  query(seq: number, filter: AnimatorFilter, sort: AnimatorSort): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.seq = seq;
    const known = this.recent.get(cacheKeyOf(filter, sort));
    if (known) {
      this.current = { seq, filter, sort, live: false };
      this.answer(seq, known);
      return;
    }
    this.watch(seq, filter, sort);
  }

  private answer(seq: number, keys: string[]): void {
    this.keys = keys;
    this.version++;
    this.post({ type: 'result', seq, version: this.version, total: keys.length });
  }

  private watch(seq: number, filter: AnimatorFilter, sort: AnimatorSort): void {
    this.subscription?.unsubscribe();
    this.current = { seq, filter, sort, live: true };
    const cacheKey = cacheKeyOf(filter, sort);
    // A newer search makes this read stale: it stops at its next chunk instead of holding the database.
    const stale = () => seq !== this.seq;
    this.subscription = liveQuery(() => queryAnimatorKeys(this.db, filter, sort, stale)).subscribe({
      next: (keys) => {
        if (seq !== this.seq) return;
        this.recent.delete(cacheKey);
        this.recent.set(cacheKey, keys);
        while (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
        this.answer(seq, keys);
      },
      error: (error: unknown) => {
        if (error instanceof StaleRead || stale()) return;
        this.post({ type: 'error', seq, message: error instanceof Error ? error.message : String(error) });
      },
    });
  }

  /** Rows at positions from..to-1 of the current answer (null where a record vanished meanwhile). */
  async rows(seq: number, version: number, from: number, to: number): Promise<void> {
    if (seq !== this.seq || version !== this.version) return;
    const rows = await this.db.animators.bulkGet(this.keys.slice(from, to));
    if (seq !== this.seq || version !== this.version) return;
    this.post({ type: 'rows', seq, version, from, rows: rows.map((r) => r ?? null) });
  }

  keysOf(seq: number, request: number): void {
    this.post({ type: 'keys', seq, request, keys: seq === this.seq ? this.keys : [] });
  }

  /** Stops answering (and reading for) searches older than seq. */
  forgetBefore(seq: number): void {
    if (seq <= this.seq) return;
    this.seq = seq;
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.current = null;
  }

  handle(message: ListIn): void {
    if (message.type === 'query') this.query(message.seq, message.filter, message.sort);
    else if (message.type === 'rows') void this.rows(message.seq, message.version, message.from, message.to);
    else if (message.type === 'forget') this.forgetBefore(message.seq);
    else this.keysOf(message.seq, message.request);
  }

  stop(): void {
    this.subscription?.unsubscribe();
    Dexie.on('storagemutated').unsubscribe(this.forget);
  }
}

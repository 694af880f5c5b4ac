/**
 * What the registry list needs beyond its first page, kept off the main thread: the
 * ordered ids of every matching record (100,000 ids cost the thread that reads them
 * seconds on a modest laptop), the count, and blocks of rows by position. Used by
 * list.worker.ts; pure so it is tested under Node.
 */
import { liveQuery, type Subscription } from 'dexie';
import type { FourmiliereDatabase } from '../../db/database';
import type { Animator } from '../../domain/registry';
import { queryAnimatorKeys, type AnimatorFilter, type AnimatorSort } from './query';

export type ListIn =
  | { type: 'query'; dbName: string; seq: number; filter: AnimatorFilter; sort: AnimatorSort }
  | { type: 'rows'; seq: number; version: number; from: number; to: number }
  | { type: 'keys'; seq: number; request: number };
export type ListOut =
  | { type: 'result'; seq: number; version: number; total: number }
  | { type: 'rows'; seq: number; version: number; from: number; rows: (Animator | null)[] }
  | { type: 'keys'; seq: number; request: number; keys: string[] }
  | { type: 'error'; seq: number; message: string };

export class ListEngine {
  private seq = -1;
  private version = 0;
  private keys: string[] = [];
  private subscription: Subscription | null = null;

  constructor(
    private readonly db: FourmiliereDatabase,
    private readonly post: (message: ListOut) => void,
  ) {}

  /** Answers a new search, then again each time the table changes (a new version). */
  query(seq: number, filter: AnimatorFilter, sort: AnimatorSort): void {
    this.subscription?.unsubscribe();
    this.seq = seq;
    this.subscription = liveQuery(() => queryAnimatorKeys(this.db, filter, sort)).subscribe({
      next: (keys) => {
        if (seq !== this.seq) return;
        this.keys = keys;
        this.version++;
        this.post({ type: 'result', seq, version: this.version, total: keys.length });
      },
      error: (error: unknown) => this.post({ type: 'error', seq, message: error instanceof Error ? error.message : String(error) }),
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

  handle(message: ListIn): void {
    if (message.type === 'query') this.query(message.seq, message.filter, message.sort);
    else if (message.type === 'rows') void this.rows(message.seq, message.version, message.from, message.to);
    else this.keysOf(message.seq, message.request);
  }

  stop(): void {
    this.subscription?.unsubscribe();
  }
}

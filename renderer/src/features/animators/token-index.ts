/**
 * The registry's search words held in memory by the list's worker, so that typing a name
 * finds its matches without asking IndexedDB: at 100,000 people, the ids of a common
 * surname's ~2,000-4,600 index entries take that database 45-100 ms to hand over, most of
 * the 150 ms a keystroke may take before its rows are painted. Here the same answer takes
 * a few milliseconds.
 *
 * Built by reading every record once (~6 s at 100,000, in chunks so that other reads get
 * their turn), then kept current from Dexie's change events: a change naming its records
 * (an edit, a deletion) is read again; one covering a range (a clear, a bulk write of 50
 * or more records) builds it again. Until it is current, `ready` is null and callers ask
 * IndexedDB as before. Pure, so it is tested under Node.
 */
import { cmp, RangeSet, type IntervalTree, type ObservabilitySet } from 'dexie';
import type { FourmiliereDatabase } from '../../db/database';
import type { Animator } from '../../domain/registry';

/** Lowest i with sorted[i] >= word. */
function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const hasAll = (tokens: readonly string[], words: readonly string[]) => words.every((w) => tokens.some((t) => t.startsWith(w)));

/** What the index keeps of a record. */
export interface IndexedRecord {
  id: string;
  tokens: readonly string[];
  /** the list's default order */
  sortName: string;
  /** not in the bin */
  live: boolean;
}
export const indexedRecord = (a: Animator): IndexedRecord => ({ id: a.id, tokens: a.tokens, sortName: a.sortName, live: a.deletedAt === null });

/** (sortName, id) by code unit: the order of the `sortName` index, ties by primary key. */
const byName = (a: { name: string; id: string }, b: { name: string; id: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class TokenIndex {
  /** records changed since the build, as they are now (null: no longer stored) */
  private readonly changed = new Map<string, IndexedRecord | null>();

  private constructor(
    /** ordinal → id */
    private readonly ids: readonly string[],
    /** ordinal → sortName */
    private readonly names: readonly string[],
    /** ordinal → 1 when not in the bin */
    private readonly live: Uint8Array,
    /** every distinct token, sorted by code unit (as IndexedDB orders strings) */
    private readonly tokens: readonly string[],
    /** the ordinals of the records holding each token */
    private readonly postings: readonly Int32Array[],
  ) {}

  static fromRecords(records: readonly IndexedRecord[]): TokenIndex {
    const byToken = new Map<string, number[]>();
    const live = new Uint8Array(records.length);
    records.forEach((r, ordinal) => {
      if (r.live) live[ordinal] = 1;
      for (const token of r.tokens) {
        const list = byToken.get(token);
        if (list) list.push(ordinal);
        else byToken.set(token, [ordinal]);
      }
    });
    const tokens = [...byToken.keys()].sort();
    return new TokenIndex(
      records.map((r) => r.id),
      records.map((r) => r.sortName),
      live,
      tokens,
      tokens.map((t) => Int32Array.from(byToken.get(t)!)),
    );
  }

  /** A record changed after the build: as it is now, or null when it is gone. */
  update(id: string, record: IndexedRecord | null): void {
    this.changed.set(id, record);
  }

  /** how many records changed since the build */
  get changes(): number {
    return this.changed.size;
  }

  /** Ordinals having, for every word, a token starting with it (as the `tokens` index's startsWith does). */
  private hits(words: readonly string[]): Uint8Array {
    const n = this.ids.length;
    let hits: Uint8Array | null = null;
    for (const word of words) {
      const mark = new Uint8Array(n);
      for (let i = lowerBound(this.tokens, word); i < this.tokens.length && this.tokens[i]!.startsWith(word); i++) {
        for (const ordinal of this.postings[i]!) mark[ordinal] = 1;
      }
      if (hits) for (let o = 0; o < n; o++) hits[o]! &= mark[o]!;
      else hits = mark;
    }
    return hits ?? new Uint8Array(n);
  }

  /** Visits each record matching every word once: its id, name and whether it is live. */
  private visit(words: readonly string[], see: (id: string, name: string, live: boolean) => void): void {
    const hits = this.hits(words);
    const changed = this.changed;
    for (let o = 0; o < hits.length; o++) {
      if (hits[o] && (changed.size === 0 || !changed.has(this.ids[o]!))) see(this.ids[o]!, this.names[o]!, this.live[o] === 1);
    }
    for (const r of changed.values()) if (r && hasAll(r.tokens, words)) see(r.id, r.sortName, r.live);
  }

  /** Ids of the records matching every word, the bin included, in no particular order. */
  matching(words: readonly string[]): string[] {
    const out: string[] = [];
    this.visit(words, (id) => out.push(id));
    return out;
  }

  /**
   * Ids of the live records matching every word in the list's default order (as
   * queryAnimatorKeys orders them by name), or null when more than `max` match: sorting
   * them would cost more than ordering them by the list the worker keeps.
   */
  inNameOrder(words: readonly string[], dir: 'asc' | 'desc', max: number): string[] | null {
    const found: { name: string; id: string }[] = [];
    let over = false;
    this.visit(words, (id, name, live) => {
      if (live && !over) over = found.push({ name, id }) > max;
    });
    if (over) return null;
    const ids = found.sort(byName).map((f) => f.id);
    return dir === 'desc' ? ids.reverse() : ids;
  }
}

/**
 * The primary keys of `table` a change touched: a list when it names them, 'all' when it
 * covers a range, null when it left the table alone.
 */
export function changedKeys(parts: ObservabilitySet, dbName: string, table: string): string[] | 'all' | null {
  if ((parts as { all?: boolean }).all) return 'all';
  const prefix = `idb://${dbName}/${table}/`;
  const primary = parts[prefix] as IntervalTree | undefined;
  if (!primary) return Object.keys(parts).some((k) => k.startsWith(prefix)) ? 'all' : null;
  const keys: string[] = [];
  // Across windows the set arrives as a plain tree: RangeSet() gives it back its iterator.
  for (const node of RangeSet(primary) as unknown as Iterable<{ from: unknown; to: unknown }>) {
    if (typeof node.from !== 'string' || cmp(node.from, node.to) !== 0) return 'all';
    keys.push(node.from);
  }
  return keys;
}

/** Records read per request while building: about 30 ms of the database and of this thread each. */
const BUILD_CHUNK = 500;
/**
 * After each chunk, a pause of this share of the time it took: decoding records keeps a
 * core busy, and a two-core laptop also needs one for the window and one for the database.
 */
const BUILD_PAUSE = 0.25;
/** Past this many changed records, building again beats checking each of them per search. */
const MAX_CHANGES = 5000;

/** A TokenIndex of the animators table, built on demand and kept current. */
export class LiveTokenIndex {
  private index: TokenIndex | null = null;
  private readonly pending = new Set<string>();
  private rebuild = false;
  private running = false;
  private started = false;
  private stopped = false;

  /** no chunk is read before this time (performance.now()) */
  private holdUntil = 0;

  constructor(
    private readonly db: FourmiliereDatabase,
    private readonly chunk = BUILD_CHUNK,
    private readonly pause = BUILD_PAUSE,
  ) {}

  /**
   * Reading waits for ms from now: the window is scrolling, or the last chunk's rest.
   * Decoding records keeps a core busy, and on a two-core laptop reading on made the window
   * drop frames (67-133 ms) while the list was scrolled at 100,000 people.
   */
  hold(ms: number): void {
    this.holdUntil = Math.max(this.holdUntil, performance.now() + ms);
  }

  /** The index, when it is built and knows every change it has heard of; else null. */
  get ready(): TokenIndex | null {
    return this.running || this.rebuild || this.pending.size > 0 ? null : this.index;
  }

  /** Starts building (once). */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.run();
  }

  /** The table changed: `keys` from changedKeys. */
  changed(keys: string[] | 'all'): void {
    if (this.stopped) return;
    if (keys === 'all') this.rebuild = true;
    else for (const k of keys) this.pending.add(k);
    if (this.started) void this.run();
  }

  /** Stops reading (a build in progress ends at its next chunk) and forgets the index. */
  stop(): void {
    this.stopped = true;
    this.index = null;
  }

  /** Resolves when the index is current (tests). */
  async settled(): Promise<TokenIndex | null> {
    while (this.running) await new Promise((r) => setTimeout(r, 5));
    return this.ready;
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (!this.stopped && (this.index === null || this.rebuild || this.pending.size > 0)) {
        if (this.index === null || this.rebuild || this.index.changes + this.pending.size > MAX_CHANGES) {
          this.rebuild = false;
          // A full read sees them; changes heard during it are read again after it.
          this.pending.clear();
          this.index = null;
          const built = await this.build();
          if (!this.stopped) this.index = built;
        } else {
          const keys = [...this.pending];
          this.pending.clear();
          const rows = await this.db.animators.bulkGet(keys);
          rows.forEach((row, i) => this.index!.update(keys[i]!, row ? indexedRecord(row) : null));
        }
      }
    } catch {
      // The database is closing or failing: callers ask it directly; the next change tries again.
      this.index = null;
    } finally {
      this.running = false;
    }
  }

  /** Every record's tokens, read in primary-key order a chunk at a time; null if a range changed meanwhile. */
  private async build(): Promise<TokenIndex | null> {
    const t = this.db.animators;
    const records: IndexedRecord[] = [];
    let last: string | null = null;
    for (;;) {
      for (let wait = this.holdUntil - performance.now(); wait > 0; wait = this.holdUntil - performance.now()) await new Promise((resolve) => setTimeout(resolve, wait));
      if (this.rebuild || this.stopped) return null;
      const started = performance.now();
      const rows: Animator[] = await (last === null ? t.orderBy(':id') : t.where(':id').above(last)).limit(this.chunk).toArray();
      for (const r of rows) records.push(indexedRecord(r));
      if (rows.length < this.chunk) return TokenIndex.fromRecords(records);
      last = rows[rows.length - 1]!.id;
      this.hold((performance.now() - started) * this.pause);
    }
  }
}

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

export class TokenIndex {
  /** the current tokens of records changed since the build (null: no longer stored) */
  private readonly changed = new Map<string, readonly string[] | null>();

  private constructor(
    /** ordinal → id */
    private readonly ids: readonly string[],
    /** every distinct token, sorted by code unit (as IndexedDB orders strings) */
    private readonly tokens: readonly string[],
    /** the ordinals of the records holding each token */
    private readonly postings: readonly Int32Array[],
  ) {}

  static fromEntries(entries: Iterable<readonly [string, readonly string[]]>): TokenIndex {
    const ids: string[] = [];
    const byToken = new Map<string, number[]>();
    for (const [id, tokens] of entries) {
      const ordinal = ids.push(id) - 1;
      for (const token of tokens) {
        const list = byToken.get(token);
        if (list) list.push(ordinal);
        else byToken.set(token, [ordinal]);
      }
    }
    const tokens = [...byToken.keys()].sort();
    return new TokenIndex(
      ids,
      tokens,
      tokens.map((t) => Int32Array.from(byToken.get(t)!)),
    );
  }

  /** A record changed after the build: its current tokens, or null when it is gone. */
  update(id: string, tokens: readonly string[] | null): void {
    this.changed.set(id, tokens);
  }

  /** how many records changed since the build */
  get changes(): number {
    return this.changed.size;
  }

  /**
   * Ids of the records that have, for every word, a token starting with it (as the
   * `tokens` index's startsWith does), in no particular order, each once.
   */
  matching(words: readonly string[]): string[] {
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
    const out: string[] = [];
    if (!hits) return out;
    const changed = this.changed;
    for (let o = 0; o < n; o++) if (hits[o] && (changed.size === 0 || !changed.has(this.ids[o]!))) out.push(this.ids[o]!);
    for (const [id, tokens] of changed) if (tokens && hasAll(tokens, words)) out.push(id);
    return out;
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

/** Records read per request while building: about 60 ms of the database each at 100,000. */
const BUILD_CHUNK = 1000;
/** Past this many changed records, building again beats checking each of them per search. */
const MAX_CHANGES = 5000;

/** A TokenIndex of the animators table, built on demand and kept current. */
export class LiveTokenIndex {
  private index: TokenIndex | null = null;
  private pending = new Set<string>();
  private rebuild = false;
  private running = false;
  private started = false;
  private stopped = false;

  constructor(
    private readonly db: FourmiliereDatabase,
    private readonly chunk = BUILD_CHUNK,
  ) {}

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
          rows.forEach((row, i) => this.index!.update(keys[i]!, row ? row.tokens : null));
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
    const entries: [string, string[]][] = [];
    let last: string | null = null;
    for (;;) {
      if (this.rebuild || this.stopped) return null;
      const rows: Animator[] = await (last === null ? t.orderBy(':id') : t.where(':id').above(last)).limit(this.chunk).toArray();
      for (const r of rows) entries.push([r.id, r.tokens]);
      if (rows.length < this.chunk) return TokenIndex.fromEntries(entries);
      last = rows[rows.length - 1]!.id;
    }
  }
}

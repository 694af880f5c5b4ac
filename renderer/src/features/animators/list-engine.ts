/**
 * What the registry list needs beyond its first page, kept off the main thread: the
 * ordered ids of every matching record (100,000 ids cost the thread that reads them
 * seconds on a modest laptop), the count, and blocks of rows by position. Used by
 * list.worker.ts; pure so it is tested under Node.
 */
import { Dexie, liveQuery, type ObservabilitySet, type Subscription } from 'dexie';
import { changedKeys, LiveTokenIndex } from './token-index';
import type { FourmiliereDatabase } from '../../db/database';
import type { Animator } from '../../domain/registry';
import { searchTokens } from '../../db/records';
import { emptyFilter, matchesFilter, narrowedBy, queryAnimatorKeys, StaleRead, type AnimatorFilter, type AnimatorSort } from './query';
import { errorMessage } from '../../ui/errors';

export type ListIn =
  | { type: 'query'; dbName: string; seq: number; filter: AnimatorFilter; sort: AnimatorSort }
  | { type: 'rows'; seq: number; version: number; from: number; to: number }
  | { type: 'keys'; seq: number; request: number }
  /** a newer search exists: stop reading for older ones now */
  | { type: 'forget'; seq: number }
  /** the list is being scrolled: reading in the background waits a moment */
  | { type: 'busy' }
  /** the first rows of a search, if the words held here or the whole list's order can say (else rows: null) */
  | { type: 'first'; dbName: string; request: number; filter: AnimatorFilter; sort: AnimatorSort; limit: number };
export type ListOut =
  | { type: 'result'; seq: number; version: number; total: number }
  | { type: 'rows'; seq: number; version: number; from: number; rows: (Animator | null)[] }
  | { type: 'keys'; seq: number; request: number; keys: string[] }
  | { type: 'first'; request: number; rows: Animator[] | null }
  | { type: 'error'; seq: number; message: string };

const RECENT = 4;
/** How long reading the search words waits after the list said it is scrolling. */
const BUSY_HOLD_MS = 400;
/** Up to this many matches of typed words are sorted by name in memory (~20 ms); more are ordered by the base. */
const SORT_BY_NAME = 20_000;
const cacheKeyOf = (filter: AnimatorFilter, sort: AnimatorSort) => JSON.stringify([filter, sort]);
const sortKeyOf = (sort: AnimatorSort) => `${sort.field} ${sort.dir}`;
const unfiltered = (filter: AnimatorFilter) => JSON.stringify(filter) === JSON.stringify(emptyFilter);

/** The whole list (nothing filtered) in one order: its ids and their positions. */
interface Base {
  sortKey: string;
  keys: string[];
  position: Map<string, number>;
  /** read since the table last changed */
  fresh: boolean;
}

export class ListEngine {
  private seq = -1;
  private version = 0;
  private keys: string[] = [];
  private subscription: Subscription | null = null;
  /**
   * The unfiltered list in the order last asked, kept live and never dropped for a newer
   * search: it answers the empty search, and orders the first page of a typed one
   * without reading the records (firstPage).
   */
  private base: Base | null = null;
  private baseSubscription: Subscription | null = null;

  constructor(
    private readonly db: FourmiliereDatabase,
    private readonly post: (message: ListOut) => void,
    /** every record's search words, read at the first typed search: typed words are matched there */
    private readonly tokens = new LiveTokenIndex(db),
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
    const keys = changedKeys(parts, this.db.name, 'animators');
    if (keys === null) return;
    this.tokens.changed(keys);
    this.recent.clear();
    // Until its live query reads it again, the base may miss new people or place renamed ones wrongly.
    if (this.base) this.base.fresh = false;
    // An answer taken from the cache is not watched: watch it now (it reads and answers again).
    const c = this.current;
    if (c && !c.live) this.watch(c.seq, c.filter, c.sort);
  };

  /** Answers a new search, then again each time the table changes (a new version). */
  query(seq: number, filter: AnimatorFilter, sort: AnimatorSort): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.seq = seq;
    if (unfiltered(filter)) {
      this.current = { seq, filter, sort, live: true };
      this.watchBase(sort);
      if (this.base?.fresh) this.answer(seq, this.base.keys);
      return;
    }
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
        this.post({ type: 'error', seq, message: errorMessage(error) });
      },
    });
  }

  /** Keeps the unfiltered list in this order read and live; answers the current search with it when that is unfiltered. */
  private watchBase(sort: AnimatorSort): void {
    const sortKey = sortKeyOf(sort);
    if (this.base?.sortKey === sortKey) return;
    this.baseSubscription?.unsubscribe();
    const base: Base = { sortKey, keys: [], position: new Map(), fresh: false };
    this.base = base;
    const replaced = () => this.base !== base;
    this.baseSubscription = liveQuery(() => queryAnimatorKeys(this.db, emptyFilter, sort, replaced)).subscribe({
      next: (keys) => {
        if (replaced()) return;
        base.keys = keys;
        base.position = new Map(keys.map((k, i) => [k, i]));
        base.fresh = true;
        const c = this.current;
        if (c && c.seq === this.seq && unfiltered(c.filter) && sortKeyOf(c.sort) === sortKey) this.answer(c.seq, keys);
      },
      error: (error: unknown) => {
        const c = this.current;
        if (error instanceof StaleRead || replaced() || !c || !unfiltered(c.filter)) return;
        this.post({ type: 'error', seq: c.seq, message: errorMessage(error) });
      },
    });
  }

  /**
   * The first rows of a narrowed search (a typed word, a department…) without reading
   * every match, only the first ones. In the name order, typed words are matched and
   * sorted by the words held in memory. Otherwise the matching ids come from those words
   * (or one index, keys only) and the base gives their order. Answers null when neither
   * can say (another order before the base is read, the bin, a change not read yet): the
   * window reads them itself.
   */
  async firstPage(request: number, filter: AnimatorFilter, sort: AnimatorSort, limit: number): Promise<void> {
    const words = searchTokens(filter.text);
    // Read once someone searches by name (reading keeps a core busy for seconds at national size);
    // typed words then need nothing else in the name order.
    if (words.length > 0) this.tokens.start();
    const index = words.length > 0 && !filter.deleted ? this.tokens.ready : null;
    // The default order: the words held in memory give the matches and their names.
    const named = index && sort.field === 'sortName' ? index.inNameOrder(words, sort.dir, SORT_BY_NAME) : null;
    if (named) return this.post({ type: 'first', request, rows: await this.firstMatching(named, filter, words, limit) });
    const base = this.base;
    const matching = narrowedBy(this.db, filter, words);
    if (!base?.fresh || base.sortKey !== sortKeyOf(sort) || filter.deleted || matching === null) return this.post({ type: 'first', request, rows: null });
    const ids = index ? index.matching(words) : ((await matching.primaryKeys()) as string[]);
    if (!base.fresh || this.base !== base) return this.post({ type: 'first', request, rows: null });
    const { keys, position } = base;
    // Their places in the whole list, in order; ids outside it are in the bin (it holds every live record).
    const places = new Int32Array(ids.length);
    let n = 0;
    for (const id of ids) {
      const p = position.get(id);
      if (p !== undefined) places[n++] = p;
    }
    const ordered = places.subarray(0, n).sort();
    const inOrder: string[] = [];
    for (let i = 0; i < n; i++) if (i === 0 || ordered[i] !== ordered[i - 1]) inOrder.push(keys[ordered[i]!]!);
    this.post({ type: 'first', request, rows: await this.firstMatching(inOrder, filter, words, limit) });
  }

  /** The first `limit` records of these ids, in order, that pass the whole filter: read `limit` at a time. */
  private async firstMatching(ids: readonly string[], filter: AnimatorFilter, words: readonly string[], limit: number): Promise<Animator[]> {
    const rows: Animator[] = [];
    for (let i = 0; i < ids.length && rows.length < limit; i += limit) {
      for (const a of await this.db.animators.bulkGet(ids.slice(i, i + limit))) {
        if (a && rows.length < limit && matchesFilter(a, filter, words)) rows.push(a);
      }
    }
    return rows;
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
    else if (message.type === 'busy') this.tokens.hold(BUSY_HOLD_MS);
    else if (message.type === 'first') void this.firstPage(message.request, message.filter, message.sort, message.limit);
    else this.keysOf(message.seq, message.request);
  }

  stop(): void {
    this.subscription?.unsubscribe();
    this.baseSubscription?.unsubscribe();
    this.tokens.stop();
    Dexie.on('storagemutated').unsubscribe(this.forget);
  }
}

/**
 * Indexed queries over the registry. A query first gathers primary keys from the
 * indexes (keys only, no records read), intersects them, orders them by walking the
 * sort index's keys, and reads only the records of the requested page.
 */
import Dexie, { type IndexableType } from 'dexie';
import type { FourmiliereDatabase } from '../../db/database';
import { searchTokens } from '../../db/records';
import type { Animator, StructureType, TrainingStatus } from '../../domain/registry';

export interface AnimatorFilter {
  text: string;
  regionCode: string;
  departmentCode: string;
  status: TrainingStatus | '';
  cohortId: string;
  structureType: StructureType | '';
  speciality: string;
  /** the bin: soft-deleted records only */
  deleted: boolean;
}

export const sortFields = ['sortName', 'structureName', 'communeName', 'departmentCode', 'regionCode', 'status', 'trainedYear', 'updatedAt'] as const;
export type SortField = (typeof sortFields)[number];
export interface AnimatorSort {
  field: SortField;
  dir: 'asc' | 'desc';
}
export interface PageRequest {
  offset: number;
  limit: number;
}

export const emptyFilter: AnimatorFilter = { text: '', regionCode: '', departmentCode: '', status: '', cohortId: '', structureType: '', speciality: '', deleted: false };
export const defaultSort: AnimatorSort = { field: 'sortName', dir: 'asc' };

const intersect = (a: Set<string> | null, keys: string[]): Set<string> => {
  if (a === null) return new Set(keys);
  const out = new Set<string>();
  for (const k of keys) if (a.has(k)) out.add(k);
  return out;
};

/** Up to this many matches are sorted in memory rather than by walking the sort index. */
const SORT_IN_MEMORY = 5000;

/** Keys matching every indexed condition, or null when nothing narrows the set. */
async function candidateKeys(db: FourmiliereDatabase, filter: AnimatorFilter): Promise<Set<string> | null> {
  const t = db.animators;
  const lookups: Promise<string[]>[] = [];
  for (const word of searchTokens(filter.text)) lookups.push(t.where('tokens').startsWith(word).primaryKeys());
  const equals: [string, string][] = [
    ['regionCode', filter.regionCode],
    ['departmentCode', filter.departmentCode],
    ['status', filter.status],
    ['cohortId', filter.cohortId],
    ['structureType', filter.structureType],
    ['specialities', filter.speciality],
  ];
  for (const [index, value] of equals) if (value) lookups.push(t.where(index).equals(value).primaryKeys());
  if (lookups.length === 0) return null;
  let set: Set<string> | null = null;
  for (const keys of await Promise.all(lookups)) set = intersect(set, keys);
  return set;
}

/** Thrown by a read whose answer nobody wants any more (a newer search replaced it). */
export class StaleRead extends Error {
  constructor() {
    super('stale read');
    this.name = 'StaleRead';
  }
}

/** Index entries read per request when every key of a large range is needed. */
const KEY_CHUNK = 2500;

/** A record's key in an index: one field, or several for a compound index `[a+b]`. */
function indexValue(record: Animator, index: string): IndexableType {
  const fields = index.startsWith('[') ? index.slice(1, -1).split('+') : [index];
  const values = fields.map((f) => (record as unknown as Record<string, string | number>)[f]!);
  return fields.length === 1 ? values[0]! : values;
}

/**
 * Primary keys of an index range in index order (ties by primary key), KEY_CHUNK at a
 * time. IndexedDB answers one request after another: 100,000 keys in one request
 * (about 2 s on a modest laptop) would make the list's first page wait behind them,
 * and a read cannot be cancelled once asked. Between chunks other reads get their
 * turn, and a read nobody wants any more stops. A chunk that ends inside a run of
 * equal values is completed by reading that run by value; the next starts after it.
 */
export async function orderedKeys(db: FourmiliereDatabase, index: string, lower: IndexableType, upper: IndexableType, stale?: () => boolean, chunkSize = KEY_CHUNK): Promise<string[]> {
  const t = db.animators;
  const out: string[] = [];
  let from = lower;
  let afterFrom = false;
  for (;;) {
    if (stale?.()) throw new StaleRead();
    const chunk = (await t.where(index).between(from, upper, !afterFrom, true).limit(chunkSize).primaryKeys()) as string[];
    if (chunk.length < chunkSize) return out.concat(chunk);
    const last = await t.get(chunk[chunk.length - 1]!);
    if (!last) {
      // Deleted between two requests: start again (the live query answers again after the change anyway).
      out.length = 0;
      from = lower;
      afterFrom = false;
      continue;
    }
    const value = indexValue(last, index);
    const run = (await t.where(index).equals(value).primaryKeys()) as string[];
    const inRun = new Set(run);
    for (const k of chunk) if (!inRun.has(k)) out.push(k);
    for (const k of run) out.push(k);
    from = value;
    afterFrom = true;
  }
}

/**
 * Ordered keys of every record matching the filter. `stale` is asked between large
 * reads: when it says yes, the query stops with StaleRead.
 */
export async function queryAnimatorKeys(db: FourmiliereDatabase, filter: AnimatorFilter, sort: AnimatorSort = defaultSort, stale?: () => boolean): Promise<string[]> {
  // Both reads start together: a live query tracks only what is read before its first
  // await of a promise that is not the database's.
  const [candidates, deletedKeys] = await Promise.all([candidateKeys(db, filter), db.animators.where('deletedAt').above('').primaryKeys()]);
  // A few thousand matches: reading them and sorting here beats walking the whole sort index.
  if (candidates !== null && candidates.size <= SORT_IN_MEMORY) {
    const rows = (await db.animators.bulkGet([...candidates])).filter((a): a is Animator => a !== undefined && (filter.deleted ? a.deletedAt !== null : a.deletedAt === null));
    return sortRecords(rows, sort).map((a) => a.id);
  }
  const deleted = new Set(deletedKeys);
  const keep = (k: string) => (filter.deleted ? deleted.has(k) : !deleted.has(k)) && (candidates === null || candidates.has(k));
  // Fast path: a region and the name order are one compound index range.
  const ordered =
    sort.field === 'sortName' && filter.regionCode
      ? await orderedKeys(db, '[regionCode+sortName]', [filter.regionCode, ''], [filter.regionCode, '\uffff'], stale)
      : await orderedKeys(db, sort.field, Dexie.minKey, Dexie.maxKey, stale);
  const result: string[] = [];
  const seen = new Set<string>();
  for (const k of ordered) {
    if (seen.has(k)) continue;
    seen.add(k);
    if (keep(k)) result.push(k);
  }
  // Records without a value in the sort index (e.g. no trained year) come last.
  if (sort.field === 'trainedYear') {
    const rest = candidates ? [...candidates].sort() : await db.animators.toCollection().primaryKeys();
    for (const k of rest) if (!seen.has(k) && keep(k)) result.push(k);
  }
  if (sort.dir === 'desc') result.reverse();
  return result;
}

/** One page of records, in order, and how many match in all. */
export async function queryAnimators(db: FourmiliereDatabase, filter: AnimatorFilter, sort: AnimatorSort, page: PageRequest): Promise<{ total: number; rows: Animator[] }> {
  const keys = await queryAnimatorKeys(db, filter, sort);
  const rows = await db.animators.bulkGet(keys.slice(page.offset, page.offset + page.limit));
  return { total: keys.length, rows: rows.filter((r): r is Animator => r !== undefined) };
}

/** Does a record pass every condition of the filter (the bin included)? */
export function matchesFilter(a: Animator, filter: AnimatorFilter, words: readonly string[] = searchTokens(filter.text)): boolean {
  if (filter.deleted ? a.deletedAt === null : a.deletedAt !== null) return false;
  if (filter.regionCode && a.regionCode !== filter.regionCode) return false;
  if (filter.departmentCode && a.departmentCode !== filter.departmentCode) return false;
  if (filter.status && a.status !== filter.status) return false;
  if (filter.cohortId && a.cohortId !== filter.cohortId) return false;
  if (filter.structureType && a.structureType !== filter.structureType) return false;
  if (filter.speciality && !a.specialities.includes(filter.speciality)) return false;
  for (const word of words) if (!a.tokens.some((t) => t.startsWith(word))) return false;
  return true;
}

/**
 * Records in the order the sort index gives (IndexedDB key order: numbers before strings,
 * strings by code unit, ties by id), those without a value last; descending is that order
 * reversed, as queryAnimatorKeys does. Sorts in place.
 */
function sortRecords(rows: Animator[], sort: AnimatorSort): Animator[] {
  const field = sort.field;
  rows.sort((a, b) => {
    const x = a[field] as string | number | null | undefined;
    const y = b[field] as string | number | null | undefined;
    if (x !== y) {
      if (x === null || x === undefined) return 1;
      if (y === null || y === undefined) return -1;
      if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
      return x < y ? -1 : 1;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return sort.dir === 'desc' ? rows.reverse() : rows;
}

export interface FirstPageLimits {
  /** up to this many matches of a word (or narrow filter) are read and sorted */
  sparse: number;
  /** beyond that, at most this many records are walked in sort order */
  walk: number;
}
/**
 * About 60 µs a record on a modest laptop: 2,500 matches read in ~150 ms; a word with
 * more matches is common enough that walking the sort order finds a page sooner.
 */
const FIRST_PAGE_LIMITS: FirstPageLimits = { sparse: 2500, walk: 3000 };

/**
 * The first rows of a list, as fast as the raw IndexedDB read of the same rows: a
 * typed search or a narrow filter reads just its matches through one index and sorts
 * them; otherwise a cursor walks the sort index (or the region's name range) and stops
 * as soon as the page is full. A common word ("d", "ma", a frequent name) is walked
 * too, at most `limits.walk` records: what it finds is the head of the list, in order,
 * and the list's worker brings the rest. Nothing is counted: the list counts after painting.
 */
/**
 * The records a search can be narrowed to through one index, cheaply: those with a
 * word starting like the longest typed word, else those of a narrow filter (a
 * department, a cohort, a speciality). Null when nothing narrows that much.
 */
type AnimatorCollection = ReturnType<FourmiliereDatabase['animators']['toCollection']>;

export function narrowedBy(db: FourmiliereDatabase, filter: AnimatorFilter, words: readonly string[] = searchTokens(filter.text)): AnimatorCollection | null {
  const longest = [...words].sort((a, b) => b.length - a.length)[0];
  if (longest !== undefined) return db.animators.where('tokens').startsWith(longest);
  const narrow = narrowFilter(filter);
  return narrow ? db.animators.where(narrow[0]).equals(narrow[1]) : null;
}

const narrowFilter = (filter: AnimatorFilter) =>
  (
    [
      ['departmentCode', filter.departmentCode],
      ['cohortId', filter.cohortId],
      ['specialities', filter.speciality],
    ] as const
  ).find(([, value]) => value !== '');

/** Whether narrowedBy finds an index for this search (without a database at hand). */
export const isNarrowed = (filter: AnimatorFilter): boolean => searchTokens(filter.text).length > 0 || narrowFilter(filter) !== undefined;

export async function queryFirstPage(db: FourmiliereDatabase, filter: AnimatorFilter, sort: AnimatorSort, limit: number, limits: FirstPageLimits = FIRST_PAGE_LIMITS): Promise<Animator[]> {
  const t = db.animators;
  const words = searchTokens(filter.text);
  const matching = narrowedBy(db, filter, words);
  if (matching === null && sort.field === 'trainedYear') {
    // People without a year sit outside that index: the ordered keys place them.
    return (await queryAnimators(db, filter, sort, { offset: 0, limit })).rows;
  }
  let walk = Infinity;
  if (matching !== null) {
    const found = await matching.limit(limits.sparse + 1).toArray();
    if (found.length <= limits.sparse) {
      const seen = new Set<string>();
      return sortRecords(
        found.filter((a) => !seen.has(a.id) && seen.add(a.id) && matchesFilter(a, filter, words)),
        sort,
      ).slice(0, limit);
    }
    // Descending by year puts people without a year first: they sit outside that index.
    if (sort.field === 'trainedYear' && sort.dir === 'desc') return (await queryAnimators(db, filter, sort, { offset: 0, limit })).rows;
    walk = limits.walk;
  }
  let rows = sort.field === 'sortName' && filter.regionCode ? t.where('[regionCode+sortName]').between([filter.regionCode, ''], [filter.regionCode, '\uffff'], true, true) : t.orderBy(sort.field);
  if (sort.dir === 'desc') rows = rows.reverse();
  let walked = 0;
  return rows
    .until(() => ++walked > walk)
    .filter((a) => matchesFilter(a, filter, words))
    .limit(limit)
    .toArray();
}

/**
 * The distinct values of an index, one short seek per value. IndexedDB's own unique walk
 * (what Dexie's uniqueKeys asks) steps over every entry on the way: ~1.5 s for the
 * specialities of 100,000 people, holding the database while the list's first page waits.
 */
export async function distinctValues(db: FourmiliereDatabase, index: string): Promise<IndexableType[]> {
  const out: IndexableType[] = [];
  let next = await db.animators.orderBy(index).limit(1).keys();
  while (next.length > 0) {
    const value = next[0]!;
    out.push(value);
    next = await db.animators.where(index).above(value).limit(1).keys();
  }
  return out;
}

/** Every record of a filtered list, read in chunks (for exports). */
export async function animatorsOf(db: FourmiliereDatabase, keys: readonly string[]): Promise<Animator[]> {
  const out: Animator[] = [];
  for (let i = 0; i < keys.length; i += 2000) {
    const chunk = await db.animators.bulkGet(keys.slice(i, i + 2000));
    for (const r of chunk) if (r) out.push(r);
  }
  return out;
}

const filterKeys = ['text', 'regionCode', 'departmentCode', 'status', 'cohortId', 'structureType', 'speciality'] as const;

/** The filter and sort kept in the query string, so a filtered list is a link. */
/** The list's address when the person chose all regions (a bare address opens on the profile's region). */
export const ALL_REGIONS = 'region=toutes';

export function parseListSearch(search: string): { filter: AnimatorFilter; sort: AnimatorSort } {
  const params = new URLSearchParams(search);
  const filter: AnimatorFilter = { ...emptyFilter };
  const w = filter as unknown as Record<string, string>;
  for (const key of filterKeys) w[key] = params.get(key === 'text' ? 'q' : key === 'regionCode' ? 'region' : key) ?? '';
  if (filter.regionCode === 'toutes') filter.regionCode = '';
  filter.deleted = params.get('corbeille') === '1';
  const field = params.get('tri') ?? '';
  const sort: AnimatorSort = {
    field: (sortFields as readonly string[]).includes(field) ? (field as SortField) : 'sortName',
    dir: params.get('ordre') === 'desc' ? 'desc' : 'asc',
  };
  return { filter, sort };
}

export function listSearch(filter: AnimatorFilter, sort: AnimatorSort = defaultSort): string {
  const params = new URLSearchParams();
  const r = filter as unknown as Record<string, string>;
  for (const key of filterKeys) if (r[key]) params.set(key === 'text' ? 'q' : key === 'regionCode' ? 'region' : key, r[key]);
  if (filter.deleted) params.set('corbeille', '1');
  if (sort.field !== 'sortName') params.set('tri', sort.field);
  if (sort.dir === 'desc') params.set('ordre', 'desc');
  return params.toString();
}

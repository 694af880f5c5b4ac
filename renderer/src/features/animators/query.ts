/**
 * Indexed queries over the registry. A query first gathers primary keys from the
 * indexes (keys only, no records read), intersects them, orders them by walking the
 * sort index's keys, and reads only the records of the requested page.
 */
import type { FourmiliereDatabase } from '../../db/database';
import type { Animator, StructureType, TrainingStatus } from '../../domain/registry';
import { matchesText, parseTextQuery, type TextQuery } from './search-words';

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

/**
 * One page of records, in order, and how many match in all, by reading every record: the
 * plain answer the in-memory registry (registry.ts) gives without reading any. Kept for
 * tests and for callers without a worker; screens ask the registry.
 */
export async function queryAnimators(db: FourmiliereDatabase, filter: AnimatorFilter, sort: AnimatorSort, page: PageRequest): Promise<{ total: number; rows: Animator[] }> {
  const q = parseTextQuery(filter.text);
  const rows = sortRecords(
    (await db.animators.toArray()).filter((a) => matchesFilter(a, filter, q)),
    sort,
  );
  return { total: rows.length, rows: rows.slice(page.offset, page.offset + page.limit) };
}

/** Does a record pass every condition of the filter (the bin included)? The reference the in-memory registry is tested against. */
export function matchesFilter(a: Animator, filter: AnimatorFilter, q: TextQuery = parseTextQuery(filter.text)): boolean {
  if (filter.deleted ? a.deletedAt === null : a.deletedAt !== null) return false;
  if (filter.regionCode && a.regionCode !== filter.regionCode) return false;
  if (filter.departmentCode && a.departmentCode !== filter.departmentCode) return false;
  if (filter.status && a.status !== filter.status) return false;
  if (filter.cohortId && a.cohortId !== filter.cohortId) return false;
  if (filter.structureType && a.structureType !== filter.structureType) return false;
  if (filter.speciality && !a.specialities.includes(filter.speciality)) return false;
  return matchesText(a, q);
}

/**
 * Records in the order the sort index gives (IndexedDB key order: numbers before strings,
 * strings by code unit, ties by id), those without a value last; descending is that order
 * reversed, as queryAnimatorKeys does. Sorts in place.
 */
export function sortRecords(rows: Animator[], sort: AnimatorSort): Animator[] {
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

/**
 * The lists whose count and first rows the registry's snapshot keeps in its meta row
 * (registry-live.ts writes them): valid while no `registryLog` entry came after the
 * snapshot. Read by the registry's worker before it loads the columns, and by the window
 * itself (useAnimatorList) while the worker starts: a list kept there shows at once.
 * Small on purpose: the window's list loads it without the registry's code.
 */
import { Dexie, type ObservabilitySet } from 'dexie';
import type { FourmiliereDatabase } from '../../db/database';
import type { ListRow } from './registry';
import type { AnimatorFilter, AnimatorSort } from './query';

/** A list whose first rows are kept with the snapshot. */
export interface PageRequest {
  filter: AnimatorFilter;
  sort: AnimatorSort;
  first: number;
}

/** A list's count and first rows as the snapshot holds them. */
export interface StoredPage {
  key: string;
  total: number;
  rows: ListRow[];
}

/** What identifies a list (filter and sort, whatever the order of their fields). */
export function listKey(filter: AnimatorFilter, sort: AnimatorSort): string {
  const sorted = (o: object) => Object.entries(o).sort(([a], [b]) => (a < b ? -1 : 1));
  return JSON.stringify([sorted(filter), sorted(sort)]);
}

/** FNV-1a of the kept pages' JSON: pages altered in storage are not shown. */
export function pagesHash(pages: readonly StoredPage[]): number {
  const text = JSON.stringify(pages);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The kept pages of a meta row as read, when whole; null otherwise. */
export function keptPages(meta: object | undefined): StoredPage[] | null {
  const { pages, pagesHash: hash } = (meta ?? {}) as { pages?: unknown; pagesHash?: unknown };
  return Array.isArray(pages) && pagesHash(pages as StoredPage[]) === hash ? (pages as StoredPage[]) : null;
}

/** A kept page answers a list asking for its first `first` rows when it holds them (or all of the list). */
export const pageAnswers = (page: StoredPage, first: number) => page.rows.length >= first || page.rows.length === page.total;

/** The kept pages as stored now, when no change came after the snapshot (one read transaction: the meta row and a count of the log after it). */
async function readKept(db: FourmiliereDatabase): Promise<StoredPage[] | null> {
  return db.transaction('r', db.registrySnapshot, db.registryLog, async () => {
    const meta = (await db.registrySnapshot.get('meta')) as { seq?: unknown; pages?: unknown; pagesHash?: unknown } | undefined;
    if (typeof meta?.seq !== 'number') return null;
    const pages = keptPages(meta);
    if (!pages) return null;
    return (await db.registryLog.where('seq').above(meta.seq).count()) === 0 ? pages : null;
  });
}

/** How long a read started ahead (readKeptAhead) is used by the list that follows. */
const AHEAD_MS = 2000;
/** A read of the kept pages started ahead, for the next list; dropped at any write to the people heard meanwhile. */
let ahead: { db: FourmiliereDatabase; at: number; read: Promise<StoredPage[] | null>; stop: () => void } | null = null;

/**
 * Starts reading the kept pages now (« Annuaire » clicked, its code still loading): the list
 * drawn next takes this read instead of starting its own, unless a write to the people was
 * heard meanwhile (then it reads again). Resolves once read.
 */
export function readKeptAhead(db: FourmiliereDatabase): Promise<unknown> {
  if (ahead && ahead.db === db && performance.now() - ahead.at < AHEAD_MS) return ahead.read;
  ahead?.stop();
  const prefix = `idb://${db.name}/`;
  const heard = (parts: ObservabilitySet) => {
    if ((parts as { all?: boolean }).all || Object.keys(parts).some((k) => k.startsWith(`${prefix}animators/`) || k.startsWith(`${prefix}registryLog/`))) dropAhead();
  };
  Dexie.on('storagemutated', heard);
  const read = readKept(db);
  // Not taken in time: forgotten (and no longer listening).
  const timer = setTimeout(dropAhead, AHEAD_MS);
  ahead = {
    db,
    at: performance.now(),
    read,
    stop: () => {
      clearTimeout(timer);
      Dexie.on('storagemutated').unsubscribe(heard);
    },
  };
  return read;
}

function dropAhead(): void {
  ahead?.stop();
  ahead = null;
}

/**
 * This list's count and first rows as the snapshot keeps them, when no change came after
 * it; null otherwise. Read now, or taken from a read started ahead just before.
 */
export async function keptPage(db: FourmiliereDatabase, filter: AnimatorFilter, sort: AnimatorSort, first: number): Promise<StoredPage | null> {
  const key = listKey(filter, sort);
  const early = ahead && ahead.db === db && performance.now() - ahead.at < AHEAD_MS ? ahead : null;
  dropAhead();
  const pages = early ? await early.read : await readKept(db);
  const page = pages?.find((p) => p.key === key);
  return page && pageAnswers(page, first) ? { ...page, rows: page.rows.slice(0, first) } : null;
}

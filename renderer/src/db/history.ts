/**
 * The `history` table holds two kinds of rows. A change made on one record (a form saved,
 * a deletion) is one row, found by its `[table+recordId]` index. A bulk write (an import,
 * a chunk of a team sync, the undo of an import) would otherwise cost one row per record,
 * as costly as the record itself: it writes instead a few *batch rows*, one per bucket of
 * record ids, each holding the changes of the records in its bucket. A batch row's key says
 * its table and bucket (`batch:<table>:<bucket>:<at>:<write>`), so one record's history is
 * its rows by index plus the key ranges of its buckets, filtered: no index entry per record.
 *
 * Every reader goes through this module (a person's page, the import's dry run, the privacy
 * export, an erasure), and sees both kinds as HistoryRow.
 */
import type { FourmiliereDatabase, HistoryRow } from './database';
import { newId } from './records';

/** One record's change inside a batch row. */
export interface HistoryBatchEntry {
  recordId: string;
  action: HistoryRow['action'];
  changes: HistoryRow['changes'];
  summary: string;
}

/** The changes of the records of one bucket, written by one bulk write. */
export interface HistoryBatchRow {
  id: string;
  table: string;
  at: string;
  device: string;
  entries: HistoryBatchEntry[];
}

export type StoredHistoryRow = HistoryRow | HistoryBatchRow;

/**
 * How a bulk write spreads its records over rows. Part of the stored keys: never change one.
 * A write costs one row per bucket its records fall in; a person's page reads the rows of their
 * bucket, about one per bulk write large enough to touch every bucket, holding about N / buckets
 * entries. Few buckets keep a write to few rows (a 400-change sync chunk: 32 rows, not 400), but
 * a large write would then leave hundreds of entries in each (measured in Chromium with 50 imports
 * of 10,000 and 1,000 small sync runs: with 32 buckets a person's page read 690 rows in 45–120 ms,
 * over the 50 ms a task may take; with 512, 84 rows in 5 ms). So a write of up to 1,024 records
 * uses level `a` (32 buckets), a larger one level `b` (256 buckets: a 10,000-person import writes
 * 256 rows of about 39 entries). A record has one bucket per level; both are looked up.
 */
const LEVELS = [
  { tag: 'a', buckets: 32, upTo: 1024 },
  { tag: 'b', buckets: 256, upTo: Infinity },
] as const;
type Level = (typeof LEVELS)[number];
const BATCH_PREFIX = 'batch:';
const READ_CHUNK = 500;

export const isBatchRow = (row: StoredHistoryRow): row is HistoryBatchRow => row.id.startsWith(BATCH_PREFIX) && Array.isArray((row as HistoryBatchRow).entries);

/** FNV-1a of the id, so that ids need not be random UUIDs. */
function idHash(recordId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < recordId.length; i++) {
    h ^= recordId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A record id's bucket at one level: the level's letter and two hex digits. */
function bucketAt(level: Level, hash: number): string {
  return `${level.tag}${(hash % level.buckets).toString(16).padStart(2, '0')}`;
}

/** The buckets a record id has, one per level. */
export function historyBuckets(recordId: string): string[] {
  const hash = idHash(recordId);
  return LEVELS.map((level) => bucketAt(level, hash));
}

const tablePrefix = (table: string) => `${BATCH_PREFIX}${table}:`;
const bucketPrefix = (table: string, bucket: string) => `${tablePrefix(table)}${bucket}:`;

/** The batch rows of one bulk write to `table`: one per bucket its records fall in. */
export function historyBatchRows(table: string, entries: readonly HistoryBatchEntry[], at: string, device: string, writeId: string = newId()): HistoryBatchRow[] {
  const level = LEVELS.find((l) => entries.length <= l.upTo)!;
  const byBucket = new Map<string, HistoryBatchEntry[]>();
  for (const e of entries) {
    const b = bucketAt(level, idHash(e.recordId));
    const list = byBucket.get(b);
    if (list) list.push(e);
    else byBucket.set(b, [e]);
  }
  return [...byBucket].map(([bucket, list]) => ({ id: `${bucketPrefix(table, bucket)}${at}:${writeId}`, table, at, device, entries: list }));
}

/** A batch row's entries as the HistoryRow each stands for (its id: the row's, then its place in it). */
function expand(row: HistoryBatchRow, wanted: ReadonlySet<string>): HistoryRow[] {
  const out: HistoryRow[] = [];
  row.entries.forEach((e, i) => {
    if (wanted.has(e.recordId)) out.push({ id: `${row.id}#${i}`, table: row.table, recordId: e.recordId, at: row.at, device: row.device, action: e.action, changes: e.changes, summary: e.summary });
  });
  return out;
}

/** The batch rows of `table` that may name these ids: their buckets' ranges, or the table's when most buckets are wanted. */
async function batchRowsFor(db: FourmiliereDatabase, table: string, ids: readonly string[]): Promise<HistoryBatchRow[]> {
  if (ids.length === 0) return [];
  const buckets = [...new Set(ids.flatMap(historyBuckets))];
  // Many records (an import's dry run): one read of the table's batch rows rather than dozens of ranges.
  const ranges = buckets.length > 64 ? [tablePrefix(table)] : buckets.map((b) => bucketPrefix(table, b));
  const lists = await Promise.all(ranges.map((p) => db.history.where('id').startsWith(p).toArray() as Promise<StoredHistoryRow[]>));
  return lists.flat().filter(isBatchRow);
}

/** Everything the history holds about these records of one table, both kinds of rows, oldest first. */
export async function historyOfRecords(db: FourmiliereDatabase, table: string, ids: readonly string[], between: () => Promise<void> = async () => undefined): Promise<HistoryRow[]> {
  const out: HistoryRow[] = [];
  for (let i = 0; i < ids.length; i += READ_CHUNK) {
    // Only per-record rows have a recordId, so only they are in this index.
    out.push(...((await db.history.where('[table+recordId]').anyOf(ids.slice(i, i + READ_CHUNK).map((id) => [table, id])).toArray()) as HistoryRow[]));
    await between();
  }
  const wanted = new Set(ids);
  for (const row of await batchRowsFor(db, table, ids)) out.push(...expand(row, wanted));
  return out.sort((a, b) => a.at.localeCompare(b.at));
}

function idsByTable(keys: readonly (readonly [string, string])[]): Map<string, string[]> {
  const byTable = new Map<string, string[]>();
  for (const [table, id] of keys) {
    const ids = byTable.get(table);
    if (ids) ids.push(id);
    else byTable.set(table, [id]);
  }
  return byTable;
}

/** The same for records of several tables (a person and the records that are theirs). */
export async function historyOfKeys(db: FourmiliereDatabase, keys: readonly (readonly [string, string])[]): Promise<HistoryRow[]> {
  const byTable = idsByTable(keys);
  const lists = await Promise.all([...byTable].map(([table, ids]) => historyOfRecords(db, table, ids)));
  return lists.flat().sort((a, b) => a.at.localeCompare(b.at));
}

/**
 * Removes every change of these records from the history: their own rows, and their entries
 * from batch rows (a batch row left empty goes). Inside the caller's transaction, which must
 * include `history`. Returns how many changes were removed.
 */
export async function eraseHistoryOf(db: FourmiliereDatabase, keys: readonly (readonly [string, string])[]): Promise<number> {
  if (keys.length === 0) return 0;
  const own = await db.history.where('[table+recordId]').anyOf(keys.map(([t, id]) => [t, id])).primaryKeys();
  await db.history.bulkDelete(own);
  let removed = own.length;
  const byTable = idsByTable(keys);
  const emptied: string[] = [];
  const rewritten: HistoryBatchRow[] = [];
  for (const [table, ids] of byTable) {
    const gone = new Set(ids);
    for (const row of await batchRowsFor(db, table, ids)) {
      const kept = row.entries.filter((e) => !gone.has(e.recordId));
      if (kept.length === row.entries.length) continue;
      removed += row.entries.length - kept.length;
      if (kept.length === 0) emptied.push(row.id);
      else rewritten.push({ ...row, entries: kept });
    }
  }
  await db.history.bulkDelete(emptied);
  await db.history.bulkPut(rewritten);
  return removed;
}

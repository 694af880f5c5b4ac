/**
 * The `history` table holds two kinds of rows. A change made on one record (a form saved,
 * a deletion) is one row, found by its `[table+recordId]` index. A bulk write (an import,
 * a chunk of a team sync, the undo of an import) would otherwise cost one row per record,
 * as costly as the record itself: it writes instead a few *batch rows*, one per bucket of
 * record ids, each holding the changes of the records in its bucket. A batch row's key says
 * its table and bucket (`batch:<table>:<bucket>:<at>:<write>`), so one record's history is
 * its rows by index plus one key range of batch rows, filtered: no index entry per record.
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
 * Buckets per table. Part of the stored keys: never change it. 32 keeps a 10,000-record
 * import to 32 rows and a 400-change sync chunk to about as many, while a person's page
 * reads one bucket (a 32nd of the batched history of their table).
 */
const BUCKETS = 32;
const BATCH_PREFIX = 'batch:';
const READ_CHUNK = 500;

export const isBatchRow = (row: StoredHistoryRow): row is HistoryBatchRow => row.id.startsWith(BATCH_PREFIX) && Array.isArray((row as HistoryBatchRow).entries);

/** A record id's bucket, two hex digits (FNV-1a of the id: ids need not be random UUIDs). */
export function historyBucket(recordId: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < recordId.length; i++) {
    h ^= recordId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) % BUCKETS).toString(16).padStart(2, '0');
}

const tablePrefix = (table: string) => `${BATCH_PREFIX}${table}:`;
const bucketPrefix = (table: string, bucket: string) => `${tablePrefix(table)}${bucket}:`;

/** The batch rows of one bulk write to `table`: one per bucket its records fall in. */
export function historyBatchRows(table: string, entries: readonly HistoryBatchEntry[], at: string, device: string, writeId: string = newId()): HistoryBatchRow[] {
  const byBucket = new Map<string, HistoryBatchEntry[]>();
  for (const e of entries) {
    const b = historyBucket(e.recordId);
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
  const buckets = [...new Set(ids.map(historyBucket))];
  const ranges = buckets.length > BUCKETS / 4 ? [tablePrefix(table)] : buckets.map((b) => bucketPrefix(table, b));
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

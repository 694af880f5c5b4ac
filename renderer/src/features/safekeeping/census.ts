/**
 * How many records each table holds: taken before a large write and again after a
 * failure, so the message says what was checked ("your data is intact: 1,204 records
 * as before") instead of promising that nothing changed.
 */
import type { FourmiliereDatabase } from '../../db/database';
import { BACKUP_TABLES, type BackupTable } from './tables';

export type Census = Partial<Record<BackupTable, number>>;

/** What a failed write left behind, as far as it could be checked. */
export type WriteOutcome =
  | { kind: 'unchanged'; total: number }
  | { kind: 'changed'; before: number; after: number }
  /** the database could not be read after the failure */
  | { kind: 'unknown' };

export const censusTotal = (census: Census): number => Object.values(census).reduce((sum, n) => sum + (n ?? 0), 0);

/** Counts every table a backup holds; null when the database cannot be read. */
export async function takeCensus(db: FourmiliereDatabase): Promise<Census | null> {
  try {
    const census: Census = {};
    await db.transaction('r', BACKUP_TABLES.map((name) => db.table(name)), async () => {
      for (const name of BACKUP_TABLES) census[name] = await db.table(name).count();
    });
    return census;
  } catch {
    return null;
  }
}

export function compareCensus(before: Census | null, after: Census | null): WriteOutcome {
  if (!before || !after) return { kind: 'unknown' };
  const same = BACKUP_TABLES.every((name) => (before[name] ?? 0) === (after[name] ?? 0));
  return same ? { kind: 'unchanged', total: censusTotal(after) } : { kind: 'changed', before: censusTotal(before), after: censusTotal(after) };
}

/** A write that failed, with what was found afterwards. */
export class CheckedWriteError extends Error {
  constructor(
    readonly original: unknown,
    readonly outcome: WriteOutcome,
  ) {
    super(original instanceof Error ? original.message : String(original));
    this.name = 'CheckedWriteError';
  }
}

/**
 * Runs a write; if it fails, counts again and throws a CheckedWriteError telling
 * whether the database is as it was. The write itself should be one transaction.
 */
export async function checkedWrite<T>(db: FourmiliereDatabase, write: () => Promise<T>): Promise<T> {
  const before = await takeCensus(db);
  try {
    return await write();
  } catch (error) {
    throw new CheckedWriteError(error, compareCensus(before, await takeCensus(db)));
  }
}

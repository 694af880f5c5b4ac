/**
 * How many records each table holds: taken before a large write and again after a
 * failure, so the message says what was checked ("your data is intact: 1,204 records
 * as before") instead of promising that nothing changed.
 */
import { SYNC_TABLES, type FourmiliereDatabase } from '../../db/database';
import { readCensusSnapshot, writeCensusSnapshot, isRememberedCensus, type RememberedCensus } from '../../db/boot';
import { SettingKeys } from '../../db/settings';
import { readOpfsText, writeOpfsText } from '../../platform/opfs';
import { abortReasonSince } from '../../db/abort-reason';
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

/**
 * Every table is compared; the numbers shown are the person's records (the synced
 * tables, as in the start-up offer), or all rows when only bookkeeping changed.
 */
export function compareCensus(before: Census | null, after: Census | null): WriteOutcome {
  if (!before || !after) return { kind: 'unknown' };
  const same = BACKUP_TABLES.every((name) => (before[name] ?? 0) === (after[name] ?? 0));
  if (same) return { kind: 'unchanged', total: syncTotal(after) };
  if (syncTotal(before) !== syncTotal(after)) return { kind: 'changed', before: syncTotal(before), after: syncTotal(after) };
  return { kind: 'changed', before: censusTotal(before), after: censusTotal(after) };
}

/** A write that failed, with what was found afterwards. */
export class CheckedWriteError extends Error {
  constructor(
    readonly original: unknown,
    readonly outcome: WriteOutcome,
    /** the aborted transaction's own error, when IndexedDB gave one */
    readonly abortReason?: unknown,
  ) {
    super(original instanceof Error ? original.message : String(original));
    this.name = 'CheckedWriteError';
  }
}

/**
 * Runs a write; if it fails, counts again and throws a CheckedWriteError telling
 * whether the database is as it was. The write itself should be one transaction.
 * The counts before, and after a success, are remembered outside the database.
 */
export async function checkedWrite<T>(db: FourmiliereDatabase, write: () => Promise<T>): Promise<T> {
  const before = await takeCensus(db);
  if (before) await rememberCensus(db, before);
  let result: T;
  const started = Date.now();
  try {
    result = await write();
  } catch (error) {
    const reason = await abortReasonSince(started);
    throw new CheckedWriteError(error, compareCensus(before, await takeCensus(db)), reason);
  }
  await rememberCensus(db);
  return result;
}

/** Records of the synced tables: what a person would miss. */
export const syncTotal = (census: Census): number => SYNC_TABLES.reduce((sum, name) => sum + (census[name] ?? 0), 0);

const CENSUS_FILE = 'census.json';

/** Remembers, outside IndexedDB, how much the database holds now. Never fails. */
export async function rememberCensus(db: FourmiliereDatabase, census?: Census): Promise<RememberedCensus | null> {
  try {
    const counted = census ?? (await takeCensus(db));
    if (!counted) return null;
    const remembered: RememberedCensus = { at: new Date().toISOString(), total: syncTotal(counted), profile: (await db.settings.get(SettingKeys.profile)) !== undefined };
    writeCensusSnapshot(remembered);
    await writeOpfsText(CENSUS_FILE, JSON.stringify(remembered)).catch(() => false);
    return remembered;
  } catch {
    return null;
  }
}

/** The newest of the two remembered counts (localStorage, private file system). */
export async function readRememberedCensus(): Promise<RememberedCensus | null> {
  const local = readCensusSnapshot();
  let file: RememberedCensus | null = null;
  try {
    const value: unknown = JSON.parse((await readOpfsText(CENSUS_FILE)) ?? 'null');
    if (isRememberedCensus(value)) file = value;
  } catch {
    // unreadable: the other one decides
  }
  if (!local || !file) return local ?? file;
  return Date.parse(file.at) > Date.parse(local.at) ? file : local;
}

/** Below this many records, a drop is not worth an alarm (a test, a few deletions). */
export const SHRINK_MIN_RECORDS = 10;

/**
 * The database vanished (the profile is gone) or lost more than half of its records
 * since they were last counted. Deliberate deletions rarely do either between two
 * starts, and the offer can be dismissed when they did.
 */
export function hasShrunk(remembered: RememberedCensus | null, now: { total: number; profile: boolean }): boolean {
  if (!remembered) return false;
  if (remembered.profile && !now.profile && remembered.total > 0) return true;
  return remembered.total >= SHRINK_MIN_RECORDS && now.total < remembered.total / 2;
}

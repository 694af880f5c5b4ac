/** Turning storage failures into messages people can act on. */

/**
 * What went wrong with the storage underneath a failed write:
 * - `full`: no room left (a quota, or the disk itself);
 * - `io`: the disk or the browser's store failed to read or write.
 */
export type StorageProblem = 'full' | 'io';

const FULL_NAMES = new Set(['QuotaExceededError', 'NS_ERROR_FILE_NO_DEVICE_SPACE', 'NS_ERROR_DOM_QUOTA_REACHED']);
const FULL_TEXT = /quota|ENOSPC|FILE_ERROR_NO_SPACE|no space left|disk (?:is )?full|not enough (?:disk )?space|espace (?:disque )?insuffisant/i;
// Chromium reports a LevelDB read/write failure as an UnknownError ("Internal error…", "IO error…").
const IO_NAMES = new Set(['UnknownError', 'NotReadableError', 'NS_ERROR_FILE_CORRUPTED']);
const IO_TEXT = /\bI\/?O error|\bEIO\b|backing store|leveldb|internal error|corrupt/i;

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
  /** Dexie's BulkError: the failed operations, as a list and by position */
  failures?: unknown;
  failuresByPos?: unknown;
  /** set on errors that crossed a worker boundary (see ImportStepError) */
  storageProblem?: unknown;
}

/**
 * Looks through an error and everything it wraps: Dexie's AbortError (`inner`), a
 * standard `cause`, and each failed operation of a Dexie BulkError
 * ("animators.bulkPut(): 42 of 100 operations failed"). A full disk wins over an I/O error.
 */
export function storageProblem(error: unknown): StorageProblem | null {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  let found: StorageProblem | null = null;
  while (queue.length > 0 && seen.size < 200) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const e = current as ErrorLike;
    const name = typeof e.name === 'string' ? e.name : '';
    const message = typeof e.message === 'string' ? e.message : '';
    if (FULL_NAMES.has(name) || FULL_TEXT.test(message) || e.storageProblem === 'full') return 'full';
    if (IO_NAMES.has(name) || IO_TEXT.test(message) || e.storageProblem === 'io') found = 'io';
    queue.push(e.inner, e.cause);
    if (Array.isArray(e.failures)) queue.push(...(e.failures as unknown[]).slice(0, 50));
    if (e.failuresByPos && typeof e.failuresByPos === 'object') queue.push(...Object.values(e.failuresByPos).slice(0, 50));
  }
  return found;
}

/** True for a full disk or an exhausted quota, however deeply wrapped. */
export function isQuotaError(error: unknown): boolean {
  return storageProblem(error) === 'full';
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

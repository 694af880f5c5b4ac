/**
 * Checking, before a large write, that the disk can hold it. The database grows by
 * more than the file's size: records carry indexes (search tokens, dates…), LevelDB
 * writes each change to its log and then to tables, and keeps old and new tables side
 * by side until it compacts. The factors below are deliberately generous: refusing a
 * write that would have fitted costs a few minutes; a write that fills the disk can
 * cost the whole database (Chromium discards a store it could not write).
 */
import type { Translate } from '../../i18n';
import { getBridge, type Bridge } from '../../platform';

/** Bytes on disk per byte of input, by kind of input. */
export const GROWTH = {
  /** a CSV row becomes a record with field names, indexes and a history entry */
  csv: 6,
  /** backup and exchange JSON already carries field names */
  json: 3,
  /** tutorial texts, stored with their index entries */
  text: 3,
} as const;
/** Room left free after the write for the log, the automatic copies and the system. */
export const MARGIN_BYTES = 16 * 1024 * 1024;

export function bytesNeeded(inputBytes: number, kind: keyof typeof GROWTH): number {
  return Math.ceil(inputBytes * GROWTH[kind]) + MARGIN_BYTES;
}

export class NotEnoughSpaceError extends Error {
  constructor(
    readonly neededBytes: number,
    readonly freeBytes: number,
  ) {
    super(`not enough disk space: ${neededBytes} bytes needed, ${freeBytes} free`);
    this.name = 'NotEnoughSpaceError';
  }
  get missingBytes(): number {
    return Math.max(0, this.neededBytes - this.freeBytes);
  }
}

/**
 * Throws NotEnoughSpaceError when the data disk is known to be too small for
 * `neededBytes` (the desktop asks the system, statfs). The browser cannot know: its
 * quota estimate can be far larger than the disk, and measuring by writing a scratch
 * file was tried and rejected — filling the disk to the brim made Chromium's own
 * background writes fail, and it discarded the database. There the write goes ahead:
 * it is one transaction, its failure is recognised (failure.ts), and the start-up
 * check offers the copy kept in localStorage if the database was lost.
 */
export async function ensureSpace(neededBytes: number, bridge: Bridge = getBridge()): Promise<void> {
  const answer = await bridge.diskSpace({ where: 'data' });
  if (!answer.ok || !answer.value.known) return;
  if (answer.value.freeBytes < neededBytes) throw new NotEnoughSpaceError(neededBytes, answer.value.freeBytes);
}

/** "12 Mo", never less than 1 Mo: people free space in whole megabytes. */
export function megabytes(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / (1024 * 1024)));
}

export function spaceText(t: Translate, error: NotEnoughSpaceError): string {
  return t('disk.space.missing', { missing: megabytes(error.missingBytes), needed: megabytes(error.neededBytes), free: megabytes(error.freeBytes) });
}

/**
 * The window's side of a merge or a restore: the file's bytes go to write.worker.ts
 * (transferred, not copied), which parses, checks, plans and writes; the window receives
 * the summary, progress and the outcome. One worker per file, ended with close().
 */
import { getDeviceId, nextCounter, observeCounter } from '../../db/records';
import { stepWorker, type OnProgress } from '../../shared/worker-steps';
import type { StorageProblem } from '../../ui/errors';
import type { ExchangeError } from './exchange';
import type { BackupError, ParsedBackup } from './backup';
import type { MergeSummary, WriteIn, WriteOut } from './write-session';

export type { MergeSummary };
export type { OnProgress };

/** A step's failure, its full disk or I/O error still recognisable after crossing from the worker (see failure.ts). */
export class WriteStepError extends Error {
  constructor(
    message: string,
    readonly storageProblem?: StorageProblem,
  ) {
    super(message);
    this.name = 'WriteStepError';
  }
}

export interface FileWrite {
  /** an exchange file: checked and planned; nothing is written */
  planMerge(dbName: string, bytes: Uint8Array): Promise<{ ok: true; summary: MergeSummary } | { ok: false; error: ExchangeError }>;
  /** writes the planned merge, all or nothing */
  applyMerge(onProgress?: OnProgress): Promise<void>;
  /** a backup file: checked entirely; nothing is written */
  checkBackup(dbName: string, bytes: Uint8Array | string): Promise<{ ok: true; summary: ParsedBackup['summary'] } | { ok: false; error: BackupError }>;
  /** replaces the database with the checked backup, all or nothing */
  restore(onProgress?: OnProgress): Promise<void>;
  /** Ends the worker; a write under way is finished first (ending it would undo it, unseen). */
  close(): void;
}

export function fileWrite(): FileWrite {
  const worker = stepWorker<WriteIn, WriteOut>(
    new Worker(new URL('./write.worker.ts', import.meta.url), { type: 'module' }),
    (m) => new WriteStepError(m.message, m.problem),
    (reason) => new WriteStepError(reason),
  );
  const ask = <T extends WriteOut['type']>(message: WriteIn, answer: T, onProgress?: OnProgress, transfer?: Transferable[]) =>
    worker.ask(message, answer, { onProgress, writing: message.type === 'applyMerge' || message.type === 'restore', transfer });
  // The bytes are handed over (the caller keeps no use for them): a copy, so a caller's own buffer stays whole.
  const own = (bytes: Uint8Array) => bytes.slice();
  const written = (m: { counter: number }) => observeCounter(m.counter);
  return {
    async planMerge(dbName, bytes) {
      const copy = own(bytes);
      return (await ask({ type: 'planMerge', dbName, deviceId: getDeviceId(), counter: nextCounter(), bytes: copy }, 'mergePlanned', undefined, [copy.buffer])).result;
    },
    applyMerge: async (onProgress) => written(await ask({ type: 'applyMerge' }, 'written', onProgress)),
    async checkBackup(dbName, bytes) {
      const copy = typeof bytes === 'string' ? bytes : own(bytes);
      return (await ask({ type: 'checkBackup', dbName, deviceId: getDeviceId(), counter: nextCounter(), bytes: copy }, 'backupChecked', undefined, typeof copy === 'string' ? [] : [copy.buffer])).result;
    },
    restore: async (onProgress) => written(await ask({ type: 'restore' }, 'written', onProgress)),
    // The write's answer still comes (and moves this window's clock); then the worker ends.
    close: () => worker.close(),
  };
}

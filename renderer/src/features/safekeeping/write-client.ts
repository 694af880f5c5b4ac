/**
 * The window's side of a merge or a restore: the file's bytes go to write.worker.ts
 * (transferred, not copied), which parses, checks, plans and writes; the window receives
 * the summary, progress and the outcome. One worker per file, ended with close().
 */
import { getDeviceId, nextCounter, observeCounter } from '../../db/records';
import type { StorageProblem } from '../../ui/errors';
import type { ExchangeError } from './exchange';
import type { BackupError, ParsedBackup } from './backup';
import type { MergeSummary, WriteIn, WriteOut } from './write-session';

export type { MergeSummary };
export type OnProgress = (p: { done: number; total: number }) => void;

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
  const worker = new Worker(new URL('./write.worker.ts', import.meta.url), { type: 'module' });
  let pending: { writing: boolean; onProgress: OnProgress; settle: (m: WriteOut) => void; fail: (e: Error) => void } | null = null;
  let closing = false;
  worker.onmessage = (event: MessageEvent<WriteOut>) => {
    const m = event.data;
    if (!pending) return;
    if (m.type === 'progress') return pending.onProgress(m);
    const { settle, fail } = pending;
    pending = null;
    if (closing) worker.terminate();
    if (m.type === 'error') fail(new WriteStepError(m.message, m.problem));
    else settle(m);
  };
  worker.onerror = (event) => {
    const p = pending;
    pending = null;
    p?.fail(new WriteStepError(event.message || 'worker'));
  };
  const ask = <T extends WriteOut['type']>(message: WriteIn, answer: T, onProgress: OnProgress = () => undefined, transfer: Transferable[] = []) =>
    new Promise<Extract<WriteOut, { type: T }>>((resolve, reject) => {
      if (pending || closing) return reject(new WriteStepError(closing ? 'closed' : 'busy'));
      pending = {
        writing: message.type === 'applyMerge' || message.type === 'restore',
        onProgress,
        settle: (m) => (m.type === answer ? resolve(m as Extract<WriteOut, { type: T }>) : reject(new WriteStepError(`unexpected ${m.type}`))),
        fail: reject,
      };
      worker.postMessage(message, transfer);
    });
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
    close() {
      closing = true;
      // The write's answer still comes (and moves this window's clock); then the worker ends.
      if (pending?.writing) return;
      worker.terminate();
      pending?.fail(new WriteStepError('closed'));
      pending = null;
    },
  };
}

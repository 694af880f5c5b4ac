/**
 * The window's side of an import: each step (read the file, dry run, write) is asked of
 * import.worker.ts and answered with what the screen shows. One worker per import, ended
 * with close().
 */
import { getDeviceId, nextCounter, observeCounter } from '../../../db/records';
import type { StorageProblem } from '../../../ui/errors';
import type { ColumnMapping } from './headers';
import type { ImportChoices } from './plan';
import type { CsvPreview, ImportIn, ImportOut, RowEdit } from './session';
import { REPORT_PAGE, type ImportReport, type ReportFilter, type ReportRowData } from './report';

export type OnProgress = (p: { done: number; total: number }) => void;

/**
 * A step's failure: `code` names a file problem (a message key's last part), else the message says it;
 * `storageProblem` keeps a full disk or I/O error recognisable after crossing from the worker.
 */
export class ImportStepError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly storageProblem?: StorageProblem,
  ) {
    super(message);
    this.name = 'ImportStepError';
  }
}

export interface ImportInWorker {
  parse(bytes: Uint8Array, onProgress: OnProgress): Promise<CsvPreview>;
  /** another sheet of the workbook read */
  sheet(index: number): Promise<CsvPreview>;
  plan(dbName: string, mapping: ColumnMapping, onProgress: OnProgress, choices?: ImportChoices): Promise<ImportReport>;
  /** a page of the last dry run's rows: all, or those of one action */
  rows(show: ReportFilter, from: number, count?: number): Promise<{ rows: ReportRowData[]; total: number }>;
  /** corrects a row; the next dry run reads it */
  edit(edit: RowEdit): Promise<void>;
  /** the rejected rows as a file like the input, with a reason column: CSV text, or a workbook's bytes */
  rejected(reasons: Record<number, string>, reasonHeader: string): Promise<string | Uint8Array>;
  /** writes the last dry run, all or nothing */
  apply(onProgress: OnProgress, fileName?: string): Promise<{ created: number; updated: number; batchId: string }>;
  /** Ends the worker; a write under way is finished first (ending it would undo it, unseen). */
  close(): void;
}

export function importInWorker(): ImportInWorker {
  const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  let pending: { writing: boolean; onProgress: OnProgress; settle: (m: ImportOut) => void; fail: (e: Error) => void } | null = null;
  let closing = false;
  worker.onmessage = (event: MessageEvent<ImportOut>) => {
    const m = event.data;
    if (!pending) return;
    if (m.type === 'progress') return pending.onProgress(m);
    const { settle, fail } = pending;
    pending = null;
    if (closing) worker.terminate();
    if (m.type === 'error') fail(new ImportStepError(m.message, m.code, m.problem));
    else settle(m);
  };
  worker.onerror = (event) => {
    const p = pending;
    pending = null;
    p?.fail(new ImportStepError(event.message || 'worker'));
  };
  const ask = <T extends ImportOut['type']>(message: ImportIn, answer: T, onProgress: OnProgress) =>
    new Promise<Extract<ImportOut, { type: T }>>((resolve, reject) => {
      if (pending || closing) return reject(new ImportStepError(closing ? 'closed' : 'busy'));
      pending = {
        writing: message.type === 'apply',
        onProgress,
        settle: (m) => (m.type === answer ? resolve(m as Extract<ImportOut, { type: T }>) : reject(new ImportStepError(`unexpected ${m.type}`))),
        fail: reject,
      };
      worker.postMessage(message);
    });
  return {
    parse: async (bytes, onProgress) => (await ask({ type: 'parse', bytes }, 'parsed', onProgress)).preview,
    sheet: async (index) => (await ask({ type: 'sheet', index }, 'parsed', () => undefined)).preview,
    plan: async (dbName, mapping, onProgress, choices) => (await ask({ type: 'plan', dbName, deviceId: getDeviceId(), counter: nextCounter(), mapping, ...(choices ? { choices } : {}) }, 'planned', onProgress)).report,
    rows: async (show, from, count = REPORT_PAGE) => {
      const { rows, total } = await ask({ type: 'rows', show, from, count }, 'reportRows', () => undefined);
      return { rows, total };
    },
    edit: async (edit) => void (await ask({ type: 'edit', edit }, 'edited', () => undefined)),
    rejected: async (reasons, reasonHeader) => {
      const file = await ask({ type: 'rejected', reasons, reasonHeader }, 'rejectedFile', () => undefined);
      return file.bytes ?? file.text;
    },
    async apply(onProgress, fileName) {
      const { created, updated, batchId, counter } = await ask({ type: 'apply', ...(fileName ? { fileName } : {}) }, 'applied', onProgress);
      observeCounter(counter);
      return { created, updated, batchId };
    },
    close() {
      closing = true;
      // The write's answer still comes (and moves this window's clock); then the worker ends.
      if (pending?.writing) return;
      worker.terminate();
      pending?.fail(new ImportStepError('closed'));
      pending = null;
    },
  };
}

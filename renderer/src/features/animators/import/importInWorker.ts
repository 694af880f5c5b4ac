/**
 * The window's side of an import: each step (read the file, dry run, write) is asked of
 * import.worker.ts and answered with what the screen shows. One worker per import, ended
 * with close().
 */
import { getDeviceId, nextCounter, observeCounter } from '../../../db/records';
import { stepWorker, type OnProgress } from '../../../shared/worker-steps';
import { registryClient } from '../registry-client';
import type { StorageProblem } from '../../../ui/errors';
import type { ColumnMapping } from './headers';
import type { ImportChoices } from './plan';
import type { CsvPreview, ImportIn, ImportOut, RowEdit } from './session';
import { REPORT_PAGE, type ImportReport, type ReportFilter, type ReportRowData } from './report';

export type { OnProgress };

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
  /** reads the file; its bytes are handed to the worker (transferred: empty here afterwards) */
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

/** Bytes that are their whole buffer, which can be transferred without taking anything else with it. */
const whole = (bytes: Uint8Array) => bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer;

export function importInWorker(): ImportInWorker {
  const worker = stepWorker<ImportIn, ImportOut>(
    new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' }),
    (m) => new ImportStepError(m.message, m.code, m.problem),
    (reason) => new ImportStepError(reason),
  );
  const ask = <T extends ImportOut['type']>(message: ImportIn, answer: T, onProgress?: OnProgress, transfer?: Transferable[]) => worker.ask(message, answer, { onProgress, writing: message.type === 'apply', transfer });
  /** the database whose registry worker the import's worker was given a port to */
  let portFor: string | null = null;
  return {
    // The file's bytes are handed over, not copied (a 50 MB file cloned held the window): the caller keeps no use for them.
    parse: async (bytes, onProgress) => (await ask({ type: 'parse', bytes }, 'parsed', onProgress, whole(bytes) ? [bytes.buffer] : [])).preview,
    sheet: async (index) => (await ask({ type: 'sheet', index }, 'parsed')).preview,
    async plan(dbName, mapping, onProgress, choices) {
      // The first dry run hands the import's worker a port to the registry's worker, which answers
      // who the rows name from the registry it holds (not loaded a second time over there).
      const client = portFor === dbName ? null : registryClient(dbName);
      const registry = client && !client.failure ? client.peoplePort() : undefined;
      if (registry) portFor = dbName;
      const message: ImportIn = { type: 'plan', dbName, deviceId: getDeviceId(), counter: nextCounter(), mapping, ...(choices ? { choices } : {}), ...(registry ? { registry } : {}) };
      return (await ask(message, 'planned', onProgress, registry ? [registry] : [])).report;
    },
    rows: async (show, from, count = REPORT_PAGE) => {
      const { rows, total } = await ask({ type: 'rows', show, from, count }, 'reportRows');
      return { rows, total };
    },
    edit: async (edit) => void (await ask({ type: 'edit', edit }, 'edited')),
    rejected: async (reasons, reasonHeader) => {
      const file = await ask({ type: 'rejected', reasons, reasonHeader }, 'rejectedFile');
      return file.bytes ?? file.text;
    },
    async apply(onProgress, fileName) {
      const { created, updated, batchId, counter } = await ask({ type: 'apply', ...(fileName ? { fileName } : {}) }, 'applied', onProgress);
      observeCounter(counter);
      return { created, updated, batchId };
    },
    // The write's answer still comes (and moves this window's clock); then the worker ends.
    close: () => worker.close(),
  };
}

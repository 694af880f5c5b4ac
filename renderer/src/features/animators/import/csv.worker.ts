/// <reference lib="webworker" />
/** Parses the spreadsheet off the main thread, reporting progress. */
import { CsvInputError, parseCsv } from './parse';

export type WorkerIn = { bytes: Uint8Array };
export type WorkerOut =
  | { type: 'progress'; share: number }
  /** rows travel in slices: one message of 10,000 rows costs the window a long task to receive */
  | { type: 'rows'; rows: ReturnType<typeof parseCsv>['rows'] }
  | { type: 'done'; result: ReturnType<typeof parseCsv> }
  | { type: 'error'; code: string };

const ROWS_PER_MESSAGE = 1000;

const post = (message: WorkerOut) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);

self.onmessage = (event: MessageEvent<WorkerIn>) => {
  try {
    const result = parseCsv(event.data.bytes, (share) => post({ type: 'progress', share }));
    for (let i = 0; i < result.rows.length; i += ROWS_PER_MESSAGE) post({ type: 'rows', rows: result.rows.slice(i, i + ROWS_PER_MESSAGE) });
    post({ type: 'done', result: { ...result, rows: [] } });
  } catch (error) {
    post({ type: 'error', code: error instanceof CsvInputError ? error.code : 'unreadable' });
  }
};

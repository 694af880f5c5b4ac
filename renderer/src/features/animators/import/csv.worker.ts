/// <reference lib="webworker" />
/** Parses the spreadsheet off the main thread, reporting progress. */
import { CsvInputError, parseCsv } from './parse';

export type WorkerIn = { bytes: Uint8Array };
export type WorkerOut =
  | { type: 'progress'; share: number }
  | { type: 'done'; result: ReturnType<typeof parseCsv> }
  | { type: 'error'; code: string };

const post = (message: WorkerOut) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(message);

self.onmessage = (event: MessageEvent<WorkerIn>) => {
  try {
    const result = parseCsv(event.data.bytes, (share) => post({ type: 'progress', share }));
    post({ type: 'done', result });
  } catch (error) {
    post({ type: 'error', code: error instanceof CsvInputError ? error.code : 'unreadable' });
  }
};

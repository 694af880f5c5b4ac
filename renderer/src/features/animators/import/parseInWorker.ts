import type { ParsedCsv } from './parse';
import type { WorkerOut } from './csv.worker';

/** Runs parseCsv in a Web Worker so the window never freezes on a large file. */
export function parseInWorker(bytes: Uint8Array, onProgress: (share: number) => void): Promise<ParsedCsv> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./csv.worker.ts', import.meta.url), { type: 'module' });
    const rows: ParsedCsv['rows'] = [];
    worker.onmessage = (event: MessageEvent<WorkerOut>) => {
      const m = event.data;
      if (m.type === 'progress') onProgress(m.share);
      else if (m.type === 'rows') rows.push(...m.rows);
      else {
        worker.terminate();
        if (m.type === 'done') resolve({ ...m.result, rows });
        else reject(new Error(m.code));
      }
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new Error(e.message || 'unreadable'));
    };
    worker.postMessage({ bytes });
  });
}

/** Runs backup.worker.ts and relays its progress; the window only receives the finished file's bytes. */
import type { OnProgress } from './backup';
import type { BackupWorkerIn, BackupWorkerOut } from './backup.worker';

export function exportInWorker(dbName: string, deviceId: string, appVersion: string, onProgress: OnProgress): Promise<Uint8Array<ArrayBuffer>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./backup.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<BackupWorkerOut>) => {
      const m = event.data;
      if (m.type === 'progress') return onProgress({ done: m.done, total: m.total });
      worker.terminate();
      if (m.type === 'done') resolve(m.bytes);
      else reject(new Error(m.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'backup worker failed'));
    };
    worker.postMessage({ dbName, deviceId, appVersion } satisfies BackupWorkerIn);
  });
}

/// <reference lib="webworker" />
/** Writes a full backup beside the window: reads, serialises, encodes and hashes on its own connection. */
import { FourmiliereDatabase } from '../../db/database';
import { setDeviceId } from '../../db/records';
import { exportBackupHere } from './backup';
import { errorMessage } from '../../ui/errors';

export type BackupWorkerIn = { dbName: string; deviceId: string; appVersion: string };
export type BackupWorkerOut = { type: 'progress'; done: number; total: number } | { type: 'done'; bytes: Uint8Array<ArrayBuffer> } | { type: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: BackupWorkerOut, transfer: Transferable[] = []) => scope.postMessage(message, transfer);

scope.onmessage = async (event: MessageEvent<BackupWorkerIn>) => {
  const { dbName, deviceId, appVersion } = event.data;
  setDeviceId(deviceId);
  const db = new FourmiliereDatabase(dbName);
  try {
    let last = 0;
    const bytes = await exportBackupHere(
      db,
      ({ done, total }) => {
        // A few hundred progress messages at most.
        if (done === total || done - last >= total / 200) {
          last = done;
          post({ type: 'progress', done, total });
        }
      },
      appVersion,
    );
    // Transferred, not copied: the window receives the file without a second pass over it.
    post({ type: 'done', bytes }, [bytes.buffer]);
  } catch (error) {
    post({ type: 'error', message: errorMessage(error) });
  } finally {
    db.close();
  }
};

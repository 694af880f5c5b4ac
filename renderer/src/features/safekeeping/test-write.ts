/**
 * Tests only: a copy check (recovery.ts's CopyCheck) over the write worker's own session,
 * run in process — Node has no Worker, and the session is the code the worker runs.
 */
import { getDeviceId, nextCounter } from '../../db/records';
import type { CopyCheck } from './recovery';
import { WriteSession, type WriteIn, type WriteOut } from './write-session';

export function inProcessCopyCheck(): CopyCheck & { closed: () => boolean } {
  let closed = false;
  let onProgress: (p: { done: number; total: number }) => void = () => undefined;
  let last: WriteOut | null = null;
  const session = new WriteSession((m) => (m.type === 'progress' ? onProgress(m) : (last = m)));
  const ask = async (message: WriteIn): Promise<WriteOut> => {
    if (closed) throw new Error('closed');
    last = null;
    await session.handle(message);
    const answer = last as WriteOut | null;
    if (!answer) throw new Error('no answer');
    if (answer.type === 'error') throw new Error(answer.message);
    return answer;
  };
  return {
    async checkBackup(dbName, bytes) {
      const m = await ask({ type: 'checkBackup', dbName, deviceId: getDeviceId(), counter: nextCounter(), bytes: typeof bytes === 'string' ? bytes : bytes.slice() });
      if (m.type !== 'backupChecked') throw new Error(`unexpected ${m.type}`);
      return m.result;
    },
    async restore(progress) {
      onProgress = progress ?? (() => undefined);
      await ask({ type: 'restore' });
    },
    close() {
      closed = true;
      session.close();
    },
    closed: () => closed,
  };
}

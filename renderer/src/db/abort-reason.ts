/**
 * Why the last read-write transaction aborted, as IndexedDB itself says it. When the
 * disk fills up, each pending request of a bulk write fails with a bare AbortError
 * ("The transaction was aborted, so the request cannot be fulfilled") and Dexie
 * reports those; only the transaction's own error names the cause (Chromium:
 * "UnknownError: … IO error: …/000058.log: FILE_ERROR_NO_SPACE"). A Dexie middleware
 * keeps it for the failure message.
 */
import type { DBCore, Middleware } from 'dexie';

let last: { error: unknown; at: number } | null = null;
/** read-write transactions not finished yet: Dexie may reject before the abort event */
const pending = new Set<Promise<void>>();

export const abortReasonMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'abort-reason',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const tx = down.transaction(stores, mode, options);
        // In the IndexedDB implementation the core transaction is the IDBTransaction itself.
        const idb = tx as unknown as Partial<IDBTransaction>;
        if (mode === 'readwrite' && typeof idb.addEventListener === 'function') {
          const done = new Promise<void>((resolve) => {
            idb.addEventListener!('complete', () => resolve());
            idb.addEventListener!('abort', () => {
              if (idb.error) last = { error: idb.error, at: Date.now() };
              resolve();
            });
          });
          pending.add(done);
          void done.then(() => pending.delete(done));
        }
        return tx;
      },
    };
  },
};

/**
 * The error of the last read-write transaction aborted at or after `since` (a
 * Date.now()), once the transactions under way have finished (at most `waitMs`).
 */
export async function abortReasonSince(since: number, waitMs = 5_000): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  await Promise.race([Promise.all([...pending]), new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
  clearTimeout(timer);
  return last && last.at >= since ? last.error : undefined;
}

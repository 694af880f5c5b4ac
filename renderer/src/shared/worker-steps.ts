/**
 * The window's side of a worker asked one step at a time (the import's, the merge and restore's):
 * each request is answered by one message, with progress messages before it; a second request
 * while one is pending is refused; closing lets a write under way finish (ending its worker
 * would undo it, unseen) and ends the worker once its answer came.
 */
export type OnProgress = (p: { done: number; total: number }) => void;

interface Tagged {
  type: string;
}
type WorkerLike = Pick<Worker, 'postMessage' | 'terminate'> & {
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
};

export interface StepOptions {
  onProgress?: OnProgress;
  /** a write: close() waits for its answer instead of ending the worker */
  writing?: boolean;
  transfer?: Transferable[];
}

export interface StepWorker<In extends Tagged, Out extends Tagged> {
  /** Sends one request; resolves with the answer of type `answer`, rejects on an error answer or any other type. */
  ask<T extends Out['type']>(message: In, answer: T, options?: StepOptions): Promise<Extract<Out, { type: T }>>;
  /** Ends the worker, or, while a write is under way, once its answer came. */
  close(): void;
}

/**
 * `failed` turns the worker's `{ type: 'error' }` answer into the caller's error; `error` makes
 * the caller's error from a plain reason ('busy', 'closed', a worker that could not start).
 */
export function stepWorker<In extends Tagged, Out extends Tagged>(worker: WorkerLike, failed: (answer: Extract<Out, { type: 'error' }>) => Error, error: (reason: string) => Error): StepWorker<In, Out> {
  let pending: { writing: boolean; onProgress: OnProgress; settle: (m: Out) => void; fail: (e: Error) => void } | null = null;
  let closing = false;
  worker.onmessage = (event: MessageEvent<Out>) => {
    const m = event.data;
    if (!pending) return;
    if (m.type === 'progress') return pending.onProgress(m as unknown as { done: number; total: number });
    const { settle, fail } = pending;
    pending = null;
    if (closing) worker.terminate();
    if (m.type === 'error') fail(failed(m as Extract<Out, { type: 'error' }>));
    else settle(m);
  };
  worker.onerror = (event) => {
    const p = pending;
    pending = null;
    p?.fail(error(event.message || 'worker'));
  };
  return {
    ask: (message, answer, { onProgress = () => undefined, writing = false, transfer = [] } = {}) =>
      new Promise((resolve, reject) => {
        if (pending || closing) return reject(error(closing ? 'closed' : 'busy'));
        pending = {
          writing,
          onProgress,
          settle: (m) => (m.type === answer ? resolve(m as Extract<Out, { type: typeof answer }>) : reject(error(`unexpected ${m.type}`))),
          fail: reject,
        };
        worker.postMessage(message, transfer);
      }),
    close() {
      closing = true;
      if (pending?.writing) return;
      worker.terminate();
      pending?.fail(error('closed'));
      pending = null;
    },
  };
}

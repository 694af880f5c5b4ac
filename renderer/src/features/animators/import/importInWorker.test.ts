import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextCounter } from '../../../db/records';
import { importInWorker, ImportStepError } from './importInWorker';
import type { ImportIn, ImportOut } from './session';

/** Stands in for the import's worker: records what the window asks, answers when told. */
class FakeWorker {
  static last: FakeWorker | null = null;
  onmessage: ((event: MessageEvent<ImportOut>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  asked: ImportIn[] = [];
  terminated = false;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(message: ImportIn) {
    this.asked.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  answer(message: ImportOut) {
    this.onmessage?.({ data: message } as MessageEvent<ImportOut>);
  }
}

const realWorker = globalThis.Worker;
beforeEach(() => {
  globalThis.Worker = FakeWorker as unknown as typeof Worker;
});
afterEach(() => {
  globalThis.Worker = realWorker;
});

describe('the window’s side of an import', () => {
  it('lets a write under way finish when the page closes, then ends the worker and moves the clock', async () => {
    const session = importInWorker();
    const worker = FakeWorker.last!;
    const progress: number[] = [];
    const written = session.apply((p) => progress.push(p.done));
    expect(worker.asked).toEqual([{ type: 'apply' }]);
    session.close();
    expect(worker.terminated).toBe(false);
    const ahead = nextCounter() + 3_600_000;
    worker.answer({ type: 'progress', done: 50, total: 100 });
    worker.answer({ type: 'applied', created: 80, updated: 20, batchId: 'b1', counter: ahead });
    await expect(written).resolves.toEqual({ created: 80, updated: 20, batchId: 'b1' });
    expect(progress).toEqual([50]);
    expect(worker.terminated).toBe(true);
    expect(nextCounter()).toBeGreaterThan(ahead);
    // Nothing more is asked of a closed session.
    await expect(session.parse(new Uint8Array([65]), () => undefined)).rejects.toThrow('closed');
  });

  it('ends a dry run at once when the page closes, and names a file problem by its code', async () => {
    const session = importInWorker();
    const worker = FakeWorker.last!;
    const read = session.parse(new Uint8Array([65]), () => undefined);
    worker.answer({ type: 'error', code: 'headerOnly', message: 'headerOnly' });
    const error = await read.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportStepError);
    expect((error as ImportStepError).code).toBe('headerOnly');

    const planned = session.plan('db', [], () => undefined);
    // The first dry run carries a port to the registry's worker, which answers who the rows name.
    expect(worker.asked[1]).toMatchObject({ type: 'plan', dbName: 'db', mapping: [], registry: expect.any(MessagePort) });
    session.close();
    expect(worker.terminated).toBe(true);
    await expect(planned).rejects.toThrow('closed');
  });
});

import { describe, expect, it } from 'vitest';
import { stepWorker } from './worker-steps';

type In = { type: 'read' } | { type: 'write' };
type Out = { type: 'progress'; done: number; total: number } | { type: 'read'; value: number } | { type: 'written' } | { type: 'error'; message: string };

/** Stands in for a worker: records what is asked, answers when told. */
function fake() {
  const w = {
    onmessage: null as ((event: MessageEvent) => void) | null,
    onerror: null as ((event: ErrorEvent) => void) | null,
    asked: [] as { message: In; transfer: Transferable[] }[],
    terminated: false,
    postMessage(message: In, transfer: Transferable[]) {
      w.asked.push({ message, transfer });
    },
    terminate() {
      w.terminated = true;
    },
    answer(m: Out) {
      w.onmessage?.({ data: m } as MessageEvent<Out>);
    },
  };
  return w;
}
const make = (w: ReturnType<typeof fake>) => stepWorker<In, Out>(w as unknown as Parameters<typeof stepWorker>[0], (m) => new Error(`failed: ${m.message}`), (reason) => new Error(reason));

describe('a worker asked one step at a time', () => {
  it('answers one request at a time, with its progress, and refuses a second one meanwhile', async () => {
    const w = fake();
    const steps = make(w);
    const progress: number[] = [];
    const buffer = new ArrayBuffer(8);
    const read = steps.ask({ type: 'read' }, 'read', { onProgress: (p) => progress.push(p.done), transfer: [buffer] });
    expect(w.asked).toEqual([{ message: { type: 'read' }, transfer: [buffer] }]);
    await expect(steps.ask({ type: 'read' }, 'read')).rejects.toThrow('busy');
    w.answer({ type: 'progress', done: 3, total: 10 });
    w.answer({ type: 'read', value: 42 });
    await expect(read).resolves.toEqual({ type: 'read', value: 42 });
    expect(progress).toEqual([3]);
    // The worker's error answer becomes the caller's error; an answer of another type is refused.
    const failing = steps.ask({ type: 'read' }, 'read');
    w.answer({ type: 'error', message: 'disque plein' });
    await expect(failing).rejects.toThrow('failed: disque plein');
    const wrong = steps.ask({ type: 'read' }, 'read');
    w.answer({ type: 'written' });
    await expect(wrong).rejects.toThrow('unexpected written');
    // A worker that fails fails the request under way.
    const broken = steps.ask({ type: 'read' }, 'read');
    w.onerror?.({ message: 'boom' } as ErrorEvent);
    await expect(broken).rejects.toThrow('boom');
  });

  it('lets a write under way finish when closed, then ends the worker; ends it at once otherwise', async () => {
    const w = fake();
    const steps = make(w);
    const write = steps.ask({ type: 'write' }, 'written', { writing: true });
    steps.close();
    expect(w.terminated).toBe(false);
    w.answer({ type: 'written' });
    await expect(write).resolves.toEqual({ type: 'written' });
    expect(w.terminated).toBe(true);
    await expect(steps.ask({ type: 'read' }, 'read')).rejects.toThrow('closed');

    const w2 = fake();
    const other = make(w2);
    const read = other.ask({ type: 'read' }, 'read');
    other.close();
    expect(w2.terminated).toBe(true);
    await expect(read).rejects.toThrow('closed');
  });
});

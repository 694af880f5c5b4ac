import type { DBCore } from 'dexie';
import { describe, expect, it } from 'vitest';
import { abortReasonMiddleware, abortReasonSince } from './abort-reason';

/** An IndexedDB transaction as the core hands it out: an event target with an error. */
class FakeIdbTransaction extends EventTarget {
  error: DOMException | null = null;
  abortWith(error: DOMException | null) {
    this.error = error;
    this.dispatchEvent(new Event('abort'));
  }
}

function core() {
  const made: FakeIdbTransaction[] = [];
  const down = { stack: 'dbcore', transaction: () => (made.push(new FakeIdbTransaction()), made.at(-1)) } as unknown as DBCore;
  return { db: abortReasonMiddleware.create(down) as DBCore, made };
}

describe('why a write transaction aborted', () => {
  it('keeps the error the store gave the transaction (Dexie reports a bare AbortError)', async () => {
    const { db, made } = core();
    const started = Date.now();
    db.transaction(['animators'], 'readwrite');
    // Chromium on a full disk: the transaction's own error names the cause.
    setTimeout(() => made[0]!.abortWith(new DOMException('IO error: 000058.log: FILE_ERROR_NO_SPACE', 'UnknownError')), 20);
    // Asked before the abort event arrived: the answer waits for the transaction to end.
    const reason = (await abortReasonSince(started)) as DOMException;
    expect(reason.message).toContain('FILE_ERROR_NO_SPACE');
  });

  it('reports nothing older than asked, nor an abort without error, nor read-only transactions', async () => {
    const { db, made } = core();
    const later = Date.now() + 1;
    db.transaction(['animators'], 'readonly');
    db.transaction(['animators'], 'readwrite');
    made[1]!.abortWith(null); // an explicit abort() has no error
    expect(await abortReasonSince(later)).toBeUndefined();
  });

  it('does not wait forever for a transaction that never ends', async () => {
    const { db } = core();
    db.transaction(['animators'], 'readwrite');
    const t0 = Date.now();
    await abortReasonSince(t0, 30);
    expect(Date.now() - t0).toBeLessThan(1000);
  });
});

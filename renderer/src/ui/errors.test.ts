import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { isQuotaError, storageProblem } from './errors';

describe('storage errors', () => {
  it('recognises a quota error, also when wrapped in an abort error', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    const dexieAbort = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
    expect(isQuotaError(dexieAbort)).toBe(true);
    const nested = Object.assign(new Error('bulkPut failed'), { name: 'BulkError', cause: dexieAbort });
    expect(isQuotaError(nested)).toBe(true);
    expect(isQuotaError(new Error('ConstraintError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });

  it('recognises an AbortError wrapping an I/O error (what Chromium raises when LevelDB cannot write)', () => {
    const abort = new Dexie.AbortError('Transaction aborted', new DOMException('Internal error.', 'UnknownError'));
    expect(storageProblem(abort)).toBe('io');
    // A bare AbortError (a constraint failure aborting the transaction) is not a disk problem.
    expect(storageProblem(new Dexie.AbortError('Transaction aborted', new DOMException('Key already exists', 'ConstraintError')))).toBeNull();
  });

  it('recognises a disk-full error inside an AbortError, from its text', () => {
    const abort = new Dexie.AbortError('Transaction aborted', new DOMException('IO error: 000123.ldb: No space left on device', 'UnknownError'));
    // "no space left" says more than "IO error": it is a full disk.
    expect(storageProblem(abort)).toBe('full');
  });

  it('looks into the failed operations of a Dexie BulkError', () => {
    const real = new Dexie.BulkError('animators.bulkPut(): 42 of 100 operations failed', { 3: new Dexie.AbortError('Transaction aborted', new DOMException('', 'QuotaExceededError')) });
    expect(real.name).toBe('BulkError');
    expect(storageProblem(real)).toBe('full');
    // Only the failures tell (the top message says nothing about the disk).
    const bland = { name: 'BulkError', message: 'animators.bulkPut(): 42 of 100 operations failed', failures: [new Error('x'), Object.assign(new Error('aborted'), { name: 'AbortError', inner: { name: 'UnknownError', message: 'Internal error.' } })] };
    expect(storageProblem(bland)).toBe('io');
    const byPos = { name: 'BulkError', message: '2 of 2 operations failed', failuresByPos: { 0: new DOMException('', 'QuotaExceededError') } };
    expect(storageProblem(byPos)).toBe('full');
    const constraint = new Dexie.BulkError('animators.bulkAdd(): 1 of 2 operations failed', { 1: new DOMException('Key already exists in the object store.', 'ConstraintError') });
    expect(storageProblem(constraint)).toBeNull();
  });

  it('keeps the classification an error carried across a worker', () => {
    expect(storageProblem(Object.assign(new Error('animators.bulkPut(): 42 of 100 operations failed'), { storageProblem: 'full' }))).toBe('full');
    expect(storageProblem(Object.assign(new Error('x'), { storageProblem: 'io' }))).toBe('io');
  });

  it('stops on cycles', () => {
    const a: { name: string; message: string; inner?: unknown } = { name: 'AbortError', message: 'a' };
    a.inner = { name: 'Error', message: 'b', cause: a };
    expect(storageProblem(a)).toBeNull();
  });
});

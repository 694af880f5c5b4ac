import { describe, expect, it } from 'vitest';
import { isQuotaError } from './errors';

describe('quota errors', () => {
  it('recognises a quota error, also when wrapped in an abort error', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    const dexieAbort = Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner: new DOMException('The quota has been exceeded.', 'QuotaExceededError') });
    expect(isQuotaError(dexieAbort)).toBe(true);
    const nested = Object.assign(new Error('bulkPut failed'), { name: 'BulkError', cause: dexieAbort });
    expect(isQuotaError(nested)).toBe(true);
    expect(isQuotaError(new Error('ConstraintError'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});

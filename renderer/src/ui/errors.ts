/** Turning storage failures into messages people can act on. */

/** True for quota errors, including Dexie/IndexedDB ones wrapped inside an AbortError. */
export function isQuotaError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (typeof current !== 'object') return false;
    const e = current as { name?: string; message?: string; inner?: unknown; cause?: unknown };
    if (e.name === 'QuotaExceededError' || /quota/i.test(e.message ?? '')) return true;
    current = e.inner ?? e.cause;
  }
  return false;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

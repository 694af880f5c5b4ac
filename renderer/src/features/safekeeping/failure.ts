/**
 * One wording for failures of data-safety actions: a full disk or a disk error is
 * explained in French, not dumped, and the message says only what was checked about
 * the data afterwards (see census.ts).
 */
import type { MessageKey, Translate } from '../../i18n';
import { errorMessage, storageProblem } from '../../ui/errors';
import { CheckedWriteError, type WriteOutcome } from './census';
import { NotEnoughSpaceError, spaceText } from './space';

/**
 * `action`: what failed, e.g. t('disk.action.import'); the error's own text is shown only
 * when it is neither a full disk nor an I/O error.
 */
export function failureText(t: Translate, error: unknown, action?: string): string {
  if (error instanceof NotEnoughSpaceError) return spaceText(t, error);
  const outcome: WriteOutcome | undefined = error instanceof CheckedWriteError ? error.outcome : undefined;
  const original = error instanceof CheckedWriteError ? error.original : error;
  const problem = storageProblem(original) ?? (error instanceof CheckedWriteError ? storageProblem(error.abortReason) : null);
  const what = problem === 'full' ? t('disk.error.full') : problem === 'io' ? t('disk.error.io') : t('disk.error.other', { detail: errorMessage(original) });
  const head = action ? t('disk.error.during', { action, what }) : what;
  return outcome ? `${head} ${outcomeText(t, outcome)}` : head;
}

export function outcomeText(t: Translate, outcome: WriteOutcome): string {
  if (outcome.kind === 'unchanged') return t('disk.outcome.unchanged', { total: outcome.total });
  // Most of it gone: the browser may have discarded the store; the next start offers the latest copy.
  if (outcome.kind === 'changed' && outcome.after < outcome.before / 2) return t('disk.outcome.lost', { before: outcome.before, after: outcome.after });
  if (outcome.kind === 'changed') return t('disk.outcome.changed', { before: outcome.before, after: outcome.after });
  return t('disk.outcome.unknown');
}

export const actionKey = {
  import: 'disk.action.import',
  restore: 'disk.action.restore',
  merge: 'disk.action.merge',
  pack: 'disk.action.pack',
  backup: 'disk.action.backup',
} as const satisfies Record<string, MessageKey>;

/**
 * A dry run's reasons as the person reads them. A schema's refusal names its field by key
 * (plan.ts issueReason): it is given the field's label here, in the window's language.
 */
import type { Translate } from '../../../i18n';
import { fieldLabel } from '../../../i18n/issues';
import type { Reason } from './plan';

export function reasonText(t: Translate, reason: Reason): string {
  const field = reason.params?.field;
  if (reason.key.startsWith('issue.') && typeof field === 'string') return t(reason.key, { ...reason.params, field: fieldLabel(t, field) });
  return t(reason.key, reason.params);
}

/** A row's reasons, one sentence after the other. */
export const reasonsText = (t: Translate, reasons: readonly Reason[]) => reasons.map((r) => reasonText(t, r)).join(' ');

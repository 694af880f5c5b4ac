/** One wording for failures of data-safety actions: a full disk is explained, not dumped. */
import type { Translate } from '../../i18n';
import { errorMessage, isQuotaError } from '../../ui/errors';

export function failureText(t: Translate, error: unknown): string {
  return isQuotaError(error) ? t('common.error.quota') : t('common.error.generic', { detail: errorMessage(error) });
}

/** French (or English) text for the date rules: when a half-day opens, why a write was refused. */
import { clockTime as formatClockTime } from '../../i18n/format';
import { isMessageKey, type Translate } from '../../i18n';
import { errorMessage } from '../../ui/errors';
import { DateRuleError } from './repository';

/** « mardi 8 décembre 2026 » of a YYYY-MM-DD day (noon, so no zone moves it). */
export function longDay(locale: string, day: string): string {
  return new Date(`${day.slice(0, 10)}T12:00:00`).toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

/** « 9 h », « 9 h 30 » in French, « 09:00 » otherwise, of HH:MM: the one clock format of i18n/format.ts. */
export function clockTime(locale: string, hhmm: string): string {
  return formatClockTime(hhmm, locale);
}

/** { day, time } of a YYYY-MM-DDTHH:mm opening. */
export function openingParams(locale: string, opensAt: string): { day: string; time: string } {
  return { day: longDay(locale, opensAt), time: clockTime(locale, opensAt.slice(11, 16)) };
}

/** The message of a refused write: the date rule's own words, or the generic error. */
export function refusalText(t: Translate, locale: string, error: unknown): string {
  if (error instanceof DateRuleError) return t(error.code, error.opensAt ? openingParams(locale, error.opensAt) : undefined);
  const message = errorMessage(error);
  return isMessageKey(message) ? t(message) : t('common.error.generic', { detail: message });
}

/**
 * Times, durations, numbers and French punctuation, one home for the whole UI.
 * French: « 9 h », « 9 h 30 », « 3 h 30 », « 0 h », a narrow no-break space before
 * « ; : ! ? » and inside « guillemets »; numbers and units never split across lines.
 */
/** 'fr', 'en', or a locale such as 'fr-FR' (what useI18n() gives as `locale`) */
export type FormatLanguage = string;

/** No-break space: between a number and its unit (« 3 h 30 »). */
export const NBSP = '\u00a0';
/** Narrow no-break space: before « ; : ! ? » and inside guillemets. */
export const NNBSP = '\u202f';

const isFrench = (language: FormatLanguage) => !language.startsWith('en');
const localeOf = (language: FormatLanguage) => (isFrench(language) ? 'fr-FR' : 'en-GB');

/** Reads "HH:MM", "HH:MM:SS" or a local date-time "YYYY-MM-DDTHH:MM…"; null when it is none of them. */
function hoursAndMinutes(time: string): { hours: number; minutes: number } | null {
  const m = /^(?:\d{4}-\d{2}-\d{2}[T ])?(\d{1,2}):(\d{2})/.exec(time.trim());
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2]);
  if (hours > 23 || minutes > 59) return null;
  return { hours, minutes };
}

/** A time of day: « 9 h », « 9 h 30 », « 14 h 05 » in French; "09:00", "14:05" in English. */
export function clockTime(time: string, language: FormatLanguage = 'fr'): string {
  const hm = hoursAndMinutes(time);
  if (!hm) return time;
  const mm = String(hm.minutes).padStart(2, '0');
  if (!isFrench(language)) return `${String(hm.hours).padStart(2, '0')}:${mm}`;
  return hm.minutes === 0 ? `${hm.hours}${NBSP}h` : `${hm.hours}${NBSP}h${NBSP}${mm}`;
}

/** A length of time from minutes: « 0 h », « 45 min », « 3 h », « 3 h 30 », « 1 h 05 »; negative keeps its sign. */
export function duration(totalMinutes: number, language: FormatLanguage = 'fr'): string {
  const sign = totalMinutes < 0 ? '-' : '';
  const m = Math.round(Math.abs(totalMinutes));
  const hours = Math.floor(m / 60);
  const rest = m % 60;
  if (m === 0) return `0${NBSP}h`;
  if (hours === 0) return `${sign}${rest}${NBSP}min`;
  if (rest === 0) return `${sign}${hours}${NBSP}h`;
  const mm = String(rest).padStart(2, '0');
  return isFrench(language) ? `${sign}${hours}${NBSP}h${NBSP}${mm}` : `${sign}${hours}${NBSP}h${NBSP}${mm}${NBSP}min`;
}

/** A duration given in hours (3.5 → « 3 h 30 »). */
export function durationFromHours(hours: number, language: FormatLanguage = 'fr'): string {
  return duration(hours * 60, language);
}

/**
 * One Intl formatter per locale and options, kept: `toLocaleDateString` builds a new one on
 * each call (a fraction of a millisecond), which a list of a few hundred dates re-rendered
 * on every database change made into a long task.
 */
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}
function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `n|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, options)));
  return f;
}

/** A number with the language's grouping and decimal comma (« 1 234,5 »). */
export function formatNumber(value: number, language: FormatLanguage = 'fr', maximumFractionDigits = 2): string {
  return numberFormat(localeOf(language), { maximumFractionDigits }).format(value);
}

/** A calendar date from "YYYY-MM-DD" (or a date-time): short « 07/12/2026 », long « lundi 7 décembre 2026 ». */
export function formatDay(iso: string, language: FormatLanguage = 'fr', style: 'short' | 'long' | 'dayMonth' = 'short'): string {
  const d = new Date(`${iso.slice(0, 10)}T12:00:00`);
  if (Number.isNaN(d.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions =
    style === 'long' ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } : style === 'dayMonth' ? { day: 'numeric', month: 'long' } : { day: '2-digit', month: '2-digit', year: 'numeric' };
  return dateFormat(localeOf(language), options).format(d);
}

/**
 * French spacing: a narrow no-break space before « ; : ! ? » and inside « guillemets »,
 * where the text has an ordinary space or none (« Attention ! », « Lieu : Pau »).
 * Leaves "https://", "10:30" and « ?query » without a space alone.
 */
export function frenchSpacing(text: string): string {
  return text
    .replace(/[ \u00a0]([;:!?])(?=\s|$|[»)"'’,.]|\{)/g, `${NNBSP}$1`)
    .replace(/«[ \u00a0\u202f]?/g, `«${NNBSP}`)
    .replace(/[ \u00a0\u202f]?»/g, `${NNBSP}»`);
}

/**
 * Upper-cases the first letter only, for a heading that starts with a month
 * (« Décembre 2026 »): CSS `text-transform: capitalize` would write « Semaine Du 7 Décembre ».
 */
export function capitalizeFirst(text: string, language: FormatLanguage = 'fr'): string {
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const char = String.fromCodePoint(first);
  return char.toLocaleUpperCase(localeOf(language)) + text.slice(char.length);
}

/** A moment, in the device's time zone: « 3 décembre 2026 à 8 h 19 »; "3 December 2026, 08:19". */
export function formatDateTime(iso: string, language: FormatLanguage = 'fr'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = dateFormat(localeOf(language), { day: 'numeric', month: 'long', year: 'numeric' }).format(d);
  const time = clockTime(`${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`, language);
  return isFrench(language) ? `${day} à ${time}` : `${day}, ${time}`;
}

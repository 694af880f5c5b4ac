/**
 * French public holidays (jours fériés, Code du travail art. L3133-1), computed:
 * the fixed dates, and Easter Monday, Ascension and Whit Monday from Easter Sunday
 * (Gregorian computus, the "anonymous" algorithm of Meeus). Alsace-Moselle
 * (départements 57, 67, 68) adds Good Friday and 26 December (art. L3134-13);
 * the overseas départements add the abolition of slavery (décret 83-1003).
 * Pure functions on ISO dates "YYYY-MM-DD", no time zone involved.
 */

export type HolidayName =
  | 'jourDeLAn'
  | 'lundiDePaques'
  | 'feteDuTravail'
  | 'victoire1945'
  | 'ascension'
  | 'lundiDePentecote'
  | 'feteNationale'
  | 'assomption'
  | 'toussaint'
  | 'armistice'
  | 'noel'
  | 'vendrediSaint'
  | 'saintEtienne'
  | 'abolitionEsclavage';

export interface Holiday {
  date: string;
  name: HolidayName;
}

const iso = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Easter Sunday of a Gregorian year. */
export function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(year, month, day);
}

/** Abolition of slavery by overseas département (décret n° 83-1003, Mayotte since 2011). */
const ABOLITION: Record<string, [number, number]> = { '971': [5, 27], '972': [5, 22], '973': [6, 10], '974': [12, 20], '976': [4, 27] };

/** The département of an INSEE commune code: 2 characters, 3 overseas (97x). */
const departmentOf = (insee: string) => (insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2));

/** The public holidays of a year, by date; with a commune's INSEE code, its local ones too. */
export function publicHolidays(year: number, communeInsee = ''): Holiday[] {
  const easter = easterSunday(year);
  const list: Holiday[] = [
    { date: iso(year, 1, 1), name: 'jourDeLAn' },
    { date: addDays(easter, 1), name: 'lundiDePaques' },
    { date: iso(year, 5, 1), name: 'feteDuTravail' },
    { date: iso(year, 5, 8), name: 'victoire1945' },
    { date: addDays(easter, 39), name: 'ascension' },
    { date: addDays(easter, 50), name: 'lundiDePentecote' },
    { date: iso(year, 7, 14), name: 'feteNationale' },
    { date: iso(year, 8, 15), name: 'assomption' },
    { date: iso(year, 11, 1), name: 'toussaint' },
    { date: iso(year, 11, 11), name: 'armistice' },
    { date: iso(year, 12, 25), name: 'noel' },
  ];
  const department = communeInsee ? departmentOf(communeInsee) : '';
  if (['57', '67', '68'].includes(department)) list.push({ date: addDays(easter, -2), name: 'vendrediSaint' }, { date: iso(year, 12, 26), name: 'saintEtienne' });
  const abolition = ABOLITION[department];
  if (abolition) list.push({ date: iso(year, abolition[0], abolition[1]), name: 'abolitionEsclavage' });
  return list.sort((a, b) => a.date.localeCompare(b.date));
}

/** The public holiday falling on a date (an ISO date or a local date-time), or null. */
export function holidayOn(date: string, communeInsee = ''): Holiday | null {
  const day = date.slice(0, 10);
  return publicHolidays(Number(day.slice(0, 4)), communeInsee).find((h) => h.date === day) ?? null;
}

import { describe, expect, it } from 'vitest';
import { capitalizeFirst, clockTime, duration, durationFromHours, formatDateTime, formatDay, formatNumber, frenchSpacing } from './format';
import { translate } from './index';

/** Shows no-break spaces as ordinary ones, so expectations read like the screen. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('clock times', () => {
  it('writes French hours with « h », minutes only when there are some', () => {
    expect(clockTime('09:00')).toBe('9\u00a0h');
    expect(clockTime('09:30')).toBe('9\u00a0h\u00a030');
    expect(plain(clockTime('14:05'))).toBe('14 h 05');
    expect(plain(clockTime('00:00'))).toBe('0 h');
    expect(plain(clockTime('2026-12-07T09:30'))).toBe('9 h 30');
    expect(plain(clockTime('2026-12-07T18:00:00', 'fr-FR'))).toBe('18 h');
  });

  it('writes English times on a 24-hour clock', () => {
    expect(clockTime('09:00', 'en')).toBe('09:00');
    expect(clockTime('2026-12-07T14:05', 'en-GB')).toBe('14:05');
  });

  it('leaves text that is not a time as it is', () => {
    expect(clockTime('bientôt')).toBe('bientôt');
    expect(clockTime('25:00')).toBe('25:00');
  });
});

describe('durations', () => {
  it('writes « 0 h », minutes alone under an hour, and « 3 h 30 »', () => {
    expect(plain(duration(0))).toBe('0 h');
    expect(plain(duration(45))).toBe('45 min');
    expect(plain(duration(180))).toBe('3 h');
    expect(plain(duration(210))).toBe('3 h 30');
    expect(plain(duration(65))).toBe('1 h 05');
    expect(plain(duration(-15))).toBe('-15 min');
    expect(plain(durationFromHours(3.5))).toBe('3 h 30');
    expect(plain(durationFromHours(10.5))).toBe('10 h 30');
  });

  it('keeps a number and its unit together', () => {
    expect(duration(210)).not.toContain(' ');
  });

  it('writes English durations with their minutes unit', () => {
    expect(plain(duration(210, 'en'))).toBe('3 h 30 min');
  });
});

describe('numbers and dates', () => {
  it('groups French thousands with a narrow no-break space and uses a decimal comma', () => {
    expect(formatNumber(1234.5)).toBe('1\u202f234,5');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
  });

  it('writes a moment as a date and a clock time, in the device’s time zone', () => {
    const moment = new Date(2026, 11, 3, 8, 19).toISOString();
    expect(plain(formatDateTime(moment))).toBe('3 décembre 2026 à 8 h 19');
    expect(plain(formatDateTime(moment, 'en-GB'))).toBe('3 December 2026, 08:19');
    expect(formatDateTime('pas une date')).toBe('pas une date');
  });

  it('capitalises the first letter of a heading only', () => {
    expect(capitalizeFirst('décembre 2026')).toBe('Décembre 2026');
    expect(capitalizeFirst('semaine du 7 décembre')).toBe('Semaine du 7 décembre');
    expect(capitalizeFirst('')).toBe('');
  });

  it('writes French dates in lower case', () => {
    expect(formatDay('2026-12-07', 'fr', 'long')).toBe('lundi 7 décembre 2026');
    expect(formatDay('2026-12-07', 'fr', 'dayMonth')).toBe('7 décembre');
    expect(formatDay('2026-12-07')).toBe('07/12/2026');
  });
});

describe('French punctuation', () => {
  it('puts a narrow no-break space before ; : ! ? and inside guillemets', () => {
    expect(frenchSpacing('Lieu : Pau ; salle 2 ! Prêt ?')).toBe('Lieu\u202f: Pau\u202f; salle 2\u202f! Prêt\u202f?');
    expect(frenchSpacing('« Facebook »')).toBe('«\u202fFacebook\u202f»');
    expect(frenchSpacing('«Facebook»')).toBe('«\u202fFacebook\u202f»');
  });

  it('leaves addresses and times alone', () => {
    expect(frenchSpacing('https://exemple.fr à 10:30')).toBe('https://exemple.fr à 10:30');
  });

  it('is applied to French messages, not English ones', () => {
    expect(translate('fr', 'animators.import.fileInfo', { name: 'a.csv', rows: 2, encoding: 'utf-8', delimiter: ';' })).toBe(
      'a.csv\u202f: 2 lignes, encodage utf-8, séparateur «\u202f;\u202f».',
    );
    expect(translate('en', 'animators.import.fileInfo', { name: 'a.csv', rows: 1, encoding: 'utf-8', delimiter: ';' })).toBe('a.csv: 1 row, utf-8 encoding, “;” separator.');
  });
});

import { describe, expect, it } from 'vitest';
import { easterSunday, holidayOn, publicHolidays } from './holidays';

describe('French public holidays', () => {
  it('computes Easter Sunday (checked against published dates)', () => {
    expect(easterSunday(2024)).toBe('2024-03-31');
    expect(easterSunday(2025)).toBe('2025-04-20');
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(easterSunday(2038)).toBe('2038-04-25');
    expect(easterSunday(2285)).toBe('2285-03-22');
  });

  it('lists the eleven national holidays of 2026 with the movable ones', () => {
    const days = publicHolidays(2026);
    expect(days).toHaveLength(11);
    expect(days.filter((h) => ['lundiDePaques', 'ascension', 'lundiDePentecote'].includes(h.name))).toEqual([
      { date: '2026-04-06', name: 'lundiDePaques' },
      { date: '2026-05-14', name: 'ascension' },
      { date: '2026-05-25', name: 'lundiDePentecote' },
    ]);
  });

  it('finds the holiday of a session, and nothing on a working day', () => {
    expect(holidayOn('2026-05-14T09:00')).toEqual({ date: '2026-05-14', name: 'ascension' });
    expect(holidayOn('2026-07-14')?.name).toBe('feteNationale');
    expect(holidayOn('2026-05-12T14:00')).toBeNull();
    expect(holidayOn('2027-05-17')?.name).toBe('lundiDePentecote');
  });

  it('adds the local holidays of Alsace-Moselle and overseas from the commune', () => {
    expect(holidayOn('2026-04-03', '67482')?.name).toBe('vendrediSaint');
    expect(holidayOn('2026-04-03', '64445')).toBeNull();
    expect(holidayOn('2026-12-26', '57463')?.name).toBe('saintEtienne');
    expect(holidayOn('2026-12-20', '97411')?.name).toBe('abolitionEsclavage');
    expect(holidayOn('2026-12-20', '97209')).toBeNull();
  });
});

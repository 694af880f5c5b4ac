import { describe, expect, it } from 'vitest';
import { cohortFieldsOf, cohortFormErrors, criteriaOf, emptyCohortForm, emptySessionForm, parseHours, regionOfForm, sessionFormErrors, type CohortForm } from './validation';

const form = (changes: Partial<CohortForm> = {}): CohortForm => ({ ...emptyCohortForm(1, '75'), nickname: 'Promotion Jimdo', startDate: '2026-03-01', endDate: '2026-06-30', ...changes });
const cohort = { startDate: '2026-03-01', endDate: '2026-06-30' };

describe('old regions', () => {
  it('maps a pre-2016 region to the region it merged into and keeps the old code', () => {
    expect(regionOfForm({ regionKind: 'old', regionCode: '', oldRegionCode: '72' })).toEqual({ regionCode: '75', oldRegionCode: '72' });
    expect(regionOfForm({ regionKind: 'old', regionCode: '', oldRegionCode: '42' })).toEqual({ regionCode: '44', oldRegionCode: '42' });
    expect(regionOfForm({ regionKind: 'old', regionCode: '', oldRegionCode: '91' })?.regionCode).toBe('76');
    // an unchanged region keeps its code on both sides
    expect(regionOfForm({ regionKind: 'old', regionCode: '', oldRegionCode: '53' })).toEqual({ regionCode: '53', oldRegionCode: '53' });
  });

  it('keeps a current region without an old code', () => {
    expect(regionOfForm({ regionKind: 'current', regionCode: '84', oldRegionCode: '82' })).toEqual({ regionCode: '84', oldRegionCode: null });
  });

  it('refuses unknown regions at the field', () => {
    expect(cohortFormErrors(form({ regionKind: 'old', oldRegionCode: '99' })).oldRegionCode).toBe('cohorts.error.region');
    expect(cohortFormErrors(form({ regionCode: '72' })).regionCode).toBe('cohorts.error.region');
  });

  it('stores the mapped region in the record', () => {
    expect(cohortFieldsOf(form({ regionKind: 'old', oldRegionCode: '72', trainers: 'Anne\n\n Luc ' }))).toMatchObject({ regionCode: '75', oldRegionCode: '72', trainers: ['Anne', 'Luc'] });
  });
});

describe('promotion form', () => {
  it('accepts a complete form', () => {
    expect(cohortFormErrors(form())).toEqual({});
  });
  it('refuses end before start, a bad number and a threshold above 100', () => {
    expect(cohortFormErrors(form({ endDate: '2026-02-01', number: '0', riskThresholdPercent: '120' }))).toEqual({
      endDate: 'cohorts.error.dateOrder',
      number: 'cohorts.error.number',
      riskThresholdPercent: 'cohorts.error.threshold',
    });
  });
});

describe('session form', () => {
  it('refuses a session outside the promotion dates', () => {
    expect(sessionFormErrors(emptySessionForm('2026-07-01'), cohort).date).toBe('cohorts.error.sessionOutside');
    expect(sessionFormErrors(emptySessionForm('2026-02-28'), cohort).date).toBe('cohorts.error.sessionOutside');
    expect(sessionFormErrors(emptySessionForm('2026-06-30'), cohort)).toEqual({});
  });
  it('refuses negative or unreadable hours, and an end before the start', () => {
    expect(sessionFormErrors({ ...emptySessionForm('2026-03-10'), hours: '-2' }, cohort).hours).toBe('cohorts.error.hoursNegative');
    expect(sessionFormErrors({ ...emptySessionForm('2026-03-10'), hours: 'trois' }, cohort).hours).toBe('cohorts.error.hours');
    expect(sessionFormErrors({ ...emptySessionForm('2026-03-10'), start: '12:00', end: '09:00' }, cohort).end).toBe('cohorts.error.timeOrder');
  });
  it('reads French decimal hours', () => {
    expect(parseHours('3,5')).toBe(3.5);
    expect(parseHours(' 7 ')).toBe(7);
    expect(parseHours('3h')).toBeNaN();
  });
});

describe('criteria', () => {
  it('keeps the ids of unchanged criteria so assessments stay attached', () => {
    let n = 0;
    const next = () => `new-${n++}`;
    const before = [{ id: 'c1', label: 'Anime un atelier' }, { id: 'c2', label: 'Rédige un diagnostic' }];
    expect(criteriaOf('Anime un atelier\nConduit un entretien\n', before, next)).toEqual([{ id: 'c1', label: 'Anime un atelier' }, { id: 'new-0', label: 'Conduit un entretien' }]);
  });
});

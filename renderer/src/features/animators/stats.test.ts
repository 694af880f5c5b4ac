import { describe, expect, it } from 'vitest';
import { createRecord } from '../../db/records';
import type { Animator } from '../../domain/registry';
import { getRegion } from '../../shared/geo';
import { barometerBuilder, classBreaks, classOf, perHundredThousand, ranking } from './stats';
import { emptyAnimatorForm, fieldsOf } from './repository';

const person = (over: Partial<ReturnType<typeof emptyAnimatorForm>>): Animator =>
  createRecord<Animator>(fieldsOf({ ...emptyAnimatorForm(), firstName: 'A', lastName: 'B', ...over }));

describe('barometer maths', () => {
  it('computes animators per 100,000 inhabitants', () => {
    expect(perHundredThousand(12, 3_000_000)).toBe(0.4);
    expect(perHundredThousand(7, 350_000)).toBe(2);
    expect(perHundredThousand(1, 0)).toBe(0);
    expect(perHundredThousand(3, 1_000_000)).toBe(0.3);
  });

  it('aggregates by region and department with statuses, structures, cohorts and years', () => {
    const b = barometerBuilder();
    const corse = getRegion('94')!;
    b.add(person({ regionCode: '94', departmentCode: '2A', status: 'certifie', structureName: 'OT Ajaccio', cohortId: 'c1', trainedYear: '2019' }));
    b.add(person({ regionCode: '94', departmentCode: '2B', status: 'forme', structureName: 'ot ajaccio', cohortId: 'c1', trainedYear: '2019' }));
    b.add(person({ regionCode: '94', departmentCode: '2B', status: 'forme', structureName: 'OT Bastia', cohortId: 'c2', trainedYear: '2021' }));
    b.add(person({ regionCode: '11', departmentCode: '75', status: 'certifie', structureName: 'OT Paris' }));
    b.add({ ...person({ regionCode: '11' }), deletedAt: new Date().toISOString() });
    b.add(person({}));
    const r = b.result();
    expect(r.total).toBe(5);
    expect(r.unlocated).toBe(1);
    const c = r.regions.find((x) => x.code === '94')!;
    expect([c.total, c.byStatus.certifie, c.byStatus.forme, c.structures, c.cohorts]).toEqual([3, 1, 2, 2, 2]);
    expect(c.perCapita).toBe(perHundredThousand(3, corse.population));
    expect(r.departments.find((d) => d.code === '2B')?.total).toBe(2);
    expect(r.years).toEqual([{ year: 2019, count: 2 }, { year: 2021, count: 1 }]);
    expect(r.regions).toHaveLength(18);
    // Corsica's small population puts it first per capita, Île-de-France ties on raw certified
    expect(ranking(r.regions, 'perCapita')[0]?.code).toBe('94');
    expect(ranking(r.regions, 'total')[0]?.code).toBe('94');
  });

  it('puts values in colour classes', () => {
    const breaks = classBreaks([0, 2, 10]);
    expect(breaks).toEqual([2, 4, 6, 8, 10]);
    expect([0, 1, 2, 2.1, 10].map((v) => classOf(v, breaks))).toEqual([-1, 0, 0, 1, 4]);
  });
});

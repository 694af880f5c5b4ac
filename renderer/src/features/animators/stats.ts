/**
 * The "baromètre": per region and department, computed in one cursor pass over
 * the registry. Only the small aggregates reach React, never the records.
 */
import type { FourmiliereDatabase } from '../../db/database';
import { foldText } from '../../db/records';
import { trainingStatuses, type Animator, type TrainingStatus } from '../../domain/registry';
import { departments, getDepartment, getRegion, regions } from '../../shared/geo';

export interface AreaStats {
  code: string;
  name: string;
  population: number;
  total: number;
  byStatus: Record<TrainingStatus, number>;
  structures: number;
  cohorts: number;
  /** animators per 100,000 inhabitants */
  perCapita: number;
}
export interface Barometer {
  regions: AreaStats[];
  departments: AreaStats[];
  /** trained per year, all regions (year -> count) */
  years: { year: number; count: number }[];
  yearsByRegion: Record<string, Record<number, number>>;
  total: number;
  unlocated: number;
}

export const measures = ['total', 'perCapita', 'certified'] as const;
export type Measure = (typeof measures)[number];

/** Animators per 100,000 inhabitants, to one decimal; 0 when the population is unknown. */
export function perHundredThousand(count: number, population: number): number {
  if (population <= 0) return 0;
  return Math.round((count / population) * 1_000_000) / 10;
}

export function measureOf(s: AreaStats, m: Measure): number {
  return m === 'total' ? s.total : m === 'perCapita' ? s.perCapita : s.byStatus.certifie;
}

const zeroStatus = () => Object.fromEntries(trainingStatuses.map((s) => [s, 0])) as Record<TrainingStatus, number>;

interface Acc {
  total: number;
  byStatus: Record<TrainingStatus, number>;
  structures: Set<string>;
  cohorts: Set<string>;
}
const acc = (): Acc => ({ total: 0, byStatus: zeroStatus(), structures: new Set(), cohorts: new Set() });

/** What the baromètre reads of a person. */
export type CountedPerson = Pick<Animator, 'deletedAt' | 'regionCode' | 'departmentCode' | 'status' | 'structureName' | 'cohortId' | 'trainedYear'>;

function add(a: Acc, r: CountedPerson) {
  a.total++;
  a.byStatus[r.status]++;
  if (r.structureName) a.structures.add(foldText(r.structureName).trim());
  if (r.cohortId) a.cohorts.add(r.cohortId);
}

const finish = (code: string, name: string, population: number, a: Acc | undefined): AreaStats => {
  const v = a ?? acc();
  return { code, name, population, total: v.total, byStatus: v.byStatus, structures: v.structures.size, cohorts: v.cohorts.size, perCapita: perHundredThousand(v.total, population) };
};

/** Aggregates of records (pure: the cursor pass feeds it one by one). */
export function barometerBuilder() {
  const byRegion = new Map<string, Acc>();
  const byDepartment = new Map<string, Acc>();
  const years = new Map<number, number>();
  const yearsByRegion: Record<string, Record<number, number>> = {};
  let total = 0;
  let unlocated = 0;
  return {
    add(r: CountedPerson) {
      if (r.deletedAt) return;
      total++;
      if (!getRegion(r.regionCode)) unlocated++;
      else {
        let a = byRegion.get(r.regionCode);
        if (!a) byRegion.set(r.regionCode, (a = acc()));
        add(a, r);
      }
      if (getDepartment(r.departmentCode)) {
        let d = byDepartment.get(r.departmentCode);
        if (!d) byDepartment.set(r.departmentCode, (d = acc()));
        add(d, r);
      }
      if (r.trainedYear) {
        years.set(r.trainedYear, (years.get(r.trainedYear) ?? 0) + 1);
        const y = (yearsByRegion[r.regionCode] ??= {});
        y[r.trainedYear] = (y[r.trainedYear] ?? 0) + 1;
      }
    },
    result(): Barometer {
      return {
        regions: regions.map((g) => finish(g.code, g.name, g.population, byRegion.get(g.code))),
        departments: departments.map((d) => finish(d.code, d.name, d.population, byDepartment.get(d.code))),
        years: [...years].map(([year, count]) => ({ year, count })).sort((a, b) => a.year - b.year),
        yearsByRegion,
        total,
        unlocated,
      };
    },
  };
}

export async function computeBarometer(db: FourmiliereDatabase): Promise<Barometer> {
  const builder = barometerBuilder();
  await db.animators.each((r) => builder.add(r));
  return builder.result();
}

/** Areas ranked by a measure, best first; ties by name. */
export function ranking(areas: readonly AreaStats[], m: Measure): AreaStats[] {
  return [...areas].sort((a, b) => measureOf(b, m) - measureOf(a, m) || a.name.localeCompare(b.name, 'fr'));
}

/** Five colour classes from zero to the maximum, for the map and its legend. */
export function classBreaks(values: readonly number[], classes = 5): number[] {
  const max = Math.max(0, ...values);
  if (max === 0) return [0];
  return Array.from({ length: classes }, (_, i) => Math.round(((max * (i + 1)) / classes) * 10) / 10);
}
export function classOf(value: number, breaks: readonly number[]): number {
  if (value <= 0) return -1;
  const i = breaks.findIndex((b) => value <= b);
  return i === -1 ? breaks.length - 1 : i;
}

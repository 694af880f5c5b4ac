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
  /** by status, in the order of trainingStatuses */
  counts: number[];
  /** a status outside trainingStatuses (none is stored; counted as before: NaN) */
  other: Record<string, number> | null;
  /** the structures' folded names, or any one value per folded name (see addKeyed) */
  structures: Set<unknown>;
  cohorts: Set<string>;
}
const acc = (): Acc => ({ total: 0, counts: trainingStatuses.map(() => 0), other: null, structures: new Set(), cohorts: new Set() });
const statusIndex = new Map<string, number>(trainingStatuses.map((s, i) => [s, i]));

/** What the baromètre reads of a person. */
export type CountedPerson = Pick<Animator, 'deletedAt' | 'regionCode' | 'departmentCode' | 'status' | 'structureName' | 'cohortId' | 'trainedYear'>;

/** What tells two structures apart: their names folded (accents and case ignored) and trimmed. */
export const structureKey = (structureName: string): string => foldText(structureName).trim();

function add(a: Acc, status: TrainingStatus, structure: unknown, cohortId: string | null) {
  a.total++;
  const i = statusIndex.get(status);
  if (i !== undefined) a.counts[i]!++;
  else (a.other ??= {})[status]!++;
  if (structure !== null) a.structures.add(structure);
  if (cohortId) a.cohorts.add(cohortId);
}

const finish = (code: string, name: string, population: number, a: Acc | undefined): AreaStats => {
  const v = a ?? acc();
  const byStatus = zeroStatus();
  trainingStatuses.forEach((s, i) => (byStatus[s] = v.counts[i]!));
  if (v.other) Object.assign(byStatus, v.other);
  return { code, name, population, total: v.total, byStatus, structures: v.structures.size, cohorts: v.cohorts.size, perCapita: perHundredThousand(v.total, population) };
};

/** Aggregates of records (pure: the cursor pass feeds it one by one). */
export function barometerBuilder() {
  const byRegion = new Map<string, Acc>();
  const byDepartment = new Map<string, Acc>();
  const years = new Map<number, number>();
  const yearsByRegion: Record<string, Record<number, number>> = {};
  let total = 0;
  let unlocated = 0;
  /**
   * One person outside the bin. `structure` stands for the structure's key (structureKey):
   * the key itself, or any value given for that key and no other (the registry's worker
   * gives a number per folded name, made once per distinct name); null when it has no name.
   */
  const addKeyed = (regionCode: string, departmentCode: string, status: TrainingStatus, structure: unknown, cohortId: string | null, trainedYear: number | null) => {
    total++;
    if (!getRegion(regionCode)) unlocated++;
    else {
      let a = byRegion.get(regionCode);
      if (!a) byRegion.set(regionCode, (a = acc()));
      add(a, status, structure, cohortId);
    }
    if (getDepartment(departmentCode)) {
      let d = byDepartment.get(departmentCode);
      if (!d) byDepartment.set(departmentCode, (d = acc()));
      add(d, status, structure, cohortId);
    }
    if (trainedYear) {
      years.set(trainedYear, (years.get(trainedYear) ?? 0) + 1);
      const y = (yearsByRegion[regionCode] ??= {});
      y[trainedYear] = (y[trainedYear] ?? 0) + 1;
    }
  };
  return {
    add(r: CountedPerson) {
      if (r.deletedAt) return;
      addKeyed(r.regionCode, r.departmentCode, r.status, r.structureName ? structureKey(r.structureName) : null, r.cohortId, r.trainedYear);
    },
    addKeyed,
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

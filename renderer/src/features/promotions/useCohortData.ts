/** One promotion's records, live, with the progress maths computed once per change. */
import { useMemo } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { buildGrid, cohortStats, heldSessionIds, personProgress, progressSeries, type PersonProgress } from './progress';
import { cohortBundle, type CohortBundle } from './repository';

export interface CohortData extends CohortBundle {
  progress: Map<string, PersonProgress>;
  grid: ReturnType<typeof buildGrid>;
  held: Set<string>;
  stats: ReturnType<typeof cohortStats>;
  series: ReturnType<typeof progressSeries>;
}

export function useCohortData(id: string): CohortData | null | undefined {
  const bundle = useLiveQuery(() => cohortBundle(id), [id]);
  return useMemo(() => {
    if (!bundle) return undefined;
    if (!bundle.cohort) return null;
    const grid = buildGrid(bundle.sessions, bundle.attendance);
    const held = heldSessionIds(bundle.sessions, grid);
    const enrolments = bundle.people.map((p) => p.enrolment);
    const list = enrolments.map((e) => personProgress(e, bundle.sessions, grid, held, bundle.cohort!.riskThresholdPercent));
    return {
      ...bundle,
      grid,
      held,
      progress: new Map(list.map((p) => [p.animatorId, p])),
      stats: cohortStats(enrolments, list, bundle.sessions, held),
      series: progressSeries(bundle.sessions, grid, held, enrolments),
    };
  }, [bundle]);
}

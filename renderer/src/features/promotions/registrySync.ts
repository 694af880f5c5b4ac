/**
 * What the registry should say about a person given their enrolment, so the
 * registry and the promotions never disagree. Pure: the repository applies it
 * through the registry's public updateAnimatorTraining (which keeps history and
 * an undo).
 */
import type { Cohort, EnrolmentStatus } from '../../domain/cohorts';
import type { TrainingStatus } from '../../domain/registry';
import type { TrainingChanges } from '../animators/public';

export const registryStatusOf: Record<EnrolmentStatus, TrainingStatus> = {
  'en-cours': 'en-formation',
  termine: 'forme',
  certifie: 'certifie',
  abandon: 'abandon',
};

export function trainingChangesFor(status: EnrolmentStatus, cohort: Pick<Cohort, 'id' | 'startDate'>, endDate: string | null): Required<TrainingChanges> {
  const finished = status === 'termine' || status === 'certifie';
  return {
    status: registryStatusOf[status],
    cohortId: cohort.id,
    trainingStart: cohort.startDate,
    trainingEnd: finished || status === 'abandon' ? endDate : null,
    trainedYear: finished && endDate ? Number(endDate.slice(0, 4)) : null,
  };
}


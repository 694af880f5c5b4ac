/** What the person's page shows besides the record: cohorts, module attendance, workshops run. */
import type { FourmiliereDatabase } from '../../db/database';
import type { Animator } from '../../domain/registry';
import type { Cohort, Enrolment } from '../../domain/cohorts';
import type { Attendance } from '../../domain/attendance';
import type { Workshop } from '../../domain/workshops';
import { foldText } from '../../db/records';
import { displayName } from './repository';

export interface PersonLinks {
  cohorts: { enrolment: Enrolment; cohort: Cohort | undefined }[];
  attendance: Attendance[];
  workshops: Workshop[];
}

export async function personLinks(db: FourmiliereDatabase, a: Animator): Promise<PersonLinks> {
  const enrolments = await db.enrolments.where('animatorId').equals(a.id).toArray();
  const cohorts = await db.cohorts.bulkGet(enrolments.map((e) => e.cohortId));
  const attendance = (await db.attendance.where('personId').equals(a.id).toArray()).filter((x) => x.context === 'module');
  // Workshops name their animators as free text: matched on the folded full name.
  const name = foldText(displayName(a));
  const workshops = await db.workshops.filter((w) => !w.deletedAt && w.animators.some((n) => foldText(n).trim() === name)).toArray();
  return { cohorts: enrolments.map((enrolment, i) => ({ enrolment, cohort: cohorts[i] })), attendance, workshops };
}

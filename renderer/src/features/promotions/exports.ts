/** The promotion as a CSV for French spreadsheets: one line per person, one column per session, then hours. */
import type { AttendanceStatus } from '../../domain/attendance';
import type { Translate } from '../../i18n';
import { frenchDate, type CsvColumn } from '../../shared/csv';
import { halfDayLabel, statusLabel } from '../../shared/attendance/AttendanceSheet';
import { enrolmentStatusLabel } from './labels';
import type { CohortData } from './useCohortData';
import type { EnrolledPerson } from './repository';

export function cohortCsvColumns(t: Translate, data: CohortData): CsvColumn<EnrolledPerson>[] {
  const moduleTitle = new Map(data.modules.map((m) => [m.id, m.title]));
  const mark = (status: AttendanceStatus | undefined) => (status ? t(statusLabel[status]) : '');
  return [
    { header: t('cohorts.csv.lastName'), value: (p) => p.animator?.lastName ?? '' },
    { header: t('cohorts.csv.firstName'), value: (p) => p.animator?.firstName ?? '' },
    { header: t('cohorts.csv.email'), value: (p) => p.animator?.email ?? '' },
    { header: t('cohorts.csv.structure'), value: (p) => p.animator?.structureName ?? '' },
    { header: t('cohorts.csv.status'), value: (p) => t(enrolmentStatusLabel[p.enrolment.status]) },
    { header: t('cohorts.csv.withdrawnAt'), value: (p) => frenchDate(p.enrolment.withdrawnAt) },
    { header: t('cohorts.csv.completedAt'), value: (p) => frenchDate(p.enrolment.completedAt) },
    ...data.sessions.map(
      (s): CsvColumn<EnrolledPerson> => ({
        header: `${frenchDate(s.date)} ${t(halfDayLabel[s.halfDay])} — ${moduleTitle.get(s.moduleId) ?? ''}`,
        value: (p) => mark(data.grid.get(p.enrolment.animatorId)?.get(s.id)),
      }),
    ),
    { header: t('cohorts.csv.hoursAttended'), value: (p) => data.progress.get(p.enrolment.animatorId)?.attendedHours ?? 0 },
    { header: t('cohorts.csv.hoursPlanned'), value: (p) => data.progress.get(p.enrolment.animatorId)?.plannedHours ?? 0 },
    { header: t('cohorts.csv.percent'), value: (p) => data.progress.get(p.enrolment.animatorId)?.percentOfPlanned ?? 0 },
  ];
}

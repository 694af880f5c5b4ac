/** /promotions: every promotion, newest first, with its region, dates, status and size. */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { getDb } from '../../db/database';
import { useI18n } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { EmptyState, PageHeader } from '../../ui/PageHeader';
import { cohortStatusLabel, cohortTitle, formatDate, regionText } from './labels';
import { listCohorts } from './repository';

export default function CohortList() {
  const { t, locale } = useI18n();
  const rows = useLiveQuery(async () => {
    const cohorts = await listCohorts();
    const counts = await Promise.all(cohorts.map((c) => getDb().enrolments.where('cohortId').equals(c.id).count()));
    return cohorts.map((cohort, i) => ({ cohort, enrolled: counts[i] ?? 0 }));
  }, []);
  return (
    <>
      <PageHeader
        title={t('cohorts.list.title')}
        intro={t('cohorts.list.intro')}
      />
      {rows === undefined ? (
        <p>{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <EmptyState>{t('cohorts.list.empty')}</EmptyState>
      ) : (
        <DataTable
          caption={t('cohorts.list.title')}
          rows={rows}
          rowKey={(r) => r.cohort.id}
          columns={[
            {
              id: 'name',
              header: t('cohorts.field.nickname'),
              rowHeader: true,
              minRem: 14,
              cell: ({ cohort: c }) => (
                <>
                  <Link href={`/${c.id}`}>{cohortTitle(t, c)}</Link>
                  <div className="muted" style={{ fontWeight: 'normal' }}>
                    {c.targetPath}
                  </div>
                </>
              ),
            },
            { id: 'region', header: t('cohorts.field.region'), minRem: 10, priority: 2, cell: ({ cohort: c }) => regionText(t, c) },
            { id: 'dates', header: t('cohorts.field.dates'), minRem: 12, cell: ({ cohort: c }) => t('cohorts.dateRange', { start: formatDate(locale, c.startDate), end: formatDate(locale, c.endDate) }) },
            { id: 'status', header: t('cohorts.field.status'), minRem: 7, cell: ({ cohort: c }) => <span className="badge">{t(cohortStatusLabel[c.status])}</span> },
            { id: 'enrolled', header: t('cohorts.list.enrolled'), minRem: 5, align: 'end', priority: 2, cell: ({ enrolled }) => enrolled },
          ]}
        />
      )}
    </>
  );
}

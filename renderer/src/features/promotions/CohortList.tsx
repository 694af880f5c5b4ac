/** /promotions: every promotion, newest first, with its region, dates, status and size. */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { getDb } from '../../db/database';
import { useI18n } from '../../i18n';
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
        <table className="data">
          <caption className="visually-hidden">{t('cohorts.list.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cohorts.field.nickname')}</th>
              <th scope="col">{t('cohorts.field.region')}</th>
              <th scope="col">{t('cohorts.field.dates')}</th>
              <th scope="col">{t('cohorts.field.status')}</th>
              <th scope="col">{t('cohorts.list.enrolled')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ cohort: c, enrolled }) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link href={`/${c.id}`}>{cohortTitle(t, c)}</Link>
                  <div className="muted" style={{ fontWeight: 'normal' }}>
                    {c.targetPath}
                  </div>
                </th>
                <td>{regionText(t, c)}</td>
                <td>{t('cohorts.dateRange', { start: formatDate(locale, c.startDate), end: formatDate(locale, c.endDate) })}</td>
                <td>
                  <span className="badge">{t(cohortStatusLabel[c.status])}</span>
                </td>
                <td>{enrolled}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

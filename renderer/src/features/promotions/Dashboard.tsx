/**
 * The promotion at a glance: completion and drop-out rates, hours, who is at
 * risk and why, the grid of people × sessions, and the progress over time.
 */
import { Link } from 'wouter';
import { durationFromHours } from '../../i18n/format';
import { useI18n } from '../../i18n';
import { halfDayLabel, statusLabel } from '../../shared/attendance/AttendanceSheet';
import { fileNameFrom, saveCsv } from '../../shared/files';
import { DataTable, type Column } from '../../ui/DataTable';
import { EmptyState } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { cohortCsvColumns } from './exports';
import { cohortTitle, enrolmentStatusLabel, formatDate, formatHours, hoursOfText, riskLabel } from './labels';
import { ProgressChart } from './ProgressChart';
import type { CohortData } from './useCohortData';

const MARK_SYMBOL = { present: 'P', absent: 'A', excuse: 'E' } as const;

export default function Dashboard({ data }: { data: CohortData }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const cohort = data.cohort!;
  const { stats } = data;
  const moduleTitle = new Map(data.modules.map((m) => [m.id, m.title]));
  const atRisk = data.people.filter((p) => (data.progress.get(p.enrolment.animatorId)?.risks.length ?? 0) > 0);
  const h = (n: number) => durationFromHours(n, locale);

  type Person = CohortData['people'][number];
  // The person and the status (with « À risque ») stay pinned at the edges; the sessions scroll between them.
  const gridColumns: Column<Person>[] = [
    { id: 'person', header: t('cohorts.grid.person'), rowHeader: true, sticky: 'start', minRem: 11, cell: (p) => <Link href={`/personnes/${p.enrolment.id}`}>{p.name}</Link> },
    ...data.sessions.map(
      (s): Column<Person> => ({
        id: s.id,
        align: 'center',
        minRem: 5.5,
        header: (
          <Link href={`/seances/${s.id}`} title={moduleTitle.get(s.moduleId)}>
            {new Date(`${s.date}T12:00:00`).toLocaleDateString(locale, { day: '2-digit', month: '2-digit' })}
            <br />
            {t(s.halfDay === 'matin' ? 'cohorts.grid.am' : 'cohorts.grid.pm')}
            {/* the visible text stays first in the accessible name; the rest says which session it is */}
            <span className="visually-hidden"> — {t('cohorts.grid.sessionLink', { module: moduleTitle.get(s.moduleId) ?? '', date: formatDate(locale, s.date, true), halfDay: t(halfDayLabel[s.halfDay]) })}</span>
          </Link>
        ),
        cell: (p) => {
          const mark = data.grid.get(p.enrolment.animatorId)?.get(s.id);
          const expected = !p.enrolment.withdrawnAt || s.date < p.enrolment.withdrawnAt;
          return mark ? (
            <span className={`mark-${mark}`} title={t(statusLabel[mark])}>
              <span aria-hidden="true">{MARK_SYMBOL[mark]}</span>
              <span className="visually-hidden">{t(statusLabel[mark])}</span>
            </span>
          ) : (
            <span className="muted">
              <span aria-hidden="true">{expected ? '·' : '—'}</span>
              <span className="visually-hidden">{t(expected ? 'cohorts.grid.unmarked' : 'cohorts.grid.notExpected')}</span>
            </span>
          );
        },
      }),
    ),
    {
      id: 'hours',
      header: t('cohorts.grid.hours'),
      minRem: 7,
      cell: (p) => {
        const progress = data.progress.get(p.enrolment.animatorId);
        return hoursOfText(t, locale, progress);
      },
    },
    {
      id: 'status',
      header: t('cohorts.grid.status'),
      sticky: 'end',
      minRem: 8,
      cell: (p) => {
        const progress = data.progress.get(p.enrolment.animatorId);
        return (
          <>
            <span className="badge">{t(enrolmentStatusLabel[p.enrolment.status])}</span>{' '}
            {progress && progress.risks.length > 0 ? <span className="badge badge-risk">{t('cohorts.risk.badge')}</span> : null}
          </>
        );
      },
    },
  ];

  async function exportCsv() {
    const result = await saveCsv(fileNameFrom(cohortTitle(t, cohort), 'csv'), data.people, cohortCsvColumns(t, data));
    if (!result.ok) toast(t('common.error.generic', { detail: result.error }), { kind: 'error' });
    else if (result.saved) toast(t('cohorts.csv.saved'));
  }

  return (
    <>
      <dl className="cohort-stats">
        <div>
          <dt>{t('cohorts.stats.enrolled')}</dt>
          <dd>{stats.enrolled}</dd>
        </div>
        <div>
          <dt>{t('cohorts.stats.completion')}</dt>
          <dd>{formatHours(locale, stats.completionRate)} %</dd>
        </div>
        <div>
          <dt>{t('cohorts.stats.dropOut')}</dt>
          <dd>{formatHours(locale, stats.dropOutRate)} %</dd>
        </div>
        <div>
          <dt>{t('cohorts.stats.atRisk')}</dt>
          <dd>{stats.atRisk}</dd>
        </div>
        <div>
          <dt>{t('cohorts.stats.hours')}</dt>
          <dd>{t('cohorts.stats.hoursValue', { held: h(stats.heldHours), planned: h(stats.plannedHours) })}</dd>
        </div>
      </dl>

      <section aria-labelledby="cohort-risk" className="card" style={{ marginBottom: '1rem' }}>
        <h2 id="cohort-risk" style={{ marginTop: 0 }}>
          {t('cohorts.risk.title')}
        </h2>
        <p className="muted">{t('cohorts.risk.rule', { threshold: cohort.riskThresholdPercent })}</p>
        {atRisk.length === 0 ? (
          <p>{t('cohorts.risk.none')}</p>
        ) : (
          <ul>
            {atRisk.map((p) => (
              <li key={p.enrolment.id}>
                <Link href={`/personnes/${p.enrolment.id}`}>{p.name}</Link> — {data.progress.get(p.enrolment.animatorId)!.risks.map((r) => t(riskLabel[r])).join(' ; ')}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="cohort-grid">
        <div className="toolbar" style={{ justifyContent: 'space-between' }}>
          <h2 id="cohort-grid">{t('cohorts.grid.title')}</h2>
          <button type="button" className="btn no-print" onClick={() => void exportCsv()} disabled={data.people.length === 0}>
            {t('cohorts.csv.export')}
          </button>
        </div>
        {data.people.length === 0 || data.sessions.length === 0 ? (
          <EmptyState>{t('cohorts.grid.empty')}</EmptyState>
        ) : (
          <>
            <p className="muted">{t('cohorts.grid.legend')}</p>
            <DataTable className="attendance-grid" caption={t('cohorts.grid.caption')} rows={data.people} rowKey={(p) => p.enrolment.id} columns={gridColumns} />
          </>
        )}
      </section>

      <section aria-labelledby="cohort-chart" style={{ marginTop: '1.5rem' }}>
        <h2 id="cohort-chart">{t('cohorts.chart.title')}</h2>
        <ProgressChart points={data.series} />
      </section>
    </>
  );
}

/** /ateliers/rapport: the activity report for a period and a territory; printable, CSV. */
import { useMemo, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { format } from 'date-fns';
import { useI18n, type Translate } from '../../i18n';
import type { CsvColumn } from '../../shared/csv';
import { fileNameFrom, printView, saveCsv } from '../../shared/files';
import { departments } from '../../shared/geo';
import { CommunePicker, type PickedCommune } from '../../ui/CommunePicker';
import { Field } from '../../ui/Field';
import { DataTable, type Column } from '../../ui/DataTable';
import { EmptyState, PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { BarChart } from './BarChart';
import { shortDate, themeName } from './labels';
import { computeReport, loadReport, type PeopleRow, type ReportFigures, type ReportRow, type Territory } from './report';
import { businessTypeLabel } from '../providers/labels';
import type { Provider } from '../../domain/people';
import { Letterhead } from '../../shared/print/Letterhead';
import { useOrganisation } from '../settings/MissingOrganisation';
import './workshops.css';
import { duration } from '../../i18n/format';

const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

/** A participants' row in the CSV: only people and attendances mean something there. */
const peopleOnly = (r: PeopleRow): ReportRow => ({ ...r, workshops: 0, sessions: 0, minutes: 0, expected: 0, attendedRegistered: 0, rate: null, satisfaction: null, satisfactionCount: 0 });

function percent(rate: number | null, locale: string): string {
  return rate === null ? '—' : rate.toLocaleString(locale, { style: 'percent', maximumFractionDigits: 0 });
}
function score(value: number | null, locale: string): string {
  return value === null ? '—' : value.toLocaleString(locale, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

function csvColumns(t: Translate): CsvColumn<ReportRow & { kind: string }>[] {
  return [
    { header: t('report.csv.kind'), value: (r) => r.kind },
    { header: t('report.col.label'), value: (r) => r.label },
    { header: t('report.workshops'), value: (r) => r.workshops },
    { header: t('report.sessions'), value: (r) => r.sessions },
    { header: t('report.hours'), value: (r) => hours(r.minutes) },
    { header: t('report.people'), value: (r) => r.people },
    { header: t('report.attendances'), value: (r) => r.attendances },
    { header: t('report.rate'), value: (r) => (r.rate === null ? '' : Math.round(r.rate * 1000) / 10) },
    { header: t('report.satisfaction'), value: (r) => (r.satisfaction === null ? '' : Math.round(r.satisfaction * 100) / 100) },
  ];
}

export default function ReportPage() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const year = new Date().getFullYear();
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [kind, setKind] = useState<Territory['kind']>('all');
  const [department, setDepartment] = useState('');
  const [commune, setCommune] = useState<PickedCommune | null>(null);
  const today = format(new Date(), 'yyyy-MM-dd');

  const territory: Territory = useMemo(
    () => (kind === 'department' && department ? { kind, code: department } : kind === 'commune' && commune ? { kind, insee: commune.insee } : { kind: 'all' }),
    [kind, department, commune],
  );
  const rangeError = from && to && to < from ? t('report.error.range') : undefined;
  const input = useLiveQuery(() => (from && to && !rangeError ? loadReport(from, to, territory, today) : Promise.resolve(null)), [from, to, territory, today, rangeError]);
  const report = useMemo(() => (input ? computeReport(input, (theme) => themeName(t, theme), (type) => t(businessTypeLabel[type as Provider['businessType']] ?? 'report.unknown'), t('report.unknown')) : null), [input, t]);
  const organisation = useOrganisation();
  const territoryName = territory.kind === 'all' ? t('report.territory.all') : territory.kind === 'department' ? `${territory.code} — ${departments.find((d) => d.code === territory.code)?.name ?? ''}` : (commune?.name ?? '');

  async function exportCsv() {
    if (!report) return;
    const rows = [
      { kind: t('report.csv.total'), key: 'total', label: territoryName, ...report.totals },
      ...report.byTheme.map((r) => ({ ...r, kind: t('report.csv.theme') })),
      ...report.byCommune.map((r) => ({ ...r, kind: t('report.csv.commune') })),
      ...report.byBusinessType.map((r) => ({ ...peopleOnly(r), kind: t('report.csv.businessType') })),
      ...report.byPeopleCommune.map((r) => ({ ...peopleOnly(r), kind: t('report.csv.peopleCommune') })),
    ];
    try {
      const result = await saveCsv(fileNameFrom(`bilan-ateliers-${from}-${to}`, 'csv'), rows, csvColumns(t));
      if (!result.ok) throw new Error(result.error);
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  const kpis = (f: ReportFigures) => [
    [t('report.workshops'), String(f.workshops)],
    [t('report.sessions'), String(f.sessions)],
    [t('report.hours'), duration(f.minutes, locale)],
    [t('report.people'), String(f.people)],
    [t('report.attendances'), String(f.attendances)],
    [t('report.rate'), percent(f.rate, locale)],
    [t('report.satisfaction'), f.satisfaction === null ? '—' : t('report.satisfaction.value', { value: score(f.satisfaction, locale), count: f.satisfactionCount })],
  ];

  // what is counted, unique people and attendances: the columns every breakdown has
  const labelColumn: Column<PeopleRow> = { id: 'label', header: t('report.col.label'), rowHeader: true, minRem: 12, cell: (r) => r.label };
  const peopleColumn: Column<PeopleRow> = { id: 'people', header: t('report.people'), minRem: 8, align: 'end', cell: (r) => r.people };
  const attendancesColumn: Column<PeopleRow> = { id: 'attendances', header: t('report.attendances'), minRem: 7, align: 'end', cell: (r) => r.attendances };

  function block<R extends PeopleRow>(title: string, rows: R[], by: string, columns: readonly Column<R>[], chart: ReactNode = null) {
    return (
      <section aria-labelledby={`report-${by}`} className="report-block">
        <h2 id={`report-${by}`}>{title}</h2>
        {chart}
        <DataTable caption={title} rows={rows} rowKey={(r) => r.key} columns={columns} />
      </section>
    );
  }

  const peopleTable = (title: string, rows: PeopleRow[], by: string) => block(title, rows, by, [labelColumn, peopleColumn, attendancesColumn]);

  const breakdown = (title: string, rows: ReportRow[], by: string) =>
    block(
      title,
      rows,
      by,
      [
        labelColumn,
        { id: 'workshops', header: t('report.workshops'), minRem: 7, align: 'end', priority: 2, cell: (r) => r.workshops },
        { id: 'sessions', header: t('report.sessions'), minRem: 6, align: 'end', priority: 2, cell: (r) => r.sessions },
        { id: 'hours', header: t('report.hours'), minRem: 7, align: 'end', priority: 2, cell: (r) => duration(r.minutes, locale) },
        peopleColumn,
        attendancesColumn,
        { id: 'rate', header: t('report.rate'), minRem: 7, align: 'end', cell: (r) => percent(r.rate, locale) },
        { id: 'satisfaction', header: t('report.satisfaction'), minRem: 8, align: 'end', priority: 2, cell: (r) => score(r.satisfaction, locale) },
      ],
      <BarChart title={t('report.chart.attendances', { by: title.toLowerCase() })} description={t('report.chart.desc')} data={rows.map((r) => ({ label: r.label, value: r.attendances }))} />,
    );

  return (
    <>
      <div className="print-only report-letterhead">
        <Letterhead organisation={organisation} />
      </div>
      <PageHeader
        title={t('report.title')}
        intro={t('report.intro')}
        actions={
          <>
            <button type="button" className="btn" onClick={() => void printView(fileNameFrom(`bilan-ateliers-${from}-${to}`, 'pdf'))}>
              {t('report.print')}
            </button>
            <button type="button" className="btn" disabled={!report} onClick={() => void exportCsv()}>
              {t('report.exportCsv')}
            </button>
          </>
        }
      />
      <div className="filters no-print">
        <Field label={t('report.from')}>{(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
        <Field label={t('report.to')} error={rangeError}>
          {(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}
        </Field>
        <Field label={t('report.territory')}>
          {(p) => (
            <select {...p} value={kind} onChange={(e) => setKind(e.target.value as Territory['kind'])}>
              <option value="all">{t('report.territory.all')}</option>
              <option value="department">{t('report.territory.department')}</option>
              <option value="commune">{t('report.territory.commune')}</option>
            </select>
          )}
        </Field>
        {kind === 'department' ? (
          <Field label={t('report.territory.department')}>
            {(p) => (
              <select {...p} value={department} onChange={(e) => setDepartment(e.target.value)}>
                <option value="">—</option>
                {departments.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.code} — {d.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        {kind === 'commune' ? <CommunePicker label={t('report.territory.commune')} value={commune} onChange={setCommune} /> : null}
      </div>
      {from && to && !rangeError ? (
        <>
          <h2>{t('report.heading', { from: shortDate(from, locale), to: shortDate(to, locale) })}</h2>
          <p>{t('report.territoryLine', { name: territoryName })}</p>
        </>
      ) : null}
      {report === null ? null : report.totals.sessions === 0 ? (
        <>
          {report.unrecorded > 0 ? <p className="alert alert-warn">{t('report.unrecorded', { count: report.unrecorded })}</p> : null}
          <EmptyState>{t('report.empty')}</EmptyState>
        </>
      ) : (
        <>
          <dl className="kpis" data-testid="report-kpis">
            {kpis(report.totals).map(([label, value]) => (
              <div key={label} className="card">
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <p className="muted">{t('report.rate.hint')}</p>
          {report.unrecorded > 0 ? <p className="alert alert-warn">{t('report.unrecorded', { count: report.unrecorded })}</p> : null}
          {breakdown(t('report.byTheme'), report.byTheme, 'theme')}
          {breakdown(t('report.byCommune'), report.byCommune, 'commune')}
          {peopleTable(t('report.byBusinessType'), report.byBusinessType, 'business-type')}
          {peopleTable(t('report.byPeopleCommune'), report.byPeopleCommune, 'people-commune')}
        </>
      )}
    </>
  );
}

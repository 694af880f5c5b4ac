/** The regional "baromètre": map, table, two rankings, trend per year, drill-down to departments. */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation } from 'wouter';
import { getDb } from '../../../db/database';
import { getProfile } from '../../../db/settings';
import { useT, type MessageKey } from '../../../i18n';
import { formatNumber } from '../../../i18n/format';
import { trainingStatuses } from '../../../domain/registry';
import { departments, geoSource, getRegion } from '../../../shared/geo';
import { printView, saveCsv } from '../../../shared/files';
import { DataTable, type Column } from '../../../ui/DataTable';
import { PageHeader } from '../../../ui/PageHeader';
import { useToast } from '../../../ui/Toast';
import { measures, ranking, measureOf, type AreaStats, type Barometer, type Measure } from '../stats';
import { useRegistryAnswer } from '../useAnimatorList';
import { statusLabel } from '../labels';
import { listSearch, emptyFilter } from '../query';
import { FranceMap } from './FranceMap';

/** as n.toLocaleString('fr-FR') (up to 3 decimals) but from one kept formatter: toLocaleString builds one per call, some 300 per drawing here */
const fmt = (n: number) => formatNumber(n, 'fr', 3);
const departmentRegion = new Map(departments.map((d) => [d.code, d.region]));

/** The baromètre, live: computed by the registry's worker from the columns it holds (no record read). */
function useBarometer(): { data?: Barometer; error?: string } {
  return useRegistryAnswer(getDb(), { type: 'barometer' });
}

export default function Dashboard() {
  const t = useT();
  const toast = useToast();
  const id = useId();
  const [, navigate] = useLocation();
  const [measure, setMeasure] = useState<Measure>('total');
  // The baromètre opens on the profile's region; « Toute la France » stays one click away.
  // Drawn once the profile is read (undefined until then, null without one): not France first, then the region.
  const profile = useLiveQuery(async () => (await getProfile()) ?? null, [], undefined);
  const [chosen, setDrill] = useState<string | null>(null);
  const drill = chosen ?? profile?.regionCode ?? '';
  const { data, error } = useBarometer();
  const openList = (regionCode: string, departmentCode = '') => navigate(`/?${listSearch({ ...emptyFilter, regionCode, departmentCode })}`);

  if (!data && error) {
    return (
      <p className="alert alert-error" role="alert">
        {t('common.error.generic', { detail: error })}
      </p>
    );
  }
  if (!data || profile === undefined) return <p role="status">{t('animators.loading')}</p>;
  const areas: AreaStats[] = drill ? data.departments.filter((d) => departmentRegion.get(d.code) === drill) : data.regions;
  const exportCsv = async () => {
    const outcome = await saveCsv(drill ? `barometre-${drill}.csv` : 'barometre-regions.csv', areas, [
      { header: drill ? 'Département' : 'Région', value: (a) => a.name },
      { header: 'Code', value: (a) => a.code },
      { header: 'Population', value: (a) => a.population },
      { header: 'Animateurs', value: (a) => a.total },
      ...trainingStatuses.map((s) => ({ header: statusLabel(t, s), value: (a: AreaStats) => a.byStatus[s] })),
      { header: 'Structures', value: (a) => a.structures },
      { header: 'Promotions', value: (a) => a.cohorts },
      { header: 'Pour 100 000 habitants', value: (a) => a.perCapita },
    ]);
    if (!outcome.ok) toast(t('animators.export.failed', { error: outcome.error }), { kind: 'error' });
  };
  const maxYear = Math.max(1, ...data.years.map((y) => y.count));
  // Name, total and the per-capita rate always show; the status counts give way first at 1366 px.
  const areaColumns: Column<AreaStats>[] = [
    { id: 'name', header: drill ? t('animators.field.department') : t('animators.field.region'), cell: (a) => a.name, rowHeader: true, sticky: 'start', minRem: 11 },
    { id: 'total', header: t('animators.dash.total'), cell: (a) => fmt(a.total), align: 'end', minRem: 4.5 },
    ...trainingStatuses.map((s): Column<AreaStats> => ({ id: s, header: statusLabel(t, s), cell: (a) => fmt(a.byStatus[s]), align: 'end', priority: 3, minRem: 6.5 })),
    { id: 'structures', header: t('animators.dash.structures'), cell: (a) => fmt(a.structures), align: 'end', priority: 4, minRem: 6.5 },
    { id: 'cohorts', header: t('animators.dash.cohorts'), cell: (a) => fmt(a.cohorts), align: 'end', priority: 4, minRem: 7 },
    { id: 'population', header: t('animators.dash.population', { year: geoSource.populationYear }), cell: (a) => fmt(a.population), align: 'end', priority: 2, minRem: 7.5 },
    { id: 'perCapita', header: t('animators.measure.perCapita'), cell: (a) => fmt(a.perCapita), align: 'end', minRem: 7.5 },
  ];

  return (
    <>
      <PageHeader
        title={drill ? t('animators.dash.titleRegion', { region: getRegion(drill)?.name ?? drill }) : t('animators.dash.title')}
        intro={t('animators.dash.intro', { total: fmt(data.total), year: geoSource.populationYear })}
        actions={
          <div className="toolbar no-print">
            <button type="button" className="btn" onClick={() => void printView(drill ? `barometre-${drill}` : 'barometre', true)}>
              {t('animators.dash.print')}
            </button>
            <button type="button" className="btn" onClick={() => void exportCsv()}>
              {t('animators.dash.csv')}
            </button>
          </div>
        }
      />
      <div className="toolbar no-print">
        <label htmlFor={`${id}-measure`}>{t('animators.dash.measure')}</label>
        <select id={`${id}-measure`} value={measure} onChange={(e) => setMeasure(e.target.value as Measure)}>
          {measures.map((m) => (
            <option key={m} value={m}>
              {t(`animators.measure.${m}` as MessageKey)}
            </option>
          ))}
        </select>
        {drill ? (
          <button type="button" className="btn" onClick={() => setDrill('')}>
            {t('animators.dash.back')}
          </button>
        ) : null}
      </div>
      {!drill ? <FranceMap stats={data.regions} measure={measure} onOpen={(code) => openList(code)} /> : null}
      <section aria-labelledby={`${id}-table`}>
        <h2 id={`${id}-table`}>{drill ? t('animators.dash.byDepartment') : t('animators.dash.byRegion')}</h2>
        <DataTable
          testId="barometer-table"
          caption={drill ? t('animators.dash.byDepartment') : t('animators.dash.byRegion')}
          rows={areas}
          rowKey={(a) => a.code}
          columns={areaColumns}
          actionsLabel={t('animators.dash.actions')}
          actions={(a) => (
            <>
              <button type="button" className="btn-link" onClick={() => (drill ? openList(drill, a.code) : openList(a.code))} aria-label={t('animators.dash.openList', { name: a.name })}>
                {t('animators.dash.list')}
              </button>
              {!drill ? (
                <>
                  {' · '}
                  <button type="button" className="btn-link" onClick={() => setDrill(a.code)} aria-label={t('animators.dash.drillOf', { name: a.name })}>
                    {t('animators.dash.drill')}
                  </button>
                </>
              ) : null}
            </>
          )}
        />
      </section>
      <div className="animators-side" style={{ marginTop: '1rem' }}>
        {(['total', 'perCapita'] as const).map((m) => (
          <section key={m} className="card" aria-labelledby={`${id}-rank-${m}`}>
            <h2 id={`${id}-rank-${m}`}>{m === 'total' ? t('animators.dash.rankRaw') : t('animators.dash.rankPerCapita')}</h2>
            <ol data-testid={`ranking-${m}`}>
              {ranking(areas, m)
                .filter((a) => a.total > 0)
                .map((a) => (
                  <li key={a.code}>
                    {a.name} — {fmt(measureOf(a, m))}
                  </li>
                ))}
            </ol>
          </section>
        ))}
        <section className="card" aria-labelledby={`${id}-trend`}>
          <h2 id={`${id}-trend`}>{t('animators.dash.trend')}</h2>
          <DataTable
            caption={t('animators.dash.trend')}
            rows={drill ? Object.entries(data.yearsByRegion[drill] ?? {}).map(([year, count]) => ({ year: Number(year), count })) : data.years}
            rowKey={(y) => String(y.year)}
            columns={[
              { id: 'year', header: t('animators.col.year'), rowHeader: true, minRem: 5, cell: (y) => y.year },
              {
                id: 'trained',
                header: t('animators.dash.trained'),
                minRem: 12,
                cell: (y) => (
                  <>
                    <span className="animators-bar" style={{ width: `${(y.count / maxYear) * 8}rem` }} aria-hidden="true" />
                    {fmt(y.count)}
                  </>
                ),
              },
            ]}
          />
        </section>
      </div>
    </>
  );
}


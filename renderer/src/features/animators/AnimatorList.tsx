import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Link, useLocation, useSearch } from 'wouter';
import { getDb } from '../../db/database';
import { getProfile } from '../../db/settings';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { structureTypes, trainingStatuses, type StructureType, type TrainingStatus } from '../../domain/registry';
import { departmentsOf, getRegion, regions } from '../../shared/geo';
import { useFittedColumns } from '../../ui/DataTable';
import { EmptyState, PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { ALL_REGIONS, listSearch, parseListSearch, type AnimatorFilter, type SortField } from './query';
import { useAnimatorList, useRegistryAnswer } from './useAnimatorList';
import type { ListRow } from './registry';
import { displayName } from './repository';
import { statusLabel, structureTypeLabel } from './labels';
import { exportFile, type ExportKind } from './exports';
import { saveBytes } from '../../shared/files';

const ROW_HEIGHT = 44;
/** rows sent with the count: more than a tall window shows */
const FIRST_PAGE = 60;

/** priority 1 always shows; 2 and 3 give way (3 first) when the window is narrow — never cut */
const columns: { id: string; field: SortField | null; label: MessageKey; priority: number; minRem: number; weight: number; cell: (a: ListRow, t: Translate) => string }[] = (
  [
  { id: 'name', field: 'sortName', label: 'animators.col.name', priority: 1, minRem: 11, weight: 2 },
  { id: 'structure', field: 'structureName', label: 'animators.field.structureName', priority: 2, minRem: 12, weight: 2.2 },
  { id: 'commune', field: 'communeName', label: 'animators.field.commune', priority: 2, minRem: 8, weight: 1.3 },
  { id: 'department', field: 'departmentCode', label: 'animators.field.department', priority: 3, minRem: 8, weight: 0.6 },
  { id: 'region', field: 'regionCode', label: 'animators.field.region', priority: 3, minRem: 9, weight: 1.3 },
  { id: 'status', field: 'status', label: 'animators.field.status', priority: 1, minRem: 8.5, weight: 1.2 },
  { id: 'year', field: 'trainedYear', label: 'animators.col.year', priority: 2, minRem: 5, weight: 0.5 },
  ] as const
).map((c) => ({ ...c, cell: cellOf(c.id) }));

function cellOf(id: string): (a: ListRow, t: Translate) => string {
  switch (id) {
    case 'structure':
      return (a) => a.structureName;
    case 'commune':
      return (a) => a.communeName;
    case 'department':
      return (a) => a.departmentCode;
    case 'region':
      return (a) => getRegion(a.regionCode)?.name ?? '';
    case 'status':
      return (a, t) => statusLabel(t, a.status);
    case 'year':
      return (a) => (a.trainedYear == null ? '' : String(a.trainedYear));
    default:
      return (a) => displayName(a) || '—';
  }
}

const optionsOf = (pairs: readonly (readonly [string, string])[]) =>
  pairs.map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));

export function AnimatorList() {
  const t = useT();
  const toast = useToast();
  const id = useId();
  const search = useSearch();
  const [, navigate] = useLocation();
  const { filter, sort } = parseListSearch(search);
  const [text, setText] = useState(filter.text);
  const db = getDb();

  // « Toutes » is said in the address, so that a bare address can open on the profile's region.
  const update = (changes: Partial<AnimatorFilter>, s = sort) => navigate(`/?${listSearch({ ...filter, ...changes }, s) || ALL_REGIONS}`, { replace: true });
  // The list opens on the profile's region; all of France is one choice away.
  const profile = useLiveQuery(() => getProfile(), [], null);
  useEffect(() => {
    if (search === '' && profile?.regionCode) navigate(`/?${listSearch({ ...filter, regionCode: profile.regionCode }, sort)}`, { replace: true });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [search, profile?.regionCode]);
  // The text box answers every keystroke; the query string follows.
  useEffect(() => {
    if (text !== filter.text) update({ text });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);

  // One answer per search from the registry's worker: the count and the first rows together
  // (see useAnimatorList); the rows beyond come by position as the list scrolls.
  const cohorts = useLiveQuery(() => db.cohorts.toArray(), []);
  const specialities = useRegistryAnswer(db, { type: 'specialities' }).data;
  // A national registry has hundreds of cohorts: their names and <option>s are built once,
  // not on every keystroke in the search field.
  const cohortNames = useMemo(() => new Map((cohorts ?? []).map((c) => [c.id, `${t('animators.cohortNumber', { number: c.number })}${c.nickname ? ` — ${c.nickname}` : ''}`])), [cohorts, t]);
  const cohortOptions = useMemo(() => optionsOf([...cohortNames]), [cohortNames]);
  const specialityOptions = useMemo(() => optionsOf((specialities ?? []).map((s) => [String(s), String(s)])), [specialities]);

  const list = useAnimatorList(db, filter, sort, search, FIRST_PAGE);
  const counted = list.answer?.search === search;
  // Until this search is answered, the previous list stays.
  const answer = list.answer;
  const count = answer?.total ?? 0;

  const scroller = useRef<HTMLDivElement>(null);
  const fitted = useFittedColumns(columns);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? -1;
  // Only the records on screen are read, a block at a time.
  const { load } = list;
  const version = answer?.version;
  useEffect(() => {
    if (version !== undefined) load(firstIndex, lastIndex);
  }, [version, firstIndex, lastIndex, load]);
  const recordAt = (index: number): ListRow | undefined => (answer ? list.rowAt(index) : undefined);

  async function exportAs(kind: ExportKind) {
    if (!counted) return;
    // The file is made in the registry's worker, from the list as it is; only its bytes come here.
    const messages: Record<string, string> = {};
    for (const s of trainingStatuses) messages[`animators.status.${s}`] = statusLabel(t, s);
    for (const s of structureTypes) messages[`animators.structureType.${s}`] = structureTypeLabel(t, s);
    try {
      const { bytes, count: exported } = await list.exportList(kind, { messages, cohorts: Object.fromEntries(cohortNames) });
      const file = exportFile[kind];
      const outcome = await saveBytes(file.name, bytes, file.mime, file.extension, file.filter);
      if (!outcome.ok) toast(t('animators.export.failed', { error: outcome.error }));
      else if (outcome.saved) toast(t('animators.export.done', { count: exported }));
    } catch (error) {
      toast(t('animators.export.failed', { error: error instanceof Error ? error.message : String(error) }));
    }
  }

  const region = getRegion(filter.regionCode);
  // « Toutes » for a feminine field (Région, Promotion, Spécialité…), « Tous » otherwise
  const select = (name: string, label: string, value: string, options: ReactNode, onChange: (v: string) => void, gender: 'feminine' | 'masculine' = 'masculine') => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <select id={`${id}-${name}`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('animators.any', { gender })}</option>
        {options}
      </select>
    </div>
  );

  return (
    <>
      <PageHeader
        title={filter.deleted ? t('animators.bin.title') : t('animators.title')}
        intro={region ? t('animators.list.inRegion', { region: region.name }) : t('animators.intro')}
        actions={
          <div className="toolbar no-print">
            <button type="button" className="btn" onClick={() => void exportAs('csv')} disabled={!counted || !count}>
              {t('animators.export.csv')}
            </button>
            <button type="button" className="btn" onClick={() => void exportAs('xlsx')} disabled={!counted || !count}>
              {t('animators.export.xlsx')}
            </button>
            <button type="button" className="btn" onClick={() => void exportAs('json')} disabled={!counted || !count}>
              {t('animators.export.json')}
            </button>
          </div>
        }
      />
      <div role="search" className="animators-filters" aria-label={t('animators.filters')}>
        <div className="field animators-search">
          <label htmlFor={`${id}-q`}>{t('animators.search')}</label>
          <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-q-hint`} />
          <span id={`${id}-q-hint`} className="hint">
            {t('animators.search.hint')}
          </span>
        </div>
        {select('region', t('animators.field.region'), filter.regionCode, optionsOf(regions.map((r) => [r.code, r.name])), (v) => update({ regionCode: v, departmentCode: '' }), 'feminine')}
        {select('dep', t('animators.field.department'), filter.departmentCode, optionsOf((filter.regionCode ? departmentsOf(filter.regionCode) : []).map((d) => [d.code, `${d.code} — ${d.name}`])), (v) => update({ departmentCode: v }))}
        {select('status', t('animators.field.status'), filter.status, optionsOf(trainingStatuses.map((s) => [s, statusLabel(t, s)])), (v) => update({ status: v as TrainingStatus | '' }))}
        {select('cohort', t('animators.field.cohort'), filter.cohortId, cohortOptions, (v) => update({ cohortId: v }), 'feminine')}
        {select('type', t('animators.field.structureType'), filter.structureType, optionsOf(structureTypes.map((s) => [s, structureTypeLabel(t, s)])), (v) => update({ structureType: v as StructureType | '' }))}
        {select('spec', t('animators.field.speciality'), filter.speciality, specialityOptions, (v) => update({ speciality: v }), 'feminine')}
        <div className="field">
          <span className="label" aria-hidden="true">
            &nbsp;
          </span>
          <label className="animators-check">
            <input type="checkbox" checked={filter.deleted} onChange={(e) => update({ deleted: e.target.checked })} /> {t('animators.bin.show')}
          </label>
        </div>
      </div>
      {list.error ? (
        <p role="alert" className="alert alert-error">
          {t('animators.list.failed', { error: list.error })}
        </p>
      ) : null}
      <p role="status" className="muted" data-testid="animators-count">
        {counted ? t('animators.list.count', { count }) : answer ? t('animators.list.counting') : t('animators.loading')}
      </p>
      {counted && count === 0 ? (
        <EmptyState>{filter.text || filter.regionCode ? t('animators.list.noMatch') : t('animators.list.empty')}</EmptyState>
      ) : (
        <div ref={fitted.ref} role="table" aria-label={t('animators.title')} aria-rowcount={counted ? count + 1 : -1} aria-colcount={fitted.visible.length} className="animators-table vtable">
          <div role="rowgroup">
            <div role="row" aria-rowindex={1} className="animators-row animators-head vtable-row vtable-head" style={{ gridTemplateColumns: fitted.template }}>
              {fitted.visible.map((c) => {
                const active = sort.field === c.field;
                return (
                  <div key={c.id} role="columnheader" aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
                    {c.field ? (
                      <button type="button" className="btn-link" onClick={() => update({}, { field: c.field!, dir: active && sort.dir === 'asc' ? 'desc' : 'asc' })}>
                        {t(c.label)} {active ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
                      </button>
                    ) : (
                      t(c.label)
                    )}
                  </div>
                );
              })}
            </div>
          </div>
          <div ref={scroller} role="rowgroup" className="animators-scroll" tabIndex={0} aria-label={t('animators.list.rows')}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const a = recordAt(item.index);
                return (
                  <div key={item.key} role="row" aria-rowindex={item.index + 2} className="animators-row vtable-row" style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)`, gridTemplateColumns: fitted.template }}>
                    {a ? (
                      fitted.visible.map((c) =>
                        c.id === 'name' ? (
                          <div key={c.id} role="rowheader">
                            <Link href={`/${a.id}`}>{c.cell(a, t)}</Link>
                          </div>
                        ) : (
                          <div key={c.id} role="cell" title={c.cell(a, t) || undefined}>
                            {c.cell(a, t)}
                          </div>
                        ),
                      )
                    ) : (
                      <div role="cell" className="muted">…</div>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </>
  );
}

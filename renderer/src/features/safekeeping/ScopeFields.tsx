/**
 * What part of the data goes to another computer — everything, a region, a promotion or some
 * workshops: chosen the same way for an exchange file (ExchangePanel) and for a team folder
 * (sync/SyncPanel). The hook holds the choice; the fields draw it inside a `.form-grid`.
 */
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n } from '../../i18n';
import { formatDay } from '../../i18n/format';
import { getDb } from '../../db/database';
import { regions } from '../../shared/geo';
import { Field } from '../../ui/Field';
import { cohortTitle } from '../promotions/labels';
import { RegionSelect } from '../../ui/RegionSelect';
import type { ExchangeScope } from './exchange';

export type ScopeKind = ExchangeScope['kind'];
const KINDS = ['all', 'region', 'cohort', 'workshops'] as const satisfies readonly ScopeKind[];

export interface ScopeChoice {
  kind: ScopeKind;
  setKind: (kind: ScopeKind) => void;
  regionCode: string;
  setRegionCode: (code: string) => void;
  cohortId: string;
  setCohortId: (id: string) => void;
  workshopIds: string[];
  setWorkshopIds: (update: (ids: string[]) => string[]) => void;
  cohorts: { id: string; number: number; nickname: string }[];
  workshops: { id: string; title: string; firstDate?: string | null | undefined }[];
  /** the scope as chosen (the first promotion when none was picked) */
  scope: ExchangeScope;
  /** false while « some workshops » has none ticked */
  complete: boolean;
}

export function useScopeChoice(): ScopeChoice {
  const [kind, setKind] = useState<ScopeKind>('all');
  const [regionCode, setRegionCode] = useState(regions[0]?.code ?? '');
  const [cohortId, setCohortId] = useState('');
  const [workshopIds, setWorkshopIds] = useState<string[]>([]);
  const cohorts = useLiveQuery(() => getDb().cohorts.orderBy('number').limit(500).toArray(), [], []);
  const workshops = useLiveQuery(() => getDb().workshops.orderBy('firstDate').reverse().limit(200).toArray(), [], []);
  const scope: ExchangeScope =
    kind === 'region' ? { kind, regionCode } : kind === 'cohort' ? { kind, cohortId: cohortId || cohorts[0]?.id || '' } : kind === 'workshops' ? { kind, workshopIds } : { kind: 'all' };
  return { kind, setKind, regionCode, setRegionCode, cohortId, setCohortId, workshopIds, setWorkshopIds, cohorts, workshops, scope, complete: kind !== 'workshops' || workshopIds.length > 0 };
}

/** The fields of a scope choice: `label` names the first one, `kindLabel` its choices. */
export function ScopeFields({ choice, label, kindLabel }: { choice: ScopeChoice; label: string; kindLabel: (kind: ScopeKind) => string }) {
  const { t, locale } = useI18n();
  const { kind, cohorts, workshops } = choice;
  return (
    <>
      <Field label={label}>
        {(p) => (
          <select {...p} value={kind} onChange={(e) => choice.setKind(e.target.value as ScopeKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {kind === 'region' ? (
        <Field label={t('exchange.region')}>
          {(p) => <RegionSelect {...p} value={choice.regionCode} onChange={choice.setRegionCode} />}
        </Field>
      ) : null}
      {kind === 'cohort' ? (
        <Field label={t('exchange.cohort')}>
          {(p) => (
            <select {...p} value={choice.cohortId || cohorts[0]?.id || ''} onChange={(e) => choice.setCohortId(e.target.value)}>
              {cohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {cohortTitle(t, c)}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {kind === 'workshops' ? (
        <fieldset className="scope-workshops">
          <legend>{t('exchange.workshops')}</legend>
          <div className="scope-workshops-list">
            {workshops.map((w) => (
              <label key={w.id}>
                <input
                  type="checkbox"
                  checked={choice.workshopIds.includes(w.id)}
                  onChange={(e) => choice.setWorkshopIds((ids) => (e.target.checked ? [...ids, w.id] : ids.filter((x) => x !== w.id)))}
                />{' '}
                {w.title}
                {w.firstDate ? <span className="muted"> — {formatDay(w.firstDate, locale)}</span> : null}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
    </>
  );
}

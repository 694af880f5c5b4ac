/**
 * The import's dry run, row by row: what would happen and why, the changes field by field
 * (old -> new, steps back held), the choice among rows about the same person, and the
 * correction of an invalid row in place.
 */
import { useId, useState } from 'react';
import { useT, type MessageKey, type Translate } from '../../../i18n';
import { frenchDate } from '../../../shared/csv';
import { getDepartment, getRegion } from '../../../shared/geo';
import type { StructureType, TrainingStatus } from '../../../domain/registry';
import { statusLabel, structureTypeLabel } from '../labels';
import type { FieldChange } from './plan';
import type { ColumnMapping, ImportField } from './headers';
import type { ImportReport } from './report';
import { reasonsText } from './reason-text';

type Row = ImportReport['rows'][number];

/** A stored field's name as a person reads it; null for fields that follow another one. */
export function fieldLabel(t: Translate, field: string): string | null {
  const keys: Record<string, MessageKey | null> = {
    communeName: 'animators.field.commune', communeInsee: null, regionCode: 'animators.field.region', departmentCode: 'animators.field.department',
    cohortId: 'animators.field.cohort', lastContactAt: 'animators.field.lastContact', consent: 'animators.field.consent',
  };
  if (field in keys) return keys[field] ? t(keys[field]!) : null;
  return t(`animators.field.${field}` as MessageKey);
}

/** A stored value as a person reads it. */
export function fieldValue(t: Translate, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('animators.import.diff.empty');
  if (field === 'status') return statusLabel(t, value as TrainingStatus);
  if (field === 'structureType') return structureTypeLabel(t, value as StructureType);
  if (field === 'trainingStart' || field === 'trainingEnd' || field === 'lastContactAt') return frenchDate(String(value));
  if (field === 'regionCode') return getRegion(String(value))?.name ?? String(value);
  if (field === 'departmentCode') return getDepartment(String(value))?.name ?? String(value);
  if (Array.isArray(value)) return value.join(', ');
  const text = String(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}

function Changes({ changes, line }: { changes: FieldChange[]; line: number }) {
  const t = useT();
  const shown = changes.filter((c) => fieldLabel(t, c.field) !== null);
  if (shown.length === 0) return null;
  return (
    <ul className="import-changes" aria-label={t('animators.import.diff.caption', { line })}>
      {shown.map((c) => (
        <li key={c.field} className={c.applied ? undefined : 'import-held'} data-field={c.field}>
          {t('animators.import.diff.change', { field: fieldLabel(t, c.field)!, before: fieldValue(t, c.field, c.before), after: fieldValue(t, c.field, c.after) })}
          {c.downgrade ? ` (${t(`animators.import.downgrade.${c.downgrade}` as MessageKey)}${c.applied ? '' : `, ${t('animators.import.diff.held')}`})` : null}
        </li>
      ))}
    </ul>
  );
}

export interface RowActions {
  pick(groupId: number, line: number): void;
  allowDowngrade(line: number, allowed: boolean): void;
  correct(line: number, values: Partial<Record<ImportField, string>>): void;
}

/**
 * What a report row says about itself: the reasons, the changes, the choices it offers, and the
 * correction of an invalid row in place (the form opens in the cell, under the reasons).
 */
export function ReportReasons({ row, allowed, mapping, actions }: { row: Row; allowed: boolean; mapping: ColumnMapping; actions: RowActions }) {
  const t = useT();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [values, setValues] = useState<Partial<Record<ImportField, string>>>(row.values ?? {});
  const held = row.diff?.some((d) => d.downgrade) ?? false;
  const suggestion = row.reasons.find((r) => r.key === 'animators.import.reason.communeSuggest')?.params?.suggestion;
  const badEmail = row.reasons.some((r) => r.key === 'animators.import.reason.email');
  const editable = mapping.filter((f): f is ImportField => f !== null);
  return (
    <>
      {reasonsText(t, row.reasons)}
      {row.diff ? <Changes changes={row.diff} line={row.line} /> : null}
      {row.differences?.length ? (
        <p className="import-differs">
          {t('animators.import.differs', {
            changes: row.differences
              .filter((d) => fieldLabel(t, d.field) !== null)
              .map((d) => t('animators.import.diff.change', { field: fieldLabel(t, d.field)!, before: fieldValue(t, d.field, d.before), after: fieldValue(t, d.field, d.after) }))
              .join(' ; '),
          })}
        </p>
      ) : null}
      <div className="toolbar">
        {held ? (
          <label>
            <input type="checkbox" checked={allowed} onChange={(e) => actions.allowDowngrade(row.line, e.target.checked)} /> {t('animators.import.allowDowngrade')}
          </label>
        ) : null}
        {row.group && row.group.chosen !== row.line && row.action !== 'invalid' ? (
          <button type="button" className="btn btn-small" onClick={() => actions.pick(row.group!.id, row.line)}>
            {t('animators.import.pick')}
          </button>
        ) : null}
        {row.action === 'invalid' && row.values ? (
          <button type="button" className="btn btn-small" aria-expanded={editing} aria-controls={`${id}-fix`} onClick={() => setEditing((e) => !e)}>
            {t('animators.import.fix')}
          </button>
        ) : null}
      </div>
      {editing ? (
        <form
          id={`${id}-fix`}
          className="import-fix"
          aria-label={t('animators.import.fix.title', { line: row.line })}
          onSubmit={(e) => {
            e.preventDefault();
            setEditing(false);
            actions.correct(row.line, values);
          }}
        >
          <div className="import-fix-fields">
            {editable.map((f) => (
              <label key={f}>
                {t(`animators.import.field.${f}` as MessageKey)}
                <input value={values[f] ?? ''} onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))} />
              </label>
            ))}
          </div>
          <div className="toolbar">
            {suggestion && editable.includes('commune') ? (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  const m = /^(.*) \((\d*)\)$/.exec(String(suggestion));
                  setValues((v) => ({ ...v, commune: m?.[1] ?? String(suggestion), ...(m?.[2] && editable.includes('postalCode') ? { postalCode: m[2] } : {}) }));
                }}
              >
                {t('animators.import.fix.takeSuggestion', { suggestion: String(suggestion) })}
              </button>
            ) : null}
            {badEmail ? (
              <button type="button" className="btn btn-small" onClick={() => setValues((v) => ({ ...v, email: '' }))}>
                {t('animators.import.fix.dropEmail')}
              </button>
            ) : null}
            <button type="submit" className="btn btn-primary btn-small">
              {t('animators.import.fix.save')}
            </button>
            <button type="button" className="btn btn-small" onClick={() => setEditing(false)}>
              {t('animators.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </>
  );
}

/**
 * « Reprendre les modules de… »: the promotion whose modules and half-days are copied, as the
 * new-promotion form (on creation) and a promotion's Modules tab (at any time) both offer it.
 */
import type { Cohort } from '../../domain/cohorts';
import { useT } from '../../i18n';
import { Field } from '../../ui/Field';
import { cohortTitle } from './labels';

export function CopyModulesField({ others, value, onChange }: { others: readonly Cohort[]; value: string; onChange: (cohortId: string) => void }) {
  const t = useT();
  return (
    <Field label={t('cohorts.copy.from')} hint={t('cohorts.copy.hint')}>
      {(p) => (
        <select {...p} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('cohorts.copy.none')}</option>
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {cohortTitle(t, c)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

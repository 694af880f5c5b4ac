/**
 * Promotions a file names that the registry does not hold for the person's region: offered
 * for creation from the dry run (number and nickname read from the text), then the dry run
 * is made again and matches them.
 */
import { useId, useState } from 'react';
import { useT, type MessageKey } from '../../../i18n';
import { getRegion } from '../../../shared/geo';
import { errorMessage } from '../../../ui/errors';
import { createCohort } from '../../promotions/repository';
import { emptyCohortForm, FormError } from '../../promotions/validation';
import type { ImportReport, UnknownCohort } from './report';

type Unknown = UnknownCohort;

function CreateCohort({ unknown, onCreated }: { unknown: Unknown; onCreated: () => void }) {
  const t = useT();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ number: unknown.number || '1', nickname: unknown.nickname, startDate: '', endDate: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const region = getRegion(unknown.region)?.name ?? unknown.region;
  if (!open)
    return (
      <button type="button" className="btn btn-small" onClick={() => setOpen(true)} disabled={!unknown.region}>
        {t('animators.import.cohort.create')}
      </button>
    );
  async function submit() {
    try {
      await createCohort({ ...emptyCohortForm(Number(form.number) || 1, unknown.region), ...form, status: 'terminee' });
      setOpen(false);
      onCreated();
    } catch (e) {
      if (e instanceof FormError) setErrors(Object.fromEntries(Object.entries(e.errors as Record<string, MessageKey>).map(([k, v]) => [k, t(v)])));
      else setErrors({ form: errorMessage(e) });
    }
  }
  const field = (key: keyof typeof form, label: MessageKey, type = 'text') => (
    <label>
      {t(label)}
      <input id={`${id}-${key}`} type={type} value={form[key]} aria-invalid={errors[key] ? true : undefined} onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))} />
      {errors[key] ? (
        <span className="error" role="alert">
          {errors[key]}
        </span>
      ) : null}
    </label>
  );
  return (
    <form
      className="import-fix"
      aria-label={t('animators.import.cohort.formTitle', { value: unknown.value, region })}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="import-fix-fields">
        {field('number', 'cohorts.field.number')}
        {field('nickname', 'cohorts.field.nickname')}
        {field('startDate', 'cohorts.field.startDate', 'date')}
        {field('endDate', 'cohorts.field.endDate', 'date')}
      </div>
      {errors.form ? (
        <p className="error" role="alert">
          {errors.form}
        </p>
      ) : null}
      <div className="toolbar">
        <button type="submit" className="btn btn-primary btn-small">
          {t('animators.import.cohort.save')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => setOpen(false)}>
          {t('animators.cancel')}
        </button>
      </div>
    </form>
  );
}

export function UnknownCohorts({ report, onCreated }: { report: ImportReport; onCreated: () => void }) {
  const t = useT();
  const id = useId();
  // Counted in the import's worker, over every row of the dry run.
  const list = report.unknownCohorts;
  if (list.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-h`} className="alert alert-warn">
      <h3 id={`${id}-h`}>{t('animators.import.cohort.title')}</h3>
      <p>{t('animators.import.cohort.intro')}</p>
      <ul>
        {list.map((u) => (
          <li key={`${u.value}|${u.region}`}>
            {t('animators.import.cohort.item', { value: u.value, region: getRegion(u.region)?.name ?? '—', people: u.people })} <CreateCohort unknown={u} onCreated={onCreated} />
          </li>
        ))}
      </ul>
    </section>
  );
}

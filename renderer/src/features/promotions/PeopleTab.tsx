/**
 * The people of a promotion: enrol from the registry (search, several at once,
 * or create someone on the fly), then follow each one's hours, modules and status.
 */
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n, type MessageKey } from '../../i18n';
import { Field, FormAlert } from '../../ui/Field';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { AnimatorPicker, createAnimatorQuick, displayName, findDuplicates, type Duplicate } from '../animators/public';
import { enrolmentStatusLabel, hoursOfText, riskLabel } from './labels';
import { enrol } from './repository';
import { FormError } from './validation';
import type { CohortData } from './useCohortData';

export default function PeopleTab({ data }: { data: CohortData }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const cohort = data.cohort!;
  const [chosen, setChosen] = useState<string[]>([]);
  const [error, setError] = useState<MessageKey | null>(null);
  const enrolledIds = data.people.map((p) => p.enrolment.animatorId);

  async function submit() {
    setError(null);
    try {
      const records = await enrol(cohort.id, chosen);
      toast(t('cohorts.enrol.done', { count: records.length }));
      setChosen([]);
    } catch (e) {
      if (e instanceof FormError) setError((Object.values(e.errors)[0] as MessageKey | undefined) ?? null);
      else toast(t('common.error.generic', { detail: errorMessage(e) }), { kind: 'error' });
    }
  }

  return (
    <>
      <section className="card" aria-labelledby="enrol-title" style={{ marginBottom: '1rem' }}>
        <h2 id="enrol-title" style={{ marginTop: 0 }}>
          {t('cohorts.enrol.title')}
        </h2>
        <AnimatorPicker label={t('cohorts.enrol.search')} value={chosen} onChange={setChosen} excludeIds={enrolledIds} />
        <FormAlert>{error ? t(error) : null}</FormAlert>
        <button type="button" className="btn btn-primary" onClick={() => void submit()}>
          {t('cohorts.enrol.action', { count: chosen.length })}
        </button>
        <QuickCreate regionCode={cohort.regionCode} onCreated={(id) => setChosen((ids) => [...ids, id])} />
      </section>

      {data.people.length === 0 ? (
        <EmptyState>{t('cohorts.people.empty')}</EmptyState>
      ) : (
        <DataTable
          caption={t('cohorts.people.caption')}
          rows={data.people}
          rowKey={(p) => p.enrolment.id}
          columns={[
            { id: 'name', header: t('cohorts.people.name'), rowHeader: true, minRem: 11, cell: (p) => <Link href={`/personnes/${p.enrolment.id}`}>{p.name}</Link> },
            { id: 'structure', header: t('cohorts.people.structure'), priority: 2, minRem: 12, cell: (p) => p.animator?.structureName ?? '' },
            { id: 'modules', header: t('cohorts.people.modules'), priority: 3, minRem: 7, cell: (p) => t('cohorts.people.modulesValue', { done: data.progress.get(p.enrolment.animatorId)?.modulesAttended.length ?? 0, total: data.modules.length }) },
            {
              id: 'hours',
              header: t('cohorts.people.hours'),
              priority: 2,
              minRem: 8,
              cell: (p) => {
                const progress = data.progress.get(p.enrolment.animatorId);
                return hoursOfText(t, locale, progress);
              },
            },
            {
              id: 'status',
              header: t('cohorts.people.status'),
              minRem: 10,
              cell: (p) => (
                <>
                  <span className="badge">{t(enrolmentStatusLabel[p.enrolment.status])}</span>
                  {data.progress.get(p.enrolment.animatorId)?.risks.map((r) => (
                    <span key={r} className="badge badge-risk" style={{ marginLeft: 4 }}>
                      {t(riskLabel[r])}
                    </span>
                  ))}
                </>
              ),
            },
          ]}
        />
      )}
    </>
  );
}

function QuickCreate({ regionCode, onCreated }: { regionCode: string; onCreated: (id: string) => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ firstName: '', lastName: '', email: '', structureName: '' });
  const [errors, setErrors] = useState<Partial<Record<keyof typeof form, MessageKey>>>({});
  /** people already in the registry that the new one would duplicate, shown before creating */
  const [duplicates, setDuplicates] = useState<Duplicate[] | null>(null);
  const set = (key: keyof typeof form, value: string) => {
    setDuplicates(null);
    setForm((f) => ({ ...f, [key]: value }));
  };

  function done(id: string, name: string, created: boolean) {
    onCreated(id);
    toast(t(created ? 'cohorts.quick.created' : 'cohorts.quick.usedExisting', { name }));
    setForm({ firstName: '', lastName: '', email: '', structureName: '' });
    setDuplicates(null);
    setOpen(false);
  }

  async function submit(anyway = false) {
    const found: typeof errors = {};
    if (!form.firstName.trim()) found.firstName = 'cohorts.quick.error.firstName';
    if (!form.lastName.trim()) found.lastName = 'cohorts.quick.error.lastName';
    if (form.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim())) found.email = 'cohorts.quick.error.email';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const input = { firstName: form.firstName.trim(), lastName: form.lastName.trim(), email: form.email.trim(), structureName: form.structureName.trim(), regionCode };
      // The same duplicate check as Annuaire › Ajouter: the person may already be there.
      if (!anyway) {
        const found = await findDuplicates(input);
        if (found.length > 0) return setDuplicates(found);
      }
      const a = await createAnimatorQuick(input);
      done(a.id, `${a.firstName} ${a.lastName}`, true);
    } catch (e) {
      toast(t('common.error.generic', { detail: errorMessage(e) }), { kind: 'error' });
    }
  }

  if (!open)
    return (
      <button type="button" className="btn" style={{ marginLeft: '0.5rem' }} onClick={() => setOpen(true)}>
        {t('cohorts.quick.open')}
      </button>
    );
  return (
    <form
      noValidate
      aria-label={t('cohorts.quick.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset style={{ marginTop: '1rem' }}>
        <legend>{t('cohorts.quick.title')}</legend>
        <div className="form-grid">
          <Field label={t('cohorts.quick.firstName')} error={errors.firstName ? t(errors.firstName) : undefined} required>
            {(p) => <input {...p} type="text" value={form.firstName} onChange={(e) => set('firstName', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.quick.lastName')} error={errors.lastName ? t(errors.lastName) : undefined} required>
            {(p) => <input {...p} type="text" value={form.lastName} onChange={(e) => set('lastName', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.quick.email')} error={errors.email ? t(errors.email) : undefined}>
            {(p) => <input {...p} type="email" value={form.email} onChange={(e) => set('email', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.quick.structure')}>{(p) => <input {...p} type="text" value={form.structureName} onChange={(e) => set('structureName', e.target.value)} />}</Field>
        </div>
        {duplicates ? (
          <div className="alert alert-warn" role="alert">
            <p>{t('cohorts.quick.duplicates')}</p>
            <ul>
              {duplicates.map((d) => (
                <li key={d.animator.id}>
                  {displayName(d.animator)} — {[d.animator.structureName, d.animator.email].filter(Boolean).join(', ')} ({t(d.reason === 'email' ? 'cohorts.quick.sameEmail' : 'cohorts.quick.sameName')}){' '}
                  <button type="button" className="btn btn-small" onClick={() => done(d.animator.id, displayName(d.animator), false)}>
                    {t('cohorts.quick.useExisting', { name: displayName(d.animator) })}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="btn btn-small" onClick={() => void submit(true)}>
              {t('cohorts.quick.createAnyway')}
            </button>
          </div>
        ) : null}
        <div className="toolbar">
          <button type="submit" className="btn">
            {t('cohorts.quick.create')}
          </button>
          <button type="button" className="btn" onClick={() => setOpen(false)}>
            {t('common.cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}

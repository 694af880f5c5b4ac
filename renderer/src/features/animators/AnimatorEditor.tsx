/** Create or edit an animator: messages at each field, a duplicate check before saving. */
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/database';
import { structureTypes, trainingStatuses, type Animator } from '../../domain/registry';
import { useT, type MessageKey } from '../../i18n';
import { combineVersions } from '../../db/records';
import { conflictFields } from '../../ui/SaveConflict';
import { StaleSaveChoice, useStaleSave } from '../../ui/useStaleSave';
import { communeByInsee } from '../../shared/geo';
import { CommunePicker, toPicked, type PickedCommune } from '../../ui/CommunePicker';
import { Field } from '../../ui/Field';
import { PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { statusLabel, structureTypeLabel } from './labels';
import { animatorFormErrors, createAnimator, displayName, emptyAnimatorForm, fieldsOf, findDuplicates, formOf, getAnimator, updateAnimator, type AnimatorForm, type Duplicate } from './repository';
import { formErrorText } from '../../i18n/issues';

/** What each form field is called, for the choice between two versions. */
const FIELD_LABELS: Record<keyof AnimatorForm, MessageKey> = {
  firstName: 'animators.field.firstName', lastName: 'animators.field.lastName', email: 'animators.field.email', phone: 'animators.field.phone',
  structureName: 'animators.field.structureName', structureType: 'animators.field.structureType', jobTitle: 'animators.field.jobTitle',
  communeInsee: 'animators.field.commune', communeName: 'animators.field.commune', postalCode: 'animators.field.postalCode',
  departmentCode: 'animators.field.department', regionCode: 'animators.field.region', status: 'animators.field.status',
  cohortId: 'animators.field.cohort', trainingStart: 'animators.field.trainingStart', trainingEnd: 'animators.field.trainingEnd',
  trainedYear: 'animators.field.trainedYear', specialities: 'animators.field.specialities', languages: 'animators.field.languages',
  notes: 'animators.field.notes', consentGiven: 'animators.field.consent', consentDate: 'animators.field.consentDate', lastContactAt: 'animators.field.lastContact',
};
const COMMUNE_FOLLOWERS = new Set<keyof AnimatorForm>(['communeName', 'postalCode', 'departmentCode', 'regionCode']);

export function AnimatorEditor({ id }: { id?: string }) {
  const t = useT();
  const toast = useToast();
  const [, navigate] = useLocation();
  const [existing, setExisting] = useState<Animator | null | undefined>(id ? undefined : null);
  const [form, setForm] = useState<AnimatorForm>(emptyAnimatorForm());
  const [commune, setCommune] = useState<PickedCommune | null>(null);
  /** a commune typed and not found: saving waits until it is picked or cleared */
  const [communeTyped, setCommuneTyped] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const stale = useStaleSave<Animator | null, AnimatorForm>({
    initial: null,
    save: (values, rev, from) => (from ? updateAnimator(from.id, fieldsOf(values), undefined, undefined, rev) : createAnimator(fieldsOf(values))),
    // changed elsewhere but in no field of this form (the commune's followers go with the commune): nothing to choose
    part: (a) => Object.entries(formOf(a)).filter(([k]) => !COMMUNE_FOLLOWERS.has(k as keyof AnimatorForm)),
    onSaved: (saved) => {
      toast(t('animators.saved', { name: displayName(saved) }));
      navigate(`/${saved.id}`);
    },
    onError: (error) => toast(t('animators.error.save', { detail: errorMessage(error) }), { kind: 'error' }),
  });
  const { conflict, setBase } = stale;
  const cohorts = useLiveQuery(() => getDb().cohorts.orderBy('number').toArray(), []) ?? [];

  useEffect(() => {
    if (!id) return;
    void getAnimator(id).then(async (a) => {
      setExisting(a ?? null);
      if (!a) return;
      setBase(a);
      setForm(formOf(a));
      const c = a.communeInsee ? await communeByInsee(a.communeInsee) : undefined;
      setCommune(c ? { ...toPicked(c), postalCode: a.postalCode || (c.postalCodes[0] ?? '') } : null);
    });
  }, [id, setBase]);

  const set = <K extends keyof AnimatorForm>(key: K, value: AnimatorForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const message = (key: string | undefined) => formErrorText(t, key);

  async function submit(confirmedDuplicate: boolean) {
    const found = animatorFormErrors(form);
    if (communeTyped) found.commune = 'commune.unresolved';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const fields = fieldsOf(form);
    if (!confirmedDuplicate) {
      const dups = await findDuplicates(fields, existing?.id);
      setDuplicates(dups);
      if (dups.length > 0) return;
    }
    await stale.persist(form, stale.base);
  }

  async function keepTheirs(current: Animator) {
    setExisting(current);
    setForm(formOf(current));
    const c = current.communeInsee ? await communeByInsee(current.communeInsee) : undefined;
    setCommune(c ? { ...toPicked(c), postalCode: current.postalCode || (c.postalCodes[0] ?? '') } : null);
  }

  const shownValue = (key: keyof AnimatorForm, f: AnimatorForm): string => {
    if (key === 'status') return statusLabel(t, f.status);
    if (key === 'structureType') return structureTypeLabel(t, f.structureType);
    if (key === 'consentGiven') return f.consentGiven ? t('common.yes') : t('common.no');
    if (key === 'communeInsee') return f.communeName;
    if (key === 'cohortId') {
      const c = cohorts.find((x) => x.id === f.cohortId);
      return c ? `${t('animators.cohortNumber', { number: c.number })} ${c.nickname}` : '';
    }
    return String(f[key]);
  };

  if (id && existing === undefined) return <p>{t('animators.loading')}</p>;
  if (id && existing === null) return <p>{t('animators.notFound')}</p>;
  const errorCount = Object.keys(errors).length;
  const text = (key: 'firstName' | 'lastName' | 'email' | 'phone' | 'structureName' | 'jobTitle' | 'trainedYear' | 'specialities' | 'languages', label: string, opts: { required?: boolean; type?: string; hint?: string } = {}) => (
    <Field label={label} error={message(errors[key])} required={opts.required ?? false} hint={opts.hint}>
      {(p) => <input {...p} type={opts.type ?? 'text'} value={form[key]} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );
  const date = (key: 'trainingStart' | 'trainingEnd' | 'consentDate' | 'lastContactAt', label: string) => (
    <Field label={label} error={message(errors[key])}>
      {(p) => <input {...p} type="date" value={form[key]} onChange={(e) => set(key, e.target.value)} />}
    </Field>
  );

  return (
    <>
      <PageHeader title={existing ? t('animators.edit.title', { name: displayName(existing) }) : t('animators.new.title')} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        {errorCount > 0 ? (
          <div className="alert alert-error" role="alert">
            {t('animators.error.fix')}
          </div>
        ) : null}
        <fieldset className="form-grid">
          <legend>{t('animators.section.identity')}</legend>
          {text('firstName', t('animators.field.firstName'), { required: true })}
          {text('lastName', t('animators.field.lastName'), { required: true })}
          {text('email', t('animators.field.email'), { type: 'email' })}
          {text('phone', t('animators.field.phone'), { type: 'tel' })}
        </fieldset>
        <fieldset className="form-grid">
          <legend>{t('animators.section.structure')}</legend>
          {text('structureName', t('animators.field.structureName'))}
          <Field label={t('animators.field.structureType')} error={message(errors.structureType)}>
            {(p) => (
              <select {...p} value={form.structureType} onChange={(e) => set('structureType', e.target.value as AnimatorForm['structureType'])}>
                {structureTypes.map((s) => (
                  <option key={s} value={s}>
                    {structureTypeLabel(t, s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('jobTitle', t('animators.field.jobTitle'))}
          <CommunePicker
            label={t('animators.field.commune')}
            value={commune}
            hint={t('animators.field.commune.hint')}
            onUnresolved={setCommuneTyped}
            onChange={(c) => {
              setCommune(c);
              setForm((f) => ({ ...f, communeInsee: c?.insee ?? '', communeName: c?.name ?? '', postalCode: c?.postalCode ?? '', departmentCode: c?.departmentCode ?? '', regionCode: c?.regionCode ?? '' }));
            }}
          />
        </fieldset>
        <fieldset className="form-grid">
          <legend>{t('animators.section.training')}</legend>
          <Field label={t('animators.field.status')} error={message(errors.status)}>
            {(p) => (
              <select {...p} value={form.status} onChange={(e) => set('status', e.target.value as AnimatorForm['status'])}>
                {trainingStatuses.map((s) => (
                  <option key={s} value={s}>
                    {statusLabel(t, s)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('animators.field.cohort')}>
            {(p) => (
              <select {...p} value={form.cohortId} onChange={(e) => set('cohortId', e.target.value)}>
                <option value="">{t('animators.none')}</option>
                {cohorts.map((c) => (
                  <option key={c.id} value={c.id}>
                    {t('animators.cohortNumber', { number: c.number })} {c.nickname}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {date('trainingStart', t('animators.field.trainingStart'))}
          {date('trainingEnd', t('animators.field.trainingEnd'))}
          {text('trainedYear', t('animators.field.trainedYear'), { hint: t('animators.field.trainedYear.hint') })}
          {text('specialities', t('animators.field.specialities'), { hint: t('animators.field.specialities.hint') })}
          {text('languages', t('animators.field.languages'), { hint: t('animators.field.specialities.hint') })}
        </fieldset>
        <fieldset className="form-grid">
          <legend>{t('animators.section.follow')}</legend>
          <div className="field">
            <label className="animators-check">
              <input type="checkbox" checked={form.consentGiven} onChange={(e) => set('consentGiven', e.target.checked)} /> {t('animators.field.consent')}
            </label>
          </div>
          {date('consentDate', t('animators.field.consentDate'))}
          {date('lastContactAt', t('animators.field.lastContact'))}
          <Field label={t('animators.field.notes')} error={message(errors.notes)}>
            {(p) => <textarea {...p} rows={4} value={form.notes} onChange={(e) => set('notes', e.target.value)} />}
          </Field>
        </fieldset>
        {duplicates.length > 0 ? (
          <div className="alert alert-warn" role="alert">
            <p>{t('animators.duplicate.warning')}</p>
            <ul>
              {duplicates.map((d) => (
                <li key={d.animator.id}>
                  <Link href={`/${d.animator.id}`}>{displayName(d.animator)}</Link> — {d.reason === 'email' ? t('animators.duplicate.sameEmail') : t('animators.duplicate.sameName')}
                </li>
              ))}
            </ul>
            <button type="button" className="btn" onClick={() => void submit(true)}>
              {t('animators.duplicate.saveAnyway')}
            </button>
          </div>
        ) : null}
        <StaleSaveChoice
          stale={stale}
          fields={conflict ? conflictFields({ mine: conflict.mine, theirs: formOf(conflict.current), opened: formOf(conflict.from) }, { label: (k) => t(FIELD_LABELS[k]), shown: (k, form) => shownValue(k, form), skip: (k) => COMMUNE_FOLLOWERS.has(k) }) : []}
          onKeepTheirs={(current) => void keepTheirs(current)}
          onCombine={(choice, { mine, current }) => {
            const picked = choice as Partial<Record<keyof AnimatorForm, 'mine' | 'theirs'>>;
            // The commune's postal code, department and region follow the commune.
            for (const k of COMMUNE_FOLLOWERS) if (picked.communeInsee) picked[k] = picked.communeInsee;
            const combined = combineVersions(mine, formOf(current), picked);
            setForm(combined);
            return combined;
          }}
        />
        <div className="toolbar">
          <button type="submit" className="btn btn-primary">
            {t('animators.save')}
          </button>
          <Link href={existing ? `/${existing.id}` : '/'} className="btn">
            {t('animators.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

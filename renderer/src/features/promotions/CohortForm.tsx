/**
 * The promotion form, new or edited: number and nickname, region (current, or a
 * pre-2016 region mapped to today's), organiser, training body, trainers, dates,
 * places, status, target path, at-risk threshold and convocation details. A new
 * promotion can reuse a previous one's module plan.
 */
import { useEffect, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useLocation } from 'wouter';
import { getProfile } from '../../db/settings';
import { cohortStatusSchema, type Cohort } from '../../domain/cohorts';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { combineVersions, differingKeys } from '../../db/records';
import { type ConflictField } from '../../ui/SaveConflict';
import { StaleSaveChoice, useStaleSave } from '../../ui/useStaleSave';
import { currentRegionOfOld, oldRegions } from '../../shared/geo';
import { Field, FormAlert } from '../../ui/Field';
import { RegionSelect } from '../../ui/RegionSelect';
import { PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { cohortStatusLabel, cohortTitle, regionText } from './labels';
import { CopyModulesField } from './CopyModulesField';
import { copyModules, createCohort, listCohorts, nextCohortNumber, updateCohort } from './repository';
import { FormError, cohortFormErrors, emptyCohortForm, formOfCohort, type CohortForm as Form, type CohortFormErrors } from './validation';

/** What each form field is called, for the choice between two versions. */
const FIELD_LABELS: Record<keyof Form, MessageKey> = {
  number: 'cohorts.field.number', nickname: 'cohorts.field.nickname', regionKind: 'cohorts.field.region', regionCode: 'cohorts.field.region',
  oldRegionCode: 'cohorts.field.region', organiser: 'cohorts.field.organiser', trainingBody: 'cohorts.field.trainingBody', trainers: 'cohorts.field.trainers',
  startDate: 'cohorts.field.startDate', endDate: 'cohorts.field.endDate', places: 'cohorts.field.places', status: 'cohorts.field.status',
  targetPath: 'cohorts.field.targetPath', riskThresholdPercent: 'cohorts.field.threshold', nature: 'cohorts.field.nature', contact: 'cohorts.field.contact',
  accessInfo: 'cohorts.field.accessInfo', legalForm: 'print.legalForm',
};
/** The region is one choice: its kind, current and old codes are kept or dropped together, under 'regionCode'. */
const REGION_FOLLOWERS = new Set<keyof Form>(['regionKind', 'oldRegionCode']);

function shownValue(t: Translate, key: keyof Form, f: Form): string {
  if (key === 'status') return t(cohortStatusLabel[f.status]);
  if (key === 'legalForm') return f.legalForm ? t('common.yes') : t('common.no');
  if (key === 'regionCode') return regionText(t, { regionCode: f.regionKind === 'old' ? (currentRegionOfOld(f.oldRegionCode)?.code ?? '') : f.regionCode, oldRegionCode: f.regionKind === 'old' ? f.oldRegionCode : null });
  return String(f[key]);
}

/** The fields to choose between: one per differing form field, the region counted once. */
function cohortConflictFields(t: Translate, mine: Form, theirs: Form, opened: Form): ConflictField[] {
  const keys = new Set(differingKeys(mine, theirs).map((k) => (REGION_FOLLOWERS.has(k) ? 'regionCode' : k)));
  return [...keys].map((k) => ({
    key: k,
    label: t(FIELD_LABELS[k]),
    theirs: shownValue(t, k, theirs),
    mine: shownValue(t, k, mine),
    // Preselected: the stored value where the person left the field as it was when opened.
    initial: (k === 'regionCode' ? (['regionKind', 'regionCode', 'oldRegionCode'] as const) : [k]).every((x) => JSON.stringify(mine[x]) === JSON.stringify(opened[x])) ? 'theirs' : 'mine',
  }));
}

export function NewCohort() {
  const t = useT();
  const [, navigate] = useLocation();
  // read once: a live query would reset the form whenever settings are written (automatic backups)
  const [initial, setInitial] = useState<Form | null>(null);
  useEffect(() => {
    void Promise.all([nextCohortNumber(), getProfile()]).then(([number, profile]) =>
      setInitial(emptyCohortForm(number, profile?.regionCode ?? '', profile?.role === 'formateur' ? profile.name : '')),
    );
  }, []);
  if (!initial) return <p>{t('app.loading')}</p>;
  return (
    <>
      <PageHeader title={t('cohorts.new')} />
      <CohortFormView initial={initial} onSaved={(c) => navigate(`/${c.id}`)} onCancel={() => navigate('/')} />
    </>
  );
}

export function EditCohort({ cohort, onDone }: { cohort: Cohort; onDone: () => void }) {
  return <CohortFormView initial={formOfCohort(cohort)} cohort={cohort} onSaved={onDone} onCancel={onDone} />;
}

function CohortFormView({ initial, cohort, onSaved, onCancel }: { initial: Form; cohort?: Cohort; onSaved: (c: Cohort) => void; onCancel: () => void }) {
  const t = useT();
  const toast = useToast();
  const [form, setForm] = useState<Form>(initial);
  const [errors, setErrors] = useState<CohortFormErrors>({});
  const [copyFrom, setCopyFrom] = useState('');
  const [busy, setBusy] = useState(false);
  // The stored version the form's values were read from: a save starts from its revision
  // (the page's live record moves on when another tab saves; this does not).
  const stale = useStaleSave<Cohort | null, Form>({
    initial: cohort ?? null,
    save: async (values, rev, from) => {
      setBusy(true);
      try {
        const saved = from ? await updateCohort(from.id, values, undefined, rev) : await createCohort(values);
        if (!from && copyFrom) {
          const copied = await copyModules(copyFrom, saved.id);
          toast(t('cohorts.copy.done', { modules: copied.modules, sessions: copied.sessions, copiedTotal: copied.modules + copied.sessions, skipped: copied.skipped }));
        }
        return saved;
      } finally {
        setBusy(false);
      }
    },
    // changed elsewhere in no field of this form: nothing to choose, save from the stored revision
    part: (c) => formOfCohort(c),
    onSaved: (saved) => {
      toast(t('cohorts.saved', { title: cohortTitle(t, saved) }));
      onSaved(saved);
    },
    onError: (error) => {
      if (error instanceof FormError) setErrors(error.errors as CohortFormErrors);
      else toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    },
  });
  const { conflict } = stale;
  const others = useLiveQuery(() => (cohort ? Promise.resolve([]) : listCohorts()), [cohort?.id]) ?? [];
  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (key: keyof Form) => (errors[key] ? t(errors[key]) : undefined);
  const mapped = form.regionKind === 'old' ? currentRegionOfOld(form.oldRegionCode) : undefined;

  async function submit() {
    const found = cohortFormErrors(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await stale.persist(form, stale.base);
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset>
        <legend>{t('cohorts.form.identity')}</legend>
        <div className="form-grid">
          <Field label={t('cohorts.field.number')} error={err('number')} required>
            {(p) => <input {...p} type="text" inputMode="numeric" value={form.number} onChange={(e) => set('number', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.field.nickname')} hint={t('cohorts.field.nickname.hint')} error={err('nickname')}>
            {(p) => <input {...p} type="text" value={form.nickname} onChange={(e) => set('nickname', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.field.targetPath')} error={err('targetPath')}>
            {(p) => <input {...p} type="text" value={form.targetPath} onChange={(e) => set('targetPath', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.field.status')} error={err('status')}>
            {(p) => (
              <select {...p} value={form.status} onChange={(e) => set('status', e.target.value as Form['status'])}>
                {cohortStatusSchema.options.map((s) => (
                  <option key={s} value={s}>
                    {t(cohortStatusLabel[s])}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('cohorts.field.region')}</legend>
        <div className="toolbar" role="radiogroup" aria-label={t('cohorts.form.regionKind')}>
          <label>
            <input type="radio" name="regionKind" checked={form.regionKind === 'current'} onChange={() => set('regionKind', 'current')} /> {t('cohorts.form.regionCurrent')}
          </label>
          <label>
            <input type="radio" name="regionKind" checked={form.regionKind === 'old'} onChange={() => set('regionKind', 'old')} /> {t('cohorts.form.regionOld')}
          </label>
        </div>
        <div className="form-grid" style={{ marginTop: '0.75rem' }}>
          {form.regionKind === 'current' ? (
            <Field label={t('cohorts.field.regionCurrent')} error={err('regionCode')} required>
              {(p) => <RegionSelect {...p} value={form.regionCode} onChange={(code) => set('regionCode', code)} placeholder={t('cohorts.form.choose')} />}
            </Field>
          ) : (
            <Field label={t('cohorts.field.regionOld')} hint={mapped ? t('cohorts.form.mappedTo', { region: mapped.name }) : t('cohorts.form.oldHint')} error={err('oldRegionCode')} required>
              {(p) => (
                <select {...p} value={form.oldRegionCode} onChange={(e) => set('oldRegionCode', e.target.value)}>
                  <option value="">{t('cohorts.form.choose')}</option>
                  {[...oldRegions]
                    .sort((a, b) => a.oldName.localeCompare(b.oldName, 'fr'))
                    .map((r) => (
                      <option key={r.oldCode} value={r.oldCode}>
                        {r.oldName}
                      </option>
                    ))}
                </select>
              )}
            </Field>
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('cohorts.form.organisation')}</legend>
        <div className="form-grid">
          <Field label={t('cohorts.field.organiser')} hint={t('cohorts.field.organiser.hint')} error={err('organiser')}>
            {(p) => <input {...p} type="text" value={form.organiser} onChange={(e) => set('organiser', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.field.trainingBody')} error={err('trainingBody')}>
            {(p) => <input {...p} type="text" value={form.trainingBody} onChange={(e) => set('trainingBody', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.field.trainers')} hint={t('cohorts.field.onePerLine')} error={err('trainers')}>
            {(p) => <textarea {...p} rows={3} value={form.trainers} onChange={(e) => set('trainers', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.field.places')} hint={t('cohorts.field.onePerLine')} error={err('places')}>
            {(p) => <textarea {...p} rows={3} value={form.places} onChange={(e) => set('places', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.field.startDate')} error={err('startDate')} required>
            {(p) => <input {...p} type="date" value={form.startDate} onChange={(e) => set('startDate', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.field.endDate')} error={err('endDate')} required>
            {(p) => <input {...p} type="date" value={form.endDate} onChange={(e) => set('endDate', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.field.threshold')} hint={t('cohorts.field.threshold.hint')} error={err('riskThresholdPercent')}>
            {(p) => <input {...p} type="text" inputMode="decimal" value={form.riskThresholdPercent} onChange={(e) => set('riskThresholdPercent', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.field.nature')} hint={t('cohorts.field.nature.hint')} error={err('nature')}>
            {(p) => <input {...p} type="text" value={form.nature} onChange={(e) => set('nature', e.target.value)} />}
          </Field>
          <div className="field">
            <label>
              <input type="checkbox" checked={form.legalForm} onChange={(e) => set('legalForm', e.target.checked)} aria-describedby="cohort-legal-hint" /> {t('print.legalForm')}
            </label>
            <span id="cohort-legal-hint" className="hint">
              {t('print.legalForm.hint')}
            </span>
          </div>
          <Field label={t('cohorts.field.contact')} hint={t('cohorts.field.contact.hint')} error={err('contact')}>
            {(p) => <input {...p} type="text" value={form.contact} onChange={(e) => set('contact', e.target.value)} />}
          </Field>
          <Field label={t('cohorts.field.accessInfo')} error={err('accessInfo')}>
            {(p) => <textarea {...p} rows={2} value={form.accessInfo} onChange={(e) => set('accessInfo', e.target.value)} />}
          </Field>
        </div>
      </fieldset>

      {!cohort && others.length > 0 ? (
        <CopyModulesField others={others} value={copyFrom} onChange={setCopyFrom} />
      ) : null}

      <StaleSaveChoice
        stale={stale}
        fields={conflict ? cohortConflictFields(t, conflict.mine, formOfCohort(conflict.current), formOfCohort(conflict.from)) : []}
        onKeepTheirs={(current) => {
          setForm(formOfCohort(current));
          setErrors({});
        }}
        onCombine={(choice, { mine, current }) => {
          const picked = choice as Partial<Record<keyof Form, 'mine' | 'theirs'>>;
          for (const k of REGION_FOLLOWERS) if (picked.regionCode) picked[k] = picked.regionCode;
          const combined = combineVersions(mine, formOfCohort(current), picked);
          setForm(combined);
          // Two valid versions can combine into an invalid one (dates, say): then it is shown to correct.
          const found = cohortFormErrors(combined);
          setErrors(found);
          return Object.keys(found).length > 0 ? undefined : combined;
        }}
      />
      {/* said where the person clicked, in the form: a toast there would cover the button */}
      <FormAlert>{Object.keys(errors).length > 0 ? t('cohorts.form.fix') : null}</FormAlert>
      <div className="toolbar">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t(cohort ? 'common.save' : 'cohorts.create')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The workshop's information form, for a new workshop and for the Informations tab. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { businessTypes } from '../../domain/people';
import { useT } from '../../i18n';
import { communeByInsee } from '../../shared/geo';
import { CommunePicker, type PickedCommune } from '../../ui/CommunePicker';
import { Field } from '../../ui/Field';
import { businessTypeLabel } from '../providers/labels';
import { statusLabel, themeName, workshopStatuses, workshopThemes } from './labels';
import { FormError } from './repository';
import type { WorkshopForm as Form, WorkshopFormErrors } from './validation';

export function WorkshopForm({ initial, submitLabel, onSubmit }: { initial: Form; submitLabel: string; onSubmit: (form: Form) => Promise<void> }) {
  const t = useT();
  const [form, setForm] = useState<Form>(initial);
  const [errors, setErrors] = useState<WorkshopFormErrors>({});
  const [busy, setBusy] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);

  // the stored place has no postal code: look it up so the picker shows "Pau (64000)"
  useEffect(() => {
    if (!initial.communeInsee || initial.postalCode) return;
    let live = true;
    void communeByInsee(initial.communeInsee).then((c) => {
      if (live && c) setForm((f) => (f.communeInsee === c.insee ? { ...f, postalCode: c.postalCodes[0] ?? '' } : f));
    });
    return () => {
      live = false;
    };
  }, [initial.communeInsee, initial.postalCode]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const err = (key: keyof Form) => (errors[key] ? t(errors[key]) : undefined);
  const commune: PickedCommune | null = form.communeInsee ? { insee: form.communeInsee, name: form.communeName, postalCode: form.postalCode, departmentCode: '', regionCode: '' } : null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await onSubmit(form);
      setErrors({});
    } catch (error) {
      if (error instanceof FormError) {
        setErrors(error.errors as WorkshopFormErrors);
        summaryRef.current?.focus();
      } else throw error;
    } finally {
      setBusy(false);
    }
  }

  const errorCount = Object.keys(errors).length;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <div ref={summaryRef} tabIndex={-1}>
        {errorCount > 0 ? (
          <p className="alert alert-error" role="alert">
            {t('workshop.formErrors', { count: errorCount })}
          </p>
        ) : null}
      </div>
      <fieldset>
        <legend>{t('workshop.section.general')}</legend>
        <Field label={t('workshop.field.title')} required error={err('title')}>
          {(p) => <input {...p} value={form.title} onChange={(e) => set('title', e.target.value)} maxLength={250} />}
        </Field>
        <div className="form-grid">
          <Field label={t('workshop.field.theme')}>
            {(p) => (
              <select {...p} value={form.theme} onChange={(e) => set('theme', e.target.value)}>
                <option value="">{t('workshop.theme.none')}</option>
                {workshopThemes.map((th) => (
                  <option key={th} value={th}>
                    {themeName(t, th)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('workshop.field.status')} error={err('status')}>
            {(p) => (
              <select {...p} value={form.status} onChange={(e) => set('status', e.target.value as Form['status'])}>
                {workshopStatuses.map((s) => (
                  <option key={s} value={s}>
                    {t(statusLabel[s])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('workshop.field.format')}>
            {(p) => (
              <select {...p} value={form.format} onChange={(e) => set('format', e.target.value as Form['format'])}>
                <option value="collectif">{t('workshop.format.collectif')}</option>
                <option value="individuel">{t('workshop.format.individuel')}</option>
              </select>
            )}
          </Field>
          <Field label={t('workshop.field.capacity')} required error={err('capacity')}>
            {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={1000} value={form.capacity} onChange={(e) => set('capacity', e.target.value)} />}
          </Field>
        </div>
        <Field label={t('workshop.field.description')}>{(p) => <textarea {...p} rows={3} value={form.description} onChange={(e) => set('description', e.target.value)} />}</Field>
        <Field label={t('workshop.field.objectives')}>{(p) => <textarea {...p} rows={3} value={form.objectives} onChange={(e) => set('objectives', e.target.value)} />}</Field>
        <fieldset>
          <legend>{t('workshop.field.audience')}</legend>
          <div className="toolbar">
            {businessTypes.map((b) => (
              <label key={b}>
                <input
                  type="checkbox"
                  checked={form.audience.includes(b)}
                  onChange={(e) => set('audience', e.target.checked ? [...form.audience, b] : form.audience.filter((a) => a !== b))}
                />{' '}
                {t(businessTypeLabel[b])}
              </label>
            ))}
          </div>
        </fieldset>
        <Field label={t('workshop.field.prerequisites')}>{(p) => <textarea {...p} rows={2} value={form.prerequisites} onChange={(e) => set('prerequisites', e.target.value)} />}</Field>
      </fieldset>
      <fieldset>
        <legend>{t('workshop.section.place')}</legend>
        <div className="form-grid">
          <CommunePicker
            label={t('workshop.field.commune')}
            value={commune}
            onChange={(c) => setForm((f) => ({ ...f, communeInsee: c?.insee ?? '', communeName: c?.name ?? '', postalCode: c?.postalCode ?? '' }))}
          />
          <Field label={t('workshop.field.address')}>{(p) => <input {...p} value={form.address} onChange={(e) => set('address', e.target.value)} />}</Field>
          <Field label={t('workshop.field.room')}>{(p) => <input {...p} value={form.room} onChange={(e) => set('room', e.target.value)} />}</Field>
        </div>
        <Field label={t('workshop.field.accessibility')} hint={t('workshop.field.accessibility.hint')}>
          {(p) => <textarea {...p} rows={2} value={form.accessibility} onChange={(e) => set('accessibility', e.target.value)} />}
        </Field>
      </fieldset>
      <fieldset>
        <legend>{t('workshop.section.practical')}</legend>
        <div className="form-grid">
          <Field label={t('workshop.field.animators')} hint={t('workshop.field.animators.hint')}>
            {(p) => <textarea {...p} rows={2} value={form.animators} onChange={(e) => set('animators', e.target.value)} />}
          </Field>
          <Field label={t('workshop.field.contact')} hint={t('workshop.field.contact.hint')} error={err('contact')}>
            {(p) => <input {...p} value={form.contact} onChange={(e) => set('contact', e.target.value)} />}
          </Field>
          <Field label={t('workshop.field.periodStart')} hint={t('workshop.field.period.hint')} error={err('periodStart')}>
            {(p) => <input {...p} type="date" value={form.periodStart} onChange={(e) => set('periodStart', e.target.value)} />}
          </Field>
          <Field label={t('workshop.field.periodEnd')} error={err('periodEnd')}>
            {(p) => <input {...p} type="date" value={form.periodEnd} onChange={(e) => set('periodEnd', e.target.value)} />}
          </Field>
        </div>
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}

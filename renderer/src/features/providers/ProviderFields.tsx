/**
 * Who a participant is — name, structure, activity, e-mail, phone — as the directory's form
 * (ProviderEditor) and the registrations tab's « Nouvelle personne… » (NewPersonDialog) both
 * ask it, inside a `.form-grid`. `place` goes between the activity and the e-mail (the
 * directory's commune picker).
 */
import type { ReactNode } from 'react';
import { businessTypes } from '../../domain/people';
import { useT } from '../../i18n';
import { formErrorText } from '../../i18n/issues';
import { Field } from '../../ui/Field';
import { businessTypeLabel } from './labels';
import type { ProviderForm } from './repository';

type IdentityKey = 'firstName' | 'lastName' | 'structure' | 'businessType' | 'email' | 'phone';

export function ProviderFields({
  form,
  set,
  errors,
  structureHint,
  place,
}: {
  form: ProviderForm;
  set: <K extends IdentityKey>(key: K, value: ProviderForm[K]) => void;
  errors: Record<string, string>;
  structureHint?: string;
  place?: ReactNode;
}) {
  const t = useT();
  const message = (key: string | undefined) => formErrorText(t, key);
  return (
    <>
      <Field label={t('provider.firstName')} error={message(errors.firstName)}>
        {(p) => <input {...p} type="text" autoComplete="off" value={form.firstName} onChange={(e) => set('firstName', e.target.value)} />}
      </Field>
      <Field label={t('provider.lastName')} error={message(errors.lastName)} required>
        {(p) => <input {...p} type="text" autoComplete="off" value={form.lastName} onChange={(e) => set('lastName', e.target.value)} />}
      </Field>
      <Field label={t('provider.structure')} error={message(errors.structure)} hint={structureHint}>
        {(p) => <input {...p} type="text" value={form.structure} onChange={(e) => set('structure', e.target.value)} />}
      </Field>
      <Field label={t('provider.businessType')} error={message(errors.businessType)}>
        {(p) => (
          <select {...p} value={form.businessType} onChange={(e) => set('businessType', e.target.value as ProviderForm['businessType'])}>
            {businessTypes.map((b) => (
              <option key={b} value={b}>
                {t(businessTypeLabel[b])}
              </option>
            ))}
          </select>
        )}
      </Field>
      {place}
      <Field label={t('provider.email')} error={message(errors.email)}>
        {(p) => <input {...p} type="email" autoComplete="off" value={form.email} onChange={(e) => set('email', e.target.value)} />}
      </Field>
      <Field label={t('provider.phone')} error={message(errors.phone)}>
        {(p) => <input {...p} type="tel" autoComplete="off" value={form.phone} onChange={(e) => set('phone', e.target.value)} />}
      </Field>
    </>
  );
}

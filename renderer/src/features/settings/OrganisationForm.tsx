/** Réglages › Organisme: the letterhead of every printed document. */
import { useEffect, useState, type FormEvent } from 'react';
import { isMessageKey, useT, type MessageKey } from '../../i18n';
import { openFiles } from '../../shared/files';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { EMPTY_ORGANISATION, OrganisationError, getOrganisation, logoFromFile, saveOrganisation, type Organisation, type OrganisationField } from './organisation';

export const organisationLabel: Record<OrganisationField, MessageKey> = {
  name: 'org.name',
  address: 'org.address',
  postcode: 'org.postcode',
  town: 'org.town',
  siret: 'org.siret',
  nda: 'org.nda',
  qualiopi: 'org.qualiopi',
  logo: 'org.logo',
  signatoryName: 'org.signatoryName',
  signatoryRole: 'org.signatoryRole',
  defaultTown: 'org.defaultTown',
  phone: 'org.phone',
  email: 'org.email',
};

const TEXT_FIELDS: { field: Exclude<OrganisationField, 'logo'>; hint?: MessageKey; autoComplete?: string; inputMode?: 'numeric' | 'tel' | 'email' }[] = [
  { field: 'name', autoComplete: 'organization' },
  { field: 'address', autoComplete: 'street-address' },
  { field: 'postcode', autoComplete: 'postal-code', inputMode: 'numeric' },
  { field: 'town', autoComplete: 'address-level2' },
  { field: 'phone', autoComplete: 'tel', inputMode: 'tel' },
  { field: 'email', autoComplete: 'email', inputMode: 'email' },
  { field: 'siret', hint: 'org.siret.hint', inputMode: 'numeric' },
  { field: 'nda', hint: 'org.nda.hint', inputMode: 'numeric' },
  { field: 'qualiopi' },
  { field: 'signatoryName' },
  { field: 'signatoryRole', hint: 'org.signatoryRole.hint' },
  { field: 'defaultTown', hint: 'org.defaultTown.hint' },
];

export function OrganisationForm() {
  const t = useT();
  const toast = useToast();
  const [draft, setDraft] = useState<Organisation | null>(null);
  const [errors, setErrors] = useState<Partial<Record<OrganisationField, string>>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    void getOrganisation().then(setDraft);
  }, []);

  if (!draft) return <p>{t('app.loading')}</p>;
  const set = (field: OrganisationField, value: string) => setDraft((d) => ({ ...(d ?? EMPTY_ORGANISATION), [field]: value }));
  const message = (code: string | undefined) => (code ? t(isMessageKey(code) ? code : 'common.error.generic', { detail: code }) : undefined);

  async function chooseLogo() {
    try {
      const [file] = await openFiles(t('org.logo'), ['png', 'jpg', 'jpeg']);
      if (!file) return;
      const logo = logoFromFile(file.bytes);
      if (!logo.ok) {
        setErrors((e) => ({ ...e, logo: logo.error }));
        return;
      }
      setErrors(({ logo: _dropped, ...rest }) => rest);
      set('logo', logo.dataUrl);
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!draft) return;
    setSaving(true);
    try {
      setDraft(await saveOrganisation(draft));
      setErrors({});
      toast(t('org.saved'));
    } catch (error) {
      if (error instanceof OrganisationError) setErrors(error.errors);
      else toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    } finally {
      setSaving(false);
    }
  }

  const errorCount = Object.keys(errors).length;
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="organisation-title">
      <h2 id="organisation-title">{t('org.title')}</h2>
      <p className="muted">{t('org.intro')}</p>
      {errorCount > 0 ? (
        <div className="alert alert-error" role="alert">
          {t('org.error.summary')}
        </div>
      ) : null}
      <div className="form-grid">
        {TEXT_FIELDS.map(({ field, hint, autoComplete, inputMode }) => (
          <Field key={field} label={t(organisationLabel[field])} hint={hint ? t(hint) : undefined} error={message(errors[field])}>
            {(p) => <input {...p} type="text" autoComplete={autoComplete ?? 'off'} inputMode={inputMode} value={draft[field]} onChange={(e) => set(field, e.target.value)} />}
          </Field>
        ))}
      </div>
      <fieldset aria-describedby="org-logo-hint">
        <legend>{t('org.logo')}</legend>
        {draft.logo ? <img src={draft.logo} alt={t('org.logo.alt', { name: draft.name || '—' })} style={{ maxHeight: 64, maxWidth: 200, display: 'block', marginBottom: '0.5rem' }} /> : <p className="muted">{t('org.logo.none')}</p>}
        <div className="toolbar">
          <button type="button" className="btn" onClick={() => void chooseLogo()}>
            {t('org.logo.choose')}
          </button>
          {draft.logo ? (
            <button type="button" className="btn" onClick={() => set('logo', '')}>
              {t('org.logo.remove')}
            </button>
          ) : null}
        </div>
        <span id="org-logo-hint" className="hint">
          {t('org.logo.hint')}
        </span>
        {errors.logo ? (
          <span className="error" role="alert" style={{ display: 'block' }}>
            {message(errors.logo)}
          </span>
        ) : null}
      </fieldset>
      <button type="submit" className="btn btn-primary" disabled={saving} style={{ marginTop: '1rem' }}>
        {t('org.save')}
      </button>
    </form>
  );
}

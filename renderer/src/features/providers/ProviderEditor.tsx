/** Create or edit a provider/participant, with messages at each field and a duplicate check before saving. */
import { useEffect, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { Provider } from '../../domain/people';
import { useT, type MessageKey } from '../../i18n';
import { communeByInsee } from '../../shared/geo';
import { CommunePicker, toPicked, type PickedCommune } from '../../ui/CommunePicker';
import { Field } from '../../ui/Field';
import { PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { conflictFields } from '../../ui/SaveConflict';
import { StaleSaveChoice, useStaleSave } from '../../ui/useStaleSave';
import { combineVersions } from '../../db/records';
import { businessTypeLabel } from './labels';
import { ProviderFields } from './ProviderFields';
import { displayName, emptyProviderForm, findDuplicates, formOf, getProvider, providerFormErrors, saveProvider, type Duplicate, type ProviderForm } from './repository';
import { formErrorText } from '../../i18n/issues';

/** What each form field is called, for the choice between two versions. */
const FIELD_LABELS: Record<keyof ProviderForm, MessageKey> = {
  firstName: 'provider.firstName', lastName: 'provider.lastName', structure: 'provider.structure', businessType: 'provider.businessType',
  communeInsee: 'provider.commune', communeName: 'provider.commune', email: 'provider.email', phone: 'provider.phone',
  consentGiven: 'provider.consent.given', consentDate: 'provider.consent.date', consentPurpose: 'provider.consent.purpose', notes: 'provider.notes',
};

export function ProviderEditor({ id }: { id?: string }) {
  const t = useT();
  const toast = useToast();
  const [, navigate] = useLocation();
  const [existing, setExisting] = useState<Provider | null | undefined>(id ? undefined : null);
  const [form, setForm] = useState<ProviderForm>(emptyProviderForm());
  const [commune, setCommune] = useState<PickedCommune | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const stale = useStaleSave<Provider | null, ProviderForm>({
    initial: null,
    save: (values, _rev, from) => saveProvider(values, from ?? undefined),
    // changed elsewhere but not in a field of this form (the last contact date, say): nothing to choose
    part: (p) => ({ ...formOf(p), communeName: undefined }),
    onSaved: (saved) => {
      toast(t('provider.saved', { name: displayName(saved) }));
      navigate(`/${saved.id}`);
    },
  });
  const { conflict, setBase } = stale;

  useEffect(() => {
    if (!id) return;
    void getProvider(id).then(async (p) => {
      setExisting(p ?? null);
      if (!p) return;
      setBase(p);
      setForm(formOf(p));
      const c = p.communeInsee ? await communeByInsee(p.communeInsee) : undefined;
      setCommune(c ? toPicked(c) : null);
    });
  }, [id, setBase]);

  const set = <K extends keyof ProviderForm>(key: K, value: ProviderForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const message = (key: string | undefined) => formErrorText(t, key);

  async function submit(confirmedDuplicate: boolean) {
    const found = providerFormErrors(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    if (!confirmedDuplicate) {
      const dups = await findDuplicates(form, existing?.id);
      setDuplicates(dups);
      if (dups.length > 0) return;
    }
    await stale.persist(form, stale.base);
  }

  async function keepTheirs(current: Provider) {
    setExisting(current);
    setForm(formOf(current));
    const c = current.communeInsee ? await communeByInsee(current.communeInsee) : undefined;
    setCommune(c ? toPicked(c) : null);
  }

  const shownValue = (key: keyof ProviderForm, f: ProviderForm): string => {
    if (key === 'businessType') return t(businessTypeLabel[f.businessType]);
    if (key === 'consentGiven') return f.consentGiven ? t('common.yes') : t('common.no');
    if (key === 'communeInsee') return f.communeName;
    return String(f[key]);
  };

  if (id && existing === undefined) return <p>{t('app.loading')}</p>;
  if (id && existing === null) return <p>{t('provider.notFound')}</p>;
  const errorCount = Object.keys(errors).length;
  return (
    <>
      <PageHeader title={existing ? t('provider.edit.title', { name: displayName(existing) }) : t('provider.new')} />
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        {errorCount > 0 ? (
          <p className="alert alert-error" role="alert">
            {t('provider.error.summary', { count: errorCount })}
          </p>
        ) : null}
        <div className="form-grid">
          <ProviderFields
            form={form}
            set={set}
            errors={errors}
            structureHint={t('provider.structure.hint')}
            place={
              <CommunePicker
                label={t('provider.commune')}
                value={commune}
                onChange={(c) => {
                  setCommune(c);
                  setForm((f) => ({ ...f, communeInsee: c?.insee ?? '', communeName: c?.name ?? '' }));
                }}
              />
            }
          />
        </div>
        <fieldset>
          <legend>{t('provider.consent.legend')}</legend>
          <label>
            <input
              type="checkbox"
              checked={form.consentGiven}
              onChange={(e) => {
                const given = e.target.checked;
                setForm((f) => ({ ...f, consentGiven: given, consentDate: given && !f.consentDate ? new Date().toISOString().slice(0, 10) : f.consentDate }));
              }}
            />{' '}
            {t('provider.consent.given')}
          </label>
          <div className="form-grid" style={{ marginTop: '0.5rem' }}>
            <Field label={t('provider.consent.date')} error={message(errors.consentDate)} hint={t('provider.consent.date.hint')}>
              {(p) => <input {...p} type="date" value={form.consentDate} onChange={(e) => set('consentDate', e.target.value)} />}
            </Field>
            <Field label={t('provider.consent.purpose')} error={message(errors.consentPurpose)}>
              {(p) => <input {...p} type="text" value={form.consentPurpose} onChange={(e) => set('consentPurpose', e.target.value)} />}
            </Field>
          </div>
        </fieldset>
        <Field label={t('provider.notes')} error={message(errors.notes)}>
          {(p) => <textarea {...p} rows={3} value={form.notes} onChange={(e) => set('notes', e.target.value)} />}
        </Field>
        {duplicates.length > 0 ? (
          <div className="alert alert-warn" role="alert">
            <p style={{ marginTop: 0 }}>{t('provider.duplicates', { count: duplicates.length })}</p>
            <ul>
              {duplicates.map((d) => (
                <li key={d.provider.id}>
                  <Link href={`/${d.provider.id}`}>{displayName(d.provider)}</Link> — {d.provider.structure} ({t(`provider.duplicate.${d.reason}` as MessageKey)})
                </li>
              ))}
            </ul>
            <button type="button" className="btn" onClick={() => void submit(true)}>
              {t('provider.duplicates.saveAnyway')}
            </button>
          </div>
        ) : null}
        <StaleSaveChoice
          stale={stale}
          fields={conflict ? conflictFields({ mine: conflict.mine, theirs: formOf(conflict.current), opened: formOf(conflict.from) }, { label: (k) => t(FIELD_LABELS[k]), shown: (k, form) => shownValue(k, form), skip: (k) => k === 'communeName' }) : []}
          onKeepTheirs={(current) => void keepTheirs(current)}
          onCombine={(choice, { mine, current }) => {
            const picked = choice as Partial<Record<keyof ProviderForm, 'mine' | 'theirs'>>;
            if (picked.communeInsee) picked.communeName = picked.communeInsee;
            const combined = combineVersions(mine, formOf(current), picked);
            setForm(combined);
            return combined;
          }}
        />
        <div className="toolbar">
          <button type="submit" className="btn btn-primary">
            {t('common.save')}
          </button>
          <Link href={existing ? `/${existing.id}` : '/'} className="btn">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

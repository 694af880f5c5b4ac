/**
 * « Nouvelle personne… » from the registrations tab: a short directory form (name,
 * structure, activity, e-mail, phone) that goes through the directory's duplicate
 * check, then creates the person and registers them (in the session chosen).
 * A possible duplicate can be registered instead, with one click.
 */
import { useState } from 'react';
import type { Registration, Workshop } from '../../../domain/workshops';
import { useI18n, type MessageKey } from '../../../i18n';
import { Dialog } from '../../../ui/Dialog';
import { ProviderFields } from '../../providers/ProviderFields';
import { displayName, emptyProviderForm, providerFormErrors, type Duplicate, type ProviderForm } from '../../providers/repository';
import { errorMessage } from '../../../ui/errors';
import { registerNewPerson, RegistrationError } from './repository';

export function NewPersonDialog({
  workshop,
  sessionId,
  onClose,
  onRegisterExisting,
  onRegistered,
}: {
  workshop: Workshop;
  sessionId: string | null;
  onClose: () => void;
  onRegisterExisting: (personId: string, name: string) => Promise<void>;
  onRegistered: (name: string, registration: Registration) => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<ProviderForm>(emptyProviderForm());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [duplicates, setDuplicates] = useState<Duplicate[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const set = <K extends keyof ProviderForm>(key: K, value: ProviderForm[K]) => setForm((f) => ({ ...f, [key]: value }));

  async function submit(confirmedDuplicate: boolean) {
    const found = providerFormErrors(form);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      const result = await registerNewPerson(workshop, form, { sessionId, confirmedDuplicate });
      if (result.kind === 'duplicates') {
        setDuplicates(result.duplicates);
        return;
      }
      onRegistered(displayName(result.person), result.registration);
    } catch (error) {
      setFailure(error instanceof RegistrationError ? t(error.key) : t('common.error.generic', { detail: errorMessage(error) }));
    }
  }

  return (
    <Dialog open title={t('sessions.newPerson.title')} onClose={onClose} footer={<span />}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit(false);
        }}
      >
        <div className="form-grid">
          <ProviderFields form={form} set={set} errors={errors} />
        </div>
        {duplicates.length > 0 ? (
          <div className="alert alert-warn" role="alert">
            <p style={{ marginTop: 0 }}>{t('provider.duplicates', { count: duplicates.length })}</p>
            <ul style={{ listStyle: 'none', padding: 0 }}>
              {duplicates.map((d) => (
                <li key={d.provider.id} className="toolbar" style={{ marginBottom: 4 }}>
                  <span>
                    {displayName(d.provider)} — {d.provider.structure} ({t(`provider.duplicate.${d.reason}` as MessageKey)})
                  </span>
                  <button type="button" className="btn btn-small" onClick={() => void onRegisterExisting(d.provider.id, displayName(d.provider))} aria-label={t('registration.add.for', { name: displayName(d.provider) })}>
                    {t('registration.add.button')}
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" className="btn btn-small" onClick={() => void submit(true)}>
              {t('sessions.newPerson.createAnyway')}
            </button>
          </div>
        ) : null}
        {failure ? (
          <p className="alert alert-error" role="alert">
            {failure}
          </p>
        ) : null}
        <div className="toolbar" style={{ justifyContent: 'flex-end', marginTop: '1rem' }}>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="btn btn-primary">
            {t('sessions.newPerson.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

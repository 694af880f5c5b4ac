/** Desktop only: where the app looks for its updates, and who decides it. Hidden in the browser. */
import { useEffect, useState } from 'react';
import { useI18n, type MessageKey } from '../../i18n';
import { getBridge } from '../../platform';
import type { UpdateStatus } from '../../platform/contract';
import { useToast } from '../../ui/Toast';
import { formatDateTime } from '../../i18n/format';

export function UpdatesPanel() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const [status, setStatus] = useState<UpdateStatus | null>(null);
  const [url, setUrl] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const apply = (s: UpdateStatus) => {
    setStatus(s);
    setUrl(s.userUrl);
    setEnabled(s.userEnabled);
  };
  useEffect(() => {
    let live = true;
    void Promise.resolve()
      .then(() => getBridge().updateSettings())
      .then((r) => live && r.ok && apply(r.value))
      .catch(() => undefined); // an older desktop bridge without it: nothing to show
    return () => {
      live = false;
    };
  }, []);
  if (!status) return null;

  async function save() {
    setError(null);
    const r = await getBridge().configureUpdates({ url, enabled });
    if (!r.ok) return setError(r.error);
    apply(r.value);
    toast(t('updates.saved'));
  }
  const state = status.enabled
    ? t('updates.on', { url: status.url, hours: status.intervalHours })
    : t(`updates.off.${status.reason ?? 'no-feed'}` as MessageKey, { url: status.url });
  const locked = status.lockedBy !== null;
  return (
    <section className="card" aria-labelledby="updates-title" style={{ maxWidth: 720 }}>
      <h2 id="updates-title">{t('updates.title')}</h2>
      <p className="muted">{t('updates.intro')}</p>
      <p data-testid="updates-state">{state}</p>
      {status.lastCheckAt ? <p>{t('updates.lastCheck', { date: formatDateTime(status.lastCheckAt, locale) })}</p> : null}
      {locked ? <p>{t(status.lockedBy === 'organisation' ? 'updates.locked.organisation' : 'updates.locked.environment')}</p> : null}
      <div className="form-grid">
        <div className="field">
          <label htmlFor="update-url">{t('updates.url')}</label>
          <input id="update-url" type="url" inputMode="url" placeholder="https://" value={url} disabled={locked} aria-invalid={error ? true : undefined} aria-describedby={error ? 'update-error' : undefined} onChange={(e) => setUrl(e.target.value)} />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" checked={enabled} disabled={locked} onChange={(e) => setEnabled(e.target.checked)} /> {t('updates.enabled')}
          </label>
        </div>
      </div>
      {error ? (
        <p id="update-error" className="error" role="alert">
          {error}
        </p>
      ) : null}
      {status.restartNeeded ? <p className="alert alert-warn">{t('updates.restart')}</p> : null}
      {locked ? null : (
        <button type="button" className="btn" onClick={() => void save()}>
          {t('updates.save')}
        </button>
      )}
    </section>
  );
}

/** Shown at start-up when the database vanished or shrank: restore the latest copy, or go on. */
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { Progress } from '../../ui/Progress';
import { actionKey, failureText } from './failure';
import { acceptRecovery, dismissRecovery, type RecoveryOffer } from './recovery';
import type { Progress as P } from './backup';

export function RecoveryScreen({ offer, onDone }: { offer: RecoveryOffer; onDone: (restored: boolean) => void }) {
  const { t, locale } = useI18n();
  const [busy, setBusy] = useState<P | null>(null);
  const [error, setError] = useState<string | null>(null);
  const date = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'long', timeStyle: 'short' });
  const number = (n: number) => n.toLocaleString(locale);

  async function restore() {
    setError(null);
    setBusy({ done: 0, total: offer.copy?.summary.total ?? 1 });
    try {
      await acceptRecovery(offer, setBusy);
      onDone(true);
    } catch (e) {
      setError(failureText(t, e, t(actionKey.restore)));
    } finally {
      setBusy(null);
    }
  }

  async function ignore() {
    await dismissRecovery(offer);
    onDone(false);
  }

  const { remembered, copy } = offer;
  return (
    <main id="main" className="shell-main" style={{ maxWidth: 720, margin: '0 auto' }}>
      <section className="card" role="alertdialog" aria-labelledby="recovery-title" aria-describedby="recovery-what">
        <h1 id="recovery-title">{t('disk.recovery.title')}</h1>
        <p id="recovery-what">{t('disk.recovery.what', { date: date(remembered.at), before: number(remembered.total), now: number(offer.now) })}</p>
        {copy ? (
          <p data-testid="recovery-copy">{t('disk.recovery.copy', { date: date(copy.info.createdAt), records: number(copy.records) })}</p>
        ) : (
          <p className="alert alert-warn">{t('disk.recovery.noCopy')}</p>
        )}
        {busy ? <Progress label={t('restore.restoring')} done={busy.done} total={busy.total} /> : null}
        {error ? (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="toolbar" style={{ marginTop: '1rem' }}>
          {copy ? (
            <button type="button" className="btn btn-primary" onClick={() => void restore()} disabled={busy !== null}>
              {t('disk.recovery.restore')}
            </button>
          ) : null}
          <button type="button" className="btn" onClick={() => void ignore()} disabled={busy !== null}>
            {copy ? t('disk.recovery.ignore') : t('disk.recovery.continue')}
          </button>
        </div>
      </section>
    </main>
  );
}

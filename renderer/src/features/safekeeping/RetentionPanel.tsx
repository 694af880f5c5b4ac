import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { getDb } from '../../db/database';
import { getSetting, setSetting } from '../../db/settings';
import { Field } from '../../ui/Field';
import { ConfirmDialog } from '../../ui/Dialog';
import { useToast } from '../../ui/Toast';
import { DEFAULT_RETENTION, purge, purgeCandidates, RETENTION_KEY, withRetentionDefaults, type PurgeCandidate, type RetentionSettings } from './privacy';
import { failureText } from './failure';

const validYears = (n: number) => Number.isInteger(n) && n >= 1 && n <= 30;

export function RetentionPanel() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const [settings, setSettings] = useState<RetentionSettings>(DEFAULT_RETENTION);
  const [candidates, setCandidates] = useState<PurgeCandidate[] | null>(null);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    void getSetting<Partial<RetentionSettings>>(RETENTION_KEY).then((s) => setSettings(withRetentionDefaults(s)));
  }, []);
  const errors = { providers: !validYears(settings.providersYears), animators: !validYears(settings.formerAnimatorsYears), attendance: !validYears(settings.attendanceYears) };

  async function save() {
    if (errors.providers || errors.animators || errors.attendance) return;
    await setSetting(RETENTION_KEY, settings);
    toast(t('retention.saved'));
  }
  async function purgeNow() {
    setConfirming(false);
    try {
      const removed = await purge(getDb(), candidates ?? []);
      toast(t('retention.purged', { count: removed }));
    } catch (e) {
      toast(failureText(t, e), { kind: 'error' }); // one transaction: nothing was removed
    }
    setCandidates(await purgeCandidates(getDb(), settings));
  }

  return (
    <section className="card" aria-labelledby="retention-title">
      <h2 id="retention-title">{t('retention.title')}</h2>
      <p className="muted">{t('retention.intro')}</p>
      <div className="form-grid">
        <Field label={t('retention.providers')} error={errors.providers ? t('retention.error') : undefined}>
          {(p) => <input {...p} type="number" min={1} max={30} value={settings.providersYears} onChange={(e) => setSettings((s) => ({ ...s, providersYears: Number(e.target.value) }))} />}
        </Field>
        <Field label={t('retention.animators')} error={errors.animators ? t('retention.error') : undefined}>
          {(p) => <input {...p} type="number" min={1} max={30} value={settings.formerAnimatorsYears} onChange={(e) => setSettings((s) => ({ ...s, formerAnimatorsYears: Number(e.target.value) }))} />}
        </Field>
        <Field label={t('retention.attendance')} error={errors.attendance ? t('retention.error') : undefined}>
          {(p) => <input {...p} type="number" min={1} max={30} value={settings.attendanceYears} onChange={(e) => setSettings((s) => ({ ...s, attendanceYears: Number(e.target.value) }))} />}
        </Field>
      </div>
      <div className="toolbar">
        <button type="button" className="btn" onClick={() => void save()}>
          {t('retention.save')}
        </button>
        <button type="button" className="btn" onClick={() => void purgeCandidates(getDb(), settings).then(setCandidates)}>
          {t('retention.preview')}
        </button>
      </div>
      {candidates && candidates.length === 0 ? <p>{t('retention.none')}</p> : null}
      {candidates && candidates.length > 0 ? (
        <>
          <p>{t('retention.candidates', { count: candidates.length })}</p>
          <ul style={{ maxHeight: 240, overflowY: 'auto' }}>
            {candidates.slice(0, 500).map((c) => (
              <li key={`${c.kind}-${c.id}`}>
                {c.name} — {t(`privacy.kind.${c.kind}`)}, {t(c.kind === 'attendance' ? 'retention.signedOn' : 'retention.lastContact', { date: new Date(c.lastContact).toLocaleDateString(locale) })}
              </li>
            ))}
          </ul>
          <button type="button" className="btn btn-danger" onClick={() => setConfirming(true)}>
            {t('retention.purge', { count: candidates.length })}
          </button>
          <ConfirmDialog open={confirming} danger title={t('retention.purge', { count: candidates.length })} confirmLabel={t('common.delete')} onConfirm={() => void purgeNow()} onCancel={() => setConfirming(false)}>
            <p>{t('retention.candidates', { count: candidates.length })}</p>
          </ConfirmDialog>
        </>
      ) : null}
    </section>
  );
}

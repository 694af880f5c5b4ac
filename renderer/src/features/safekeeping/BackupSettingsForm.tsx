import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n';
import { getBridge } from '../../platform';
import type { BackupSettings } from '../../platform/contract';
import { useToast } from '../../ui/Toast';

/** Desktop only: how many automatic copies to keep, and in which folder. */
export function BackupSettingsForm() {
  const { t } = useI18n();
  const toast = useToast();
  const [settings, setSettings] = useState<BackupSettings | null>(null);
  const [daily, setDaily] = useState(7);
  const [weekly, setWeekly] = useState(4);
  const [error, setError] = useState(false);
  const apply = (s: BackupSettings) => {
    setSettings(s);
    setDaily(s.keepDaily);
    setWeekly(s.keepWeekly);
  };
  useEffect(() => {
    void getBridge()
      .backupSettings()
      .then((r) => r.ok && apply(r.value));
  }, []);
  if (!settings) return null;

  async function save(useDefaultFolder = false) {
    const valid = Number.isInteger(daily) && daily >= 1 && daily <= 60 && Number.isInteger(weekly) && weekly >= 1 && weekly <= 52;
    setError(!valid);
    if (!valid) return;
    const r = await getBridge().configureBackups({ keepDaily: daily, keepWeekly: weekly, useDefaultFolder });
    if (r.ok) {
      apply(r.value);
      toast(t('auto.settingsSaved'));
    }
  }
  return (
    <div style={{ marginTop: '1rem' }}>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="keep-daily">{t('auto.keepDaily')}</label>
          <input id="keep-daily" type="number" min={1} max={60} value={daily} aria-invalid={error || undefined} onChange={(e) => setDaily(Number(e.target.value))} />
        </div>
        <div className="field">
          <label htmlFor="keep-weekly">{t('auto.keepWeekly')}</label>
          <input id="keep-weekly" type="number" min={1} max={52} value={weekly} aria-invalid={error || undefined} onChange={(e) => setWeekly(Number(e.target.value))} />
        </div>
      </div>
      {error ? (
        <p className="error" role="alert">
          {t('auto.settingsError')}
        </p>
      ) : null}
      <p>{t('auto.folder', { folder: settings.folder })}</p>
      <div className="toolbar">
        <button type="button" className="btn" onClick={() => void save()}>
          {t('auto.saveSettings')}
        </button>
        <button type="button" className="btn" onClick={() => void getBridge().chooseBackupFolder().then((r) => r.ok && apply(r.value))}>
          {t('auto.chooseFolder')}
        </button>
        <button type="button" className="btn" onClick={() => void save(true)}>
          {t('auto.defaultFolder')}
        </button>
      </div>
    </div>
  );
}

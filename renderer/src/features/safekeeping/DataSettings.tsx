import { useT } from '../../i18n';
import { BackupPanel } from './BackupPanel';

/** Réglages › Données: backups, restore, exchange and personal data. */
export default function DataSettings() {
  const t = useT();
  return (
    <section aria-label={t('settings.data')}>
      <BackupPanel />
    </section>
  );
}

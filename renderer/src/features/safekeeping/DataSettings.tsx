import { useT } from '../../i18n';
import { BackupPanel } from './BackupPanel';
import { ConflictInbox } from './ConflictInbox';
import { ExchangeHistory } from './ExchangeHistory';
import { ExchangePanel } from './ExchangePanel';
import { PrivacyPanel } from './PrivacyPanel';
import { RetentionPanel } from './RetentionPanel';
import { SyncPanel } from '../sync/SyncPanel';

/** Réglages › Données: backups, restore, exchange and merge, personal data. */
export default function DataSettings() {
  const t = useT();
  return (
    <section aria-label={t('settings.data')} style={{ display: 'grid', gap: '1rem', maxWidth: 860 }}>
      <BackupPanel />
      <SyncPanel />
      <ExchangePanel />
      <ConflictInbox />
      <ExchangeHistory />
      <PrivacyPanel />
      <RetentionPanel />
    </section>
  );
}

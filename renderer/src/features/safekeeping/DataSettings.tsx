import { useT } from '../../i18n';
import { EmptyState } from '../../ui/PageHeader';

/** Backups, restore, exchange and personal data. Placeholder until the feature lands. */
export default function DataSettings() {
  const t = useT();
  return (
    <section aria-label={t('settings.data')}>
      <h2>{t('settings.data')}</h2>
      <EmptyState>{t('common.comingSoon')}</EmptyState>
    </section>
  );
}

import { useT } from '../../i18n';
import { EmptyState } from '../../ui/PageHeader';

/** The directory of providers/participants, mounted under /ateliers/participants. Placeholder. */
export default function ProvidersRoutes() {
  const t = useT();
  return <EmptyState>{t('common.comingSoon')}</EmptyState>;
}

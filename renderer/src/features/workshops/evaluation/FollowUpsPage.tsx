import { useT } from '../../../i18n';
import { EmptyState } from '../../../ui/PageHeader';

/** Page under /ateliers. Placeholder until it lands. */
export default function FollowUpsPage() {
  const t = useT();
  return <EmptyState>{t('common.comingSoon')}</EmptyState>;
}

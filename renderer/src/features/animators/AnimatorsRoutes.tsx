import { useT } from '../../i18n';
import { EmptyState, PageHeader } from '../../ui/PageHeader';

/** Placeholder until the feature lands. */
export default function AnimatorsRoutes() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('nav.registry')} />
      <EmptyState>{t('common.comingSoon')}</EmptyState>
    </>
  );
}

import { useT } from '../../i18n';
import { EmptyState, PageHeader } from '../../ui/PageHeader';

/** Placeholder until the feature lands. */
export default function WorkshopsRoutes() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('nav.workshops')} />
      <EmptyState>{t('common.comingSoon')}</EmptyState>
    </>
  );
}

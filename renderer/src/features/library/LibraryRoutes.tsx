import { useT } from '../../i18n';
import { EmptyState, PageHeader } from '../../ui/PageHeader';

/** Placeholder until the feature lands. */
export default function LibraryRoutes() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('nav.tutorials')} />
      <EmptyState>{t('common.comingSoon')}</EmptyState>
    </>
  );
}

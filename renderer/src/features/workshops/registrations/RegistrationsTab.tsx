import type { Workshop } from '../../../domain/workshops';
import { useT } from '../../../i18n';
import { EmptyState } from '../../../ui/PageHeader';

/** Tab of the workshop page. Placeholder until it lands. */
export default function RegistrationsTab({ workshop }: { workshop: Workshop }) {
  const t = useT();
  return <EmptyState>{t('common.comingSoon')} {workshop.title}</EmptyState>;
}

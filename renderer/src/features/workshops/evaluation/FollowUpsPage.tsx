/** /ateliers/suivis: every à froid follow-up of the workshops that is due, with the delay setting. */
import { useT } from '../../../i18n';
import { FollowUpList } from '../../../shared/evaluation/FollowUpList';
import { PageHeader } from '../../../ui/PageHeader';

export default function FollowUpsPage() {
  const t = useT();
  return (
    <>
      <PageHeader title={t('followUp.page.title')} intro={t('followUp.page.intro')} />
      <FollowUpList context="workshop" />
    </>
  );
}

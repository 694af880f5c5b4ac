import { Dialog } from '../../ui/Dialog';
import { useT } from '../../i18n';

/** Quick search (Ctrl/Cmd+K). Placeholder until the tutorials feature lands. */
export default function QuickSearch({ onClose }: { onClose: () => void }) {
  const t = useT();
  return (
    <Dialog open title={t('common.search')} onClose={onClose}>
      <p>{t('common.comingSoon')}</p>
    </Dialog>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n } from '../../i18n';
import { getDb } from '../../db/database';
import { PageHeader, EmptyState } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { emptyBin, restoreFromBin } from './userTutorials';

export function BinPage() {
  const { t } = useI18n();
  const toast = useToast();
  const binned = useLiveQuery(async () => (await getDb().tutorials.toArray()).filter((r) => r.deletedAt !== null), [], []);
  return (
    <>
      <PageHeader
        title={t('tl.bin.title')}
        actions={
          binned.length > 0 ? (
            <button type="button" className="btn btn-danger" onClick={() => void emptyBin().then(() => toast(t('tl.bin.purged')))}>
              {t('tl.bin.purge')}
            </button>
          ) : null
        }
      />
      {binned.length === 0 ? (
        <EmptyState>{t('tl.bin.empty')}</EmptyState>
      ) : (
        <ul>
          {binned.map((r) => (
            <li key={r.id}>
              {r.meta.title}{' '}
              <button type="button" className="btn btn-small" onClick={() => void restoreFromBin(r.id)}>
                {t('tl.bin.restore')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

import { useLiveQuery } from 'dexie-react-hooks';
import { isMessageKey, useI18n, type Translate } from '../../i18n';
import { getDb } from '../../db/database';
import { formatDateTime } from '../../i18n/format';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';

interface ExchangeRow {
  id: string;
  at: string;
  direction: 'export' | 'import';
  peerName: string;
  scope?: string;
  counts: Record<string, number>;
}

export function ExchangeHistory() {
  const { t, locale } = useI18n();
  const rows = useLiveQuery(async () => (await getDb().exchanges.orderBy('at').reverse().limit(50).toArray()) as unknown as ExchangeRow[], [], []);
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      {rows.length === 0 ? (
        <EmptyState>{t('history.none')}</EmptyState>
      ) : (
        <DataTable
          caption={t('history.title')}
          rows={rows}
          rowKey={(r) => r.id}
          columns={[
            { id: 'date', header: t('history.date'), rowHeader: true, minRem: 10, cell: (r) => formatDateTime(r.at, locale) },
            { id: 'direction', header: t('history.direction'), minRem: 5, cell: (r) => t(r.direction === 'export' ? 'history.export' : 'history.import') },
            { id: 'peer', header: t('history.peer'), minRem: 8, cell: (r) => r.peerName || scopeLabel(t, r.scope) },
            { id: 'counts', header: t('history.counts'), minRem: 10, cell: (r) => countsLabel(t, r) },
          ]}
        />
      )}
    </section>
  );
}

function scopeLabel(t: Translate, scope: string | undefined): string {
  const key = `exchange.scope.${scope ?? ''}`;
  return isMessageKey(key) ? t(key) : '—';
}

/** "Ajouts 3, Mises à jour 2" for a merge; "Ateliers 4, Séances 9" for an export. */
function countsLabel(t: Translate, row: ExchangeRow): string {
  return Object.entries(row.counts)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => {
      const key = row.direction === 'import' ? `exchange.${name}` : `table.${name}`;
      return `${isMessageKey(key) ? t(key) : name} ${count}`;
    })
    .join(', ');
}

import { useLiveQuery } from 'dexie-react-hooks';
import { isMessageKey, useI18n, type Translate } from '../../i18n';
import { getDb } from '../../db/database';

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
        <p>{t('history.none')}</p>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">{t('history.date')}</th>
              <th scope="col">{t('history.direction')}</th>
              <th scope="col">{t('history.peer')}</th>
              <th scope="col">{t('history.counts')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>{new Date(r.at).toLocaleString(locale)}</td>
                <td>{t(r.direction === 'export' ? 'history.export' : 'history.import')}</td>
                <td>{r.peerName || scopeLabel(t, r.scope)}</td>
                <td>{countsLabel(t, r)}</td>
              </tr>
            ))}
          </tbody>
        </table>
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

import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useT } from '../../i18n';
import { EmptyState, PageHeader } from '../../ui/PageHeader';
import { countProviders, displayName, searchProviders } from './repository';
import { businessTypeLabel } from './labels';

const PAGE = 50;

export function ProvidersList() {
  const t = useT();
  const id = useId();
  const [query, setQuery] = useState('');
  const rows = useLiveQuery(() => searchProviders(query, PAGE), [query]);
  const total = useLiveQuery(() => countProviders(), []);
  return (
    <>
      <PageHeader
        title={t('provider.list.title')}
        intro={t('provider.list.intro', { count: total ?? 0 })}
        actions={
          <Link href="/nouveau" className="btn btn-primary">
            {t('provider.new')}
          </Link>
        }
      />
      <div className="field" style={{ maxWidth: 420 }}>
        <label htmlFor={`${id}-q`}>{t('provider.search')}</label>
        <input id={`${id}-q`} type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-describedby={`${id}-hint`} />
        <span id={`${id}-hint`} className="hint">
          {t('provider.search.hint')}
        </span>
      </div>
      {rows && rows.length === 0 ? (
        <EmptyState>{query ? t('provider.list.noMatch') : t('provider.list.empty')}</EmptyState>
      ) : (
        <table className="data">
          <caption className="visually-hidden">{t('provider.list.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('provider.name')}</th>
              <th scope="col">{t('provider.structure')}</th>
              <th scope="col">{t('provider.businessType')}</th>
              <th scope="col">{t('provider.commune')}</th>
              <th scope="col">{t('provider.email')}</th>
              <th scope="col">{t('provider.consent')}</th>
            </tr>
          </thead>
          <tbody>
            {(rows ?? []).map((p) => (
              <tr key={p.id}>
                <th scope="row">
                  <Link href={`/${p.id}`}>{displayName(p)}</Link>
                </th>
                <td>{p.structure}</td>
                <td>{t(businessTypeLabel[p.businessType])}</td>
                <td>{p.communeName}</td>
                <td>{p.email}</td>
                <td>{p.consent.given ? t('common.yes') : t('common.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {rows && rows.length === PAGE ? <p className="muted">{t('provider.list.more', { count: PAGE })}</p> : null}
    </>
  );
}

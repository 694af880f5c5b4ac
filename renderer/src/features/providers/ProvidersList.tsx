import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useT } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
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
        <DataTable
          caption={t('provider.list.title')}
          rows={rows ?? []}
          rowKey={(p) => p.id}
          columns={[
            { id: 'name', header: t('provider.name'), rowHeader: true, minRem: 11, cell: (p) => <Link href={`/${p.id}`}>{displayName(p)}</Link> },
            { id: 'structure', header: t('provider.structure'), minRem: 12, priority: 2, cell: (p) => p.structure },
            { id: 'type', header: t('provider.businessType'), minRem: 9, priority: 3, cell: (p) => t(businessTypeLabel[p.businessType]) },
            { id: 'commune', header: t('provider.commune'), minRem: 9, priority: 2, cell: (p) => p.communeName },
            { id: 'email', header: t('provider.email'), minRem: 12, priority: 3, className: 'wrap-anywhere', cell: (p) => p.email },
            { id: 'consent', header: t('provider.consent'), minRem: 8, priority: 2, cell: (p) => (p.consent.given ? t('common.yes') : t('common.no')) },
          ]}
        />
      )}
      {rows && rows.length === PAGE ? <p className="muted">{t('provider.list.more', { count: PAGE })}</p> : null}
    </>
  );
}

/** One provider/participant: contact, consent, notes, and the history of their workshops. */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { CellNote } from '../../ui/CellNote';
import { DataTable } from '../../ui/DataTable';
import { EmptyState, PageHeader } from '../../ui/PageHeader';
import { themeName } from '../workshops/labels';
import { registrationStatusLabel } from '../workshops/registrations/labels';
import { businessTypeLabel } from './labels';
import { displayName, getProvider, providerHistory } from './repository';

export function ProviderDetail({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const provider = useLiveQuery(() => getProvider(id).then((p) => p ?? null), [id]);
  const history = useLiveQuery(() => providerHistory(id), [id]);
  if (provider === undefined) return <p>{t('app.loading')}</p>;
  if (provider === null) return <p>{t('provider.notFound')}</p>;
  const date = (iso: string | null) => (iso ? new Date(`${iso.slice(0, 10)}T12:00:00`).toLocaleDateString(locale) : '—');
  return (
    <>
      <PageHeader
        title={displayName(provider)}
        intro={provider.structure}
        actions={
          <>
            <Link href="/" className="btn">
              {t('provider.backToList')}
            </Link>
            <Link href={`/${provider.id}/modifier`} className="btn btn-primary">
              {t('common.edit')}
            </Link>
          </>
        }
      />
      <dl className="card" style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '0.3rem 1rem' }}>
        <dt>{t('provider.businessType')}</dt>
        <dd>{t(businessTypeLabel[provider.businessType])}</dd>
        <dt>{t('provider.commune')}</dt>
        <dd>{provider.communeName || '—'}</dd>
        <dt>{t('provider.email')}</dt>
        <dd>{provider.email || '—'}</dd>
        <dt>{t('provider.phone')}</dt>
        <dd>{provider.phone || '—'}</dd>
        <dt>{t('provider.consent')}</dt>
        <dd>{provider.consent.given ? t('provider.consent.yes', { date: date(provider.consent.date), purpose: provider.consent.purpose }) : t('provider.consent.no')}</dd>
        <dt>{t('provider.notes')}</dt>
        <dd style={{ whiteSpace: 'pre-wrap' }}>{provider.notes || '—'}</dd>
      </dl>
      <h2>{t('provider.history')}</h2>
      {history && history.length === 0 ? (
        <EmptyState>{t('provider.history.none')}</EmptyState>
      ) : (
        <DataTable
          caption={t('provider.history')}
          rows={history ?? []}
          rowKey={(h) => h.workshop.id}
          columns={[
            {
              id: 'workshop',
              header: t('provider.history.workshop'),
              rowHeader: true,
              minRem: 14,
              cell: (h) => (
                <>
                  <Link href={`~/ateliers/${h.workshop.id}`}>{h.workshop.title}</Link>
                  <CellNote>
                    {themeName(t, h.workshop.theme)}
                  </CellNote>
                </>
              ),
            },
            { id: 'date', header: t('provider.history.date'), minRem: 7, cell: (h) => date(h.workshop.firstDate) },
            { id: 'registration', header: t('provider.history.registration'), minRem: 8, priority: 2, cell: (h) => (h.registration ? t(registrationStatusLabel[h.registration.status]) : t('provider.history.walkIn')) },
            { id: 'attendance', header: t('provider.history.attendance'), minRem: 12, cell: (h) => t('provider.history.halfDays', { present: h.present, absent: h.absent, excused: h.excused }) },
          ]}
        />
      )}
    </>
  );
}

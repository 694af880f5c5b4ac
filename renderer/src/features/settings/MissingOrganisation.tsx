/**
 * Shown above a printable document: which fields of the organisation's identity
 * this document needs and lacks, with a way to fill them. Screen only, never printed.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useT } from '../../i18n';
import { organisationLabel } from './OrganisationForm';
import { EMPTY_ORGANISATION, getOrganisation, missingFields, type Organisation, type PaperworkDocument } from './organisation';

/** The stored identity, live; the empty one while it loads. */
export function useOrganisation(): Organisation {
  return useLiveQuery(getOrganisation, [], EMPTY_ORGANISATION);
}

export function MissingOrganisation({ organisation, document }: { organisation: Organisation; document: PaperworkDocument }) {
  const t = useT();
  const missing = missingFields(organisation, document);
  if (missing.length === 0) return null;
  return (
    <div className="alert alert-warn no-print" role="status">
      <strong>{t('org.missing.title')}</strong>
      <p style={{ margin: '0.25rem 0' }}>{t('org.missing.intro')}</p>
      <ul style={{ margin: '0.25rem 0' }}>
        {missing.map((field) => (
          <li key={field}>{t(organisationLabel[field])}</li>
        ))}
      </ul>
      <Link href="~/reglages/organisme">{t('org.missing.link')}</Link>
    </div>
  );
}

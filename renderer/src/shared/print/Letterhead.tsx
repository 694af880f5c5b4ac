/** The organisation's letterhead on top of every printed document, and the A4 page itself. */
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { postalAddress, type Organisation } from '../../features/settings/organisation';
import './print.css';

export function Letterhead({ organisation, legal = false }: { organisation: Organisation; legal?: boolean }) {
  const t = useT();
  const contact = [organisation.phone, organisation.email].filter(Boolean).join(' · ');
  const ids = [
    organisation.siret ? t('print.siret', { siret: formatSiret(organisation.siret) }) : '',
    legal && organisation.nda ? t('print.nda', { nda: organisation.nda }) : '',
    legal && organisation.qualiopi ? t('print.qualiopi', { number: organisation.qualiopi }) : '',
  ].filter(Boolean);
  return (
    <header className="letterhead">
      {organisation.logo ? <img src={organisation.logo} alt={t('org.logo.alt', { name: organisation.name })} /> : null}
      <div>
        <div className="org-name">{organisation.name || '—'}</div>
        <div className="org-lines">
          {postalAddress(organisation) ? <div>{postalAddress(organisation)}</div> : null}
          {contact ? <div>{contact}</div> : null}
          {ids.length > 0 ? <div>{ids.join(' · ')}</div> : null}
        </div>
      </div>
    </header>
  );
}

/** 732 829 320 00074 */
export function formatSiret(siret: string): string {
  return siret.length === 14 ? `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6, 9)} ${siret.slice(9)}` : siret;
}

/** One sheet of A4 paper; `label` names it for screen readers. */
export function A4Page({ label, className, children }: { label: string; className?: string; children: ReactNode }) {
  return (
    <article className={`a4-page${className ? ` ${className}` : ''}`} aria-label={label}>
      {children}
    </article>
  );
}

/** The sender's signature at the foot of a letter. */
export function LetterSignature({ organisation }: { organisation: Organisation }) {
  return (
    <p style={{ marginTop: '1rem', marginLeft: '55%' }}>
      {organisation.signatoryName || '…'}
      {organisation.signatoryRole ? (
        <>
          <br />
          {organisation.signatoryRole}
        </>
      ) : null}
      <br />
      {organisation.name}
    </p>
  );
}

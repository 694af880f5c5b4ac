/**
 * The print layout of every document the app prints: one A4 sheet with the organisation's
 * letterhead on top, a footer (what the document is, and « page 1/2 » when it has several
 * pages), and KeepTogether for what must never be split or left alone on a page — a
 * signature box, a stamp, a footnote.
 */
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import type { Organisation } from '../../features/settings/organisation';
import { A4Page, Letterhead } from './Letterhead';

export function PrintPage({
  label,
  organisation,
  legal = false,
  className,
  footer,
  footerEnd,
  page,
  children,
}: {
  /** names the sheet for screen readers */
  label: string;
  organisation: Organisation;
  /** the letterhead carries the training body's numbers (NDA, Qualiopi) */
  legal?: boolean;
  className?: string;
  /** the footer's left part: what the document is */
  footer?: ReactNode;
  /** the footer's right part when there is no page number (an address, the organisation) */
  footerEnd?: ReactNode;
  /** this sheet's place in its document: the footer then says « page 1/2 » */
  page?: { index: number; count: number };
  children: ReactNode;
}) {
  const t = useT();
  const end = page ? t('print.page', { page: page.index + 1, pages: page.count }) : footerEnd;
  return (
    <A4Page label={label} {...(className ? { className } : {})}>
      <Letterhead organisation={organisation} legal={legal} />
      {children}
      {footer || end ? (
        <footer className="page-footer">
          <span>{footer}</span>
          {end ? <span>{end}</span> : null}
        </footer>
      ) : null}
    </A4Page>
  );
}

/** Printed on one page with what follows it closely: never cut, never alone at the top of a page. */
export function KeepTogether({ className, children }: { className?: string; children: ReactNode }) {
  return <div className={`keep-together${className ? ` ${className}` : ''}`}>{children}</div>;
}

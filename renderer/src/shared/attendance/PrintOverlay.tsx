/**
 * Shows a printable document over the app, then prints only it: while the overlay
 * is open the body carries a class that hides everything else in print media.
 * Electron saves a PDF through the bridge; a browser opens its print dialog.
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useT } from '../../i18n';
import { printView } from '../files';
import { useToast } from '../../ui/Toast';
import { MissingOrganisation, useOrganisation } from '../../features/settings/MissingOrganisation';
import type { PaperworkDocument } from '../../features/settings/organisation';
import './sign-in-sheet.css';

export function PrintOverlay({
  title,
  fileName,
  onClose,
  children,
  landscape,
  paperwork,
}: {
  title: string;
  fileName: string;
  onClose: () => void;
  children: ReactNode;
  landscape?: boolean;
  /** the document printed: the overlay says which fields of the organisation it lacks */
  paperwork?: PaperworkDocument;
}) {
  const organisation = useOrganisation();
  const t = useT();
  const toast = useToast();
  const id = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  // the latest onClose, so the effect below runs once per opening, not per render
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  useEffect(() => {
    document.body.classList.add('printing-overlay');
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onCloseRef.current();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      document.body.classList.remove('printing-overlay');
      window.removeEventListener('keydown', onKey);
      opener?.focus();
    };
  }, []);

  async function print() {
    const result = await printView(fileName, landscape);
    if (!result.ok) toast(t('common.error.generic', { detail: result.error }), { kind: 'error' });
  }

  return createPortal(
    <div className="print-overlay" role="dialog" aria-modal="true" aria-labelledby={`${id}-title`}>
      <div className="print-overlay-inner">
        <div className="print-overlay-bar">
          <h2 id={`${id}-title`} className="visually-hidden">
            {title}
          </h2>
          <button type="button" className="btn btn-primary" onClick={() => void print()}>
            {t('print.print')}
          </button>
          <button ref={closeRef} type="button" className="btn" onClick={onClose}>
            {t('common.close')}
          </button>
        </div>
        {paperwork ? <MissingOrganisation organisation={organisation} document={paperwork} /> : null}
        {children}
      </div>
    </div>,
    document.body,
  );
}

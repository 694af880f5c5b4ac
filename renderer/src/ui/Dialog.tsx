import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';

/** A modal built on the native <dialog>: focus trap, Escape and backdrop for free. */
export function Dialog({ open, title, onClose, children, footer }: { open: boolean; title: string; onClose: () => void; children: ReactNode; footer?: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const t = useT();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby={titleId} onClose={onClose} onCancel={onClose}>
      <h2 id={titleId}>{title}</h2>
      {children}
      <div className="toolbar" style={{ justifyContent: 'flex-end', marginTop: '1rem' }}>
        {footer ?? (
          <button type="button" className="btn" onClick={onClose}>
            {t('common.close')}
          </button>
        )}
      </div>
    </dialog>
  );
}

/** Asks before something that cannot be taken back lightly. */
export function ConfirmDialog({ open, title, children, confirmLabel, danger, onConfirm, onCancel }: { open: boolean; title: string; children: ReactNode; confirmLabel: string; danger?: boolean; onConfirm: () => void; onCancel: () => void }) {
  const t = useT();
  return (
    <Dialog
      open={open}
      title={title}
      onClose={onCancel}
      footer={
        <>
          <button type="button" className="btn" onClick={onCancel}>
            {t('common.cancel')}
          </button>
          <button type="button" className={danger ? 'btn btn-danger' : 'btn btn-primary'} onClick={onConfirm}>
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
    </Dialog>
  );
}

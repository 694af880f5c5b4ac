/**
 * Short confirmations in a stack at the bottom left — away from the row actions, which sit
 * at the right of tables — at most three at a time, each closable, announced politely to
 * screen readers (errors assertively).
 */
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n';
import { dismissToast, pushToast, type ToastItem } from './toast-queue';

type Show = (text: string, options?: { kind?: ToastItem['kind'] }) => void;
const ToastContext = createContext<Show>(() => undefined);

const SHOWN_MS = 6000;

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(0);
  const show = useCallback<Show>((text, options) => {
    const id = ++next.current;
    setItems((list) => pushToast(list, { id, text, kind: options?.kind ?? 'info' }));
  }, []);
  const dismiss = useCallback((id: number) => setItems((list) => dismissToast(list, id)), []);
  return (
    <ToastContext.Provider value={show}>
      {children}
      <ToastStack items={items} onDismiss={dismiss} />
    </ToastContext.Provider>
  );
}

function ToastStack({ items, onDismiss }: { items: readonly ToastItem[]; onDismiss: (id: number) => void }) {
  const t = useT();
  return (
    <div className="toast-region" aria-label={t('ui.toast.region')} role="region">
      {/* two live regions, so an error interrupts and a confirmation waits its turn */}
      <div role="status" aria-live="polite" className="toast-stack">
        {items.filter((i) => i.kind === 'info').map((i) => (
          <Toast key={i.id} item={i} onDismiss={onDismiss} />
        ))}
      </div>
      {/* no role="alert" on the empty container: the page's own alerts stay the only ones */}
      <div aria-live="assertive" aria-atomic="false" className="toast-stack">
        {items.filter((i) => i.kind === 'error').map((i) => (
          <Toast key={i.id} item={i} onDismiss={onDismiss} />
        ))}
      </div>
    </div>
  );
}

function Toast({ item, onDismiss }: { item: ToastItem; onDismiss: (id: number) => void }) {
  const t = useT();
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => onDismiss(item.id), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [item.id, onDismiss, paused]);
  return (
    // reading or reaching it with the keyboard keeps it there
    <div className={`toast toast-${item.kind}`} onMouseEnter={() => setPaused(true)} onMouseLeave={() => setPaused(false)} onFocus={() => setPaused(true)} onBlur={() => setPaused(false)}>
      <span className="toast-text">{item.text}</span>
      <button type="button" className="toast-close" aria-label={t('ui.toast.dismiss')} onClick={() => onDismiss(item.id)}>
        ×
      </button>
    </div>
  );
}

export const useToast = () => useContext(ToastContext);

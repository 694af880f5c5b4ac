import { useEffect, useId, useRef, useState } from 'react';
import { useListboxKeys } from '../../ui/useListboxKeys';
import { useLocation } from 'wouter';
import { useI18n } from '../../i18n';
import { useLibrary } from './useLibrary';
import './library.css';

/** Ctrl/Cmd+K from anywhere: type, arrows, Enter opens the tutorial. */
export default function QuickSearch({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const library = useLibrary();
  const ref = useRef<HTMLDialogElement>(null);
  const [query, setQuery] = useState('');
  const [, navigate] = useLocation();
  const listId = useId();
  useEffect(() => {
    if (ref.current && !ref.current.open) ref.current.showModal();
  }, []);
  const hits = library && query.trim() ? library.search.search(query).slice(0, 8).flatMap((h) => library.byId.get(h.id) ?? []) : [];
  const open = (id: string) => {
    onClose();
    navigate(`/tutoriels/${id}`);
  };
  const { active, setActive, onKeyDown } = useListboxKeys(hits, (h) => open(h.meta.id));
  return (
    <dialog ref={ref} aria-labelledby={`${listId}-title`} onClose={onClose} onCancel={onClose} style={{ width: 'min(640px, 92vw)' }}>
      <h2 id={`${listId}-title`}>{t('tl.quick.title')}</h2>
      <input
        type="search"
        role="combobox"
        aria-label={t('tl.search')}
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={hits[active] ? `${listId}-${active}` : undefined}
        autoFocus
        value={query}
        style={{ width: '100%' }}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <p className="hint muted">{t('tl.quick.hint')}</p>
      <ul id={listId} role="listbox" aria-label={t('tl.title')} className="tl-quick-list">
        {hits.map((h, i) => (
          <li key={h.meta.id} id={`${listId}-${i}`} role="option" aria-selected={i === active} onMouseDown={(e) => (e.preventDefault(), open(h.meta.id))}>
            <strong>{h.meta.title}</strong> <span className="muted">— {h.meta.summary}</span>
          </li>
        ))}
      </ul>
    </dialog>
  );
}

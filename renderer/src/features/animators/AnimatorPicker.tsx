import { useId, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/database';
import { useT } from '../../i18n';
import type { Animator } from '../../domain/registry';
import { emptyFilter } from './query';
import { registryClient } from './registry-client';
import { displayName } from './repository';

/** results shown at first, and added by each « Afficher plus » */
const PAGE = 12;

/**
 * Search-as-you-type multi-select over the registry (ARIA 1.2 combobox): the
 * chosen people show as removable chips; arrows move, Enter adds, Escape closes.
 */
export function AnimatorPicker({ value, onChange, label, excludeIds }: { value: string[]; onChange(ids: string[]): void; label: string; excludeIds?: string[] }) {
  const t = useT();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState('');
  const [options, setOptions] = useState<Animator[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  /** how many results are shown; « Afficher plus » raises it */
  const [limit, setLimit] = useState(PAGE);
  const [more, setMore] = useState(false);
  const ticket = useRef(0);
  const chosen = useLiveQuery(async () => (await getDb().animators.bulkGet(value)).filter((a): a is Animator => a !== undefined), [value.join(',')]) ?? [];

  async function search(query: string, shown = PAGE) {
    setText(query);
    setLimit(shown);
    const mine = ++ticket.current;
    if (query.trim().length < 1) {
      setOptions([]);
      setOpen(false);
      return;
    }
    const hidden = new Set([...value, ...(excludeIds ?? [])]);
    // The registry in memory finds and orders them; only the few shown are read whole.
    const db = getDb();
    const found = await registryClient(db.name).ask({ type: 'search', filter: { ...emptyFilter, text: query }, sort: { field: 'sortName', dir: 'asc' }, limit: shown + hidden.size + 1 });
    const rows = (await db.animators.bulkGet(found.rows.map((r) => r.id).filter((id) => !hidden.has(id)))).filter((a): a is Animator => a !== undefined);
    if (mine !== ticket.current) return; // a newer keystroke won
    setOptions(rows.slice(0, shown));
    setMore(rows.length > shown);
    setActive(shown === PAGE ? 0 : shown - PAGE);
    setOpen(true);
  }

  function pick(a: Animator) {
    onChange([...value, a.id]);
    setText('');
    setOptions([]);
    setOpen(false);
  }

  return (
    <div className="field" style={{ position: 'relative' }}>
      <label htmlFor={id}>{label}</label>
      {chosen.length > 0 ? (
        <ul className="animator-chips" aria-label={t('animators.picker.chosen')}>
          {chosen.map((a) => (
            <li key={a.id} className="badge">
              {displayName(a)}{' '}
              <button type="button" className="btn-link" aria-label={t('animators.picker.remove', { name: displayName(a) })} onClick={() => onChange(value.filter((v) => v !== a.id))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && (options[active] || (more && active === options.length)) ? `${listId}-${active}` : undefined}
        value={text}
        placeholder={t('animators.picker.placeholder')}
        onChange={(e) => void search(e.target.value)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && options.length && active < options.length - 1) {
            e.preventDefault();
            setOpen(true);
            setActive((i) => Math.min(i + 1, options.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((i) => Math.max(i - 1, 0));
          } else if (e.key === 'ArrowDown' && more && active === options.length - 1) {
            e.preventDefault();
            setActive(options.length);
          } else if (e.key === 'Enter' && open && more && active === options.length) {
            e.preventDefault();
            void search(text, limit + PAGE);
          } else if (e.key === 'Enter' && open && options[active]) {
            e.preventDefault();
            pick(options[active]);
          } else if (e.key === 'Escape') setOpen(false);
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={label}
        hidden={!open}
        style={{ position: 'absolute', top: '100%', left: 0, right: 0, zIndex: 20, listStyle: 'none', margin: 0, padding: 0, background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 6, maxHeight: 280, overflowY: 'auto', boxShadow: 'var(--shadow)' }}
      >
        {options.length === 0 ? (
          <li role="option" aria-selected={false} aria-disabled="true" className="muted" style={{ padding: '0.4rem 0.6rem' }}>
            {t('animators.picker.none')}
          </li>
        ) : (
          options.map((a, i) => (
            <li
              key={a.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(a);
              }}
              style={{ padding: '0.4rem 0.6rem', cursor: 'pointer', background: i === active ? 'var(--accent-soft)' : undefined }}
            >
              {displayName(a)} <span className="muted">— {[a.structureName, a.communeName].filter(Boolean).join(', ')}</span>
            </li>
          ))
        )}
        {more ? (
          <li
            id={`${listId}-${options.length}`}
            role="option"
            aria-selected={active === options.length}
            onMouseDown={(e) => {
              e.preventDefault();
              void search(text, limit + PAGE);
            }}
            style={{ padding: '0.4rem 0.6rem', cursor: 'pointer', fontStyle: 'italic', background: active === options.length ? 'var(--accent-soft)' : undefined }}
          >
            {t('animators.picker.more')}
          </li>
        ) : null}
      </ul>
    </div>
  );
}

import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n';
import { searchCommunes, type Commune } from '../shared/geo';
import { foldText } from '../db/records';

export interface PickedCommune {
  insee: string;
  name: string;
  postalCode: string;
  departmentCode: string;
  regionCode: string;
}

export function toPicked(c: Commune): PickedCommune {
  return { insee: c.insee, name: c.name, postalCode: c.postalCodes[0] ?? '', departmentCode: c.departmentCode, regionCode: c.regionCode };
}

/**
 * Commune field: type a name or a postal code, pick from the official list.
 * An ARIA 1.2 combobox: arrows move, Enter picks, Escape closes.
 */
export function CommunePicker({
  label,
  value,
  onChange,
  error,
  hint,
  required,
  onUnresolved,
}: {
  label: string;
  value: PickedCommune | null;
  onChange: (value: PickedCommune | null) => void;
  /** text typed and not found in the list (null once resolved): the form refuses to save meanwhile */
  onUnresolved?: (typed: string | null) => void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
}) {
  const t = useT();
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState(value ? `${value.name} (${value.postalCode})` : '');
  const [options, setOptions] = useState<Commune[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const request = useRef(0);
  const [unresolved, setUnresolved] = useState<string | null>(null);
  const shown = (v: PickedCommune | null) => (v ? `${v.name} (${v.postalCode})` : '');

  useEffect(() => {
    setText(shown(value));
  }, [value]);

  const unresolvedIs = (typed: string | null) => {
    setUnresolved(typed);
    onUnresolved?.(typed);
  };

  /** On leaving the field, typed text is never dropped: an exact name is picked, an empty field clears it, anything else is flagged. */
  async function settle(typed: string) {
    const q = typed.trim();
    if (q === shown(value)) return unresolvedIs(null);
    if (!q) {
      if (value) onChange(null);
      return unresolvedIs(null);
    }
    const ticket = request.current;
    const name = foldText(q.replace(/\s*\(\d*\)\s*$/, '')).trim();
    const postal = /\((\d{5})\)\s*$/.exec(q)?.[1] ?? /^\d{5}$/.exec(q)?.[0];
    const found = await searchCommunes(q.replace(/\s*\(\d*\)\s*$/, ''), 12);
    if (ticket !== request.current) return; // typed again meanwhile
    const exact = found.filter((c) => foldText(c.name) === name || (postal !== undefined && c.postalCodes.includes(postal) && !/[a-z]/i.test(name)));
    const one = postal ? exact.filter((c) => c.postalCodes.includes(postal)) : exact;
    if (one.length === 1) {
      pick(one[0]!);
      return;
    }
    unresolvedIs(q);
  }

  async function search(query: string) {
    setText(query);
    const ticket = ++request.current;
    if (query.trim().length < 2) {
      setOptions([]);
      setOpen(false);
      return;
    }
    const found = await searchCommunes(query, 12);
    if (ticket !== request.current) return; // a newer keystroke won
    setOptions(found);
    setActive(0);
    setOpen(true);
  }

  function pick(c: Commune) {
    unresolvedIs(null);
    onChange(toPicked(c));
    setText(`${c.name} (${c.postalCodes[0] ?? ''})`);
    setOpen(false);
  }

  const shownError = error ?? (unresolved ? t('commune.unresolved', { value: unresolved }) : undefined);
  const describedBy = [hint ? `${id}-hint` : null, shownError ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field" style={{ position: 'relative' }}>
      <label htmlFor={id}>
        {label}
        {required ? <span aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && options[active] ? `${listId}-${active}` : undefined}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={describedBy}
        required={required}
        value={text}
        placeholder={t('commune.placeholder')}
        onChange={(e) => void search(e.target.value)}
        onBlur={() =>
          setTimeout(() => {
            setOpen(false);
            void settle(text);
          }, 150)
        }
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && options.length) {
            e.preventDefault();
            setOpen(true);
            setActive((a) => Math.min(a + 1, options.length - 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(a - 1, 0));
          } else if (e.key === 'Enter' && open && options[active]) {
            e.preventDefault();
            pick(options[active]);
          } else if (e.key === 'Escape') {
            setOpen(false);
          }
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
          <li role="option" aria-selected={false} aria-disabled="true" style={{ padding: '0.4rem 0.6rem' }} className="muted">
            {t('commune.none')}
          </li>
        ) : (
          options.map((c, i) => (
            <li
              key={c.insee}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                pick(c);
              }}
              style={{ padding: '0.4rem 0.6rem', cursor: 'pointer', background: i === active ? 'var(--accent-soft)' : undefined }}
            >
              {c.name} <span className="muted">({c.postalCodes.slice(0, 2).join(', ')} — {c.departmentCode})</span>
            </li>
          ))
        )}
      </ul>
      {hint ? (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      ) : null}
      {shownError ? (
        <span id={`${id}-error`} className="error" role="alert">
          {shownError}
        </span>
      ) : null}
    </div>
  );
}

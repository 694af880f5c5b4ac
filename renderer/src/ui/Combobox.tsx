/**
 * The one search-as-you-type field of the app (ARIA 1.2 combobox with a listbox popup):
 * the parent searches and hands over the options; this part draws the field, its label,
 * hint and error (through Field), the list, and answers the keyboard — arrows move the
 * active option, Enter picks it (or shows more), Escape closes. Used by CommunePicker and
 * AnimatorPicker.
 */
import { useEffect, useId, useState, type KeyboardEvent, type ReactNode } from 'react';
import { Field } from './Field';

/** The next active option for a key, in a list of `count` options (the « more » row included). */
export function nextActive(key: string, active: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowDown':
      return Math.min(active + 1, count - 1);
    case 'ArrowUp':
      return Math.max(active - 1, 0);
    default:
      return null;
  }
}

export function Combobox<T>({
  label,
  hint,
  error,
  required,
  placeholder,
  text,
  onTextChange,
  onLeave,
  options,
  optionKey,
  renderOption,
  onPick,
  onClose,
  noneLabel,
  more,
  firstActive = 0,
  before,
}: {
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  required?: boolean | undefined;
  placeholder?: string;
  /** what the field shows */
  text: string;
  onTextChange: (text: string) => void;
  /** the field lost the focus with this text (after the list closed) */
  onLeave?: (text: string) => void;
  /** the results: null while the list is closed, [] for « nothing found » */
  options: readonly T[] | null;
  optionKey: (option: T) => string;
  renderOption: (option: T) => ReactNode;
  onPick: (option: T) => void;
  /** asked to close the list (Escape, focus gone) */
  onClose: () => void;
  noneLabel: string;
  /** a last row that asks for more results */
  more?: { label: string; onMore: () => void } | undefined;
  /** the option active when new results arrive (« Afficher plus » puts it on the first new one) */
  firstActive?: number;
  /** shown between the label and the field (the chosen people's chips) */
  before?: ReactNode;
}) {
  const listId = `${useId()}-list`;
  const [active, setActive] = useState(firstActive);
  useEffect(() => setActive(firstActive), [options, firstActive]);
  const open = options !== null;
  const count = (options?.length ?? 0) + (more ? 1 : 0);
  const optionId = (i: number) => `${listId}-${i}`;
  const moreIndex = options?.length ?? 0;

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (!open) return;
    const next = nextActive(event.key, active, count);
    if (next !== null) {
      event.preventDefault();
      setActive(next);
    } else if (event.key === 'Enter') {
      if (more && active === moreIndex) {
        event.preventDefault();
        more.onMore();
      } else if (options[active] !== undefined) {
        event.preventDefault();
        onPick(options[active]);
      }
    } else if (event.key === 'Escape') {
      event.preventDefault();
      onClose();
    }
  }

  const rowStyle = (i: number) => (i === active ? 'combobox-option active' : 'combobox-option');
  return (
    <Field label={label} hint={hint} error={error} required={Boolean(required)}>
      {(field) => (
        <>
          {before}
          <div className="combobox">
            <input
              {...field}
              type="text"
              role="combobox"
              autoComplete="off"
              aria-autocomplete="list"
              aria-expanded={open}
              aria-controls={listId}
              aria-activedescendant={open && active < count ? optionId(active) : undefined}
              value={text}
              placeholder={placeholder}
              onChange={(e) => onTextChange(e.target.value)}
              onBlur={(e) => {
                const left = e.target.value;
                // a click in the list lands first (options take the mouse down without the focus)
                setTimeout(() => {
                  onClose();
                  onLeave?.(left);
                }, 150);
              }}
              onKeyDown={onKeyDown}
            />
            <ul id={listId} role="listbox" aria-label={label} hidden={!open} className="combobox-list">
              {options && options.length === 0 ? (
                <li role="option" aria-selected={false} aria-disabled="true" className="combobox-option muted">
                  {noneLabel}
                </li>
              ) : (
                options?.map((option, i) => (
                  <li
                    key={optionKey(option)}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === active}
                    className={rowStyle(i)}
                    onMouseDown={(e) => {
                      e.preventDefault();
                      onPick(option);
                    }}
                  >
                    {renderOption(option)}
                  </li>
                ))
              )}
              {more && options ? (
                <li
                  id={optionId(moreIndex)}
                  role="option"
                  aria-selected={active === moreIndex}
                  className={`${rowStyle(moreIndex)} combobox-more`}
                  onMouseDown={(e) => {
                    e.preventDefault();
                    more.onMore();
                  }}
                >
                  {more.label}
                </li>
              ) : null}
            </ul>
          </div>
        </>
      )}
    </Field>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import { searchCommunes, type Commune } from '../shared/geo';
import { foldText } from '../db/records';
import { Combobox } from './Combobox';

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
 * Commune field: type a name or a postal code, pick from the official list
 * (the kit's Combobox: arrows move, Enter picks, Escape closes).
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
  const [text, setText] = useState(value ? `${value.name} (${value.postalCode})` : '');
  /** null while the list is closed */
  const [options, setOptions] = useState<Commune[] | null>(null);
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
      setOptions(null);
      return;
    }
    const found = await searchCommunes(query, 12);
    if (ticket !== request.current) return; // a newer keystroke won
    setOptions(found);
  }

  function pick(c: Commune) {
    unresolvedIs(null);
    onChange(toPicked(c));
    setText(`${c.name} (${c.postalCodes[0] ?? ''})`);
    setOptions(null);
  }

  return (
    <Combobox
      label={label}
      hint={hint}
      error={error ?? (unresolved ? t('commune.unresolved', { value: unresolved }) : undefined)}
      required={required}
      placeholder={t('commune.placeholder')}
      text={text}
      onTextChange={(q) => void search(q)}
      onLeave={(typed) => void settle(typed)}
      options={options}
      optionKey={(c) => c.insee}
      renderOption={(c) => (
        <>
          {c.name} <span className="muted">({c.postalCodes.slice(0, 2).join(', ')} — {c.departmentCode})</span>
        </>
      )}
      onPick={pick}
      onClose={() => setOptions(null)}
      noneLabel={t('commune.none')}
    />
  );
}

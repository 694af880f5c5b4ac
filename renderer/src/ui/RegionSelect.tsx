/**
 * A list of the 18 regions (current INSEE codes), with an optional first choice (« Choisissez… »)
 * for a field that may be empty. Takes the props a `Field` hands its control.
 */
import type { SelectHTMLAttributes } from 'react';
import { regions } from '../shared/geo';

export function RegionSelect({ value, onChange, placeholder, ...rest }: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & { value: string; onChange: (code: string) => void; placeholder?: string }) {
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value)}>
      {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
      {regions.map((r) => (
        <option key={r.code} value={r.code}>
          {r.name}
        </option>
      ))}
    </select>
  );
}

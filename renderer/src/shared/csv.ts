/**
 * CSV that opens correctly in French Excel and LibreOffice: UTF-8 with a BOM,
 * `;` separator, CRLF line ends, dates as JJ/MM/AAAA. Quoting by papaparse.
 */
import Papa from 'papaparse';

export interface CsvColumn<T> {
  header: string;
  value: (row: T) => string | number | boolean | null | undefined | Date;
  /** how a workbook export types the cell (see xlsx.ts): a JJ/MM/AAAA text as a date, digits as a number; else text */
  xlsx?: 'date' | 'number';
}

const BOM = '\uFEFF';

/** 2026-03-04 or 2026-03-04T09:30 -> 04/03/2026 (times kept as "04/03/2026 09:30"). */
export function frenchDate(value: string | Date | null | undefined): string {
  if (!value) return '';
  const iso = value instanceof Date ? value.toISOString() : value;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(iso);
  if (!m) return iso;
  return `${m[3]}/${m[2]}/${m[1]}${m[4] && !(value instanceof Date) ? ` ${m[4]}` : ''}`;
}

function cell(value: ReturnType<CsvColumn<unknown>['value']>): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return frenchDate(value);
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return String(value).replace('.', ',');
  // Cells starting with = + - @ would run as formulas in a spreadsheet: neutralise them.
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function toFrenchCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const data = rows.map((row) => columns.map((c) => cell(c.value(row))));
  return BOM + Papa.unparse({ fields: columns.map((c) => c.header), data }, { delimiter: ';', newline: '\r\n', quotes: false });
}

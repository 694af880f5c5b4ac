/**
 * CSV that opens correctly in French Excel and LibreOffice: UTF-8 with a BOM,
 * `;` separator, CRLF line ends, dates as JJ/MM/AAAA. Quoted as papaparse's unparse
 * quotes (csv.test.ts compares the two), written here in one pass: a registry of
 * 100,000 people is 1.9 million cells, and unparse's per-cell work was most of an export.
 */

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
  return FORMULA.test(value) ? `'${value}` : value;
}

const FORMULA = /^[=+\-@\t\r]/;
/** What makes papaparse quote a field: the separator, a quote, a line break, a BOM, a space at either end. */
const NEEDS_QUOTES = /[;"\r\n\uFEFF]|^ | $/;
const QUOTE = /"/g;

/** A field as papaparse writes it with `quotes: false` and `;` (doubled quotes inside quotes). */
function quoted(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(QUOTE, '""')}"` : text;
}

/** The header line, then each row's line (starting with its line break), in blocks of `block` rows. */
function* csvBlocks<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], block: number): Generator<string> {
  const values = columns.map((c) => c.value);
  const width = values.length;
  // Joined, not added up: one flat string per block (a long chain of additions is flattened again to be encoded).
  const cells = new Array<string>(width);
  let lines: string[] = [BOM + columns.map((c) => quoted(c.header)).join(';')];
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    for (let i = 0; i < width; i++) cells[i] = quoted(cell(values[i]!(row)));
    lines.push(cells.join(';'));
    if ((r + 1) % block === 0) {
      yield lines.join('\r\n');
      // the next block starts with the line break ending this one
      lines = [''];
    }
  }
  // papaparse writes an empty line under the header of a file without rows: kept, byte for byte.
  if (rows.length === 0) lines.push('');
  yield lines.join('\r\n');
}

export function toFrenchCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  let out = '';
  for (const text of csvBlocks(rows, columns, Number.MAX_SAFE_INTEGER)) out += text;
  return out;
}

/**
 * The same file as UTF-8 bytes, encoded a block of rows at a time: a national registry's
 * file is some 30 MB, and one string of it (made two-byte by the BOM) took longer to encode
 * whole than to write.
 */
export function toFrenchCsvBytes<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): Uint8Array {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (const text of csvBlocks(rows, columns, 2000)) {
    const bytes = encoder.encode(text);
    parts.push(bytes);
    size += bytes.length;
  }
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

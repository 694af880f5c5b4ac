/**
 * Excel workbooks (.xlsx) from the same columns as the CSV exports (csv.ts), written by
 * write-excel-file: every text cell typed as text with the text format « @ », so 06370 and
 * 05 59 … stay as they are in Excel and LibreOffice and are never read as formulas; dates as
 * real dates shown JJ/MM/AAAA; the header row bold and frozen.
 */
import writeXlsxFile, { type Cell } from 'write-excel-file/universal';
import type { CsvColumn } from './csv';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "04/03/2026" (or an ISO date) -> that day at 00:00 UTC, the way workbooks hold days. */
function dayOf(text: string): Date | null {
  const fr = /^(\d{2})\/(\d{2})\/(\d{4})/.exec(text);
  const iso = fr ? `${fr[3]}-${fr[2]}-${fr[1]}` : /^\d{4}-\d{2}-\d{2}/.exec(text)?.[0];
  if (!iso) return null;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

function cell<T>(column: CsvColumn<T>, row: T): Cell {
  const value = column.value(row);
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return { value, type: Date, format: 'dd/mm/yyyy' };
  if (column.xlsx === 'date') {
    const day = dayOf(String(value));
    if (day) return { value: day, type: Date, format: 'dd/mm/yyyy' };
  }
  if (typeof value === 'number') return { value, type: Number };
  if (column.xlsx === 'number' && /^-?\d+$/.test(String(value))) return { value: Number(value), type: Number };
  if (typeof value === 'boolean') return { value: value ? 'oui' : 'non', type: String, format: '@' };
  return { value: String(value), type: String, format: '@' };
}

/** The workbook's bytes: one sheet, a header row and one row per record. */
export async function toXlsx<T>(rows: readonly T[], columns: readonly CsvColumn<T>[], sheet: string): Promise<Uint8Array> {
  const header: Cell[] = columns.map((c) => ({ value: c.header, type: String, fontWeight: 'bold' }));
  const data = [header, ...rows.map((row) => columns.map((c) => cell(c, row)))];
  // Widths in characters: the longest of the header and the first rows, within reason.
  const widths = columns.map((c) => Math.min(60, Math.max(c.header.length + 2, ...rows.slice(0, 200).map((r) => String(c.value(r) ?? '').length + 1))));
  const blob = await writeXlsxFile(data, { sheet: sheet.slice(0, 31), stickyRowsCount: 1, columns: widths.map((width) => ({ width })) }).toBlob();
  return new Uint8Array(await blob.arrayBuffer());
}

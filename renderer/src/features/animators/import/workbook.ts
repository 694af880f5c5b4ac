/**
 * Reading an Excel workbook (.xlsx) into the same rows as a CSV: every cell as the text a
 * person reads in the spreadsheet (dates as JJ/MM/AAAA, numbers without a thousands
 * separator and with a decimal comma), row numbers as the sheet shows them. The archive is
 * checked before anything is unpacked (sizes declared in its directory, encryption), so a
 * zip bomb or a protected file is refused with a reason. Pure: runs in the worker and in tests.
 */
import readXlsxFile from 'read-excel-file/universal';
import { CsvInputError, MAX_IMPORT_BYTES, type ParsedCsv } from './parse';
import { detectMapping } from './headers';

/** What the XML parts of a workbook may unpack to, all sheets together. */
export const MAX_WORKBOOK_UNPACKED = 200 * 1024 * 1024;

export interface SheetInfo {
  name: string;
  /** data rows under the header (0: empty, or a header alone) */
  rowCount: number;
}
export interface ParsedWorkbook {
  sheets: SheetInfo[];
  /** each sheet read as a CSV would be, or the reason it cannot be used */
  parsed: (ParsedCsv | CsvInputError)[];
  /** the sheet shown first: the first with rows to import, else the first with anything in it */
  defaultSheet: number;
}

/** A zip archive (an .xlsx, or an .ods) starts with a local file header or, empty, an end record. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}
/** An OLE compound file: an old .xls, or an .xlsx protected by a password (Excel wraps it so). */
export function isOleCompound(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && magic.every((b, i) => bytes[i] === b);
}

interface ZipEntry {
  name: string;
  unpacked: number;
  encrypted: boolean;
}
/** The archive's central directory, read without unpacking anything. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new CsvInputError('workbookInvalid');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw new CsvInputError('workbookInvalid');
    const flags = view.getUint16(at + 8, true);
    const unpacked = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // 0xFFFFFFFF: a ZIP64 size, far beyond what a registry needs.
    entries.push({ name, unpacked: unpacked === 0xffffffff ? Number.POSITIVE_INFINITY : unpacked, encrypted: (flags & 1) === 1 });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Refuses what cannot or should not be unpacked, with the reason a person can act on. */
export function checkWorkbookArchive(bytes: Uint8Array): void {
  if (bytes.length > MAX_IMPORT_BYTES) throw new CsvInputError('tooLarge');
  const entries = zipEntries(bytes);
  if (entries.some((e) => e.encrypted)) throw new CsvInputError('workbookProtected');
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) {
    if (names.has('content.xml') && names.has('mimetype')) throw new CsvInputError('workbookOds');
    throw new CsvInputError('workbookInvalid');
  }
  // Only the XML parts are unpacked (images and printer settings are skipped).
  const unpacked = entries.filter((e) => e.name.endsWith('.xml') || e.name.endsWith('.rels')).reduce((sum, e) => sum + e.unpacked, 0);
  if (unpacked > MAX_WORKBOOK_UNPACKED) throw new CsvInputError('workbookTooLarge');
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as the spreadsheet shows it to a French reader (without thousands separators). */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return '';
    // Workbook dates have no time zone: read in UTC, as the library builds them.
    const date = `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
    const minutes = value.getUTCHours() * 60 + value.getUTCMinutes();
    return minutes === 0 ? date : `${date} ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}`;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (Number.isInteger(value)) return Math.abs(value) < 1e21 ? value.toFixed(0) : String(value);
    // 12.5 -> 12,5; binary noise of a computed value (0.1 + 0.2) is not shown by spreadsheets either.
    return String(Number(value.toPrecision(15))).replace('.', ',');
  }
  if (typeof value === 'boolean') return value ? 'VRAI' : 'FAUX';
  return String(value);
}

/** How far down a sheet its header row is looked for, under titles and notes. */
const HEADER_SEARCH_ROWS = 20;

/**
 * One sheet's rows as a CSV would have given them. The header is the first row naming two known
 * columns among the first rows (workbooks often start with a title), else the first non-empty row.
 */
export function sheetRows(data: readonly (readonly unknown[])[]): ParsedCsv | CsvInputError {
  const all = data.map((row, index) => ({ line: index + 1, cells: row.map(cellText) })).filter((r) => r.cells.some((c) => c.trim() !== ''));
  const named = all.slice(0, HEADER_SEARCH_ROWS).findIndex((r) => detectMapping(r.cells.map((c) => c.trim())).filter(Boolean).length >= 2);
  const headerAt = Math.max(0, named);
  const headers: string[] | null = all[headerAt] ? all[headerAt].cells.map((c) => c.trim()) : null;
  // The sheet's own row numbers: the library keeps empty rows above and between the data.
  const rows: ParsedCsv['rows'] = all.slice(headerAt + 1);
  const found = headers as string[] | null;
  if (found === null || found.every((h) => h === '')) return new CsvInputError('empty');
  if (rows.length === 0) return new CsvInputError('headerOnly');
  // Trailing header cells left empty are not columns.
  while (found.length > 1 && found[found.length - 1] === '' && rows.every((r) => (r.cells[found.length - 1] ?? '') === '')) {
    found.pop();
    for (const r of rows) r.cells.length = Math.min(r.cells.length, found.length);
  }
  return { encoding: 'utf-8', delimiter: ';', headers: found, rows, format: 'xlsx' };
}

/** Reads every sheet of an .xlsx; a broken or protected workbook is refused with its reason. */
export async function parseWorkbook(bytes: Uint8Array): Promise<ParsedWorkbook> {
  if (bytes.length === 0) throw new CsvInputError('empty');
  if (isOleCompound(bytes)) throw new CsvInputError('workbookProtected');
  checkWorkbookArchive(bytes);
  let sheets;
  try {
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    sheets = await readXlsxFile(buffer);
  } catch {
    throw new CsvInputError('workbookInvalid');
  }
  const parsed = sheets.map((s) => {
    const one = sheetRows(s.data as unknown[][]);
    if (!(one instanceof CsvInputError)) one.sheet = s.sheet;
    return one;
  });
  const info = sheets.map((s, i) => ({ name: s.sheet, rowCount: parsed[i] instanceof CsvInputError ? 0 : (parsed[i] as ParsedCsv).rows.length }));
  const defaultSheet = parsed.findIndex((p) => !(p instanceof CsvInputError));
  if (defaultSheet < 0) {
    // Nothing to import anywhere: say why for the first sheet with something in it.
    const reason = parsed.find((p) => p instanceof CsvInputError && p.code !== 'empty') ?? parsed[0];
    throw reason instanceof CsvInputError ? reason : new CsvInputError('empty');
  }
  return { sheets: info, parsed, defaultSheet };
}

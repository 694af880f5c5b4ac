/**
 * Reading a spreadsheet export as real ones come: UTF-8 with or without BOM or
 * Windows-1252, `;` `,` or tab, quoted fields with line breaks. Pure, so it runs
 * in the worker and in tests alike.
 */
import Papa from 'papaparse';

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

export type ParseErrorCode = 'empty' | 'tooLarge' | 'binary' | 'headerOnly' | 'noHeader'
  // an .xlsx that is damaged, protected by a password (or an old .xls), unpacks too large, or an .ods
  | 'workbookInvalid' | 'workbookProtected' | 'workbookTooLarge' | 'workbookOds';
export class CsvInputError extends Error {
  constructor(readonly code: ParseErrorCode) {
    super(code);
  }
}

export interface ParsedCsv {
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ';' | ',' | '\t';
  headers: string[];
  /** data rows, each with its row number as a spreadsheet shows the file (1 = header; a cell's line breaks stay in its row) */
  rows: { line: number; cells: string[] }[];
  /** 'xlsx' when read from a workbook (see workbook.ts): encoding and delimiter then mean nothing */
  format?: 'csv' | 'xlsx';
  /** the workbook's sheet these rows come from */
  sheet?: string;
}

/** Text of the file: strict UTF-8 first, else the Windows code page Excel writes. */
export function decodeBytes(bytes: Uint8Array): { text: string; encoding: ParsedCsv['encoding'] } {
  if (bytes.length === 0) throw new CsvInputError('empty');
  if (bytes.length > MAX_IMPORT_BYTES) throw new CsvInputError('tooLarge');
  // NUL bytes or many control characters never occur in a text spreadsheet export.
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const b of head) {
    if (b === 0) throw new CsvInputError('binary');
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > head.length / 20) throw new CsvInputError('binary');
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** The separator used in the header line (the header is never quoted across lines). */
export function detectDelimiter(text: string): ParsedCsv['delimiter'] {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  const outside = firstLine.replace(/"[^"]*"/g, '');
  const counts: [ParsedCsv['delimiter'], number][] = [
    [';', outside.split(';').length - 1],
    ['\t', outside.split('\t').length - 1],
    [',', outside.split(',').length - 1],
  ];
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ';';
}

/** Parses the whole file; `onProgress` gets the share of text read (0..1). */
export function parseCsv(bytes: Uint8Array, onProgress?: (share: number) => void): ParsedCsv {
  const { text, encoding } = decodeBytes(bytes);
  if (text.trim().length === 0) throw new CsvInputError('empty');
  const delimiter = detectDelimiter(text);
  const rows: { line: number; cells: string[] }[] = [];
  let headers: string[] | null = null;
  let line = 1;
  let lastReport = 0;
  Papa.parse<string[]>(text, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      const cells = result.data;
      const startLine = line;
      // One record is one spreadsheet row, even when a quoted cell holds line breaks (the
      // row numbers people see in Excel or LibreOffice, not the file's physical lines).
      line += 1;
      if (cells.every((c) => c.trim() === '')) return;
      if (headers === null) headers = cells.map((c) => c.trim());
      else rows.push({ line: startLine, cells });
      const cursor = result.meta.cursor;
      if (onProgress && cursor - lastReport > 200_000) {
        lastReport = cursor;
        onProgress(cursor / text.length);
      }
    },
  });
  onProgress?.(1);
  const found = headers as string[] | null;
  if (found === null || found.every((h) => h === '')) throw new CsvInputError('noHeader');
  if (rows.length === 0) throw new CsvInputError('headerOnly');
  return { encoding, delimiter, headers: found, rows };
}

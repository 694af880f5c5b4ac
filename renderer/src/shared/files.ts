/** Saving and opening files through the bridge, with the usual types. */
import { getBridge, type OpenedFile } from '../platform';
import { toFrenchCsv, type CsvColumn } from './csv';

export type SaveOutcome = { ok: true; saved: boolean } | { ok: false; error: string };

export async function saveText(name: string, content: string, mimeType: string, extension: string, filterName: string): Promise<SaveOutcome> {
  const result = await getBridge().saveFile({ suggestedName: name, content, mimeType, filters: [{ name: filterName, extensions: [extension] }] });
  return result.ok ? { ok: true, saved: result.value.saved } : { ok: false, error: result.error };
}

export function saveCsv<T>(name: string, rows: readonly T[], columns: readonly CsvColumn<T>[]): Promise<SaveOutcome> {
  return saveText(name, toFrenchCsv(rows, columns), 'text/csv;charset=utf-8', 'csv', 'CSV');
}

export function saveJson(name: string, value: unknown): Promise<SaveOutcome> {
  return saveText(name, JSON.stringify(value, null, 2), 'application/json', 'json', 'JSON');
}

export async function saveBytes(name: string, bytes: Uint8Array, mimeType: string, extension: string, filterName: string): Promise<SaveOutcome> {
  const result = await getBridge().saveFile({ suggestedName: name, content: bytes, mimeType, filters: [{ name: filterName, extensions: [extension] }] });
  return result.ok ? { ok: true, saved: result.value.saved } : { ok: false, error: result.error };
}

/** Asks for one or more files; an empty list means the user cancelled. */
export async function openFiles(filterName: string, extensions: string[], multiple = false): Promise<OpenedFile[]> {
  const result = await getBridge().openFile({ filters: [{ name: filterName, extensions }], multiple });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** A file name made safe from any text: "Atelier : Facebook (mars)" -> "Atelier-Facebook-mars". */
export function fileNameFrom(text: string, extension: string): string {
  const base = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${base || 'fourmiliere'}.${extension}`;
}

/** Prints the current view: a PDF file in Electron, the print dialog in a browser. */
export async function printView(suggestedName: string, landscape = false): Promise<SaveOutcome> {
  const result = await getBridge().printToPdf({ suggestedName, landscape });
  return result.ok ? { ok: true, saved: result.value.saved } : { ok: false, error: result.error };
}

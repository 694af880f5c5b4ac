/** Excel workbooks in the registry import: real .xlsx bytes, written by write-excel-file or by LibreOffice. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import writeXlsxFile, { type Sheet } from 'write-excel-file/universal';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { freshDb } from '../../../test/db';
import { CsvInputError } from './parse';
import { cellText, checkWorkbookArchive, MAX_WORKBOOK_UNPACKED, parseWorkbook } from './workbook';
import { ImportSession, type ImportOut } from './session';
import { detectMapping } from './headers';
import { applyImport, planImport } from './plan';
import { getDeviceId, setDeviceId } from '../../../db/records';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
async function xlsx(sheets: Sheet<Blob>[]): Promise<Uint8Array> {
  return new Uint8Array(await (await writeXlsxFile(sheets).toBlob()).arrayBuffer());
}
const code = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (e) {
    return e instanceof CsvInputError ? e.code : `other: ${String(e)}`;
  }
  return 'no error';
};

/** Two sheets and an empty one, as people's workbooks come: a title row, typed dates, numbers for postcodes and phones. */
async function messyWorkbook(): Promise<Uint8Array> {
  return xlsx([
    { sheet: 'Vide', data: [] },
    {
      sheet: 'Inscrits 2024',
      data: [
        ['Liste des inscrits — à jour au 1er mars'],
        ['Nom', 'Prénom', 'Téléphone', 'Commune', 'Code postal', 'Début de formation', 'Année', null],
        ['Irigoyen', 'Amaia', { value: '05 59 46 09 00', type: String }, 'Bayonne', 64100, { value: day('2024-01-08'), type: Date, format: 'dd/mm/yyyy' }, 2024],
        [],
        ['Martin', 'Lucie', 493357373, 'Menton', 6500, { value: day('2023-03-15'), type: Date, format: 'dd/mm/yyyy' }, { value: '2022+1', type: 'Formula' }],
        ['Rossi', 'Paolo', null, 'Sospel', { value: '06380', type: String }, null, 12.5],
      ],
    },
    { sheet: 'Archives', data: [['Nom', 'Prénom'], ['Ancien', 'Jean']] },
  ]);
}

describe('reading a workbook', () => {
  it('shows each cell as the spreadsheet does', () => {
    expect(cellText(day('2024-01-08'))).toBe('08/01/2024');
    expect(cellText(new Date('2024-01-08T09:30:00Z'))).toBe('08/01/2024 09:30');
    expect(cellText(6370)).toBe('6370');
    expect(cellText(12.5)).toBe('12,5');
    expect(cellText(0.1 + 0.2)).toBe('0,3');
    expect(cellText(123456789012)).toBe('123456789012');
    expect(cellText(true)).toBe('VRAI');
    expect(cellText(null)).toBe('');
  });

  it('reads every sheet, keeps the sheet’s row numbers, and starts on the first with rows', async () => {
    const book = await parseWorkbook(await messyWorkbook());
    expect(book.sheets).toEqual([
      { name: 'Vide', rowCount: 0 },
      { name: 'Inscrits 2024', rowCount: 3 },
      { name: 'Archives', rowCount: 1 },
    ]);
    expect(book.defaultSheet).toBe(1);
    const sheet = book.parsed[1];
    if (sheet instanceof CsvInputError || !sheet) throw new Error('sheet not read');
    expect(sheet.headers).toEqual(['Nom', 'Prénom', 'Téléphone', 'Commune', 'Code postal', 'Début de formation', 'Année']);
    // Row 1 is a title (not taken for the header), the header is row 2, row 4 is empty: the numbers are those of the sheet.
    expect(sheet.rows.map((r) => r.line)).toEqual([3, 5, 6]);
    expect(sheet.rows[0]!.cells).toEqual(['Irigoyen', 'Amaia', '05 59 46 09 00', 'Bayonne', '64100', '08/01/2024', '2024']);
    // A formula written without a computed value reads as empty, never as its text.
    expect(sheet.rows[1]!.cells).toEqual(['Martin', 'Lucie', '493357373', 'Menton', '6500', '15/03/2023', '']);
    expect(sheet.rows[2]!.cells).toEqual(['Rossi', 'Paolo', '', 'Sospel', '06380', '', '12,5']);
    expect(sheet.sheet).toBe('Inscrits 2024');
  });

  it('reads a workbook saved by LibreOffice: dates, a formula’s value, postcodes and phones as numbers, a line break', async () => {
    // Made by: soffice --headless --infilter="CSV:59,34,76,1,,1036,false,true,false,false,false,-1,true" --convert-to xlsx libreoffice-liste.csv
    const bytes = new Uint8Array(readFileSync(new URL('./fixtures/libreoffice-liste.xlsx', import.meta.url)));
    const book = await parseWorkbook(bytes);
    const sheet = book.parsed[0];
    if (sheet instanceof CsvInputError || !sheet) throw new Error('sheet not read');
    expect(sheet.headers[0]).toBe('Nom');
    expect(sheet.rows.map((r) => r.line)).toEqual([3, 5, 6]);
    expect(sheet.rows[0]!.cells).toEqual(['Irigoyen', 'Amaia', 'amaia@ot-bayonne.fr', '05 59 46 09 00', 'Bayonne', '64100', '08/01/2024', '2024', 'Référente « Canva »']);
    expect(sheet.rows[1]!.cells.slice(3, 8)).toEqual(['493357373', 'Menton', '6500', '15/03/2023', '2023']);
    expect(sheet.rows[2]!.cells[8]).toBe('Deux lignes\ndans la note');

    // Through the dry run: the postcode gets its zero back (06500 → Menton), and so does the phone.
    const db = freshDb();
    const plan = await planImport(db, sheet, detectMapping(sheet.headers));
    expect(plan.rows.map((r) => [r.line, r.action])).toEqual([[3, 'create'], [5, 'create'], [6, 'create']]);
    await applyImport(db, plan);
    const stored = (await db.animators.toArray()).sort((a, b) => a.lastName.localeCompare(b.lastName));
    expect(stored.map((a) => [a.lastName, a.phone, a.communeName, a.postalCode, a.trainingStart, a.trainedYear])).toEqual([
      ['Irigoyen', '05 59 46 09 00', 'Bayonne', '64100', '2024-01-08', 2024],
      ['Martin', '0493357373', 'Menton', '06500', '2023-03-15', 2023],
      ['Rossi', '', 'Sospel', '06380', null, null],
    ]);
  });

  it('refuses a damaged, protected, oversized or OpenDocument file with its reason', async () => {
    const good = await messyWorkbook();
    // Cut short: the archive's directory is gone.
    expect(await code(parseWorkbook(good.subarray(0, good.length - 200)))).toBe('workbookInvalid');
    // A zip that is no workbook.
    expect(await code(parseWorkbook(zipSync({ 'notes.txt': strToU8('bonjour') })))).toBe('workbookInvalid');
    // Excel wraps a password-protected workbook in an OLE compound file (as an old .xls is).
    const ole = new Uint8Array(4096);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await code(parseWorkbook(ole))).toBe('workbookProtected');
    // A zip entry flagged as encrypted.
    const flagged = good.slice();
    const view = new DataView(flagged.buffer);
    for (let i = 0; i < flagged.length - 4; i++) if (view.getUint32(i, true) === 0x02014b50) view.setUint16(i + 8, view.getUint16(i + 8, true) | 1, true);
    expect(await code(parseWorkbook(flagged))).toBe('workbookProtected');
    expect(await code(parseWorkbook(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<office:document-content/>') })))).toBe('workbookOds');
    // A real .ods saved by LibreOffice from the same CSV as the .xlsx fixture.
    expect(await code(parseWorkbook(new Uint8Array(readFileSync(new URL('./fixtures/libreoffice-liste.ods', import.meta.url)))))).toBe('workbookOds');
    expect(await code(parseWorkbook(await xlsx([{ sheet: 'Seule', data: [['Nom', 'Prénom']] }])))).toBe('headerOnly');
    expect(await code(parseWorkbook(await xlsx([{ sheet: 'Vide', data: [] }])))).toBe('empty');
  });

  it('refuses a zip bomb before unpacking it', async () => {
    // What the archive's directory declares is what fflate unpacks, never more: an entry that
    // claims 1,000 bytes and holds 10 MB comes out as 1,000 bytes. So the declared sizes are checked.
    const sizes = (bytes: Uint8Array, name: string, size: number) => {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      const encoded = strToU8(name);
      for (let i = 0; i < bytes.length - 46; i++) {
        const sig = view.getUint32(i, true);
        const at = sig === 0x04034b50 ? [i + 22, i + 30] : sig === 0x02014b50 ? [i + 24, i + 46] : null;
        if (at && encoded.every((b, k) => bytes[at[1]! + k] === b)) view.setUint32(at[0]!, size, true);
      }
      return bytes;
    };
    const liar = sizes(zipSync({ 'xl/worksheets/sheet1.xml': new Uint8Array(10_000_000) }), 'xl/worksheets/sheet1.xml', 1000);
    expect(unzipSync(liar)['xl/worksheets/sheet1.xml']!.length).toBe(1000);

    const archive = () => zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': strToU8('<c><v>1</v></c>'.repeat(10_000)) });
    expect(() => checkWorkbookArchive(archive())).not.toThrow();
    const bomb = sizes(archive(), 'xl/worksheets/sheet1.xml', MAX_WORKBOOK_UNPACKED + 1);
    expect(() => checkWorkbookArchive(bomb)).toThrow(expect.objectContaining({ code: 'workbookTooLarge' }));
    expect(await code(parseWorkbook(bomb))).toBe('workbookTooLarge');
    // ZIP64 sizes (0xFFFFFFFF) are refused too.
    expect(await code(parseWorkbook(sizes(archive(), 'xl/workbook.xml', 0xffffffff)))).toBe('workbookTooLarge');
  });
});

describe('a workbook in the import session', () => {
  it('is recognised by its bytes, offers its sheets, and reads the one chosen', async () => {
    const out: ImportOut[] = [];
    const session = new ImportSession((m) => out.push(m));
    await session.handle({ type: 'parse', bytes: await messyWorkbook() });
    const first = out.at(-1);
    if (first?.type !== 'parsed') throw new Error(`not parsed: ${JSON.stringify(first)}`);
    expect(first.preview).toMatchObject({ format: 'xlsx', sheet: 'Inscrits 2024', sheetIndex: 1, rowCount: 3 });
    expect(first.preview.sheets?.map((s) => s.name)).toEqual(['Vide', 'Inscrits 2024', 'Archives']);

    await session.handle({ type: 'sheet', index: 2 });
    const second = out.at(-1);
    if (second?.type !== 'parsed') throw new Error('not parsed');
    expect(second.preview).toMatchObject({ sheet: 'Archives', sheetIndex: 2, rowCount: 1, headers: ['Nom', 'Prénom'] });
    expect(second.preview.rows).toEqual([{ line: 2, cells: ['Ancien', 'Jean'] }]);

    // The empty sheet cannot be chosen: the reason comes back, as for a file.
    await session.handle({ type: 'sheet', index: 0 });
    expect(out.at(-1)).toMatchObject({ type: 'error', code: 'empty' });
    // Nothing was stored by reading.
    session.close();
  });

  it('gives back a workbook’s rejected rows as a workbook, with their reason', async () => {
    const db = freshDb();
    const device = getDeviceId();
    const out: ImportOut[] = [];
    const session = new ImportSession((m) => out.push(m));
    await session.handle({ type: 'parse', bytes: await messyWorkbook() });
    const parsed = out.at(-1);
    if (parsed?.type !== 'parsed') throw new Error('not parsed');
    await session.handle({ type: 'plan', dbName: db.name, deviceId: 'test-device', counter: 1, mapping: detectMapping(parsed.preview.headers) });
    setDeviceId(device);
    const planned = out.at(-1);
    if (planned?.type !== 'planned') throw new Error(`not planned: ${JSON.stringify(planned)}`);
    // The reasons are the window's words, sent with the request: any text does here.
    await session.handle({ type: 'rejected', reasons: { 5: 'Motif inventé pour le test.' }, reasonHeader: 'Motif du rejet' });
    const file = out.at(-1);
    if (file?.type !== 'rejectedFile' || !file.bytes) throw new Error(`no workbook: ${JSON.stringify(file)}`);
    const back = await parseWorkbook(file.bytes);
    const sheet = back.parsed[0];
    if (sheet instanceof CsvInputError || !sheet) throw new Error('not read back');
    expect(sheet.sheet).toBe('Inscrits 2024');
    expect(sheet.headers).toEqual(['Nom', 'Prénom', 'Téléphone', 'Commune', 'Code postal', 'Début de formation', 'Année', 'Motif du rejet']);
    expect(sheet.rows.map((r) => r.cells)).toEqual([['Martin', 'Lucie', '493357373', 'Menton', '6500', '15/03/2023', '', 'Motif inventé pour le test.']]);
    session.close();
  });

  it('answers a damaged workbook with its reason and keeps nothing', async () => {
    const db = freshDb();
    const out: ImportOut[] = [];
    const session = new ImportSession((m) => out.push(m));
    const good = await messyWorkbook();
    await session.handle({ type: 'parse', bytes: good.subarray(0, 600) });
    expect(out.at(-1)).toMatchObject({ type: 'error', code: 'workbookInvalid' });
    await session.handle({ type: 'plan', dbName: db.name, deviceId: 'test', counter: 1, mapping: [] });
    expect(out.at(-1)).toMatchObject({ type: 'error', message: 'no file read' });
    expect(await db.animators.count()).toBe(0);
    session.close();
  });
});

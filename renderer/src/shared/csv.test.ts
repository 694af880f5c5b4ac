import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import fc from 'fast-check';
import { frenchDate, toFrenchCsv, toFrenchCsvBytes } from './csv';

describe('French CSV', () => {
  it('writes a BOM, semicolons, quoted fields, French dates and numbers, read back by a real parser', () => {
    const rows = [
      { name: 'Léa "la pro" Martin', date: '2026-03-04', hours: 3.5, note: 'ligne 1\nligne 2; fin', ok: true },
      { name: '=HYPERLINK("x")', date: '2026-12-31T14:00', hours: 7, note: '', ok: false },
    ];
    const csv = toFrenchCsv(rows, [
      { header: 'Nom', value: (r) => r.name },
      { header: 'Date', value: (r) => frenchDate(r.date) },
      { header: 'Heures', value: (r) => r.hours },
      { header: 'Note', value: (r) => r.note },
      { header: 'Présent', value: (r) => r.ok },
    ]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ';' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]).toEqual(['Nom', 'Date', 'Heures', 'Note', 'Présent']);
    expect(parsed.data[1]).toEqual(['Léa "la pro" Martin', '04/03/2026', '3,5', 'ligne 1\nligne 2; fin', 'oui']);
    expect(parsed.data[2]).toEqual(["'=HYPERLINK(\"x\")", '31/12/2026 14:00', '7', '', 'non']);
  });
});

describe('French CSV quoting', () => {
  it('writes exactly what papaparse unparse writes for any text (quotes, separators, line breaks, spaces, BOM, formulas)', () => {
    const piece = fc.constantFrom('a', 'é', ' ', ';', '"', '\r', '\n', '\r\n', '\uFEFF', '=', '+', '-', '@', '\t', ',', "'", 'x y');
    const text = fc.array(piece, { maxLength: 6 }).map((p) => p.join(''));
    const value = fc.oneof(text, fc.constant(null), fc.constant(undefined), fc.boolean(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer());
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 4 }), fc.array(fc.array(value, { minLength: 4, maxLength: 4 }), { maxLength: 5 }), (headers, rows) => {
        const columns = headers.map((header, i) => ({ header, value: (r: unknown[]) => r[i] as string | number | boolean | null | undefined }));
        // the reference: the cells as toFrenchCsv makes them, quoted and joined by papaparse
        const cells = rows.map((r) => columns.map((c) => referenceCell(c.value(r))));
        const expected = '\uFEFF' + Papa.unparse({ fields: headers, data: cells }, { delimiter: ';', newline: '\r\n', quotes: false });
        expect(toFrenchCsv(rows, columns)).toBe(expected);
        expect(toFrenchCsvBytes(rows, columns)).toEqual(new TextEncoder().encode(expected));
      }),
      { numRuns: 500 },
    );
  });
});

function referenceCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return String(value).replace('.', ',');
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

describe('French CSV as bytes', () => {
  it('encodes a long file a block at a time into the same bytes as the whole text (accents, œ, emoji, lone surrogates)', () => {
    const names = ['Léa', 'Œuvre', 'Zoé 🐝', 'a;b', 'x\uD800y', '"q"', ' sp '];
    const columnsOf = [
      { header: 'Nom', value: (r: { name: string; n: number }) => r.name },
      { header: 'N°', value: (r: { name: string; n: number }) => r.n / 4 },
    ];
    // a whole number of blocks, and one row more or less
    for (const length of [1_999, 2_000, 2_001, 4_000]) {
      const some = Array.from({ length }, (_, i) => ({ name: names[i % names.length]!, n: i }));
      expect(toFrenchCsvBytes(some, columnsOf)).toEqual(new TextEncoder().encode(toFrenchCsv(some, columnsOf)));
      expect(new TextDecoder().decode(toFrenchCsvBytes(some, columnsOf)).split('\r\n')).toHaveLength(length + 1);
    }
    const rows = Array.from({ length: 4_321 }, (_, i) => ({ name: names[i % names.length]!, n: i }));
    const columns = [
      { header: 'Nom', value: (r: { name: string; n: number }) => r.name },
      { header: 'N°', value: (r: { name: string; n: number }) => r.n / 4 },
    ];
    const bytes = toFrenchCsvBytes(rows, columns);
    expect(bytes).toEqual(new TextEncoder().encode(toFrenchCsv(rows, columns)));
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines).toHaveLength(4_322);
    expect(lines[4_321]).toBe(`${names[4_320 % names.length]};1080`);
  });
});

import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { frenchDate, toFrenchCsv } from './csv';

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

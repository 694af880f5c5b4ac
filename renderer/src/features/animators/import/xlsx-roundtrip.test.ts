/** The list's Excel export: typed cells, read back by LibreOffice, and re-imported to the identical registry. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { strFromU8, unzipSync } from 'fflate';
import { freshDb } from '../../../test/db';
import type { FourmiliereDatabase } from '../../../db/database';
import { createRecord, type BaseRecord } from '../../../db/records';
import type { Cohort } from '../../../domain/cohorts';
import { translate } from '../../../i18n';
import { createAnimator, emptyAnimatorForm, fieldsOf } from '../repository';
import { animatorsXlsx } from '../exports';
import { CsvInputError } from './parse';
import { parseWorkbook } from './workbook';
import { detectMapping } from './headers';
import { planImport } from './plan';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('fr', key, params);

async function registry(db: FourmiliereDatabase) {
  const c = createRecord<Cohort>({ number: 4, nickname: 'Canva', regionCode: '75', oldRegionCode: null, organiser: '', trainingBody: '', trainers: [], startDate: '2024-01-08', endDate: '2024-10-30', places: [], status: 'terminee', targetPath: '', riskThresholdPercent: 70 } as unknown as Omit<Cohort, keyof BaseRecord>);
  await db.cohorts.add(c);
  await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: 'Amaia', lastName: 'Irigoyen', email: 'amaia@ot-bayonne.fr', phone: '+33 5 59 46 09 00', structureName: 'OT Bayonne', communeName: 'Bayonne', communeInsee: '64102', postalCode: '64100', departmentCode: '64', regionCode: '75', status: 'certifie', cohortId: c.id, trainingStart: '2024-01-08', trainingEnd: '2024-10-30', trainedYear: '2024', specialities: 'Canva, Instagram', notes: '=pas une formule\nsur deux lignes' }), db);
  await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: 'Lucie', lastName: 'Martin', phone: '0493357373', structureName: 'OT Menton', communeName: 'Menton', communeInsee: '06083', postalCode: '06500', departmentCode: '06', regionCode: '93', status: 'parti' }), db);
  const cohortName = (id: string | null) => (id === c.id ? `${t('animators.cohortNumber', { number: c.number })} — ${c.nickname}` : '');
  return { rows: await db.animators.toArray(), cohortName };
}

describe('the registry as an Excel workbook', () => {
  it('types postcodes and phones as text, dates as dates, and freezes a bold header', async () => {
    const db = freshDb();
    const { rows, cohortName } = await registry(db);
    const files = unzipSync(await animatorsXlsx(rows, t, cohortName));
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const styles = strFromU8(files['xl/styles.xml']!);
    const strings = [...strFromU8(files['xl/sharedStrings.xml']!).matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
    expect(sheet).toContain('state="frozen"');
    const formats = Object.fromEntries([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]+)"/g)].map((m) => [m[1], m[2]]));
    const xfs = [...styles.matchAll(/<xf ([^>]*)>/g)].map((m) => m[1]!);
    const cellAt = (ref: string) => new RegExp(`<c r="${ref}"([^>]*)><v>([^<]*)</v>`).exec(sheet);
    const formatOf = (attrs: string) => formats[/numFmtId="(\d+)"/.exec(xfs[Number(/s="(\d+)"/.exec(attrs)?.[1])] ?? '')?.[1] ?? ''];
    // Row 3 is Lucie Martin (the export keeps the rows' order): D = phone, I = postcode, N = training start.
    const rowOf = (name: string) => 2 + rows.findIndex((a) => a.lastName === name);
    const martin = rowOf('Martin');
    const irigoyen = rowOf('Irigoyen');
    for (const ref of [`D${martin}`, `I${martin}`]) {
      const c = cellAt(ref)!;
      expect(c[1]).toContain('t="s"');
      expect(formatOf(c[1]!)).toBe('@');
    }
    expect(strings[Number(cellAt(`I${martin}`)![2])]).toBe('06500');
    expect(strings[Number(cellAt(`D${martin}`)![2])]).toBe('0493357373');
    const start = cellAt(`N${irigoyen}`)!;
    expect(start[1]).not.toContain('t="s"');
    expect(formatOf(start[1]!)).toBe('dd/mm/yyyy');
    expect(start[2]).toBe('45299'); // 08/01/2024 as Excel counts days
    // The header's style has the bold font.
    const headerStyle = xfs[Number(/s="(\d+)"/.exec(cellAt('A1')![1]!)![1])]!;
    const fonts = [...styles.matchAll(/<font>(.*?)<\/font>/g)].map((m) => m[1]!);
    expect(fonts[Number(/fontId="(\d+)"/.exec(headerStyle)![1])]).toContain('<b/>');
  });

  it('re-imports its own export without changing anything', async () => {
    const db = freshDb();
    const { rows, cohortName } = await registry(db);
    const book = await parseWorkbook(await animatorsXlsx(rows, t, cohortName));
    const sheet = book.parsed[book.defaultSheet]!;
    if (sheet instanceof CsvInputError) throw sheet;
    expect(sheet.sheet).toBe('Annuaire');
    const p = await planImport(db, sheet, detectMapping(sheet.headers));
    expect(p.rows.map((r) => r.diff?.filter((d) => d.applied))).toEqual([[], []]);
    expect(p.rows.map((r) => [r.action, r.reasons.map((x) => x.key)])).toEqual([
      ['skip', ['animators.import.reason.unchanged']],
      ['skip', ['animators.import.reason.unchanged']],
    ]);
  });

  it.skipIf(!existsSync('/usr/bin/soffice'))('opens in LibreOffice with 06500 and the dates intact', async () => {
    const db = freshDb();
    const { rows, cohortName } = await registry(db);
    const dir = mkdtempSync(join(tmpdir(), 'xlsx-lo-'));
    try {
      writeFileSync(join(dir, 'annuaire.xlsx'), await animatorsXlsx(rows, t, cohortName));
      // Its own profile, so that another LibreOffice running on the machine does not take the call.
      execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1', '--outdir', dir, join(dir, 'annuaire.xlsx')], { stdio: 'pipe', timeout: 120_000 });
      const text = readFileSync(join(dir, 'annuaire.csv'), 'utf8');
      const table = Papa.parse<Record<string, string>>(text, { header: true, delimiter: ';', skipEmptyLines: true }).data;
      const byName = Object.fromEntries(table.map((r) => [r['Nom'], r]));
      expect(byName['Martin']).toMatchObject({ 'Code postal': '06500', Téléphone: '0493357373', Commune: 'Menton' });
      expect(byName['Irigoyen']).toMatchObject({ 'Code postal': '64100', 'Début de formation': '08/01/2024', 'Fin de formation': '30/10/2024', 'Année de formation': '2024', Notes: '=pas une formule\nsur deux lignes' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});

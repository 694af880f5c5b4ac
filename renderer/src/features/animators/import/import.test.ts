import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/db';
import type { FourmiliereDatabase } from '../../../db/database';
import { CsvInputError, detectDelimiter, parseCsv } from './parse';
import { detectMapping, missingRequired } from './headers';
import { applyImport, parseDate, parseStatus, planImport } from './plan';
import { createAnimator, emptyAnimatorForm, fieldsOf, historyOf } from '../repository';
import { isBatchRow } from '../../../db/history';
import { translate } from '../../../i18n';
import { animatorSchema } from '../../../domain/registry';
import { animatorSearchWords } from '../search-words';
import { reasonsText } from './reason-text';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** Windows-1252 bytes of a Latin-1-range text, as Excel writes them. */
const cp1252 = (s: string) => Uint8Array.from([...s].map((c) => (c === '€' ? 0x80 : c.charCodeAt(0))));
const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof CsvInputError ? e.code : String(e);
  }
  return 'none';
};

describe('reading spreadsheet exports', () => {
  it('decodes UTF-8 with and without BOM, and Windows-1252', () => {
    const text = 'Nom;Prénom;Commune\nLefèvre;Hélène;Besançon\n';
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    for (const bytes of [utf8(text), withBom]) {
      const p = parseCsv(bytes);
      expect(p.encoding).toBe('utf-8');
      expect(p.headers).toEqual(['Nom', 'Prénom', 'Commune']);
      expect(p.rows[0]?.cells).toEqual(['Lefèvre', 'Hélène', 'Besançon']);
    }
    const win = cp1252(text);
    expect(win.includes(0xe9)).toBe(true); // é as one byte: really not UTF-8
    const p = parseCsv(win);
    expect(p.encoding).toBe('windows-1252');
    expect(p.rows[0]?.cells).toEqual(['Lefèvre', 'Hélène', 'Besançon']);
  });

  it('detects ; , and tab separators', () => {
    expect(detectDelimiter('Nom;Prénom;Courriel\n')).toBe(';');
    expect(detectDelimiter('Nom,Prénom,Courriel\n')).toBe(',');
    expect(detectDelimiter('Nom\tPrénom\tCourriel\n')).toBe('\t');
    expect(detectDelimiter('"Nom, usage";Prénom\n')).toBe(';');
    expect(parseCsv(utf8('Nom\tPrénom\nMartin\tJo\n')).rows[0]?.cells).toEqual(['Martin', 'Jo']);
  });

  it('keeps quoted line breaks inside a cell and numbers rows as a spreadsheet does', () => {
    const p = parseCsv(utf8('Nom;Notes;Prénom\r\nMartin;"ligne un\r\nligne deux";Jo\r\nDurand;"a;b";Li\r\n'));
    expect(p.rows.map((r) => r.cells)).toEqual([
      ['Martin', 'ligne un\r\nligne deux', 'Jo'],
      ['Durand', 'a;b', 'Li'],
    ]);
    expect(p.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('refuses empty, binary, header-only files with a code for a French message', () => {
    expect(code(() => parseCsv(new Uint8Array()))).toBe('empty');
    expect(code(() => parseCsv(utf8('  \n\n')))).toBe('empty');
    expect(code(() => parseCsv(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])))).toBe('binary');
    expect(code(() => parseCsv(utf8('Nom;Prénom\n\n')))).toBe('headerOnly');
    expect(code(() => parseCsv(new Uint8Array(50 * 1024 * 1024 + 1)))).toBe('tooLarge');
  });

  it('maps French headers in any order, case and accent', () => {
    expect(detectMapping(['E-MAIL', 'prénom', 'NOM', 'Code Postal', 'Promotion', 'Région', 'Département', 'Statut', 'Structure', 'Commune', 'Inconnue'])).toEqual([
      'email', 'firstName', 'lastName', 'postalCode', 'cohort', 'region', 'department', 'status', 'structureName', 'commune', null,
    ]);
    expect(detectMapping(['Courriel', 'Nom de famille', 'Nom'])).toEqual(['email', 'lastName', null]);
    expect(missingRequired(detectMapping(['Nom', 'Courriel']))).toEqual(['firstName']);
  });

  it('reads statuses and French dates', () => {
    expect(['Formé·e', 'CERTIFIÉE', 'en formation', 'A quitté le réseau', '', 'bof'].map(parseStatus)).toEqual(['forme', 'certifie', 'en-formation', 'parti', null, undefined]);
    expect(['31/12/2019', '2019-02-30', '1/2/2020', ''].map(parseDate)).toEqual(['2019-12-31', undefined, '2020-02-01', null]);
  });
});

describe('dry run and import', () => {
  let db: FourmiliereDatabase;
  beforeEach(() => {
    db = freshDb();
  });

  const csv = [
    'Nom;Prénom;Courriel;Structure;Commune;Code postal;Région;Statut',
    'Lefèvre;Hélène;helene@ot-besancon.fr;OT de Besançon;Besançon;25000;Bourgogne-Franche-Comté;Certifiée',
    'Durand;Paul;paul@exemple;OT de Dole;Dole;39100;;Formé',
    'Martin;Léa;lea@pays.fr;Pays de Brest;Brst;29200;;Formée',
    'Petit;Jo;jo@exemple.fr;OT Lyon;Lyon;69001;Atlantide;Formé',
    'Lefevre;Helene;;OT de Besançon;Besançon;25000;;Certifié',
    'Roux;Ana;ana@exist.fr;CDT Ain;Bourg-en-Bresse;01000;;En formation',
    'Blanc;Tom;tom@ot.fr;OT Paris;Paris;75001;;Formé',
  ].join('\n');

  it('plans per row with reasons, writes nothing, then applies all at once', async () => {
    await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: 'Ana', lastName: 'Roux', email: 'ana@exist.fr', status: 'en-formation' }), db);
    await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: 'Tom', lastName: 'Blanc', email: 'tom@ot.fr', structureName: 'OT Paris', status: 'forme', communeName: 'Paris', communeInsee: '75056', postalCode: '75001', departmentCode: '75', regionCode: '11' }), db);
    const parsed = parseCsv(utf8(csv));
    const plan = await planImport(db, parsed, detectMapping(parsed.headers));
    expect(plan.rows.map((r) => [r.line, r.action])).toEqual([
      [2, 'skip'], [3, 'invalid'], [4, 'invalid'], [5, 'invalid'], [6, 'create'], [7, 'update'], [8, 'skip'],
    ]);
    expect(plan.rows[1]?.reasons[0]).toEqual({ key: 'animators.import.reason.email', params: { value: 'paul@exemple' } });
    expect(plan.rows[2]?.reasons[0]?.key).toBe('animators.import.reason.communeSuggest');
    expect(plan.rows[3]?.reasons[0]).toEqual({ key: 'animators.import.reason.region', params: { value: 'Atlantide' } });
    // Rows 2 and 6 are the same person: the file's last row is kept, the other shows how it differs.
    expect(plan.rows[0]?.reasons[0]).toEqual({ key: 'animators.import.reason.sameAs', params: { line: 6 } });
    expect(plan.rows[0]?.group).toEqual({ id: 2, rows: [2, 6], chosen: 6 });
    expect(plan.rows[0]?.differences?.map((d) => d.field)).toEqual(['firstName', 'lastName', 'email']);
    expect(plan.rows[4]?.reasons[0]).toEqual({ key: 'animators.import.reason.kept1', params: { lines: '2' } });
    expect(plan.rows[5]?.reasons[0]?.key).toBe('animators.import.reason.matchEmail');
    expect(plan.rows[6]?.reasons[0]?.key).toBe('animators.import.reason.unchanged');
    const created = plan.rows[4]!.record!;
    expect([created.communeInsee, created.departmentCode, created.regionCode, created.status]).toEqual(['25056', '25', '27', 'certifie']);
    expect(await db.animators.count()).toBe(2);

    expect(await applyImport(db, plan)).toMatchObject({ created: 1, updated: 1 });
    expect(await db.animators.count()).toBe(3);
    const ana = await db.animators.where('email').equals('ana@exist.fr').first();
    expect([ana?.communeName, ana?.regionCode, ana?.structureType]).toEqual(['Bourg-en-Bresse', '84', 'cdt-adt']);
    // Each person's page lists the import, with the fields it changed; the two changes share a few batch rows, not a row each.
    const updatedHistory = await historyOf(ana!.id, db);
    expect(updatedHistory[0]).toMatchObject({ action: 'import', summary: 'fiche mise à jour par import', changes: { communeName: [expect.anything(), 'Bourg-en-Bresse'] } });
    expect((await historyOf(created.id, db))[0]).toMatchObject({ action: 'import', summary: 'fiche créée par import', changes: {} });
    const stored = await db.history.toArray();
    expect(stored.filter(isBatchRow).flatMap((r) => r.entries.map((e) => e.recordId)).sort()).toEqual([ana!.id, created.id].sort());
    expect(stored.filter((r) => !isBatchRow(r) && r.action === 'import')).toEqual([]);
  });

  it('writes nothing when the transaction fails midway', async () => {
    const parsed = parseCsv(utf8(csv));
    const plan = await planImport(db, parsed, detectMapping(parsed.headers));
    // The batch that undoes the import is written last, after the records and their history: it fails.
    const fail = () => {
      throw new Error('disque plein');
    };
    db.settings.hook('creating', fail);
    try {
      await expect(applyImport(db, plan)).rejects.toThrow();
    } finally {
      db.settings.hook('creating').unsubscribe(fail);
    }
    expect(await db.animators.count()).toBe(0);
    expect(await db.history.count()).toBe(0);
  });

  it('finds a stored person by name and structure among many namesakes, past the first batch of names', async () => {
    const person = (lastName: string, firstName: string, structureName: string) => createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName, lastName, structureName, status: 'forme' }), db);
    // Paul Durand works in three places; the file names 150 other people first.
    await person('Durand', 'Paul', 'OT de Dole');
    const atBrest = await person('Durand', 'Paul', 'Pays de Brest');
    await person('Durand', 'Paul', 'OT Lyon');
    await person('Autre', 'Nom42', 'Ailleurs');
    const lines = ['Nom;Prénom;Structure;Statut'];
    for (let i = 0; i < 150; i++) lines.push(`Autre;Nom${i};OT ${i};Formé`);
    lines.push('DURAND;Paul;pays de brest;Certifié', 'Durand;Paul;OT de Quimper;Formé');
    const parsed = parseCsv(utf8(lines.join('\n')));
    const progress: { done: number; total: number }[] = [];
    const plan = await planImport(db, parsed, detectMapping(parsed.headers), (p) => progress.push(p));
    // The bar moves through the lookups (two batches of names) and the rows, and ends full.
    expect(progress.some((p) => p.done > 0 && p.done < p.total)).toBe(true);
    expect(progress.every((p, i) => i === 0 || p.done >= progress[i - 1]!.done)).toBe(true);
    expect(progress.at(-1)).toEqual({ done: 151 + 152, total: 151 + 152 }); // 151 distinct names, 152 rows
    const durand = plan.rows.slice(-2);
    expect(durand.map((r) => r.action)).toEqual(['update', 'create']);
    expect(durand[0]!.record?.id).toBe(atBrest.id);
    expect(durand[0]!.reasons[0]?.key).toBe('animators.import.reason.matchName');
    // The namesake at another structure is not that person.
    expect(plan.rows.find((r) => r.name === 'Nom42 Autre')?.action).toBe('create');
  });

  it('flags rows with too many or too few columns', async () => {
    const parsed = parseCsv(utf8('Nom;Prénom;Courriel\nA;B;a@b.fr;extra\nC;D\n'));
    const plan = await planImport(db, parsed, detectMapping(parsed.headers));
    expect(plan.rows.map((r) => r.reasons[0]?.key)).toEqual(['animators.import.reason.tooMany', 'animators.import.reason.tooFew']);
  });

  it('refuses a row the schema refuses, with a French sentence naming the field, and stores only the others', async () => {
    const csv = [
      'Nom;Prénom;Téléphone;Spécialités;Commune',
      `Martin;${'A'.repeat(101)};;;Rennes`,
      `Durand;Paul;${'0'.repeat(41)};;`,
      `Petit;Léa;;photo, ${'x'.repeat(61)};`,
      'Lefèvre;Hélène;0450000000;photo, vidéo;Annecy',
    ].join('\n');
    const parsed = parseCsv(utf8(csv));
    const plan = await planImport(db, parsed, detectMapping(parsed.headers));
    const fr = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('fr', key, params);
    expect(plan.rows.map((r) => r.action)).toEqual(['invalid', 'invalid', 'invalid', 'create']);
    // (French typography puts narrow no-break spaces inside the guillemets; plain ones here.)
    expect(plan.rows.slice(0, 3).map((r) => reasonsText(fr, r.reasons).replace(/\u202f/g, ' '))).toEqual([
      'Le champ « prénom » doit compter au plus 100 caractères.',
      'Le champ « téléphone » doit compter au plus 40 caractères.',
      'Le champ « spécialités » doit compter au plus 60 caractères.',
    ]);
    await applyImport(db, plan);
    const stored = await db.animators.toArray();
    expect(stored.map((a) => a.lastName)).toEqual(['Lefèvre']);
    // What is stored is what the schema gives back, search words and sort key as the registry makes them.
    expect(stored[0]).toStrictEqual(animatorSchema.parse(stored[0]));
    expect(stored[0]!.tokens).toEqual(animatorSearchWords(stored[0]!));
    expect(stored[0]!.sortName).toBe('lefevre helene');
  });

  it('plans 10,000 rows with batched lookups in reasonable time', async () => {
    const lines = ['Nom;Prénom;Courriel;Commune;Code postal'];
    for (let i = 0; i < 10_000; i++) lines.push(`Nom${i};Prénom${i};p${i}@exemple.fr;Rennes;35000`);
    const started = performance.now();
    const parsed = parseCsv(utf8(lines.join('\n')));
    const plan = await planImport(db, parsed, detectMapping(parsed.headers));
    await applyImport(db, plan);
    expect(plan.counts.create).toBe(10_000);
    expect(await db.animators.count()).toBe(10_000);
    expect(performance.now() - started).toBeLessThan(30_000);
  }, 60_000);
});

/** What a coordinator must be able to trust in an import: people listed twice, older files, promotions, round trips. */
import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/db';
import type { FourmiliereDatabase } from '../../../db/database';
import { createRecord } from '../../../db/records';
import type { Cohort } from '../../../domain/cohorts';
import { toFrenchCsv } from '../../../shared/csv';
import { translate } from '../../../i18n';
import { parseCsv } from './parse';
import { detectMapping } from './headers';
import { applyImport, downgradeOf, matchCohort, parseCohortText, planImport, withoutFormulaGuard } from './plan';
import { createAnimator, emptyAnimatorForm, fieldsOf, updateAnimator } from '../repository';
import { animatorColumns } from '../exports';
import { batchKey, KEPT_BATCHES, listImportBatches, undoImport } from './batches';

const utf8 = (s: string) => new TextEncoder().encode(s);
const plan = async (db: FourmiliereDatabase, text: string, choices = {}) => {
  const parsed = parseCsv(utf8(text));
  return planImport(db, parsed, detectMapping(parsed.headers), undefined, choices);
};
const cohort = (db: FourmiliereDatabase, number: number, nickname: string, regionCode: string, startDate: string, endDate: string) => {
  const c = createRecord<Cohort>({ number, nickname, regionCode, oldRegionCode: null, organiser: '', trainingBody: '', trainers: [], startDate, endDate, places: [], status: 'terminee', targetPath: '', riskThresholdPercent: 70 } as unknown as Omit<Cohort, keyof import('../../../db/records').BaseRecord>);
  return db.cohorts.add(c).then(() => c);
};

describe('rows about the same person', () => {
  let db: FourmiliereDatabase;
  beforeEach(() => {
    db = freshDb();
  });
  const file = ['Nom;Prénom;Courriel;Structure;Statut;Téléphone', 'Iriart;Maite;maite@ot-biarritz.fr;OT Biarritz;Formée;05 59 00 00 01', 'Durand;Paul;;OT Dole;Formé;', 'IRIART;Maïté;MAITE@ot-biarritz.fr;OT Biarritz;Certifiée;'].join('\n');

  it('groups them, keeps the last row by default, and shows how the others differ', async () => {
    const p = await plan(db, file);
    expect(p.rows.map((r) => [r.line, r.action])).toEqual([[2, 'skip'], [3, 'create'], [4, 'create']]);
    expect(p.rows[2]!.record!.status).toBe('certifie');
    // The file's empty phone does not erase the phone given by the other row: only what differs is listed.
    expect(p.rows[0]!.differences!.map((d) => [d.field, d.before, d.after])).toEqual(expect.arrayContaining([['status', 'forme', 'certifie']]));
  });

  it('lets the person keep another row of the group', async () => {
    const p = await plan(db, file, { pick: { 2: 2 } });
    expect(p.rows.map((r) => [r.line, r.action])).toEqual([[2, 'create'], [3, 'create'], [4, 'skip']]);
    expect(p.rows[0]!.record!.status).toBe('forme');
    await applyImport(db, p);
    expect((await db.animators.toArray()).map((a) => [a.lastName, a.status, a.phone]).sort()).toEqual([['Durand', 'forme', ''], ['Iriart', 'forme', '05 59 00 00 01']]);
  });
});

describe('an older spreadsheet does not overwrite newer data', () => {
  it('flags a lower status, an older date and a replaced value, and applies them only when chosen', async () => {
    const db = freshDb();
    const first = await plan(db, ['Nom;Prénom;Courriel;Statut;Téléphone;Fin de formation', 'Etcheverry;Jon;jon@ot.fr;Formé;05 59 11 11 11;30/06/2025'].join('\n'));
    await applyImport(db, first);
    const jon = (await db.animators.toArray())[0]!;
    // Later: certified, a new phone, a later end of training, typed on screen.
    await updateAnimator(jon.id, { status: 'certifie', phone: '06 12 34 56 78', trainingEnd: '2025-12-15', trainedYear: 2025 }, 'fiche modifiée', db);
    // The old file comes back, with one real new fact (a job title).
    const old = ['Nom;Prénom;Courriel;Statut;Téléphone;Fin de formation;Fonction', 'Etcheverry;Jon;jon@ot.fr;Formé;05 59 11 11 11;30/06/2025;Chargé de numérique'].join('\n');
    const p = await plan(db, old);
    const row = p.rows[0]!;
    expect(row.action).toBe('update');
    const byField = Object.fromEntries(row.diff!.map((d) => [d.field, d]));
    expect(byField.status).toMatchObject({ before: 'certifie', after: 'forme', downgrade: 'status', applied: false });
    expect(byField.phone).toMatchObject({ before: '06 12 34 56 78', after: '05 59 11 11 11', downgrade: 'previousValue', applied: false });
    expect(byField.trainingEnd).toMatchObject({ downgrade: 'olderDate', applied: false });
    expect(byField.jobTitle).toMatchObject({ after: 'Chargé de numérique', applied: true });
    expect(row.reasons.map((r) => r.key)).toContain('animators.import.reason.downgradeHeldMany');
    await applyImport(db, p);
    const after = (await db.animators.get(jon.id))!;
    expect([after.status, after.phone, after.trainingEnd, after.jobTitle]).toEqual(['certifie', '06 12 34 56 78', '2025-12-15', 'Chargé de numérique']);

    // Chosen explicitly, the step back is applied.
    const again = await plan(db, old, { allowDowngrade: [2] });
    expect(again.rows[0]!.diff!.every((d) => d.applied)).toBe(true);
    await applyImport(db, again);
    expect((await db.animators.get(jon.id))!.status).toBe('forme');
  });

  it('knows which changes are steps back', () => {
    expect(downgradeOf('status', 'certifie', 'en-formation')).toBe('status');
    expect(downgradeOf('status', 'forme', 'certifie')).toBeUndefined();
    expect(downgradeOf('status', 'certifie', 'parti')).toBeUndefined();
    expect(downgradeOf('trainedYear', 2024, 2021)).toBe('olderDate');
    expect(downgradeOf('phone', '06', '05', [JSON.stringify('05')])).toBe('previousValue');
    expect(downgradeOf('phone', '', '05', [JSON.stringify('05')])).toBeUndefined();
  });
});

describe('promotions', () => {
  it('reads number, nickname and year as people type them', () => {
    expect(parseCohortText('Promotion n°10 « Jimdo »')).toEqual({ number: 10, nickname: 'jimdo', year: null });
    expect(parseCohortText('Promotion n°3 — Calaméo 2020')).toEqual({ number: 3, nickname: 'calameo', year: 2020 });
    expect(parseCohortText('promo 7')).toEqual({ number: 7, nickname: '', year: null });
  });

  it('never matches on the number alone, nor across regions', async () => {
    const db = freshDb();
    const calameo = await cohort(db, 10, 'Calaméo', '75', '2019-09-01', '2020-06-30');
    const jimdo = await cohort(db, 10, 'Jimdo', '84', '2021-01-10', '2021-11-30');
    const all = await db.cohorts.toArray();
    expect(matchCohort(all, 'Promotion n°10 « Jimdo »', '75')).toBeUndefined();
    expect(matchCohort(all, 'Promotion n°10 « Jimdo »', '84')?.id).toBe(jimdo.id);
    expect(matchCohort(all, 'Promotion n°10', '75')).toBeUndefined();
    expect(matchCohort(all, 'n°10 Calaméo 2020', '75')?.id).toBe(calameo.id);
    expect(matchCohort(all, 'n°10 Calaméo 2023', '75')).toBeUndefined();

    // A person of Nouvelle-Aquitaine (75) in a promotion « Jimdo » that this registry does not hold for that region.
    const p = await plan(db, ['Nom;Prénom;Commune;Code postal;Promotion', 'Saint-Jean;Eneko;Bayonne;64100;Promotion n°10 « Jimdo »'].join('\n'));
    const row = p.rows[0]!;
    expect(row.record!.cohortId).toBeNull();
    expect(row.record!.trainingStart).toBeNull();
    expect(row.record!.notes).toContain('Promotion n°10 « Jimdo »');
    expect(row.reasons).toContainEqual({ key: 'animators.import.reason.cohortUnknown', params: { value: 'Promotion n°10 « Jimdo »', region: '75', number: 10, nickname: 'Jimdo' } });
  });
});

describe('round trips and odd cells', () => {
  it('removes the formula guard of a spreadsheet export', () => {
    expect(withoutFormulaGuard("'+33 5 59 00 00 00")).toBe('+33 5 59 00 00 00');
    expect(withoutFormulaGuard("'=1+1")).toBe('=1+1');
    expect(withoutFormulaGuard("l'office")).toBe("l'office");
  });

  it('re-imports its own CSV export without changing anything', async () => {
    const db = freshDb();
    const c = await cohort(db, 4, 'Canva', '75', '2024-01-08', '2024-10-30');
    await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: 'Amaia', lastName: 'Irigoyen', email: 'amaia@ot-bayonne.fr', phone: '+33 5 59 46 09 00', structureName: 'OT Bayonne', communeName: 'Bayonne', communeInsee: '64102', postalCode: '64100', departmentCode: '64', regionCode: '75', status: 'certifie', cohortId: c.id, trainingStart: '2024-01-08', trainingEnd: '2024-10-30', specialities: 'Canva, Instagram', notes: '=pas une formule' }), db);
    await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: 'Lucie', lastName: 'Martin', structureName: 'OT Menton', communeName: 'Menton', communeInsee: '06083', postalCode: '06500', departmentCode: '06', regionCode: '93', status: 'parti' }), db);
    const before = await db.animators.toArray();
    const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate('fr', key, params);
    const cohortName = (id: string | null) => (id === c.id ? `${t('animators.cohortNumber', { number: c.number })} — ${c.nickname}` : '');
    const text = toFrenchCsv(before, animatorColumns(t, cohortName));
    const p = await plan(db, text);
    expect(p.rows.map((r) => r.diff?.filter((d) => d.applied))).toEqual([[], []]);
    expect(p.rows.map((r) => [r.action, r.reasons.map((x) => x.key)])).toEqual([
      ['skip', ['animators.import.reason.unchanged']],
      ['skip', ['animators.import.reason.unchanged']],
    ]);
  });

  it('says a commune outside the 18 regions is outside them', async () => {
    const db = freshDb();
    const p = await plan(db, ['Nom;Prénom;Commune;Code postal', 'Wamytan;Léa;Nouméa;98800'].join('\n'));
    expect(p.rows[0]!.reasons[0]).toEqual({ key: 'animators.import.reason.communeOutside', params: { value: 'Nouméa' } });
  });
});

describe('undoing an import', () => {
  it('puts back the state before it, and leaves what was edited since', async () => {
    const db = freshDb();
    const kept = await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: 'Ana', lastName: 'Roux', email: 'ana@ot.fr', status: 'en-formation', phone: '01' }), db);
    const other = await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: 'Tom', lastName: 'Blanc', email: 'tom@ot.fr', status: 'forme' }), db);
    const before = await db.animators.toArray();
    const p = await plan(db, ['Nom;Prénom;Courriel;Statut;Téléphone', 'Roux;Ana;ana@ot.fr;Formée;02', 'Blanc;Tom;tom@ot.fr;Certifié;', 'Neuf;Léo;leo@ot.fr;Formé;', 'Autre;Zoé;zoe@ot.fr;Formée;'].join('\n'));
    const written = await applyImport(db, p, undefined, 'liste.csv');
    expect(written).toMatchObject({ created: 2, updated: 2 });
    expect(await listImportBatches(db)).toEqual([expect.objectContaining({ id: written.batchId, fileName: 'liste.csv', created: 2, updated: 2, undoneAt: null })]);
    // Edited since the import: Tom, and the new Zoé.
    await updateAnimator(other.id, { notes: 'vu au salon' }, 'fiche modifiée', db);
    const zoe = (await db.animators.where('email').equals('zoe@ot.fr').first())!;
    await updateAnimator(zoe.id, { phone: '03' }, 'fiche modifiée', db);

    const outcome = await undoImport(db, written.batchId);
    expect(outcome.removed).toBe(1);
    expect(outcome.restored).toBe(1);
    expect(outcome.kept.map((k) => k.name).sort()).toEqual(['Tom Blanc', 'Zoé Autre']);
    const ana = (await db.animators.get(kept.id))!;
    const anaBefore = before.find((a) => a.id === kept.id)!;
    expect([ana.status, ana.phone]).toEqual([anaBefore.status, anaBefore.phone]);
    expect((await db.animators.where('email').equals('leo@ot.fr').first())?.deletedAt).not.toBeNull();
    expect((await db.animators.get(other.id))).toMatchObject({ status: 'certifie', notes: 'vu au salon' });
    expect((await db.animators.get(zoe.id))?.deletedAt).toBeNull();
    // Once undone, a second undo changes nothing.
    expect(await undoImport(db, written.batchId)).toEqual({ removed: 0, restored: 0, kept: [] });
    expect((await listImportBatches(db))[0]?.undoneAt).not.toBeNull();
  });
});

describe('the imports kept for undoing', () => {
  it('keeps the last ones, newest first, and drops the records kept for the older ones', async () => {
    const db = freshDb();
    const ids: string[] = [];
    for (let i = 0; i < KEPT_BATCHES + 2; i++) {
      const p = await plan(db, ['Nom;Prénom;Courriel', `Nom${i};Prénom${i};p${i}@ot.fr`].join('\n'));
      ids.push((await applyImport(db, p, undefined, `liste-${i}.csv`)).batchId);
    }
    const listed = await listImportBatches(db);
    expect(listed.map((b) => b.fileName)).toEqual(Array.from({ length: KEPT_BATCHES }, (_, i) => `liste-${KEPT_BATCHES + 1 - i}.csv`));
    expect(await db.settings.get(batchKey(ids[0]!))).toBeUndefined();
    expect(await db.settings.get(batchKey(ids[1]!))).toBeUndefined();
    expect(await db.settings.get(batchKey(ids[2]!))).toBeDefined();
    await expect(undoImport(db, ids[0]!)).rejects.toThrow('import batch not found');
  });
});

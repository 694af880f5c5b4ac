/**
 * A bulk write's history in batch rows (db/history.ts): what a person sees of it, what the
 * import's dry run, the privacy export, an erasure, a backup and an import's undo make of it,
 * read back from the database itself.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { freshDb } from '../test/db';
import { FourmiliereDatabase } from './database';
import { historyBatchRows, historyBuckets, historyOfRecords, isBatchRow, type HistoryBatchRow } from './history';
import { parseCsv } from '../features/animators/import/parse';
import { detectMapping } from '../features/animators/import/headers';
import { applyImport, planImport } from '../features/animators/import/plan';
import { undoImport } from '../features/animators/import/batches';
import { historyOf, updateAnimator } from '../features/animators/repository';
import { collectPerson, erasePerson, personExport } from '../features/safekeeping/privacy';
import { exportBackup, parseAndValidateBackup, restoreBackup } from '../features/safekeeping/backup';

const utf8 = (s: string) => new TextEncoder().encode(s);
const HEADER = 'Nom;Prénom;Courriel;Structure;Téléphone';
const people = (n: number, phone = (i: number) => `05 59 00 ${String(i % 100).padStart(2, '0')} 00`) =>
  [HEADER, ...Array.from({ length: n }, (_, i) => `Nom${i};Prénom${i};p${i}@ot-exemple.fr;OT ${i};${phone(i)}`)].join('\n');
async function importText(db: FourmiliereDatabase, text: string, choices = {}) {
  const parsed = parseCsv(utf8(text));
  const plan = await planImport(db, parsed, detectMapping(parsed.headers), undefined, choices);
  return { plan, written: await applyImport(db, plan, undefined, 'liste.csv') };
}
const byEmail = async (db: FourmiliereDatabase, email: string) => (await db.animators.where('email').equals(email).first())!;

describe('the history of a bulk write', () => {
  it('costs a few batch rows, not one row per person, and each person’s page lists their change with its fields', async () => {
    const db = freshDb();
    await importText(db, people(2000));
    const rows = await db.history.toArray();
    // One row per bucket the 2,000 ids fall in, at most 256; each entry once.
    expect(rows.length).toBeLessThanOrEqual(256);
    expect(rows.every(isBatchRow)).toBe(true);
    const entries = (rows as HistoryBatchRow[]).flatMap((r) => r.entries);
    expect(entries).toHaveLength(2000);
    expect(new Set(entries.map((e) => e.recordId)).size).toBe(2000);
    // Over 1,024 records: the level of 256 buckets.
    for (const r of rows as HistoryBatchRow[]) for (const e of r.entries) expect(r.id.startsWith(`batch:animators:${historyBuckets(e.recordId)[1]}:`)).toBe(true);

    // A second file changes phones: the person's page lists both imports, newest first, with before → after.
    await importText(db, people(2000, (i) => `06 00 00 ${String(i % 100).padStart(2, '0')} 00`));
    const p7 = await byEmail(db, 'p7@ot-exemple.fr');
    const shown = await historyOf(p7.id, db);
    expect(shown.map((h) => h.summary)).toEqual(['fiche mise à jour par import', 'fiche créée par import']);
    expect(shown[0]!.changes.phone).toEqual(['05 59 00 07 00', '06 00 00 07 00']);
    expect(shown.every((h) => h.recordId === p7.id && h.table === 'animators' && h.action === 'import')).toBe(true);
    expect((await db.history.toArray()).length).toBeLessThanOrEqual(512);
  });

  it('finds the batch rows a schema 4 database holds (its fixture): the buckets in the keys are the ones looked up', async () => {
    const fixture = JSON.parse(readFileSync(join(__dirname, '../features/safekeeping/fixtures/v4.json'), 'utf8')) as { stores: Record<string, string>; tables: Record<string, Record<string, unknown>[]> };
    const name = `history-v4-${Date.now()}`;
    const old = new Dexie(name);
    old.version(4).stores(fixture.stores);
    await old.open();
    for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkPut(rows);
    old.close();
    const db = new FourmiliereDatabase(name);
    await db.open();
    const batched = (fixture.tables.history as unknown as HistoryBatchRow[]).filter((r) => r.id.startsWith('batch:')).flatMap((r) => r.entries);
    expect(batched.length).toBeGreaterThan(1);
    for (const e of batched) expect(await historyOf(e.recordId, db)).toEqual(expect.arrayContaining([expect.objectContaining({ recordId: e.recordId, summary: e.summary, changes: e.changes, device: 'fixture-v4' })]));
    db.close();
  });

  it('lets the dry run find a value a field had and lost through an earlier import', async () => {
    const db = freshDb();
    await importText(db, people(3));
    await importText(db, people(3, () => '06 11 11 11 11'));
    // The first file again: its phone is a value the field had and lost.
    const { plan } = await importText(db, people(3));
    const phone = plan.rows[1]!.diff!.find((d) => d.field === 'phone');
    expect(phone).toMatchObject({ before: '06 11 11 11 11', after: '05 59 00 01 00', downgrade: 'previousValue', applied: false });
    expect((await byEmail(db, 'p1@ot-exemple.fr')).phone).toBe('06 11 11 11 11');
  });

  it('reads rows written before schema 4 beside batch rows: a person’s older per-record row still shows', async () => {
    // A database written by schema 3 (its fixture), with a per-record history row.
    const fixture = JSON.parse(readFileSync(join(__dirname, '../features/safekeeping/fixtures/v3.json'), 'utf8')) as { stores: Record<string, string>; tables: Record<string, Record<string, unknown>[]> };
    const name = `history-upgrade-${Date.now()}`;
    const old = new Dexie(name);
    old.version(3).stores(fixture.stores);
    await old.open();
    for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkPut(rows);
    old.close();
    const db = new FourmiliereDatabase(name);
    await db.open();
    const person = (await db.animators.get('0202e533-f277-4c85-a20e-7ab8015eb256'))!;
    await updateAnimator(person.id, { jobTitle: 'Chargée de numérique' }, 'fiche modifiée', db);
    await db.history.bulkAdd(historyBatchRows('animators', [{ recordId: person.id, action: 'import', changes: { phone: ['05 00 00 00 00', '07 00 00 00 00'] }, summary: 'fiche mise à jour par import' }], '2026-12-01T09:00:00.000Z', 'poste-b'));
    const shown = await historyOf(person.id, db);
    expect(shown.map((h) => [h.summary, Object.keys(h.changes)])).toEqual([
      ['fiche modifiée', ['jobTitle']],
      ['fiche mise à jour par import', ['phone']],
      ['téléphone ajouté', ['phone']],
    ]);
    db.close();
  });

  it('is in the privacy export and leaves with the person on an erasure, the others’ entries kept', async () => {
    const db = freshDb();
    await importText(db, people(200));
    const gone = await byEmail(db, 'p42@ot-exemple.fr');
    const stays = await byEmail(db, 'p43@ot-exemple.fr');
    const data = (await collectPerson(db, 'animator', gone.id))!;
    const exported = JSON.parse(JSON.stringify(personExport(data))) as { history: { recordId: string; summary: string }[] };
    expect(exported.history).toEqual([expect.objectContaining({ recordId: gone.id, summary: 'fiche créée par import' })]);

    const rowsBefore = await db.history.count();
    // Up to 1,024 records: the level of 32 buckets.
    expect(rowsBefore).toBeLessThanOrEqual(32);
    await erasePerson(db, 'animator', gone.id, { anonymiseSignedSheets: false });
    expect(JSON.stringify(await db.history.toArray())).not.toContain(gone.id);
    expect(await historyOfRecords(db, 'animators', [gone.id])).toEqual([]);
    expect(await historyOf(stays.id, db)).toEqual([expect.objectContaining({ summary: 'fiche créée par import' })]);
    expect((await db.history.toArray() as HistoryBatchRow[]).flatMap((r) => r.entries)).toHaveLength(199);
    expect(await db.history.count()).toBeLessThanOrEqual(rowsBefore);
  });

  it('drops a batch row left empty by an erasure', async () => {
    const db = freshDb();
    await importText(db, people(1));
    const only = await byEmail(db, 'p0@ot-exemple.fr');
    expect(await db.history.count()).toBe(1);
    await erasePerson(db, 'animator', only.id, { anonymiseSignedSheets: false });
    expect(await db.history.count()).toBe(0);
  });

  it('travels in a backup and comes back the same; a backup taken before an erasure brings no entry of the person back', async () => {
    const db = freshDb();
    await importText(db, people(50));
    const gone = await byEmail(db, 'p9@ot-exemple.fr');
    const stays = await byEmail(db, 'p10@ot-exemple.fr');
    const before = await exportBackup(db);
    const parsed = await parseAndValidateBackup(new TextDecoder().decode(before));
    if (!parsed.ok) throw new Error(parsed.error.key);

    const other = freshDb();
    await restoreBackup(other, parsed.value);
    expect(await other.history.toArray()).toEqual(await db.history.toArray());
    expect(await historyOf(stays.id, other)).toEqual(await historyOf(stays.id, db));

    await erasePerson(db, 'animator', gone.id, { anonymiseSignedSheets: false });
    await restoreBackup(db, parsed.value);
    expect(JSON.stringify(await db.history.toArray())).not.toContain(gone.id);
    expect(await historyOf(stays.id, db)).toHaveLength(1);
  });

  it('an import’s undo writes its own batch rows, listed on each person’s page', async () => {
    const db = freshDb();
    await importText(db, people(2));
    const { written } = await importText(db, [...people(2, () => '06 22 22 22 22').split('\n'), 'Neuf;Léo;leo@ot-exemple.fr;OT Neuf;'].join('\n'));
    const rowsBefore = await db.history.count();
    const outcome = await undoImport(db, written.batchId);
    expect(outcome).toMatchObject({ removed: 1, restored: 2 });
    const p0 = await byEmail(db, 'p0@ot-exemple.fr');
    expect(p0.phone).toBe('05 59 00 00 00');
    expect((await historyOf(p0.id, db)).map((h) => h.summary)).toEqual(['import annulé : fiche remise dans son état d’avant', 'fiche mise à jour par import', 'fiche créée par import']);
    expect((await historyOf(p0.id, db))[0]!.changes.phone).toEqual(['06 22 22 22 22', '05 59 00 00 00']);
    const leo = await byEmail(db, 'leo@ot-exemple.fr');
    expect((await historyOf(leo.id, db))[0]).toMatchObject({ action: 'delete', summary: 'fiche retirée : import annulé' });
    expect((await db.history.toArray()).every(isBatchRow)).toBe(true);
    expect(await db.history.count()).toBeLessThanOrEqual(rowsBefore + 3);
  });
});

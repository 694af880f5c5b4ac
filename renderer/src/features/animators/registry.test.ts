/**
 * The in-memory registry against a full read of IndexedDB (fake-indexeddb): after random
 * creates, edits, deletions, restores from the bin, erasures, imports (bulk writes), merges
 * and whole-database restores, every filter, sort and search gives the same people in the
 * same order, and a snapshot gives back the same registry.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { createRecord, foldText, restoreDeleted, softDelete, touchRecord } from '../../db/records';
import type { Animator } from '../../domain/registry';
import { emptyFilter, sortFields, type AnimatorFilter, type AnimatorSort } from './query';
import { Registry, SNAPSHOT_FORMAT, SnapshotError, type ExportRecord, type Snapshot } from './registry';
import { duplicatePairs, emptyAnimatorForm, fieldsOf, withDerived, type AnimatorForm } from './repository';
import { barometerBuilder } from './stats';
import { matchesText, parseTextQuery } from './search-words';

const firstNames = ['Élodie', 'Marc', 'Léa', 'Émile', 'Zoé', 'Jean-Marc', 'Maëlle'];
const lastNames = ['Marchand', 'Dubois', 'Martin', 'Bordes', 'Étienne', 'Mar', "L'Hôte", 'Lœuillet', 'D’Artagnan'];
const structures = ['OT Bordeaux', 'Office de tourisme du Lac', 'CDT Gironde', '', 'Pays Basque', 'Maison de l’Œnotourisme'];
const places: [string, string, string][] = [
  ['Bordeaux', '33', '75'],
  ['Annecy', '74', '84'],
  ['Marseille', '13', '93'],
  ['', '', ''],
];
const specialities = ['photo', 'vidéo', 'réseaux sociaux'];
const domains = ['ot-bordeaux.fr', 'lac.fr', 'marseille-tourisme.com'];

const formArb: fc.Arbitrary<AnimatorForm> = fc
  .record({
    first: fc.constantFrom(...firstNames),
    last: fc.constantFrom(...lastNames),
    structure: fc.constantFrom(...structures),
    place: fc.constantFrom(...places),
    status: fc.constantFrom('en-formation', 'forme', 'certifie', 'abandon', 'parti'),
    type: fc.constantFrom('office-tourisme', 'cdt-adt', 'cci'),
    cohort: fc.constantFrom('', 'c1', 'c2'),
    year: fc.constantFrom('', '2012', '2019', '2024'),
    specs: fc.subarray(specialities),
    mail: fc.option(fc.tuple(fc.constantFrom('elodie', 'marc.dubois', 'contact', 'lea'), fc.constantFrom(...domains)), { nil: undefined }),
    // what only the exports write
    phone: fc.constantFrom('', '05 59 00 00 00', '+33 6 12 34 56 78'),
    job: fc.constantFrom('', 'Chargée de projets e-tourisme', 'ANT'),
    postal: fc.constantFrom('', '64200', '74000'),
    start: fc.constantFrom('', '2024-09-16'),
    languages: fc.constantFrom('', 'basque', 'anglais, espagnol'),
    notes: fc.constantFrom('', 'Référente « avis clients »;\nà relancer'),
  })
  .map((v) => ({
    ...emptyAnimatorForm(),
    firstName: v.first,
    lastName: v.last,
    structureName: v.structure,
    communeName: v.place[0],
    departmentCode: v.place[1],
    regionCode: v.place[2],
    status: v.status as AnimatorForm['status'],
    structureType: v.type as AnimatorForm['structureType'],
    cohortId: v.cohort,
    trainedYear: v.year,
    specialities: v.specs.join(', '),
    email: v.mail ? `${v.mail[0]}@${v.mail[1]}` : '',
    phone: v.phone,
    jobTitle: v.job,
    postalCode: v.postal,
    trainingStart: v.start,
    languages: v.languages,
    notes: v.notes,
  }));

type Op =
  | { kind: 'create'; form: AnimatorForm }
  | { kind: 'edit'; pick: number; form: AnimatorForm }
  | { kind: 'delete'; pick: number }
  | { kind: 'restore'; pick: number }
  | { kind: 'erase'; pick: number }
  | { kind: 'import'; forms: AnimatorForm[]; updates: number[] }
  | { kind: 'merge'; keep: number; drop: number }
  | { kind: 'restoreAll'; keep: number[] };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: formArb.map((form) => ({ kind: 'create' as const, form })) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), form: formArb }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('erase' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('import' as const), forms: fc.array(formArb, { maxLength: 12 }), updates: fc.array(fc.nat(), { maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), keep: fc.nat(), drop: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restoreAll' as const), keep: fc.array(fc.nat(), { maxLength: 6 }) }) },
);

const filterArb: fc.Arbitrary<AnimatorFilter> = fc.record({
  text: fc.constantFrom('', 'mar', 'bord', 'é', 'marc dub', 'lac', 'marc.dubois@ot-bordeaux.fr', 'ELODIE@LAC.FR', '@marseille', 'l hote', 'contact', 'tourisme', 'zz'),
  regionCode: fc.constantFrom('', '75', '84'),
  departmentCode: fc.constantFrom('', '33', '13'),
  status: fc.constantFrom('', 'certifie', 'forme'),
  cohortId: fc.constantFrom('', 'c1'),
  structureType: fc.constantFrom('', 'cci'),
  speciality: fc.constantFrom('', 'photo', 'vidéo'),
  deleted: fc.boolean(),
}) as fc.Arbitrary<AnimatorFilter>;
const sortArb: fc.Arbitrary<AnimatorSort> = fc.record({ field: fc.constantFrom(...sortFields), dir: fc.constantFrom('asc' as const, 'desc' as const) });

/** Applies an operation to the database; returns the ids it wrote or removed (null: everything replaced). */
async function apply(db: FourmiliereDatabase, op: Op): Promise<string[] | null> {
  const ids = (await db.animators.toCollection().primaryKeys()) as string[];
  const at = (n: number) => (ids.length ? ids[n % ids.length]! : undefined);
  const stored = async (n: number) => {
    const id = at(n);
    return id ? db.animators.get(id) : undefined;
  };
  switch (op.kind) {
    case 'create': {
      const a = createRecord<Animator>(fieldsOf(op.form));
      await db.animators.add(a);
      return [a.id];
    }
    case 'edit': {
      const a = await stored(op.pick);
      if (!a) return [];
      await db.animators.put(touchRecord(a, fieldsOf(op.form)));
      return [a.id];
    }
    case 'delete': {
      const a = await stored(op.pick);
      if (!a) return [];
      await db.animators.put(softDelete(a));
      return [a.id];
    }
    case 'restore': {
      const a = await stored(op.pick);
      if (!a) return [];
      await db.animators.put(restoreDeleted(a));
      return [a.id];
    }
    case 'erase': {
      const id = at(op.pick);
      if (!id) return [];
      await db.animators.delete(id);
      return [id];
    }
    case 'import': {
      const records = op.forms.map((f) => createRecord<Animator>(fieldsOf(f)));
      for (const n of op.updates) {
        const a = await stored(n);
        if (a) records.push(touchRecord(a, withDerived({ ...a, structureName: 'OT Bordeaux Métropole' })));
      }
      await db.animators.bulkPut(records);
      return records.map((r) => r.id);
    }
    case 'merge': {
      // Another device's changes: some records as they are there (older or newer revisions).
      const keep = await stored(op.keep);
      const drop = await stored(op.drop);
      if (!keep || !drop || keep.id === drop.id) return [];
      await db.animators.bulkPut([touchRecord(keep, withDerived({ ...keep, email: drop.email })), softDelete(drop)]);
      return [keep.id, drop.id];
    }
    case 'restoreAll': {
      // A backup replaces everything: only some of the records come back.
      const back = (await db.animators.bulkGet(op.keep.map((n) => at(n)).filter((x): x is string => x !== undefined))).filter((a): a is Animator => a !== undefined);
      await db.animators.clear();
      await db.animators.bulkPut(back);
      return null;
    }
  }
}

/** What a full read of the records says: every record, filtered and sorted here. */
async function expected(db: FourmiliereDatabase, filter: AnimatorFilter, sort: AnimatorSort): Promise<string[]> {
  const q = parseTextQuery(filter.text);
  const rows = (await db.animators.toArray()).filter(
    (a) =>
      (filter.deleted ? a.deletedAt !== null : a.deletedAt === null) &&
      (!filter.regionCode || a.regionCode === filter.regionCode) &&
      (!filter.departmentCode || a.departmentCode === filter.departmentCode) &&
      (!filter.status || a.status === filter.status) &&
      (!filter.cohortId || a.cohortId === filter.cohortId) &&
      (!filter.structureType || a.structureType === filter.structureType) &&
      (!filter.speciality || a.specialities.includes(filter.speciality)) &&
      matchesText(a, q),
  );
  const value = (a: Animator) => a[sort.field];
  rows.sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x !== y) {
      if (x === null) return 1;
      if (y === null) return -1;
      return x < y ? -1 : 1;
    }
    return a.id < b.id ? -1 : 1;
  });
  const ids = rows.map((a) => a.id);
  return sort.dir === 'desc' ? ids.reverse() : ids;
}

/** The registry kept current the way the worker does: the changed records read again. */
async function follow(db: FourmiliereDatabase, registry: Registry, changed: string[] | null): Promise<Registry> {
  if (changed === null) return Registry.fromRecords(await db.animators.toArray());
  const rows = await db.animators.bulkGet(changed);
  rows.forEach((row, i) => (row ? registry.upsert(row) : registry.remove(changed[i]!)));
  return registry;
}

/** The baromètre of a full read of the records. */
async function referenceBarometer(db: FourmiliereDatabase) {
  const b = barometerBuilder();
  for (const a of await db.animators.toArray()) b.add(a);
  return b.result();
}

const exportFields = (a: Animator): ExportRecord => ({
  lastName: a.lastName, firstName: a.firstName, email: a.email, phone: a.phone, structureName: a.structureName, structureType: a.structureType,
  jobTitle: a.jobTitle, communeName: a.communeName, postalCode: a.postalCode, departmentCode: a.departmentCode, regionCode: a.regionCode,
  status: a.status, cohortId: a.cohortId, trainingStart: a.trainingStart, trainingEnd: a.trainingEnd, trainedYear: a.trainedYear,
  specialities: a.specialities, languages: a.languages, notes: a.notes,
});

describe('in-memory registry', () => {
  it('answers every filter, sort and search as a full read of the records does, after any sequence of changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 25 }), fc.array(fc.tuple(filterArb, sortArb), { minLength: 3, maxLength: 8 }), fc.nat(), async (ops, queries, reloadAt) => {
        const db = freshDb();
        let registry = Registry.fromRecords([]);
        for (const [k, op] of ops.entries()) {
          // Loaded from its snapshot midway, as at a start: the changes after it meet export-only columns and an
          // ids' map not made yet (made at their first need).
          if (k === reloadAt % ops.length) registry = Registry.fromSnapshot(registry.toSnapshot());
          registry = await follow(db, registry, await apply(db, op));
          // part of the work done ahead (as the worker does between questions), stopped anywhere
          let asked = 0;
          registry.warm(() => ++asked > op.kind.length, 2);
          // asked between changes: what is kept from one answer to the next is mended, not stale
          expect(registry.barometer()).toEqual(await referenceBarometer(db));
          expect(registry.duplicatePairs()).toEqual(await duplicatePairs(db));
        }
        const reloaded = Registry.fromSnapshot(registry.toSnapshot());
        expect(reloaded.barometer()).toEqual(await referenceBarometer(db));
        expect(reloaded.duplicatePairs()).toEqual(await duplicatePairs(db));
        for (const [filter, sort] of [[emptyFilter, { field: 'sortName', dir: 'asc' }] as const, ...queries]) {
          const want = await expected(db, filter, sort);
          expect(registry.ids(registry.query(filter, sort)), JSON.stringify([filter, sort])).toEqual(want);
          expect(reloaded.ids(reloaded.query(filter, sort))).toEqual(want);
          // The CSV and workbook exports write these people from memory: the same values as their records.
          const records = (await db.animators.bulkGet(want)).map((a) => exportFields(a!));
          expect(registry.exportRecords(registry.query(filter, sort))).toEqual(records);
          expect(reloaded.exportRecords(reloaded.query(filter, sort))).toEqual(records);
        }
        db.close();
      }),
      { numRuns: 40 },
    );
  });

  it('answers a typed word from its word index as a full pass does, after changes made once the index was made', () => {
    const change = fc.oneof(
      formArb.map((form) => ({ kind: 'create' as const, form })),
      fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), form: formArb }),
      fc.record({ kind: fc.constant('bin' as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    );
    fc.assert(
      fc.property(fc.array(formArb, { minLength: 1, maxLength: 30 }), fc.array(change, { maxLength: 15 }), fc.array(filterArb, { minLength: 1, maxLength: 6 }), fc.boolean(), (forms, changes, filters, reload) => {
        const records = new Map<string, Animator>();
        for (const form of forms) {
          const a = createRecord<Animator>(fieldsOf(form));
          records.set(a.id, a);
        }
        let indexed = Registry.fromRecords(records.values());
        if (reload) indexed = Registry.fromSnapshot(indexed.toSnapshot());
        // the index made whole, then changes it has to make up for
        expect(indexed.warm(() => false)).toBe(true);
        for (const c of changes) {
          const ids = [...records.keys()];
          if (c.kind === 'create') {
            const a = createRecord<Animator>(fieldsOf(c.form));
            records.set(a.id, a);
            indexed.upsert(a);
          } else if (ids.length > 0) {
            const id = ids[c.pick % ids.length]!;
            if (c.kind === 'edit') {
              const a = { ...touchRecord(records.get(id)!, fieldsOf(c.form)) };
              records.set(id, a);
              indexed.upsert(a);
            } else if (c.kind === 'bin') {
              const a = softDelete(records.get(id)!);
              records.set(id, a);
              indexed.upsert(a);
            } else {
              records.delete(id);
              indexed.remove(id);
            }
          }
        }
        const full = Registry.fromRecords(records.values());
        for (const filter of [...filters, { ...emptyFilter, text: 'mar' }, { ...emptyFilter, text: 'tourisme lac' }]) {
          for (const f of [filter, { ...filter, deleted: true }]) {
            const sort: AnimatorSort = { field: 'sortName', dir: 'asc' };
            expect(indexed.ids(indexed.query(f, sort)), JSON.stringify(f)).toEqual(full.ids(full.query(f, sort)));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('finds a person by their full e-mail address, and not the others of that domain', () => {
    const person = (first: string, email: string) => createRecord<Animator>(fieldsOf({ ...emptyAnimatorForm(), firstName: first, lastName: 'Marchand', email }));
    const r = Registry.fromRecords([person('Élodie', 'elodie.marchand@ot-annecy.fr'), person('Marc', 'marc@ot-annecy.fr')]);
    const names = (text: string) => r.ids(r.query({ ...emptyFilter, text }, { field: 'sortName', dir: 'asc' })).map((id) => r.rowAt(r.query({ ...emptyFilter }, { field: 'sortName', dir: 'asc' }).find((o) => r.idAt(o) === id)!)!.firstName);
    expect(names('Elodie.Marchand@OT-Annecy.fr')).toEqual(['Élodie']);
    expect(names('marc@ot-annecy.fr')).toEqual(['Marc']);
    expect(names('@ot-annecy.fr')).toEqual(['Élodie', 'Marc']);
    expect(names('annecy')).toEqual([]);
    expect(names('marchand@')).toEqual(['Élodie']);
    expect(names('marc@lac.fr')).toEqual([]);
  });

  it('computes the baromètre and the duplicate pairs from its columns as from the records', async () => {
    const db = freshDb();
    const forms = fc.sample(formArb, { numRuns: 300, seed: 7 });
    const records = forms.map((f, i) => (i % 17 === 0 ? softDelete(createRecord<Animator>(fieldsOf(f))) : createRecord<Animator>(fieldsOf(f))));
    await db.animators.bulkPut(records);
    const r = Registry.fromRecords(await db.animators.toArray());
    const b = barometerBuilder();
    for (const a of await db.animators.toArray()) b.add(a);
    expect(r.barometer()).toEqual(b.result());
    expect(r.duplicatePairs()).toEqual(await duplicatePairs(db));
    expect(r.duplicatePairs().length).toBeGreaterThan(0);
    expect(r.allSpecialities()).toEqual(['photo', 'réseaux sociaux', 'vidéo']);
  });

  it('finds the same duplicate pairs as a pass over the records, whatever the names (accents, case, spaces, « | », combining marks)', async () => {
    const piece = fc.constantFrom('a', 'b', '|', 'a|', '|b', 'Marc', 'marc', 'MARC', 'Élodie', 'elodie', 'E\u0301lodie', ' ', '  ', '|', 'a|b', 'ΣΑΣ', 'σας', 'ß', 'ss', 'Œuvre', 'oeuvre', "L'Hôte", '\u0301', '');
    const text = fc.array(piece, { maxLength: 2 }).map((p) => p.join(''));
    const person = fc.record({ last: text, first: text, structure: text, email: fc.constantFrom('', '', 'a@b.fr', 'c@d.fr', 'A@b.fr'), binned: fc.boolean() });
    const base = createRecord<Animator>(fieldsOf({ ...emptyAnimatorForm(), firstName: 'x', lastName: 'y' }));
    await fc.assert(
      fc.asyncProperty(fc.array(person, { maxLength: 40 }), async (people) => {
        const db = freshDb();
        const records = people.map((p, i) => ({ ...base, id: `id-${(i * 7919) % 1000}-${i}`, lastName: p.last, firstName: p.first, structureName: p.structure, email: p.email, deletedAt: p.binned ? '2026-01-01T00:00:00.000Z' : null }));
        await db.animators.bulkPut(records);
        expect(Registry.fromRecords(records).duplicatePairs()).toEqual(await duplicatePairs(db));
        db.close();
      }),
      { numRuns: 150 },
    );
  });

  it('keeps its duplicates current when a person changes name, structure or e-mail, or goes to the bin', () => {
    const record = (id: string, first: string, structure: string, email = '') => ({ ...createRecord<Animator>(fieldsOf({ ...emptyAnimatorForm(), firstName: first, lastName: 'Marchand', structureName: structure, email })), id });
    const r = Registry.fromRecords([record('a', 'Léa', 'OT Lac'), record('b', 'LEA', 'ot lac '), record('c', 'Zoé', 'CDT', 'z@lac.fr')]);
    r.warm(() => false);
    expect(r.duplicatePairs()).toEqual([{ a: 'a', b: 'b', reason: 'name' }]);
    r.upsert(record('b', 'Marc', 'OT Lac'));
    expect(r.duplicatePairs()).toEqual([]);
    r.upsert(record('a', 'Marc', 'OT Lac', 'z@lac.fr'));
    expect(r.duplicatePairs()).toEqual([
      { a: 'a', b: 'b', reason: 'name' },
      { a: 'a', b: 'c', reason: 'email' },
    ]);
    r.upsert({ ...record('a', 'Marc', 'OT Lac', 'z@lac.fr'), deletedAt: '2026-01-01T00:00:00.000Z' });
    expect(r.duplicatePairs()).toEqual([]);
    r.remove('a');
    r.upsert(record('d', 'marc', 'OT  Lac'));
    expect(r.duplicatePairs()).toEqual([]);
    r.upsert(record('e', 'Marc ', 'ot lac'));
    expect(r.duplicatePairs()).toEqual([{ a: 'b', b: 'e', reason: 'name' }]);
  });

  it('folds a name as its parts folded apart (the duplicates fold each distinct part once)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ unit: 'binary', maxLength: 12 }), (a, b) => {
        expect(foldText(`${a} ${b}`)).toBe(`${foldText(a)} ${foldText(b)}`);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a snapshot that is cut, inconsistent or of another format, naming the part', () => {
    const registry = Registry.fromRecords(fc.sample(formArb, { numRuns: 20, seed: 3 }).map((f) => createRecord<Animator>(fieldsOf(f))));
    const snapshot = registry.toSnapshot();
    expect(snapshot.format).toBe(SNAPSHOT_FORMAT);
    expect(snapshot.parts.map((p) => p.name)).toEqual(expect.arrayContaining(['id', 'words', 'dict', 'regionCode', 'specialities', 'order:sortName', 'order::id']));
    expect(Registry.fromSnapshot(snapshot).size).toBe(20);
    const withPart = (name: string, change: (bytes: ArrayBuffer) => ArrayBuffer) => ({ ...snapshot, parts: snapshot.parts.map((p) => (p.name === name ? { name, bytes: change(p.bytes) } : p)) });
    const refused = (s: Snapshot) => {
      try {
        Registry.fromSnapshot(s);
      } catch (error) {
        expect(error).toBeInstanceOf(SnapshotError);
        return (error as Error).message;
      }
      return 'read';
    };
    expect(refused({ ...snapshot, format: 0 })).toBe('registry snapshot: not a registry snapshot');
    expect(refused({ ...snapshot, count: 19 })).toMatch(/^registry snapshot: part /);
    expect(refused(withPart('lastName', (b) => b.slice(0, -1)))).toBe('registry snapshot: part lastName');
    expect(refused({ ...snapshot, parts: snapshot.parts.filter((p) => p.name !== 'email') })).toBe('registry snapshot: part email missing');
    // A code past its column's distinct values.
    expect(refused(withPart('regionCode', (b) => Uint32Array.from(new Uint32Array(b), (c, i) => (i === 4 ? 999 : c)).buffer))).toBe('registry snapshot: part regionCode');
    // Offsets of a list column that go backwards.
    expect(refused(withPart('specialities', (b) => Uint32Array.from(new Uint32Array(b), (c, i) => (i === 1 ? 50 : c)).buffer))).toBe('registry snapshot: part specialities');
    // An order naming one person twice.
    expect(refused(withPart('order:sortName', (b) => Int32Array.from(new Int32Array(b), (o, i) => (i === 1 ? new Int32Array(b)[0]! : o)).buffer))).toBe('registry snapshot: part order:sortName');
    // Twice the same id (ids are 36 ASCII characters, after the 20 lengths and the narrow text's size: the first one's bytes written over the second's).
    const twice = (b: ArrayBuffer) => {
      const bytes = new Uint8Array(b.slice(0));
      bytes.copyWithin(4 * 21 + 36, 4 * 21, 4 * 21 + 36);
      return bytes.buffer;
    };
    expect(refused(withPart('id', twice))).toBe('registry snapshot: duplicate id');
    // The primary-key order out of order (still a permutation): the ids are checked by walking it.
    const swapped = (b: ArrayBuffer) => {
      const order = new Int32Array(b.slice(0));
      [order[3], order[7]] = [order[7]!, order[3]!];
      return order.buffer;
    };
    expect(refused(withPart('order::id', swapped))).toBe('registry snapshot: part order::id');
    // The export-only columns, made at their first use, are checked at the load all the same.
    expect(refused(withPart('phone', (b) => b.slice(0, -1)))).toBe('registry snapshot: part phone');
    expect(refused(withPart('languages', (b) => Uint32Array.from(new Uint32Array(b), (c, i) => (i === new Uint32Array(b).length - 1 ? 999 : c)).buffer))).toBe('registry snapshot: part languages');
    expect(refused(withPart('notes', (b) => new Uint32Array(b).map((c, i) => (i === 2 ? c + 1 : c)).buffer))).toBe('registry snapshot: part notes');
  });

  it('makes the export-only columns and the ids\' map at their first need, as they were saved', () => {
    const records = fc.sample(formArb, { numRuns: 40, seed: 5 }).map((f) => createRecord<Animator>(fieldsOf(f)));
    const registry = Registry.fromRecords(records);
    const snapshot = registry.toSnapshot();
    const everyone = (r: Registry) => r.query({ ...emptyFilter }, { field: 'sortName', dir: 'asc' });
    // Saved again before anything asked them: the same bytes, part by part.
    const again = Registry.fromSnapshot(snapshot).toSnapshot();
    expect(again.parts.map((p) => [p.name, [...new Uint8Array(p.bytes)]])).toEqual(snapshot.parts.map((p) => [p.name, [...new Uint8Array(p.bytes)]]));
    // Exported right after the load: what the records say.
    const loaded = Registry.fromSnapshot(snapshot);
    const byId = new Map(records.map((a) => [a.id, a]));
    expect(loaded.exportRecords(everyone(loaded))).toEqual(loaded.ids(everyone(loaded)).map((id) => exportFields(byId.get(id)!)));
    // Made ahead, between questions (a slice at a time), then exported: the same.
    const warmed = Registry.fromSnapshot(snapshot);
    let asked = 0;
    let slices = 0;
    while (!warmed.warm(() => ++asked % 3 === 0, 4)) slices++;
    expect(slices).toBeGreaterThan(3);
    expect(warmed.exportRecords(everyone(warmed))).toEqual(loaded.exportRecords(everyone(loaded)));
    // The ids' map: asked before anything else made it.
    const fresh = Registry.fromSnapshot(snapshot);
    expect(fresh.size).toBe(40);
    expect(fresh.has(records[7]!.id)).toBe(true);
    expect(fresh.has('nobody')).toBe(false);
    expect(fresh.rowById(records[9]!.id)?.lastName).toBe(records[9]!.lastName);
    // A change before any export: the new person's export-only fields beside the loaded ones.
    const other = Registry.fromSnapshot(snapshot);
    const added = createRecord<Animator>(fieldsOf({ ...emptyAnimatorForm(), firstName: 'Nouvelle', lastName: 'Venue', phone: '06 00 00 00 01', notes: 'arrivée', languages: 'occitan' }));
    other.upsert(added);
    other.remove(records[0]!.id);
    byId.set(added.id, added);
    const ids = other.ids(everyone(other));
    expect(ids).toContain(added.id);
    expect(ids).not.toContain(records[0]!.id);
    expect(other.size).toBe(40);
    expect(other.exportRecords(everyone(other))).toEqual(ids.map((id) => exportFields(byId.get(id)!)));
  });

  it('carries the list orders: a stored order is the one the list walks', () => {
    const registry = Registry.fromRecords(fc.sample(formArb, { numRuns: 30, seed: 4 }).map((f) => createRecord<Animator>(fieldsOf(f))));
    const sort = { field: 'sortName', dir: 'asc' } as const;
    const want = registry.ids(registry.query(emptyFilter, sort));
    const snapshot = registry.toSnapshot();
    expect(Registry.fromSnapshot(snapshot).ids(Registry.fromSnapshot(snapshot).query(emptyFilter, sort))).toEqual(want);
    // The stored order reversed (still a permutation): the list follows it, so it was not sorted again.
    const reversed = { ...snapshot, parts: snapshot.parts.map((p) => (p.name === 'order:sortName' ? { name: p.name, bytes: new Int32Array(p.bytes).slice().reverse().buffer } : p)) };
    const r = Registry.fromSnapshot(reversed);
    expect(r.ids(r.query(emptyFilter, sort))).toEqual([...want].reverse());
  });
});

/**
 * The registry kept current from the change log, through the app's own write paths: the
 * editor's saves, the bin, the duplicates merge, an erasure, a CSV import, a merge of another
 * machine's file and a backup restore. After any sequence, it answers as a full read of the
 * records; a second window opening later (snapshot + log) answers the same; a snapshot cut,
 * altered or of another format is rebuilt from the records.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { createRecord, touchRecord } from '../../db/records';
import type { Animator } from '../../domain/registry';
import { emptyFilter, queryAnimators, sortFields, type AnimatorFilter, type AnimatorSort } from './query';
import { LiveRegistry, type LoadedFrom } from './registry-live';
import { createAnimator, deleteAnimator, emptyAnimatorForm, fieldsOf, mergeAnimators, restoreAnimator, updateAnimator, withDerived, type AnimatorForm } from './repository';
import { applyImport, planImport } from './import/plan';
import { detectMapping } from './import/headers';
import { parseCsv } from './import/parse';
import { applyMerge, type MergePlan } from '../safekeeping/exchange';
import { erasePerson } from '../safekeeping/privacy';
import { exportBackup, parseAndValidateBackup, restoreBackup } from '../safekeeping/backup';

const names = ['Élodie Marchand', 'Marc Dubois', 'Léa Martin', 'Émile Bordes', 'Zoé Étienne'];
const communes = [
  ['Bordeaux', '33000'],
  ['Annecy', '74000'],
  ['Marseille', '13001'],
] as const;
const formArb = fc.record({ name: fc.constantFrom(...names), commune: fc.constantFrom(...communes), status: fc.constantFrom('forme', 'certifie', 'en-formation'), year: fc.constantFrom('', '2015', '2022'), mail: fc.constantFrom('', 'contact@ot-bordeaux.fr', 'lea@lac.fr') }).map(
  (v): AnimatorForm => ({
    ...emptyAnimatorForm(),
    firstName: v.name.split(' ')[0]!,
    lastName: v.name.split(' ')[1]!,
    communeName: v.commune[0],
    postalCode: v.commune[1],
    regionCode: v.commune[1].startsWith('33') ? '75' : v.commune[1].startsWith('74') ? '84' : '93',
    departmentCode: v.commune[1].slice(0, 2),
    status: v.status as AnimatorForm['status'],
    trainedYear: v.year,
    email: v.mail,
  }),
);

type Op =
  | { kind: 'create' | 'edit'; form: AnimatorForm; pick: number }
  | { kind: 'delete' | 'restore' | 'erase'; pick: number }
  | { kind: 'dedupe'; keep: number; drop: number }
  | { kind: 'import'; rows: AnimatorForm[] }
  | { kind: 'exchange'; forms: AnimatorForm[]; edits: number[] }
  | { kind: 'backupRestore'; edits: number[] };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('create' as const), form: formArb, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit' as const), form: formArb, pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom('delete' as const, 'restore' as const, 'erase' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('dedupe' as const), keep: fc.nat(), drop: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('import' as const), rows: fc.array(formArb, { minLength: 1, maxLength: 6 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('exchange' as const), forms: fc.array(formArb, { maxLength: 4 }), edits: fc.array(fc.nat(), { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('backupRestore' as const), edits: fc.array(fc.nat(), { maxLength: 3 }) }) },
);

const csvOf = (rows: AnimatorForm[]) =>
  new TextEncoder().encode(['Nom;Prénom;Courriel;Commune;Code postal;Statut', ...rows.map((r) => [r.lastName, r.firstName, r.email, r.communeName, r.postalCode, r.status === 'certifie' ? 'Certifié' : 'Formé'].join(';'))].join('\n'));

async function apply(db: FourmiliereDatabase, op: Op): Promise<void> {
  const ids = (await db.animators.toCollection().primaryKeys()) as string[];
  const at = (n: number) => (ids.length ? ids[n % ids.length] : undefined);
  switch (op.kind) {
    case 'create':
      await createAnimator(fieldsOf(op.form), db);
      return;
    case 'edit': {
      const id = at(op.pick);
      if (id) await updateAnimator(id, fieldsOf(op.form), 'fiche modifiée', db);
      return;
    }
    case 'delete':
    case 'restore': {
      const id = at(op.pick);
      if (id) await (op.kind === 'delete' ? deleteAnimator(id, db) : restoreAnimator(id, db));
      return;
    }
    case 'erase': {
      const id = at(op.pick);
      if (id) await erasePerson(db, 'animator', id, { anonymiseSignedSheets: false });
      return;
    }
    case 'dedupe': {
      const keep = at(op.keep);
      const drop = at(op.drop);
      if (keep && drop && keep !== drop) await mergeAnimators(keep, drop, {}, db);
      return;
    }
    case 'import': {
      const parsed = parseCsv(csvOf(op.rows));
      await applyImport(db, await planImport(db, parsed, detectMapping(parsed.headers)));
      return;
    }
    case 'exchange': {
      const added = op.forms.map((f) => ({ table: 'animators' as const, record: { ...createRecord<Animator>(fieldsOf(f)), rev: { device: 'peer', counter: 5 } } }));
      const updated = [];
      for (const n of op.edits) {
        const a = await db.animators.get(at(n) ?? '');
        if (a) updated.push({ table: 'animators' as const, previous: a, record: touchRecord(a, withDerived({ ...a, structureName: 'CDT Gironde' })) });
      }
      const plan: MergePlan = { peer: { device: 'peer', name: 'Portable', clock: 10, scope: 'all', seenOfUs: 0 }, added, updated, deleted: [], conflicts: [], unchanged: 0, invalid: [], duplicates: [], tombstones: [] };
      await applyMerge(db, plan);
      return;
    }
    case 'backupRestore': {
      const backup = new TextDecoder().decode(await exportBackup(db));
      // Changes after the backup, undone by restoring it.
      for (const n of op.edits) {
        const id = at(n);
        if (id) await updateAnimator(id, { notes: 'après la sauvegarde', lastName: 'Zed' }, 'fiche modifiée', db);
      }
      await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: 'Après', lastName: 'Coup' }), db);
      const parsed = await parseAndValidateBackup(backup);
      if (!parsed.ok) throw new Error(parsed.error.key);
      await restoreBackup(db, parsed.value);
      return;
    }
  }
}

const filterArb: fc.Arbitrary<AnimatorFilter> = fc.record({
  text: fc.constantFrom('', 'mar', 'bord', 'contact@ot-bordeaux.fr', 'lac', 'zed', 'coup'),
  regionCode: fc.constantFrom('', '75', '84'),
  departmentCode: fc.constant(''),
  status: fc.constantFrom('', 'certifie'),
  cohortId: fc.constant(''),
  structureType: fc.constant(''),
  speciality: fc.constant(''),
  deleted: fc.boolean(),
}) as fc.Arbitrary<AnimatorFilter>;
const sortArb: fc.Arbitrary<AnimatorSort> = fc.record({ field: fc.constantFrom(...sortFields), dir: fc.constantFrom('asc' as const, 'desc' as const) });

async function expectSame(db: FourmiliereDatabase, live: LiveRegistry, queries: [AnimatorFilter, AnimatorSort][]) {
  const registry = await live.open();
  for (const [filter, sort] of queries) {
    const full = await queryAnimators(db, filter, sort, { offset: 0, limit: 100_000 });
    expect(registry.ids(registry.query(filter, sort)), JSON.stringify([filter, sort])).toEqual(full.rows.map((a) => a.id));
  }
}

describe('registry kept current from the change log', () => {
  it('equals a full read of the records after any sequence of writes through the app, in this window and in one opened later', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 10 }), fc.array(fc.tuple(filterArb, sortArb), { minLength: 2, maxLength: 5 }), fc.integer({ min: 1, max: 8 }), async (ops, queries, saveAfter) => {
        const db = freshDb();
        const live = new LiveRegistry(db, { saveAfter });
        await live.open();
        for (const op of ops) {
          await apply(db, op);
          await live.catchUp();
        }
        const all: [AnimatorFilter, AnimatorSort][] = [[emptyFilter, { field: 'sortName', dir: 'asc' }], ...queries];
        await expectSame(db, live, all);
        // A window opened now: the snapshot saved along the way, and the log since.
        await expectSame(db, new LiveRegistry(db), all);
        db.close();
      }),
      { numRuns: 12 },
    );
  }, 120_000);

  it('loads the snapshot when it is whole, and rebuilds from the records when it is missing, cut, altered or of another format', async () => {
    const db = freshDb();
    for (const f of fc.sample(formArb, { numRuns: 30, seed: 11 })) await createAnimator(fieldsOf(f), db);
    const opened = async () => {
      const seen: { from: LoadedFrom; reason: string }[] = [];
      const live = new LiveRegistry(db, { onLoad: (from, _ms, reason) => seen.push({ from, reason }) });
      const registry = await live.open();
      expect(registry.size).toBe(30);
      return seen[0]!;
    };
    expect(await opened()).toEqual({ from: 'records', reason: 'missing' });
    expect((await opened()).from).toBe('snapshot');
    // Stale: written after the snapshot, found in the log.
    const someone = (await db.animators.toCollection().first())!;
    await updateAnimator(someone.id, { lastName: 'Nouveau' }, 'fiche modifiée', db);
    const live = new LiveRegistry(db);
    const registry = await live.open();
    expect(registry.ids(registry.query({ ...emptyFilter, text: 'nouveau' }, { field: 'sortName', dir: 'asc' }))).toEqual([someone.id]);

    // A part cut short, then one byte of the words altered: rebuilt from the records (which hold the edit).
    const part = async (id: string) => (await db.registrySnapshot.get(id)) as { id: string; bytes: ArrayBuffer };
    const names = await part('part:lastName:0');
    await db.registrySnapshot.put({ ...names, bytes: names.bytes.slice(0, -5) });
    expect(await opened()).toEqual({ from: 'records', reason: 'registry snapshot: part lastName altered' });
    const rebuilt = await part('part:lastName:0');
    expect(new TextDecoder().decode(rebuilt.bytes)).toContain('Nouveau');
    const words = await part('part:words:0');
    const flipped = new Uint8Array(words.bytes.slice(0));
    flipped[flipped.length - 3]! ^= 1;
    await db.registrySnapshot.put({ ...words, bytes: flipped.buffer });
    expect(await opened()).toEqual({ from: 'records', reason: 'registry snapshot: part words altered' });
    const meta = (await db.registrySnapshot.get('meta'))!;
    await db.registrySnapshot.put({ ...meta, format: 0 } as typeof meta);
    expect(await opened()).toEqual({ from: 'records', reason: 'format 0' });
    await db.registrySnapshot.delete('part:id:0');
    expect(await opened()).toEqual({ from: 'records', reason: 'registry snapshot: part id missing' });
    expect((await opened()).from).toBe('snapshot');
  });

  it('rebuilds a snapshot of the previous format (one JSON text), then reads its own', async () => {
    const db = freshDb();
    for (const f of fc.sample(formArb, { numRuns: 12, seed: 5 })) await createAnimator(fieldsOf(f), db);
    await db.registrySnapshot.clear();
    const text = JSON.stringify({ format: 2, count: 0, columns: {} });
    await db.registrySnapshot.bulkPut([{ id: 'chunk:0', text } as never, { id: 'meta', format: 2, seq: 0, chunks: 1, length: text.length, hash: 0, savedAt: new Date().toISOString() }]);
    const loads: { from: LoadedFrom; reason: string }[] = [];
    const first = await new LiveRegistry(db, { onLoad: (from, _ms, reason) => loads.push({ from, reason }) }).open();
    expect(first.size).toBe(12);
    expect(loads).toEqual([{ from: 'records', reason: 'format 2' }]);
    expect(await db.registrySnapshot.get('chunk:0')).toBeUndefined();
    const second = await new LiveRegistry(db, { onLoad: (from, _ms, reason) => loads.push({ from, reason }) }).open();
    expect(loads[1]).toEqual({ from: 'snapshot', reason: 'whole' });
    const sort = { field: 'sortName', dir: 'asc' } as const;
    expect(second.ids(second.query(emptyFilter, sort))).toEqual(first.ids(first.query(emptyFilter, sort)));
  });

  it('stores a large part in several rows, and rebuilds when one of them is altered or missing', async () => {
    const db = freshDb();
    for (const f of fc.sample(formArb, { numRuns: 40, seed: 9 })) await createAnimator(fieldsOf(f), db);
    const loads: { from: LoadedFrom; reason: string }[] = [];
    const open = () => new LiveRegistry(db, { chunkBytes: 256, onLoad: (from, _ms, reason) => loads.push({ from, reason }) }).open();
    const built = await open();
    const keys = (await db.registrySnapshot.toCollection().primaryKeys()).filter((k) => k.startsWith('part:words:'));
    expect(keys.length).toBeGreaterThan(2);
    const sort = { field: 'structureName', dir: 'desc' } as const;
    const filter = { ...emptyFilter, text: 'ma' };
    const want = (await queryAnimators(db, filter, sort, { offset: 0, limit: 1000 })).rows.map((a) => a.id);
    expect(want.length).toBeGreaterThan(0);
    const reread = await open();
    expect(reread.ids(reread.query(filter, sort))).toEqual(want);
    await open();
    expect(loads.slice(-2).map((l) => l.from)).toEqual(['snapshot', 'snapshot']);
    // The second row of the words: one byte altered, same length.
    const row = (await db.registrySnapshot.get('part:words:1')) as { id: string; bytes: ArrayBuffer };
    const bytes = new Uint8Array(row.bytes.slice(0));
    bytes[10]! ^= 0x20;
    await db.registrySnapshot.put({ ...row, bytes: bytes.buffer });
    expect((await open()).size).toBe(built.size);
    expect(loads.at(-1)).toEqual({ from: 'records', reason: 'registry snapshot: part words altered' });
    await db.registrySnapshot.delete('part:words:2');
    await open();
    expect(loads.at(-1)).toEqual({ from: 'records', reason: 'registry snapshot: part words missing' });
    await open();
    expect(loads.at(-1)).toEqual({ from: 'snapshot', reason: 'whole' });
  });

  it('with saveAside, answers from the changes before the snapshot due is written, then writes it beside', async () => {
    const db = freshDb();
    const live = new LiveRegistry(db, { saveAfter: 3, saveAside: true });
    await live.open();
    const before = (await db.registrySnapshot.get('meta')) as { seq: number } | undefined;
    for (const name of ['Anne', 'Paul', 'Zoé']) await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: name, lastName: 'Martin' }), db);
    // Held until the save resolves: catchUp must not wait for it.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const save = live.save.bind(live);
    live.save = async (replace?: boolean) => {
      await held;
      return save(replace);
    };
    await live.catchUp();
    expect(live.registry!.size).toBe(3);
    expect(((await db.registrySnapshot.get('meta')) as { seq: number } | undefined)?.seq).toBe(before?.seq);
    release();
    await live.saved();
    // The snapshot now includes the three, and a registry opened from it answers the same.
    const again = new LiveRegistry(db);
    expect((await again.open()).size).toBe(3);
    expect(((await db.registrySnapshot.get('meta')) as { seq: number }).seq).toBeGreaterThan(before?.seq ?? 0);
  });

  it('writes to animators and their log entry in one transaction: an aborted write leaves neither', async () => {
    const db = freshDb();
    await db.registryLog.clear();
    await expect(
      db.transaction('rw', db.animators, async () => {
        await db.animators.put(createRecord<Animator>(fieldsOf({ ...emptyAnimatorForm(), firstName: 'A', lastName: 'B' })));
        throw new Error('abandon');
      }),
    ).rejects.toThrow('abandon');
    expect(await db.registryLog.count()).toBe(0);
    const a = await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: 'A', lastName: 'B' }), db);
    expect((await db.registryLog.toArray()).map((e) => e.ids)).toEqual([[a.id]]);
    await db.animators.clear();
    expect((await db.registryLog.toArray()).map((e) => e.ids)).toEqual([[a.id], null]);
  });
});

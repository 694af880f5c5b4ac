/**
 * The registry's worker without the worker: the list on screen (count and first rows in one
 * answer, rows by position, a new version after a change), the questions other screens ask,
 * and the exports read back by an independent parser.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import Papa from 'papaparse';
import { parseWorkbook } from './import/workbook';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { emptyFilter, queryAnimators } from './query';
import { RegistryService } from './registry-service';
import { LiveRegistry } from './registry-live';
import type { Answers, Ask, RegistryOut } from './registry-protocol';
import { createAnimator, deleteAnimator, emptyAnimatorForm, fieldsOf, updateAnimator, type AnimatorForm } from './repository';

const form = (over: Partial<AnimatorForm>): AnimatorForm => ({ ...emptyAnimatorForm(), firstName: 'Élodie', lastName: 'Marchand', regionCode: '84', departmentCode: '74', communeName: 'Annecy', ...over });

let service: RegistryService | null = null;
afterEach(() => service?.stop());

function start(db: FourmiliereDatabase, options?: { keepPagesAfterMs?: number }) {
  const out: RegistryOut[] = [];
  const waiters: { test: (m: RegistryOut) => boolean; resolve: (m: RegistryOut) => void }[] = [];
  service = new RegistryService(db, (m) => {
    out.push(m);
    for (const w of [...waiters]) {
      if (!w.test(m)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  }, options);
  const next = <T extends RegistryOut>(test: (m: RegistryOut) => m is T) =>
    new Promise<T>((resolve) => {
      const seen = out.find(test);
      if (seen) return resolve(seen);
      waiters.push({ test, resolve: resolve as (m: RegistryOut) => void });
    });
  let request = 0;
  const ask = async <K extends Ask['type']>(a: Extract<Ask, { type: K }>): Promise<Answers[K]> => {
    const r = ++request;
    service!.handle({ type: 'ask', request: r, ask: a });
    const m = await next((m): m is Extract<RegistryOut, { type: 'answer' }> => (m.type === 'answer' || m.type === 'failed') && m.request === r);
    return m.value as Answers[K];
  };
  return { out, next, ask };
}

type ListOut = Extract<RegistryOut, { type: 'list' }>;
const isList = (version: number) => (m: RegistryOut): m is ListOut => m.type === 'list' && m.version >= version;

describe('the registry service (run in a worker)', () => {
  it('answers a list kept with the snapshot before reading its columns, then from them; not when a change came after it', async () => {
    const db = freshDb();
    for (let i = 0; i < 80; i++) await createAnimator(fieldsOf(form({ firstName: `P${String(i).padStart(3, '0')}`, lastName: i % 3 ? 'Dubois' : 'Martin', regionCode: i % 2 ? '84' : '75' })), db);
    const sort = { field: 'sortName', dir: 'asc' } as const;
    const region = { ...emptyFilter, regionCode: '84' };
    const keep = async () => {
      const live = new LiveRegistry(db, { pages: () => [{ filter: region, sort, first: 60 }] });
      await live.open();
      await live.save(true);
    };
    await keep();
    const want = (await queryAnimators(db, region, sort, { offset: 0, limit: 60 })).rows.map((a) => a.id);
    expect(want).toHaveLength(40);
    // The columns made unreadable: the kept list is answered at once (version 0), then again from the records (a new version).
    await db.registrySnapshot.delete('part:words:0');
    let s = start(db);
    service!.handle({ type: 'list', seq: 1, filter: region, sort, first: 60 });
    const kept = await s.next(isList(0));
    expect(kept.version).toBe(0);
    expect(kept.total).toBe(40);
    expect(kept.rows.map((r) => r.id)).toEqual(want);
    const loaded = await s.next(isList(1));
    expect(loaded.rows).toEqual(kept.rows);
    expect((await s.ask({ type: 'status' })).loadedFrom).toBe('records');
    service!.stop();
    // A list not kept: answered once loaded only.
    await keep();
    s = start(db);
    service!.handle({ type: 'list', seq: 1, filter: { ...emptyFilter, regionCode: '75' }, sort, first: 60 });
    expect((await s.next(isList(0))).version).toBe(1);
    expect((await s.ask({ type: 'status' })).loadedFrom).toBe('snapshot');
    service!.stop();
    // Asked once the registry is loaded, that list is kept for the next start (only the meta row written).
    s = start(db, { keepPagesAfterMs: 0 });
    service!.handle({ type: 'list', seq: 1, filter: { ...emptyFilter, regionCode: '75' }, sort, first: 60 });
    const asked = await s.next(isList(1));
    await expect.poll(async () => ((await db.registrySnapshot.get('meta')) as { pages?: { total: number }[] }).pages?.map((p) => p.total)).toEqual([80, 40]);
    service!.stop();
    s = start(db);
    service!.handle({ type: 'list', seq: 1, filter: { ...emptyFilter, regionCode: '75' }, sort, first: 60 });
    const keptNow = await s.next(isList(0));
    expect(keptNow.version).toBe(0);
    expect(keptNow.rows).toEqual(asked.rows);
    service!.stop();
    // A change after the snapshot: the kept rows may be stale, so they are not shown.
    await updateAnimator(want[0]!, { firstName: 'Zoé' }, 'fiche modifiée', db);
    s = start(db);
    service!.handle({ type: 'list', seq: 1, filter: region, sort, first: 60 });
    const fresh = await s.next(isList(0));
    expect(fresh.version).toBe(1);
    expect(fresh.rows.map((r) => r.firstName)).toContain('Zoé');
  });

  it('answers the list with its count and first rows, serves rows by position and answers again after a change', async () => {
    const db = freshDb();
    for (let i = 0; i < 120; i++) await createAnimator(fieldsOf(form({ firstName: `P${String(i).padStart(3, '0')}`, lastName: i % 2 ? 'Dubois' : 'Martin', email: `p${i}@ot-annecy.fr` })), db);
    const { next, ask } = start(db);
    service!.handle({ type: 'list', seq: 1, filter: emptyFilter, sort: { field: 'sortName', dir: 'asc' }, first: 60 });
    const first = await next(isList(1));
    const full = await queryAnimators(db, emptyFilter, { field: 'sortName', dir: 'asc' }, { offset: 0, limit: 1000 });
    expect(first.total).toBe(120);
    expect(first.rows.map((r) => r.id)).toEqual(full.rows.slice(0, 60).map((a) => a.id));

    service!.handle({ type: 'rows', seq: 1, version: first.version, from: 100, to: 150 });
    const rows = await next((m): m is Extract<RegistryOut, { type: 'rows' }> => m.type === 'rows');
    expect(rows.from).toBe(100);
    expect(rows.rows.map((r) => r?.id)).toEqual(full.rows.slice(100, 120).map((a) => a.id));

    // A change: the list is answered again, one fewer.
    await deleteAnimator(full.rows[0]!.id, db);
    const after = await next(isList(first.version + 1));
    expect(after.total).toBe(119);
    expect(after.rows[0]!.id).toBe(full.rows[1]!.id);

    // The full address finds one person; the picker's search gives rows and a count.
    const found = await ask({ type: 'search', filter: { ...emptyFilter, text: 'p7@ot-annecy.fr' }, sort: { field: 'sortName', dir: 'asc' }, limit: 10 });
    expect(found.rows.map((r) => r.firstName)).toEqual(['P007']);
  });

  it('gives the baromètre, the duplicates with their names and the specialities, again after a change', async () => {
    const db = freshDb();
    const a = await createAnimator(fieldsOf(form({ email: 'elodie@lac.fr', specialities: 'photo' })), db);
    await createAnimator(fieldsOf(form({ firstName: 'Elodie', email: 'elodie@lac.fr', specialities: 'vidéo' })), db);
    const { ask, next } = start(db);
    expect((await ask({ type: 'barometer' })).total).toBe(2);
    expect(await ask({ type: 'duplicates' })).toEqual([expect.objectContaining({ reason: 'email', aName: expect.stringMatching(/lodie Marchand/), bName: expect.stringMatching(/lodie Marchand/) })]);
    expect(await ask({ type: 'specialities' })).toEqual(['photo', 'vidéo']);
    const changed = (m: RegistryOut): m is Extract<RegistryOut, { type: 'changed' }> => m.type === 'changed' && m.version >= 2;
    await updateAnimator(a.id, { email: 'autre@lac.fr', lastName: 'Autre' }, 'fiche modifiée', db);
    await next(changed);
    expect(await ask({ type: 'duplicates' })).toEqual([]);
  });

  it('exports the list on screen, in its order, as CSV and as a workbook, read back', async () => {
    const db = freshDb();
    for (const [first, last] of [
      ['Zoé', 'Abadie'],
      ['Marc', 'Dubois'],
      ['Léa', 'Martin'],
    ] as const) await createAnimator(fieldsOf(form({ firstName: first, lastName: last, status: 'certifie', postalCode: '06370', email: `${last.toLowerCase()}@lac.fr` })), db);
    const { next, ask } = start(db);
    service!.handle({ type: 'list', seq: 1, filter: { ...emptyFilter, text: 'm' }, sort: { field: 'sortName', dir: 'desc' }, first: 60 });
    await next(isList(1));
    const labels = { messages: { 'animators.status.certifie': 'Certifié·e', 'animators.structureType.office-tourisme': 'Office de tourisme' }, cohorts: {} };
    const csv = await ask({ type: 'export', kind: 'csv', labels });
    expect(csv.count).toBe(2);
    const parsed = Papa.parse<string[]>(new TextDecoder().decode(csv.bytes).replace(/^\uFEFF/, ''), { delimiter: ';' }).data.filter((r) => r.length > 1);
    expect(parsed.map((r) => [r[0], r[1], r[8], r[11]])).toEqual([
      ['Nom', 'Prénom', 'Code postal', 'Statut'],
      ['Martin', 'Léa', '06370', 'Certifié·e'],
      ['Dubois', 'Marc', '06370', 'Certifié·e'],
    ]);
    const xlsx = await ask({ type: 'export', kind: 'xlsx', labels });
    const book = await parseWorkbook(xlsx.bytes);
    const sheet = book.parsed[book.defaultSheet]!;
    if (sheet instanceof Error) throw sheet;
    expect(sheet.rows.map((r) => [r.cells[0], r.cells[8]])).toEqual([
      ['Martin', '06370'],
      ['Dubois', '06370'],
    ]);
  });

  it('exports the whole list when asked the moment the columns are loaded, the list still answered from the kept rows', async () => {
    const db = freshDb();
    for (let i = 0; i < 70; i++) await createAnimator(fieldsOf(form({ firstName: `P${String(i).padStart(3, '0')}`, lastName: 'Dubois', postalCode: '74000' })), db);
    const sort = { field: 'sortName', dir: 'asc' } as const;
    const live = new LiveRegistry(db, { pages: () => [{ filter: emptyFilter, sort, first: 60 }] });
    await live.open();
    await live.save(true);
    const want = (await queryAnimators(db, emptyFilter, sort, { offset: 0, limit: 1000 })).rows.map((a) => [a.lastName, a.firstName, a.postalCode]);
    const labels = { messages: {}, cohorts: {} };
    // The export is asked as the bench clicks it: when the worker's timeline says the registry is loaded, before
    // the list on screen (answered from the snapshot's kept rows) was answered again from the columns.
    let exported: Promise<Answers['export']> | null = null;
    let s: ReturnType<typeof start> | null = null;
    const mark = vi.spyOn(performance, 'mark').mockImplementation(((name: string) => {
      if (name === 'registry loaded' && s) exported ??= s.ask({ type: 'export', kind: 'csv', labels });
    }) as typeof performance.mark);
    try {
      s = start(db);
      service!.handle({ type: 'list', seq: 1, filter: emptyFilter, sort, first: 60 });
      expect((await s.next(isList(0))).total).toBe(70);
      await expect.poll(() => exported !== null).toBe(true);
      const csv = await exported!;
      const parsed = Papa.parse<string[]>(new TextDecoder().decode(csv.bytes).replace(/^\uFEFF/, ''), { delimiter: ';' }).data.filter((r) => r.length > 1);
      expect(csv.count).toBe(70);
      expect(parsed.slice(1).map((r) => [r[0], r[1], r[8]])).toEqual(want);
    } finally {
      mark.mockRestore();
    }
  });
});

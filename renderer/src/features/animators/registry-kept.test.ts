/**
 * The count and first rows the snapshot keeps of a list, as the window reads them while the
 * registry's worker starts: the same as the registry's answer, and never shown once a change
 * came after the snapshot or when the kept rows were altered.
 */
import { describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import { emptyFilter, queryAnimators } from './query';
import { LiveRegistry } from './registry-live';
import { keptPage, readKeptAhead } from './registry-kept';
import { createAnimator, emptyAnimatorForm, fieldsOf, updateAnimator } from './repository';

describe('the kept first page of a list', () => {
  it('is the list as the registry answers it, until a change comes after the snapshot', async () => {
    const db = freshDb();
    for (let i = 0; i < 30; i++) await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: `P${String(i).padStart(2, '0')}`, lastName: i % 2 ? 'Dubois' : 'Lœuillet', regionCode: i % 3 ? '84' : '75' }), db);
    const sort = { field: 'sortName', dir: 'desc' } as const;
    const region = { ...emptyFilter, regionCode: '84' };
    // Nothing kept yet (the snapshot is made at the first load).
    expect(await keptPage(db, region, sort, 10)).toBeNull();
    const live = new LiveRegistry(db, { pages: () => [{ filter: region, sort, first: 10 }] });
    await live.open();
    await live.save(true);

    const page = await keptPage(db, region, sort, 10);
    const full = await queryAnimators(db, region, sort, { offset: 0, limit: 100 });
    expect(page?.total).toBe(full.total);
    expect(page?.total).toBe(20);
    expect(page?.rows.map((r) => r.id)).toEqual(full.rows.slice(0, 10).map((a) => a.id));
    expect(page?.rows[0]).toEqual(live.registry!.rowById(full.rows[0]!.id));
    // Fewer rows asked: the first ones; more than kept, another list or another order: nothing.
    expect((await keptPage(db, region, sort, 5))?.rows).toEqual(page!.rows.slice(0, 5));
    expect(await keptPage(db, region, sort, 11)).toBeNull();
    expect(await keptPage(db, emptyFilter, sort, 10)).toBeNull();
    expect(await keptPage(db, region, { field: 'sortName', dir: 'asc' }, 10)).toBeNull();

    // Rows altered in storage: not shown.
    const meta = (await db.registrySnapshot.get('meta'))! as Record<string, unknown> & { id: 'meta'; format: number; seq: number; savedAt: string; pages: { total: number }[] };
    await db.registrySnapshot.put({ ...meta, pages: [{ ...meta.pages[0]!, total: 21 }] });
    expect(await keptPage(db, region, sort, 10)).toBeNull();
    await db.registrySnapshot.put(meta);
    expect(await keptPage(db, region, sort, 10)).not.toBeNull();

    // A change after the snapshot: not shown.
    await updateAnimator(full.rows[3]!.id, { firstName: 'Zoé' }, 'fiche modifiée', db);
    expect(await keptPage(db, region, sort, 10)).toBeNull();
    db.close();
  });

  it('is taken from a read started ahead (« Annuaire » clicked, its code loading), not after a write to the people', async () => {
    const db = freshDb();
    for (let i = 0; i < 12; i++) await createAnimator(fieldsOf({ ...emptyAnimatorForm(), firstName: `P${String(i).padStart(2, '0')}`, lastName: 'Dubois', regionCode: '84' }), db);
    const sort = { field: 'sortName', dir: 'asc' } as const;
    const live = new LiveRegistry(db, { pages: () => [{ filter: emptyFilter, sort, first: 10 }] });
    await live.open();
    await live.save(true);
    const want = await keptPage(db, emptyFilter, sort, 10);
    expect(want?.total).toBe(12);
    const meta = (await db.registrySnapshot.get('meta'))! as Record<string, unknown> & { id: 'meta'; format: number; seq: number; savedAt: string };
    // Read ahead, then the stored pages made unreadable: the list takes what was read ahead, once.
    await readKeptAhead(db);
    await db.registrySnapshot.put({ ...meta, pagesHash: 1 });
    expect(await keptPage(db, emptyFilter, sort, 10)).toEqual(want);
    expect(await keptPage(db, emptyFilter, sort, 10)).toBeNull();
    await db.registrySnapshot.put(meta);
    // Read ahead, then a person changed: that read is dropped, and the one made instead says the rows may be stale.
    await readKeptAhead(db);
    await updateAnimator(want!.rows[0]!.id, { firstName: 'Zoé' }, 'fiche modifiée', db);
    expect(await keptPage(db, emptyFilter, sort, 10)).toBeNull();
    db.close();
  });
});

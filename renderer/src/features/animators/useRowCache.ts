/**
 * The records behind a virtualised list, read a block at a time as rows come on
 * screen. A new ordered key list (another search, or any change to the table)
 * starts a new cache, so rows on screen never show stale data; the first page
 * already read for the search seeds it, so nothing flashes while it refills.
 */
import { useEffect, useMemo, useReducer } from 'react';
import type { FourmiliereDatabase } from '../../db/database';
import type { Animator } from '../../domain/registry';

const BLOCK = 50;

export class RowCache {
  private readonly records = new Map<string, Animator>();
  private readonly requested = new Set<number>();
  private alive = true;

  constructor(
    private readonly db: FourmiliereDatabase,
    private readonly changed: () => void,
  ) {}

  get(id: string | undefined): Animator | undefined {
    return id === undefined ? undefined : this.records.get(id);
  }

  seed(rows: readonly Animator[]): void {
    for (const r of rows) this.records.set(r.id, r);
  }

  /** Reads the blocks covering rows from..to (and one block around) not read yet. */
  load(keys: readonly string[], from: number, to: number): void {
    if (to < from) return;
    const lastBlock = Math.floor(Math.min(keys.length - 1, to + BLOCK / 2) / BLOCK);
    for (let block = Math.max(0, Math.floor((from - BLOCK / 2) / BLOCK)); block <= lastBlock; block++) {
      if (this.requested.has(block)) continue;
      this.requested.add(block);
      const ids = keys.slice(block * BLOCK, (block + 1) * BLOCK).filter((id) => !this.records.has(id));
      if (ids.length === 0) continue;
      void this.db.animators.bulkGet(ids).then((rows) => {
        if (!this.alive) return;
        for (const r of rows) if (r) this.records.set(r.id, r);
        this.changed();
      });
    }
  }

  dispose(): void {
    this.alive = false;
  }
}

export function useRowCache(db: FourmiliereDatabase, ordered: object | undefined, first: { rows: readonly Animator[] } | undefined): RowCache {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- a new key list is what makes the cache stale
  const cache = useMemo(() => new RowCache(db, rerender), [db, ordered]);
  useEffect(() => () => cache.dispose(), [cache]);
  useMemo(() => first && cache.seed(first.rows), [cache, first]);
  return cache;
}

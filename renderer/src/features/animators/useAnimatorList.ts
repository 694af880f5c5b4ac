/**
 * The registry list's count and rows beyond the first page, from list.worker.ts: the
 * window never holds the ordered ids of 100,000 people, only the rows on screen, read
 * 50 at a time. A new search or any change to the table gives a new answer (a new
 * version), which replaces what was read.
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { FourmiliereDatabase } from '../../db/database';
import type { Animator } from '../../domain/registry';
import type { ListIn, ListOut } from './list-engine';
import type { AnimatorFilter, AnimatorSort } from './query';

const BLOCK = 50;

export interface Answer {
  /** the search (query string) this answers */
  search: string;
  seq: number;
  version: number;
  total: number;
}

export interface AnimatorListData {
  /** the latest answer, possibly for the previous search while the new one is computed */
  answer: Answer | null;
  rowAt(index: number): Animator | undefined;
  /** reads the blocks covering positions from..to (and half a block around) */
  load(from: number, to: number): void;
  /** every matching id, in order (exports) */
  allKeys(): Promise<string[]>;
  /** the first rows of a narrowed search, from the worker; null when the window must read them */
  firstPage(filter: AnimatorFilter, sort: AnimatorSort, limit: number): Promise<Animator[] | null>;
  error: string | null;
}

interface Cache {
  seq: number;
  version: number;
  rows: Map<number, Animator>;
  requested: Set<number>;
}

/** How long typing must pause before the worker recounts: each count reads every matching id. */
const SETTLE_MS = 200;

/**
 * `ready`: the first page of this search is on screen. The count waits for it, and for
 * typing to pause, so that it never competes with the first rows for the database.
 */
export function useAnimatorList(db: FourmiliereDatabase, filter: AnimatorFilter, sort: AnimatorSort, search: string, ready: boolean): AnimatorListData {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const worker = useRef<Worker | null>(null);
  // The search the latest seq answers: replies to older ones are dropped on arrival.
  const searchOfSeq = useRef('');
  const seq = useRef(0);
  const nextRequest = useRef(0);
  const cache = useRef<Cache>({ seq: -1, version: -1, rows: new Map(), requested: new Set() });
  const keyRequests = useRef(new Map<number, (keys: string[]) => void>());
  const firstRequests = useRef(new Map<number, (rows: Animator[] | null) => void>());
  const lastBusy = useRef(0);

  useEffect(() => {
    const w = new Worker(new URL('./list.worker.ts', import.meta.url), { type: 'module' });
    worker.current = w;
    w.onmessage = (event: MessageEvent<ListOut>) => {
      const m = event.data;
      // An export asked before the search changed still gets its ids.
      if (m.type === 'keys') {
        keyRequests.current.get(m.request)?.(m.keys);
        keyRequests.current.delete(m.request);
        return;
      }
      if (m.type === 'first') {
        firstRequests.current.get(m.request)?.(m.rows);
        firstRequests.current.delete(m.request);
        return;
      }
      if (m.seq !== seq.current) return;
      if (m.type === 'result') {
        cache.current = { seq: m.seq, version: m.version, rows: new Map(), requested: new Set() };
        setError(null);
        setAnswer({ search: searchOfSeq.current, seq: m.seq, version: m.version, total: m.total });
      } else if (m.type === 'rows') {
        const c = cache.current;
        if (c.seq !== m.seq || c.version !== m.version) return;
        m.rows.forEach((row, i) => row && c.rows.set(m.from + i, row));
        rerender();
      } else setError(m.message);
    };
    w.onerror = (event) => {
      setError(event.message || 'worker');
      // Without its worker the list still shows its first rows: the window reads them.
      worker.current = null;
      for (const resolve of firstRequests.current.values()) resolve(null);
      firstRequests.current.clear();
    };
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, []);

  useEffect(() => {
    // A newer search makes any answer to the previous one moot, even before it is asked.
    const next = ++seq.current;
    searchOfSeq.current = search;
    // The worker may be reading for the previous search: it stops at its next chunk, so the
    // first page of this one does not wait behind it.
    worker.current?.postMessage({ type: 'forget', seq: next } satisfies ListIn);
    if (!ready) return;
    const timer = setTimeout(() => worker.current?.postMessage({ type: 'query', dbName: db.name, seq: next, filter, sort } satisfies ListIn), answer === null ? 0 : SETTLE_MS);
    return () => clearTimeout(timer);
    // filter and sort are what the search (the query string) says; the first answer is not delayed
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [db, search, ready]);

  const load = useCallback((from: number, to: number) => {
    const c = cache.current;
    const w = worker.current;
    if (!w || c.seq < 0 || to < from) return;
    // Scrolling: the worker's background reads keep off the cores for a moment.
    const now = performance.now();
    if (now - lastBusy.current > 100) {
      lastBusy.current = now;
      w.postMessage({ type: 'busy' } satisfies ListIn);
    }
    for (let block = Math.max(0, Math.floor((from - BLOCK / 2) / BLOCK)); block <= Math.floor((to + BLOCK / 2) / BLOCK); block++) {
      if (c.requested.has(block)) continue;
      c.requested.add(block);
      w.postMessage({ type: 'rows', seq: c.seq, version: c.version, from: block * BLOCK, to: (block + 1) * BLOCK } satisfies ListIn);
    }
  }, []);

  const allKeys = useCallback(
    () =>
      new Promise<string[]>((resolve) => {
        const request = ++nextRequest.current;
        keyRequests.current.set(request, resolve);
        worker.current?.postMessage({ type: 'keys', seq: seq.current, request } satisfies ListIn);
      }),
    [],
  );

  const firstPage = useCallback(
    (filter: AnimatorFilter, sort: AnimatorSort, limit: number) =>
      new Promise<Animator[] | null>((resolve) => {
        const w = worker.current;
        if (!w) return resolve(null);
        const request = ++nextRequest.current;
        firstRequests.current.set(request, resolve);
        w.postMessage({ type: 'first', dbName: db.name, request, filter, sort, limit } satisfies ListIn);
      }),
    [db],
  );

  const rowAt = (index: number) => cache.current.rows.get(index);
  return { answer, rowAt, load, allKeys, firstPage, error };
}

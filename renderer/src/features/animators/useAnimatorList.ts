/**
 * The registry list from the registry's worker (registry-service.ts): its count and first rows
 * come in one answer, the rows beyond by position, 50 at a time; the window never holds the
 * ordered ids of 100,000 people. Any change to the registry gives a new answer (a new version),
 * which replaces what was read.
 */
import { startTransition, useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { FourmiliereDatabase } from '../../db/database';
import type { ListRow } from './registry';
import type { AnimatorFilter, AnimatorSort } from './query';
import type { ExportKind } from './exports';
import type { Answers, Ask, ExportLabels } from './registry-protocol';
import { registryClient } from './registry-client';
import { keptPage } from './registry-kept';

const BLOCK = 50;
/** The version of an answer read from the snapshot's kept page (the worker's are 0 and up). */
const KEPT = -2;

const marked = new Set<string>();
/** The first list's way in the window's performance timeline (DevTools, the bench), once per page. */
function markOnce(name: string): void {
  if (marked.has(name)) return;
  marked.add(name);
  performance.mark(name);
}

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
  rowAt(index: number): ListRow | undefined;
  /** reads the blocks covering positions from..to (and half a block around) */
  load(from: number, to: number): void;
  /** the list as it is now, as a file's bytes (made in the worker) */
  exportList(kind: ExportKind, labels: ExportLabels): Promise<Answers['export']>;
  error: string | null;
}

interface Cache {
  seq: number;
  version: number;
  rows: Map<number, ListRow>;
  requested: Set<number>;
}

export function useAnimatorList(db: FourmiliereDatabase, filter: AnimatorFilter, sort: AnimatorSort, search: string, first: number): AnimatorListData {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const client = registryClient(db.name);
  // The search the latest seq answers: replies to older ones are dropped on arrival.
  const searchOfSeq = useRef('');
  const seq = useRef(0);
  /** the worker answered a list: it is loaded (or answers from its kept pages), no need to read them here */
  const workerAnswered = useRef(false);
  const cache = useRef<Cache>({ seq: -1, version: -1, rows: new Map(), requested: new Set() });

  useEffect(
    () =>
      client.subscribe((m) => {
        if (m.type === 'error') return setError(m.message);
        if (m.type === 'list') {
          workerAnswered.current = true;
          if (m.seq !== seq.current) return;
          markOnce('registry list answered');
          const rows = new Map<number, ListRow>();
          m.rows.forEach((row, i) => rows.set(i, row));
          cache.current = { seq: m.seq, version: m.version, rows, requested: new Set([0]) };
          setError(null);
          setAnswer({ search: searchOfSeq.current, seq: m.seq, version: m.version, total: m.total });
        } else if (m.type === 'rows') {
          const c = cache.current;
          if (c.seq !== m.seq || c.version !== m.version) return;
          m.rows.forEach((row, i) => row && c.rows.set(m.from + i, row));
          rerender();
        }
      }),
    [client],
  );

  useEffect(() => {
    const next = ++seq.current;
    searchOfSeq.current = search;
    client.send({ type: 'list', seq: next, filter, sort, first });
    markOnce('registry list asked');
    // While the worker starts and loads, the count and first rows the snapshot keeps of this list (when nothing
    // changed since) are shown at once; the worker's answer replaces them.
    if (!workerAnswered.current) {
      keptPage(db, filter, sort, first).then(
        (page) => {
          markOnce('registry kept page read');
          if (!page || seq.current !== next || cache.current.seq === next) return;
          cache.current = { seq: next, version: KEPT, rows: new Map(page.rows.map((row, i) => [i, row])), requested: new Set([0]) };
          setAnswer({ search, seq: next, version: KEPT, total: page.total });
        },
        () => undefined,
      );
    }
    // filter and sort are what the search (the query string) says
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, search, first]);

  const load = useCallback(
    (from: number, to: number) => {
      const c = cache.current;
      if (c.seq < 0 || to < from) return;
      for (let block = Math.max(0, Math.floor((from - BLOCK / 2) / BLOCK)); block <= Math.floor((to + BLOCK / 2) / BLOCK); block++) {
        // the first answer brought the first rows (at least a block of them)
        if (c.requested.has(block) || (block === 0 && c.rows.size >= Math.min(BLOCK, answer?.total ?? 0))) continue;
        c.requested.add(block);
        client.send({ type: 'rows', seq: c.seq, version: c.version, from: block * BLOCK, to: (block + 1) * BLOCK });
      }
    },
    [client, answer?.total],
  );

  const exportList = useCallback((kind: ExportKind, labels: ExportLabels) => client.ask({ type: 'export', kind, labels }), [client]);
  const rowAt = (index: number) => cache.current.rows.get(index);
  return { answer, rowAt, load, exportList, error };
}

/**
 * One question to the registry's worker, asked again whenever the registry changes: the
 * baromètre, the duplicates, the specialities. Undefined until the first answer.
 */
export function useRegistryAnswer<K extends Ask['type']>(db: FourmiliereDatabase, ask: Extract<Ask, { type: K }>): { data?: Answers[K]; error?: string } {
  const [state, setState] = useState<{ data?: Answers[K]; error?: string }>({});
  const client = registryClient(db.name);
  const key = JSON.stringify(ask);
  useEffect(() => {
    let wanted = true;
    const again = () =>
      client.ask(ask).then(
        // A screen drawn from its answer (the baromètre's tables) is drawn in slices: no long task in the window.
        (data) => wanted && startTransition(() => setState({ data })),
        (error: unknown) => wanted && setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) })),
      );
    void again();
    const stop = client.subscribe((m) => {
      if (m.type === 'changed') void again();
    });
    return () => {
      wanted = false;
      stop();
    };
    // the question is its JSON
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, key]);
  return state;
}

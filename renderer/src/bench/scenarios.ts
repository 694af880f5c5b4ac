/**
 * The in-page scenarios: for each, the app's code ("subject") and its raw
 * baseline, measured the same way, each checking its own result.
 */
import Papa from 'papaparse';
import { SYNC_TABLES, type SyncTableName } from '../db/database';
import { foldText } from '../db/records';
import type { DemoSizes } from '../demo/generator';
import type { Animator } from '../domain/registry';
import { features, type RegistryQuery } from './features';
import { hashRecords } from './hash';
import { timed, type RunResult } from './measure';
import { count, deleteKeys, done, keysInIndex, putAll, rawDb, readChunked, request } from './raw-idb';
import { demoData } from './seed';
import { keystrokes, naiveSearch, TYPED_QUERIES } from './tutorials-baseline';
import { teamSync } from './sync-scenario';

export interface Params {
  sizes: DemoSizes;
  seed: number;
  csvRows: number;
  mergeRecords: number;
}

export interface Scenario {
  id: string;
  /** why the app's side cannot be measured yet, or null */
  unavailable(): string | null;
  prepare?(params: Params): Promise<Record<string, number | string>>;
  subject(params: Params): Promise<RunResult>;
  baseline?(params: Params): Promise<RunResult>;
}

const NOT_YET = 'not available yet';

// ---- tutorial search ----

async function perKeystroke(search: (q: string) => Promise<unknown> | unknown): Promise<RunResult> {
  const samples: number[] = [];
  const { ms, longestTaskMs } = await timed(async () => {
    for (const q of keystrokes()) {
      const start = performance.now();
      await search(q);
      samples.push(performance.now() - start);
    }
  });
  return { ms, samples, longestTaskMs };
}

const tutorialSearch: Scenario = {
  id: 'tutorial-search',
  unavailable: () => (features.tutorials ? null : NOT_YET),
  async prepare(): Promise<Record<string, number>> {
    if (!features.tutorials) return {};
    const { ms } = await timed(() => features.tutorials!.prepare());
    return { indexMs: Math.round(ms) };
  },
  async subject() {
    const engine = features.tutorials!;
    const result = await perKeystroke((q) => engine.search(q));
    // Every full query the naive scan answers must find something with the engine too.
    const missed: string[] = [];
    for (const q of TYPED_QUERIES) if (naiveSearch(q).length > 0 && (await engine.search(q)).length === 0) missed.push(q);
    result.check = { ok: missed.length === 0, detail: missed.length === 0 ? `${TYPED_QUERIES.length} queries answered` : `no result for: ${missed.join(', ')}` };
    return result;
  },
  async baseline() {
    const result = await perKeystroke(naiveSearch);
    const found = TYPED_QUERIES.filter((q) => naiveSearch(q).length > 0).length;
    result.check = { ok: found > 0, detail: `${found}/${TYPED_QUERIES.length} queries found by the naive scan` };
    return result;
  },
};

// ---- registry search/filter, first page ----

export const REGISTRY_QUERIES: RegistryQuery[] = [
  { label: 'region, by name', text: '', regionCode: '75', status: null, pageSize: 50 },
  { label: 'status, by name', text: '', regionCode: null, status: 'certifie', pageSize: 50 },
  { label: 'search "mar"', text: 'mar', regionCode: null, status: null, pageSize: 50 },
  { label: 'search "dupont" + region', text: 'dupont', regionCode: '84', status: null, pageSize: 50 },
];

const keep = (a: Animator, q: RegistryQuery) => a.deletedAt === null && (q.regionCode === null || a.regionCode === q.regionCode) && (q.status === null || a.status === q.status);

/** The same first page with the native API: the best index, then a cursor or a bounded read. */
/**
 * The cheapest raw read of a first page with the indexes schema 2 keeps (no search-word or
 * compound index any more): a region's people read by that index and sorted; otherwise the
 * name index walked until the page is full, each record tested.
 */
export async function rawFirstPage(q: RegistryQuery): Promise<Animator[]> {
  const db = await rawDb();
  const store = db.transaction('animators', 'readonly').objectStore('animators');
  const word = foldText(q.text.trim());
  const matches = (a: Animator) => keep(a, q) && (!word || a.tokens.some((t) => t.startsWith(word)));
  if (q.regionCode !== null) {
    const rows = (await request(store.index('regionCode').getAll(q.regionCode))) as Animator[];
    return rows.filter(matches).sort((a, b) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : 0)).slice(0, q.pageSize);
  }
  const cursorOver = store.index('sortName').openCursor();
  return new Promise((resolve, reject) => {
    const page: Animator[] = [];
    cursorOver.onerror = () => reject(cursorOver.error);
    cursorOver.onsuccess = () => {
      const cursor = cursorOver.result;
      if (!cursor) return resolve(page);
      const a = cursor.value as Animator;
      if (matches(a)) page.push(a);
      if (page.length >= q.pageSize) resolve(page);
      else cursor.continue();
    };
  });
}

async function perQuery(run: (q: RegistryQuery) => Promise<unknown>): Promise<RunResult> {
  const samples: number[] = [];
  const { ms, longestTaskMs } = await timed(async () => {
    for (const q of REGISTRY_QUERIES) {
      const start = performance.now();
      await run(q);
      samples.push(performance.now() - start);
    }
  });
  return { ms, samples, longestTaskMs };
}

const registryQuery: Scenario = {
  id: 'registry-query',
  unavailable: () => (features.registry ? null : NOT_YET),
  async subject() {
    const registry = features.registry!;
    const result = await perQuery((q) => registry.firstPage(q));
    // Same rows as the raw read, compared by sort key (ties may order differently).
    const wrong: string[] = [];
    const db = await rawDb();
    for (const q of REGISTRY_QUERIES) {
      const ids = await registry.firstPage(q);
      const store = db.transaction('animators', 'readonly').objectStore('animators');
      const rows = (await Promise.all(ids.map((id) => request(store.get(id))))) as (Animator | undefined)[];
      const got = rows.map((a) => a?.sortName ?? '?').join('|');
      const expected = (await rawFirstPage(q)).map((a) => a.sortName).join('|');
      if (got !== expected) wrong.push(q.label);
    }
    result.check = { ok: wrong.length === 0, detail: wrong.length === 0 ? `${REGISTRY_QUERIES.length} first pages equal to the raw read` : `differs from the raw read: ${wrong.join(', ')}` };
    return result;
  },
  async baseline() {
    const result = await perQuery(rawFirstPage);
    const first = await rawFirstPage(REGISTRY_QUERIES[0]!);
    result.check = { ok: first.length > 0, detail: `${first.length} rows on the first page of "${REGISTRY_QUERIES[0]!.label}"` };
    return result;
  },
};

// ---- CSV import ----

const IMPORT_EMAIL = 'bench-import.';
let importRows: Animator[] = [];
let importCsv = '';

async function removeImported(): Promise<number> {
  const keys = await keysInIndex('animators', 'email', IDBKeyRange.bound(IMPORT_EMAIL, `${IMPORT_EMAIL}\uffff`));
  await deleteKeys('animators', keys);
  // The import's history rows (one per person) are the app's bookkeeping, emptied as after a merge:
  // left there, every run added 10,000 to what the backup scenarios then export (+42 MB at 100k).
  const db = await rawDb();
  const tx = db.transaction('history', 'readwrite');
  tx.objectStore('history').clear();
  await done(tx);
  return keys.length;
}

/** Plain CSV of the animators' main columns: what the baseline parses when the app's format is unknown. */
function plainCsv(rows: readonly Animator[]): string {
  return Papa.unparse(
    rows.map((a) => ({ prenom: a.firstName, nom: a.lastName, email: a.email, telephone: a.phone, structure: a.structureName, commune: a.communeName, code_postal: a.postalCode, statut: a.status, annee: a.trainedYear ?? '' })),
    { delimiter: ';' },
  );
}

/** The import's steps in a check's detail (the JSON keeps every distinct one): where its time goes, run by run. */
const phasesText = (phases: Record<string, number> | undefined) =>
  phases && Object.keys(phases).length ? `; ${Object.entries(phases).map(([k, ms]) => `${k} ${Math.round(ms)} ms`).join(', ')}` : '';

const csvImport: Scenario = {
  id: 'csv-import',
  unavailable: () => (features.csvImport ? null : NOT_YET),
  async prepare(params) {
    const data = await demoData({ animators: params.csvRows, cohorts: 4, providers: 0, workshops: 0, registrationsPerWorkshop: 0 }, params.seed + 1);
    // New people: a new e-mail and a structure of their own. Namesakes in the same structure
    // would be planned as updates of stored people, whom removeImported would then delete.
    importRows = data.animators.map((a, i) => ({ ...a, cohortId: null, email: `${IMPORT_EMAIL}${String(i).padStart(6, '0')}@exemple-ot.fr`, structureName: `${a.structureName} ${i}` }));
    importCsv = features.csvImport ? features.csvImport.toCsv(importRows) : plainCsv(importRows);
    await removeImported();
    return { rows: importRows.length, csvBytes: importCsv.length };
  },
  async subject() {
    const before = await count('animators');
    const t = await timed(() => features.csvImport!.importCsv(importCsv));
    const stored = await removeImported();
    // Nobody already stored was taken for one of the imported people (and then deleted).
    const after = await count('animators');
    return {
      ms: t.ms,
      longestTaskMs: t.longestTaskMs,
      check: { ok: t.value === importRows.length && stored === importRows.length && after === before, detail: `${t.value} reported, ${stored} stored of ${importRows.length} rows; ${before - after} stored people lost${phasesText(features.csvImport!.lastPhases?.())}` },
    };
  },
  async baseline() {
    const t = await timed(async () => {
      const parsed = Papa.parse<Record<string, string>>(importCsv, { header: true, skipEmptyLines: true });
      await putAll({ animators: importRows });
      return parsed.data.length;
    });
    const stored = await removeImported();
    return { ms: t.ms, longestTaskMs: t.longestTaskMs, check: { ok: t.value === importRows.length && stored === importRows.length, detail: `${t.value} parsed, ${stored} stored` } };
  },
};

// ---- full backup: export, restore ----

async function readAll(): Promise<Record<string, { id: string }[]>> {
  const out: Record<string, { id: string }[]> = {};
  for (const table of SYNC_TABLES) {
    const rows: { id: string }[] = [];
    await readChunked(table, 5000, (chunk) => rows.push(...(chunk as { id: string }[])));
    out[table] = rows;
  }
  return out;
}
const total = (rows: Record<string, readonly unknown[]>) => Object.values(rows).reduce((n, r) => n + r.length, 0);

const backupExport: Scenario = {
  id: 'backup-export',
  unavailable: () => (features.backup ? null : NOT_YET),
  async subject() {
    const expected = total(await readAll());
    const t = await timed(() => features.backup!.exportBackup());
    const records = features.backup!.countRecords(t.value);
    return { ms: t.ms, longestTaskMs: t.longestTaskMs, check: { ok: records === expected, detail: `${records} of ${expected} records, ${(t.value.byteLength / 1e6).toFixed(1)} MB` }, extra: { bytes: t.value.byteLength } };
  },
  async baseline() {
    const t = await timed(async () => {
      const parts: string[] = [];
      let records = 0;
      for (const table of SYNC_TABLES) records += await readChunked(table, 5000, (chunk) => parts.push(JSON.stringify(chunk)));
      return { records, bytes: parts.reduce((n, p) => n + p.length, 0) };
    });
    return { ms: t.ms, longestTaskMs: t.longestTaskMs, check: { ok: t.value.records > 0, detail: `${t.value.records} records, ${(t.value.bytes / 1e6).toFixed(1)} MB` }, extra: { records: t.value.records } };
  },
};

let snapshot: { rows: Record<string, { id: string }[]>; hash: string; backup: string | null } | null = null;

const backupRestore: Scenario = {
  id: 'backup-restore',
  unavailable: () => (features.backup ? null : NOT_YET),
  async prepare() {
    const rows = await readAll();
    const backup = features.backup ? new TextDecoder().decode(await features.backup.exportBackup()) : null;
    snapshot = { rows, hash: await hashRecords(rows), backup };
    return { records: total(rows), hash: snapshot.hash.slice(0, 12) };
  },
  async subject() {
    const before = snapshot!;
    const t = await timed(() => features.backup!.restoreBackup(before.backup!));
    const after = await hashRecords(await readAll());
    return { ms: t.ms, longestTaskMs: t.longestTaskMs, check: { ok: after === before.hash, detail: after === before.hash ? `identical by hash (${after.slice(0, 12)}), ${t.value} records` : `hash differs: ${after.slice(0, 12)} ≠ ${before.hash.slice(0, 12)}` } };
  },
  async baseline() {
    const before = snapshot!;
    const t = await timed(() => putAll(before.rows, true));
    const after = await hashRecords(await readAll());
    return { ms: t.ms, longestTaskMs: t.longestTaskMs, check: { ok: after === before.hash, detail: `${t.value} records written, ${after === before.hash ? 'identical by hash' : 'hash differs'}` } };
  },
};

// ---- merge of an exchange file ----

let mergePlan: { originals: Animator[]; changed: Animator[]; file: Uint8Array | null } | null = null;
const MERGE_NOTE = 'Modifié sur un autre ordinateur (échange)';

async function undoMerge(): Promise<void> {
  const plan = mergePlan!;
  await putAll({ animators: plan.originals });
  // Merge bookkeeping written by the app: emptied so every repetition starts alike.
  const db = await rawDb();
  const books = ['conflicts', 'exchanges', 'history'].filter((s) => db.objectStoreNames.contains(s));
  const tx = db.transaction([...books, 'settings'], 'readwrite');
  for (const s of books) tx.objectStore(s).clear();
  // The app remembers what it merged from each peer: forget it, or the same file is (rightly) a no-op.
  tx.objectStore('settings').delete(IDBKeyRange.bound('sync.peer.', 'sync.peer.\uffff'));
  await new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

async function countMerged(): Promise<number> {
  const db = await rawDb();
  const store = db.transaction('animators', 'readonly').objectStore('animators');
  const rows = (await Promise.all(mergePlan!.changed.map((a) => request(store.get(a.id))))) as (Animator | undefined)[];
  return rows.filter((a) => a?.notes === MERGE_NOTE).length;
}

const merge: Scenario = {
  id: 'merge',
  unavailable: () => (features.merge ? null : NOT_YET),
  async prepare(params) {
    const db = await rawDb();
    const originals = (await request(db.transaction('animators', 'readonly').objectStore('animators').getAll(null, params.mergeRecords))) as Animator[];
    // Changed "now" on another machine: later than the seeded revisions, not in the future
    // (the merge refuses records dated more than a day ahead).
    const later = new Date();
    const changed = originals.map((a, i) => ({ ...a, notes: MERGE_NOTE, updatedAt: new Date(later.getTime() + i).toISOString(), rev: { device: 'bench-remote-device', counter: later.getTime() + i } }));
    mergePlan = { originals, changed, file: null };
    if (features.merge) mergePlan.file = await features.merge.exchangeFile({ animators: changed } satisfies Partial<Record<SyncTableName, unknown[]>>);
    return { records: changed.length };
  },
  async subject() {
    const plan = mergePlan!;
    const t = await timed(() => features.merge!.merge(plan.file!));
    const merged = await countMerged();
    await undoMerge();
    return { ms: t.ms, longestTaskMs: t.longestTaskMs, check: { ok: merged === plan.changed.length, detail: `${t.value} reported, ${merged} of ${plan.changed.length} records carry the change` } };
  },
  async baseline() {
    const plan = mergePlan!;
    const t = await timed(() => putAll({ animators: plan.changed }));
    const merged = await countMerged();
    await undoMerge();
    return { ms: t.ms, longestTaskMs: t.longestTaskMs, check: { ok: merged === plan.changed.length, detail: `${merged} records written` } };
  },
};

// ---- the import's floor: the same people put into a store with a primary key only ----

const PK_ONLY_DB = 'bench-primary-key-only';
let pkRows: Animator[] = [];

/** A database of one store keyed by id, no index: what writing these records costs IndexedDB at the least. */
const rawPutPk: Scenario = {
  id: 'raw-put-pk',
  unavailable: () => null,
  async prepare(params) {
    const data = await demoData({ animators: params.csvRows, cohorts: 4, providers: 0, workshops: 0, registrationsPerWorkshop: 0 }, params.seed + 1);
    pkRows = data.animators;
    return { rows: pkRows.length };
  },
  async subject() {
    await request(indexedDB.deleteDatabase(PK_ONLY_DB));
    const open = indexedDB.open(PK_ONLY_DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('animators', { keyPath: 'id' });
    const db = await request(open);
    const t = await timed(async () => {
      const tx = db.transaction('animators', 'readwrite');
      const os = tx.objectStore('animators');
      for (const row of pkRows) os.put(row);
      await done(tx);
    });
    const stored = await request(db.transaction('animators', 'readonly').objectStore('animators').count());
    db.close();
    return { ms: t.ms, longestTaskMs: t.longestTaskMs, check: { ok: stored === pkRows.length, detail: `${stored} of ${pkRows.length} stored` } };
  },
};

export const scenarios: Scenario[] = [tutorialSearch, registryQuery, csvImport, rawPutPk, backupExport, backupRestore, merge, teamSync];

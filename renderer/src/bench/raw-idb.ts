/**
 * The raw baselines: the browser's own IndexedDB API with no library and no
 * validation, on the app's database. What the app's code is compared against.
 */
import { getDb } from '../db/database';

export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

export function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

const connections = new Map<string, Promise<IDBDatabase>>();

/** A native connection to the app's database (opened at its current version, after Dexie created it). */
export function rawDb(): Promise<IDBDatabase> {
  const name = getDb().name;
  let connection = connections.get(name);
  if (!connection) {
    connection = getDb()
      .open()
      .then(() => request(indexedDB.open(name)));
    connections.set(name, connection);
  }
  return connection;
}

/** Every row of a store, read in chunks by primary key (how a backup reads a large table). */
export async function readChunked(store: string, chunk = 5000, onChunk?: (rows: unknown[]) => void): Promise<number> {
  const db = await rawDb();
  let lower: IDBValidKey | null = null;
  let total = 0;
  for (;;) {
    const tx = db.transaction(store, 'readonly');
    const range: IDBKeyRange | null = lower === null ? null : IDBKeyRange.lowerBound(lower, true);
    const os = tx.objectStore(store);
    const [rows, keys]: [unknown[], IDBValidKey[]] = await Promise.all([request(os.getAll(range, chunk)), request(os.getAllKeys(range, chunk))]);
    if (rows.length === 0) return total;
    total += rows.length;
    onChunk?.(rows);
    lower = keys[keys.length - 1] ?? null;
    if (rows.length < chunk) return total;
  }
}

/**
 * Writes to animators say which records they touched in registryLog, as the app's own
 * writes do (db/registry-log.ts): without it, the registry's snapshot would not know.
 */
const REGISTRY_LOG = 'registryLog';
const withLog = (db: IDBDatabase, stores: string[]) => (stores.includes('animators') && db.objectStoreNames.contains(REGISTRY_LOG) ? [...stores, REGISTRY_LOG] : stores);
function logTouched(tx: IDBTransaction, ids: string[] | null): void {
  if (tx.objectStoreNames.contains(REGISTRY_LOG)) tx.objectStore(REGISTRY_LOG).add({ ids });
}

/** Puts rows into stores in one read-write transaction. */
export async function putAll(rowsByStore: Record<string, readonly unknown[]>, clearFirst = false): Promise<number> {
  const db = await rawDb();
  const stores = Object.keys(rowsByStore);
  const tx = db.transaction(withLog(db, stores), 'readwrite');
  let count = 0;
  for (const store of stores) {
    const os = tx.objectStore(store);
    if (clearFirst) os.clear();
    for (const row of rowsByStore[store] ?? []) {
      os.put(row);
      count++;
    }
    if (store === 'animators') logTouched(tx, clearFirst ? null : (rowsByStore[store] ?? []).map((r) => (r as { id: string }).id));
  }
  await done(tx);
  return count;
}

export async function deleteKeys(store: string, keys: readonly IDBValidKey[]): Promise<void> {
  const db = await rawDb();
  const tx = db.transaction(withLog(db, [store]), 'readwrite');
  const os = tx.objectStore(store);
  for (const key of keys) os.delete(key);
  if (store === 'animators') logTouched(tx, keys.map(String));
  await done(tx);
}

export async function count(store: string): Promise<number> {
  const db = await rawDb();
  return request(db.transaction(store, 'readonly').objectStore(store).count());
}

/** Primary keys of an index range (e.g. every animator whose email starts with a prefix). */
export async function keysInIndex(store: string, index: string, range: IDBKeyRange): Promise<IDBValidKey[]> {
  const db = await rawDb();
  return request(db.transaction(store, 'readonly').objectStore(store).index(index).getAllKeys(range));
}

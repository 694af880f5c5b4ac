/// <reference lib="webworker" />
/**
 * The team sync engine beside the window: key derivation (scrypt), decryption,
 * validation, merging and the database writes run here, on the worker's own
 * connection to the database. Files go through the window (relay.ts): the bridge
 * lives there. Progress and outcomes go back as messages.
 */
import { FourmiliereDatabase } from '../../db/database';
import { setDeviceId } from '../../db/records';
import type { ExchangeScope } from '../safekeeping/exchange';
import { pendingChanges, syncOnce, type Me, type SyncProgress, type SyncReport } from './engine';
import { relayTransport, type IoAnswer, type IoRequest } from './relay';
import { joinHere, readConfig, teamOf } from './team-config';
import { isSyncError, SyncError, type SyncErrorCode } from './transport';

interface Base {
  id: number;
  dbName: string;
  /** the window's device id: revisions written here name it */
  deviceId: string;
}
export type SyncWorkerIn = (Base & { type: 'sync'; me: Me }) | (Base & { type: 'join'; passphrase: string; scope: ExchangeScope }) | (Base & { type: 'pending' }) | IoAnswer;
export type SyncWorkerOut =
  | IoRequest
  | { type: 'progress'; id: number; progress: SyncProgress }
  /** `counter`: this device's clock after the run, for the window's clock to stay ahead of what was merged */
  | { type: 'done'; id: number; value: SyncReport | { created: boolean } | number | null; counter: number }
  | { type: 'error'; id: number; code: SyncErrorCode; detail: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: SyncWorkerOut) => scope.postMessage(message);
const relay = relayTransport(scope);
const dbs = new Map<string, FourmiliereDatabase>();
const dbOf = (name: string) => {
  let db = dbs.get(name);
  if (!db) dbs.set(name, (db = new FourmiliereDatabase(name)));
  return db;
};

async function work(m: Exclude<SyncWorkerIn, IoAnswer>): Promise<SyncReport | { created: boolean } | number | null> {
  const db = dbOf(m.dbName);
  if (m.type === 'join') return joinHere(db, relay.transport, m.passphrase, m.scope);
  const config = await readConfig(db);
  if (!config) return m.type === 'pending' ? 0 : null;
  if (m.type === 'pending') return pendingChanges(db, config.teamId, config.scope);
  let last = 0;
  return syncOnce(db, relay.transport, teamOf(config), m.me, {
    // A file's worth per transaction: nothing here holds the window, and each commit
    // wakes the window's live queries (Dexie tells other contexts), so fewer is better.
    chunk: 400,
    onProgress: (progress) => {
      // at most a few dozen messages a second
      const now = performance.now();
      if (now - last < 30 && progress.done !== 0) return;
      last = now;
      post({ type: 'progress', id: m.id, progress });
    },
  });
}

scope.onmessage = (event: MessageEvent<SyncWorkerIn>) => {
  const m = event.data;
  if (m.type === 'io-result') return relay.answer(m);
  setDeviceId(m.deviceId);
  void work(m).then(
    async (value) => {
      const self = (await dbOf(m.dbName).syncState.get('~self')) as { counter?: number } | undefined;
      post({ type: 'done', id: m.id, value, counter: self?.counter ?? 0 });
    },
    (e: unknown) => {
      const error = isSyncError(e) ? e : new SyncError('io', e instanceof Error ? e.message : String(e));
      post({ type: 'error', id: m.id, code: error.code, detail: error.detail });
    },
  );
};

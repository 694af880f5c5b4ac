/**
 * The window's side of the sync worker: one worker for the session, started at the
 * first run. The window answers the worker's file requests from its own transport
 * (the bridge), relays progress, and moves its clock past what the run merged.
 */
import { observeCounter } from '../../db/records';
import type { ExchangeScope } from '../safekeeping/exchange';
import type { Me, SyncProgress, SyncReport } from './engine';
import { serveRequest } from './relay';
import type { SyncWorkerIn, SyncWorkerOut } from './sync.worker';
import { SyncError, type SyncTransport } from './transport';

type Job = { resolve: (v: unknown) => void; reject: (e: unknown) => void; onProgress?: (p: SyncProgress) => void };

export const canUseWorker = () => typeof Worker === 'function';

let worker: Worker | null = null;
let nextId = 0;
const jobs = new Map<number, Job>();
let transportOf: () => SyncTransport = () => {
  throw new SyncError('folder-missing');
};

function start(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./sync.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (event: MessageEvent<SyncWorkerOut>) => {
    const m = event.data;
    if (m.type === 'io') {
      let transport: SyncTransport;
      try {
        transport = transportOf();
      } catch (e) {
        const error = e instanceof SyncError ? e : new SyncError('io', String(e));
        w.postMessage({ type: 'io-result', call: m.call, ok: false, code: error.code, detail: error.detail } satisfies SyncWorkerIn);
        return;
      }
      void serveRequest(transport, m, w);
      return;
    }
    const job = jobs.get(m.id);
    if (!job) return;
    if (m.type === 'progress') return job.onProgress?.(m.progress);
    jobs.delete(m.id);
    if (m.type === 'done') {
      observeCounter(m.counter);
      job.resolve(m.value);
    } else job.reject(new SyncError(m.code, m.detail));
  };
  w.onerror = (event) => {
    // The worker itself failed (not a sync error it reported): every job waiting ends with it.
    for (const job of jobs.values()) job.reject(new SyncError('io', event.message || 'sync worker'));
    jobs.clear();
    w.terminate();
    worker = null;
  };
  worker = w;
  return w;
}

type Request = Exclude<SyncWorkerIn, { type: 'io-result' }>;
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

function ask<T>(message: WithoutId<Request>, onProgress?: (p: SyncProgress) => void): Promise<T> {
  const w = start();
  const id = ++nextId;
  return new Promise<T>((resolve, reject) => {
    jobs.set(id, { resolve: resolve as (v: unknown) => void, reject, ...(onProgress ? { onProgress } : {}) });
    w.postMessage({ ...message, id } as SyncWorkerIn);
  });
}

export interface WorkerContext {
  dbName: string;
  deviceId: string;
  transport: () => SyncTransport;
}
const bind = (c: WorkerContext) => {
  transportOf = c.transport;
  return { dbName: c.dbName, deviceId: c.deviceId };
};

export const syncInWorker = (c: WorkerContext, me: Me, onProgress: (p: SyncProgress) => void) => ask<SyncReport | null>({ type: 'sync', ...bind(c), me }, onProgress);
export const joinInWorker = (c: WorkerContext, passphrase: string, scope: ExchangeScope) => ask<{ created: boolean }>({ type: 'join', ...bind(c), passphrase, scope });
export const pendingInWorker = (c: WorkerContext) => ask<number>({ type: 'pending', ...bind(c) });

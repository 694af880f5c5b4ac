/**
 * The window's side of the registry's worker: one worker for the app (its registry loads
 * once, not per screen), questions answered by promise, the list on screen by subscription.
 */
import type { FourmiliereDatabase } from '../../db/database';
import type { ListRow } from './registry';
import { emptyFilter } from './query';
import type { Answers, Ask, RegistryIn, RegistryOut } from './registry-protocol';

type Listener = (message: RegistryOut) => void;

export class RegistryClient {
  private readonly worker: Worker;
  private nextRequest = 0;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly listeners = new Set<Listener>();
  /** the worker could not start or failed: every question fails with it */
  failure: string | null = null;

  constructor(readonly dbName: string) {
    this.worker = new Worker(new URL('./registry.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (event: MessageEvent<RegistryOut>) => {
      const m = event.data;
      if (m.type === 'answer' || m.type === 'failed') {
        const p = this.pending.get(m.request);
        this.pending.delete(m.request);
        if (m.type === 'answer') p?.resolve(m.value);
        else p?.reject(new Error(m.message));
        return;
      }
      for (const l of this.listeners) l(m);
    };
    this.worker.onerror = (event) => {
      this.failure = event.message || 'worker';
      for (const p of this.pending.values()) p.reject(new Error(this.failure));
      this.pending.clear();
      for (const l of this.listeners) l({ type: 'error', message: this.failure });
    };
    this.send({ type: 'open', dbName });
  }

  send(message: RegistryIn, transfer: Transferable[] = []): void {
    this.worker.postMessage(message, transfer);
  }

  /** A port to ask this worker who an import's rows name (see registry-protocol.ts PeopleAsk), for another worker. */
  peoplePort(): MessagePort {
    const channel = new MessageChannel();
    this.send({ type: 'people', port: channel.port1 }, [channel.port1]);
    return channel.port2;
  }

  ask<K extends Ask['type']>(ask: Extract<Ask, { type: K }>): Promise<Answers[K]> {
    if (this.failure) return Promise.reject(new Error(this.failure));
    const request = ++this.nextRequest;
    return new Promise<Answers[K]>((resolve, reject) => {
      this.pending.set(request, { resolve: resolve as (v: unknown) => void, reject });
      this.send({ type: 'ask', request, ask });
    });
  }

  /** Messages about the list and changes; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  terminate(): void {
    this.worker.terminate();
  }
}

let client: RegistryClient | null = null;

/** The app's registry worker for this database (a new one when the database changed, as in tests). */
export function registryClient(dbName: string): RegistryClient {
  if (client?.dbName !== dbName) {
    client?.terminate();
    client = new RegistryClient(dbName);
  }
  return client;
}

/** People matching a typed search, outside the bin first, then in it (the privacy panel finds both). */
export async function findAnimators(text: string, limit: number, db: FourmiliereDatabase): Promise<ListRow[]> {
  const client = registryClient(db.name);
  const sort = { field: 'sortName', dir: 'asc' } as const;
  const [live, binned] = await Promise.all([client.ask({ type: 'search', filter: { ...emptyFilter, text }, sort, limit }), client.ask({ type: 'search', filter: { ...emptyFilter, text, deleted: true }, sort, limit })]);
  return [...live.rows, ...binned.rows].slice(0, limit);
}

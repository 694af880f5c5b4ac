/// <reference lib="webworker" />
/** The registry list's ordered ids and row blocks, computed beside the window (see list-engine.ts). */
import { FourmiliereDatabase } from '../../db/database';
import { ListEngine, type ListIn, type ListOut } from './list-engine';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let engine: ListEngine | null = null;

scope.onmessage = (event: MessageEvent<ListIn>) => {
  const message = event.data;
  // The database is the window's (its name comes with the first query); changes made there reach this
  // connection's live query through Dexie's BroadcastChannel.
  if (!engine && (message.type === 'query' || message.type === 'first')) engine = new ListEngine(new FourmiliereDatabase(message.dbName), (out: ListOut) => scope.postMessage(out));
  engine?.handle(message);
};

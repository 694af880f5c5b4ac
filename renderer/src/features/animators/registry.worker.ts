/// <reference lib="webworker" />
/**
 * The registry in memory, beside the window: one worker for the whole app, asked by the list,
 * the baromètre, the duplicates, the exports and the pickers (see registry-service.ts).
 */
import { FourmiliereDatabase } from '../../db/database';
import { RegistryService } from './registry-service';
import type { RegistryIn, RegistryOut } from './registry-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// How long the worker took to start (its time origin is its creation): the bench reads it.
performance.mark('registry worker ready');
let service: RegistryService | null = null;

scope.onmessage = (event: MessageEvent<RegistryIn>) => {
  const message = event.data;
  if (message.type === 'open') {
    service ??= new RegistryService(new FourmiliereDatabase(message.dbName), (out: RegistryOut, transfer?: Transferable[]) => scope.postMessage(out, transfer ?? []));
    return;
  }
  service?.handle(message);
};

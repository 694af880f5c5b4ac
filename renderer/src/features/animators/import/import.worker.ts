/// <reference lib="webworker" />
/** One import session beside the window (see session.ts). */
import { ImportSession, type ImportIn, type ImportOut } from './session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new ImportSession((message: ImportOut) => scope.postMessage(message));

// One message at a time, in order: the window waits for each answer before the next step.
let queue = Promise.resolve();
scope.onmessage = (event: MessageEvent<ImportIn>) => {
  queue = queue.then(() => session.handle(event.data));
};

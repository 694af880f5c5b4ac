/// <reference lib="webworker" />
/** A merge or a restore beside the window (see write-session.ts). */
import { WriteSession, type WriteIn, type WriteOut } from './write-session';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const session = new WriteSession((message: WriteOut) => scope.postMessage(message));

// One message at a time, in order: the window waits for each answer before the next step.
let queue = Promise.resolve();
scope.onmessage = (event: MessageEvent<WriteIn>) => {
  queue = queue.then(() => session.handle(event.data));
};

/// <reference lib="webworker" />
/**
 * The baromètre computed beside the window: at national size its one pass reads 100,000
 * records (seconds), which would otherwise arrive one by one on the window's thread. It
 * answers again whenever the registry changes (Dexie's live query, across connections).
 */
import { liveQuery } from 'dexie';
import { FourmiliereDatabase } from '../../../db/database';
import { computeBarometer, type Barometer } from '../stats';
import { errorMessage } from '../../../ui/errors';

export type BarometerIn = { dbName: string };
export type BarometerOut = { type: 'result'; barometer: Barometer } | { type: 'error'; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: BarometerOut) => scope.postMessage(message);

scope.onmessage = (event: MessageEvent<BarometerIn>) => {
  const db = new FourmiliereDatabase(event.data.dbName);
  liveQuery(() => computeBarometer(db)).subscribe({
    next: (barometer) => post({ type: 'result', barometer }),
    error: (error: unknown) => post({ type: 'error', message: errorMessage(error) }),
  });
};

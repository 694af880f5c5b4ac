/// <reference lib="webworker" />
/** Hashes texts sent piece by piece, several at once, each under its id. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export type HashIn = { op: 'update'; id: number; text: string } | { op: 'digest'; id: number };
export type HashOut = { id: number; hex: string };

const encoder = new TextEncoder();
const streams = new Map<number, ReturnType<typeof sha256.create>>();
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (event: MessageEvent<HashIn>) => {
  const m = event.data;
  let h = streams.get(m.id);
  if (!h) streams.set(m.id, (h = sha256.create()));
  if (m.op === 'update') h.update(encoder.encode(m.text));
  else {
    streams.delete(m.id);
    scope.postMessage({ id: m.id, hex: bytesToHex(h.digest()) } satisfies HashOut);
  }
};

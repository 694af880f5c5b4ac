/**
 * SHA-256 of a long text fed piece by piece (a backup table written chunk by chunk).
 * The browser's crypto.subtle only hashes one whole buffer, which means encoding
 * the whole table at once: one long task. Here each piece is hashed as it comes,
 * in a worker where there is one (the window does no hashing at all), else in
 * place with @noble/hashes. Both give the digest of the concatenated text.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { HashIn, HashOut } from './sha256.worker';

export interface Sha256Stream {
  update(text: string): void;
  /** hex digest of everything given to update() */
  digest(): Promise<string>;
}

export interface Sha256Hasher {
  stream(): Sha256Stream;
  /** ends the worker, if any (digests already asked for still arrive) */
  close(): void;
}

const encoder = new TextEncoder();

function inPlace(): Sha256Hasher {
  return {
    stream() {
      const h = sha256.create();
      return {
        update: (text) => void h.update(encoder.encode(text)),
        digest: async () => bytesToHex(h.digest()),
      };
    },
    close: () => undefined,
  };
}

function inWorker(): Sha256Hasher {
  const worker = new Worker(new URL('./sha256.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, { resolve: (hex: string) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let closing = false;
  const fail = (error: Error) => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
    worker.terminate();
  };
  worker.onmessage = (event: MessageEvent<HashOut>) => {
    const { id, hex } = event.data;
    pending.get(id)?.resolve(hex);
    pending.delete(id);
    if (closing && pending.size === 0) worker.terminate();
  };
  worker.onerror = (event) => fail(new Error(event.message || 'sha256 worker failed'));
  const post = (message: HashIn) => worker.postMessage(message);
  return {
    stream() {
      const id = nextId++;
      return {
        update: (text) => post({ op: 'update', id, text }),
        digest: () =>
          new Promise<string>((resolve, reject) => {
            pending.set(id, { resolve, reject });
            post({ op: 'digest', id });
          }),
      };
    },
    close() {
      closing = true;
      if (pending.size === 0) worker.terminate();
    },
  };
}

/** A hasher for one long job: in a worker in the browser, in place elsewhere (tests, Node). */
export function createSha256Hasher(): Sha256Hasher {
  return typeof Worker === 'function' && typeof window !== 'undefined' ? inWorker() : inPlace();
}

/**
 * The team folder seen from the sync worker. The engine runs in a worker (decrypt,
 * validate, join, write), but the folder is reached through the bridge, which only
 * exists in the window (desktop: the preload's IPC; browser: the folder handle kept
 * there). So the worker asks the window for each file operation by message, and the
 * window answers from its transport: the window only relays bytes (transferred, not
 * copied), all of whose work is asynchronous I/O.
 */
import { isSyncError, SyncError, type SyncErrorCode, type SyncTransport } from './transport';

export type IoOp = 'list' | 'read' | 'writeNew' | 'exists' | 'remove';
export interface IoRequest {
  type: 'io';
  call: number;
  op: IoOp;
  path: string;
  bytes?: Uint8Array;
}
export type IoAnswer = { type: 'io-result'; call: number; ok: true; value: unknown } | { type: 'io-result'; call: number; ok: false; code: SyncErrorCode; detail: string };

/** Something that carries messages both ways (a Worker, the worker's global scope, a MessagePort). */
export interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
}

const ownBuffer = (bytes: Uint8Array): Transferable[] => (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? [bytes.buffer] : []);

/** Worker side: a transport whose every call is a message to the window. Feed it the window's answers. */
export function relayTransport(port: Port): { transport: SyncTransport; answer(message: IoAnswer): void } {
  let next = 0;
  const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  const ask = <T>(op: IoOp, path: string, bytes?: Uint8Array): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const call = ++next;
      waiting.set(call, { resolve: resolve as (v: unknown) => void, reject });
      const message: IoRequest = { type: 'io', call, op, path, ...(bytes ? { bytes } : {}) };
      // A sealed file is made for this call only: handed over, not copied.
      port.postMessage(message, bytes ? ownBuffer(bytes) : []);
    });
  return {
    transport: {
      list: (dir) => ask<string[]>('list', dir),
      read: (path) => ask<Uint8Array | null>('read', path),
      writeNew: (path, bytes) => ask<void>('writeNew', path, bytes),
      exists: (path) => ask<boolean>('exists', path),
      remove: (path) => ask<void>('remove', path),
    },
    answer(message) {
      const w = waiting.get(message.call);
      if (!w) return;
      waiting.delete(message.call);
      if (message.ok) w.resolve(message.value);
      else w.reject(new SyncError(message.code, message.detail));
    },
  };
}

/** Window side: performs one request of the worker with the real transport and answers it. */
export async function serveRequest(transport: SyncTransport, request: IoRequest, port: Port): Promise<void> {
  let answer: IoAnswer;
  const transfer: Transferable[] = [];
  try {
    let value: unknown;
    if (request.op === 'list') value = await transport.list(request.path);
    else if (request.op === 'read') {
      const bytes = await transport.read(request.path);
      if (bytes) transfer.push(...ownBuffer(bytes));
      value = bytes;
    } else if (request.op === 'writeNew') value = await transport.writeNew(request.path, request.bytes ?? new Uint8Array());
    else if (request.op === 'exists') value = await transport.exists(request.path);
    else value = await transport.remove(request.path);
    answer = { type: 'io-result', call: request.call, ok: true, value };
  } catch (e) {
    answer = isSyncError(e) ? { type: 'io-result', call: request.call, ok: false, code: e.code, detail: e.detail } : { type: 'io-result', call: request.call, ok: false, code: 'io', detail: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(answer, transfer);
}

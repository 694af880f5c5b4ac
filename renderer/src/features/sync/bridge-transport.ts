/** The team folder through the one bridge (desktop: main's folder or WebDAV; browser: File System Access). */
import type { Bridge, Result } from '../../platform/contract';
import { SyncError, type SyncErrorCode, type SyncTransport } from './transport';

const CODES = new Set<SyncErrorCode>(['folder-missing', 'disk-full', 'exists', 'unauthorized', 'refused', 'unreachable', 'io', 'wrong-passphrase', 'tampered', 'not-a-team', 'other-team', 'newer-format', 'unsupported', 'left']);

/** `code: detail` from the bridge back into a SyncError; anything else is an 'io' error naming it. */
export function errorFromBridge(error: string): SyncError {
  const m = /^([a-z-]+)(?::\s?([\s\S]*))?$/.exec(error);
  const code = m?.[1] as SyncErrorCode | undefined;
  return code && CODES.has(code) ? new SyncError(code, m?.[2] ?? '') : new SyncError('io', error);
}

const unwrap = <T>(r: Result<T>): T => {
  if (!r.ok) throw errorFromBridge(r.error);
  return r.value;
};

export function bridgeTransport(bridge: Bridge): SyncTransport {
  return {
    list: async (dir) => unwrap(await bridge.syncList(dir)),
    read: async (path) => unwrap(await bridge.syncRead(path)),
    writeNew: async (path, bytes) => unwrap(await bridge.syncWriteNew(path, bytes)),
    exists: async (path) => unwrap(await bridge.syncExists(path)),
    remove: async (path) => unwrap(await bridge.syncRemove(path)),
  };
}

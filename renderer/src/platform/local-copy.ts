/**
 * The last resort of browser mode: the newest automatic copy, compressed, in
 * localStorage. On a full disk Chromium was seen to discard the origin's IndexedDB
 * and its private file system together after a failed write, while localStorage
 * stayed. It holds a few megabytes only (Chromium allows about 10 MB per origin), so
 * only a copy that fits once compressed is kept; a larger one leaves the previous.
 */
import type { BackupInfo } from './contract';

const KEY = 'fourmiliere.lastCopy';
/** base64 characters kept at most (each takes two bytes of the origin's allowance) */
export const MAX_LOCAL_COPY_CHARS = 3_500_000;

interface StoredCopy {
  info: BackupInfo;
  gzip: string;
}

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function gunzip(bytes: Uint8Array): Promise<string> {
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function stored(): StoredCopy | null {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as StoredCopy | null;
    return value && typeof value.gzip === 'string' && typeof value.info?.name === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Keeps the copy if it fits; true when kept. Never throws (a full localStorage keeps the previous one). */
export async function keepLocalCopy(info: BackupInfo, content: Uint8Array): Promise<boolean> {
  try {
    if (typeof CompressionStream === 'undefined' || typeof localStorage === 'undefined') return false;
    const compressed = await gzip(content);
    // base64 takes 4 characters per 3 bytes: refused before building a string that would not fit.
    if (Math.ceil(compressed.length / 3) * 4 > MAX_LOCAL_COPY_CHARS) return false;
    const encoded = toBase64(compressed);
    localStorage.setItem(KEY, JSON.stringify({ info, gzip: encoded } satisfies StoredCopy));
    return true;
  } catch {
    return false;
  }
}

export function localCopyInfo(): BackupInfo | null {
  return stored()?.info ?? null;
}

export async function readLocalCopy(name: string): Promise<string | undefined> {
  const copy = stored();
  if (!copy || copy.info.name !== name) return undefined;
  try {
    return await gunzip(fromBase64(copy.gzip));
  } catch {
    return undefined;
  }
}

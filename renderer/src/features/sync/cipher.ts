/**
 * Encryption at rest of the team folder: a cloud folder is a third party's storage.
 * Key: scrypt (@noble/hashes) of the team passphrase and the team's salt, kept in
 * team.json with its parameters (no secret there). Files: XChaCha20-Poly1305
 * (@noble/ciphers) with a random 192-bit nonce per file, and the file's own path as
 * associated data, so a file cannot be renamed into another place (a log replayed as
 * a later one) without failing authentication like any other alteration.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { randomBytes } from '@noble/ciphers/utils.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { SyncError } from './transport';

const MAGIC = new TextEncoder().encode('FMS1');
const NONCE = 24;

export interface KdfParams {
  name: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
}

/** 2^15 × 8: about 32 MiB and a fraction of a second, once per session. Tests pass cheaper ones. */
export const DEFAULT_KDF = { N: 2 ** 15, r: 8, p: 1 } as const;

export const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
export const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export function newKdfParams(cost: { N: number; r: number; p: number } = DEFAULT_KDF): KdfParams {
  return { name: 'scrypt', ...cost, salt: toBase64(randomBytes(16)) };
}

/** The team key; never stored in the folder. Yields to the event loop while it works. */
export async function deriveKey(passphrase: string, params: KdfParams): Promise<Uint8Array> {
  return scryptAsync(new TextEncoder().encode(passphrase.normalize('NFC')), fromBase64(params.salt), { N: params.N, r: params.r, p: params.p, dkLen: 32, asyncTick: 10 });
}

export function seal(key: Uint8Array, path: string, plain: Uint8Array): Uint8Array {
  const nonce = randomBytes(NONCE);
  const sealed = xchacha20poly1305(key, nonce, new TextEncoder().encode(path)).encrypt(plain);
  const out = new Uint8Array(MAGIC.length + NONCE + sealed.length);
  out.set(MAGIC, 0);
  out.set(nonce, MAGIC.length);
  out.set(sealed, MAGIC.length + NONCE);
  return out;
}

/** Decrypts and authenticates; any alteration (bytes, path, key) is a 'tampered' SyncError. */
export function unseal(key: Uint8Array, path: string, bytes: Uint8Array): Uint8Array {
  if (bytes.length < MAGIC.length + NONCE + 16 || MAGIC.some((b, i) => bytes[i] !== b)) throw new SyncError('tampered', path);
  const nonce = bytes.subarray(MAGIC.length, MAGIC.length + NONCE);
  try {
    return xchacha20poly1305(key, nonce, new TextEncoder().encode(path)).decrypt(bytes.subarray(MAGIC.length + NONCE));
  } catch {
    throw new SyncError('tampered', path);
  }
}

export const sealJson = (key: Uint8Array, path: string, value: unknown) => seal(key, path, new TextEncoder().encode(JSON.stringify(value)));
export const unsealJson = (key: Uint8Array, path: string, bytes: Uint8Array): unknown => {
  const text = new TextDecoder().decode(unseal(key, path, bytes));
  try {
    return JSON.parse(text);
  } catch {
    throw new SyncError('tampered', path);
  }
};

/**
 * Signatures of exchange and backup files. Checksums find corruption, not forgery:
 * anyone can recompute them. So each device has its own Ed25519 key pair, made once and
 * kept in its settings (a machine setting: never in a backup, an exchange or a restore);
 * files carry the signer's public key and name, and a signature over what the checksums
 * cover. A file whose signature does not match is refused; a valid one names its signer,
 * who is known (trusted on this machine) or not yet.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { FourmiliereDatabase } from '../../db/database';

export const SIGNING_KEY_SETTING = 'signing.key';
export const TRUSTED_SIGNERS_SETTING = 'signing.trusted';

/** Who signed a file, as the file says. */
export interface Signer {
  /** Ed25519 public key, 64 hex characters */
  publicKey: string;
  deviceName: string;
}

export type SignatureCheck =
  | { status: 'unsigned' }
  | { status: 'valid'; signer: Signer; fingerprint: string }
  | { status: 'invalid'; reason: string };

/** How this machine knows a valid signer. */
export type SignerTrust =
  | { kind: 'self' }
  | { kind: 'trusted'; since: string }
  /** never trusted here; `replaces` is set when this device id was trusted under another key */
  | { kind: 'unknown'; replaces?: string };

interface StoredKey {
  secretKey: string;
  publicKey: string;
  createdAt: string;
}
export interface TrustedSigner {
  publicKey: string;
  deviceName: string;
  /** the device id the signer's files claim (revisions' device) */
  deviceId: string;
  trustedAt: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
export const isPublicKeyHex = (v: unknown): v is string => typeof v === 'string' && HEX64.test(v);
export const isSignatureHex = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{128}$/.test(v);

/** This device's key pair, created once in one transaction (the window and a backup worker may both ask). */
export async function deviceSigningKey(db: FourmiliereDatabase): Promise<{ secretKey: Uint8Array; publicKey: string }> {
  const stored = await db.transaction('rw', db.settings, async () => {
    const row = (await db.settings.get(SIGNING_KEY_SETTING))?.value as Partial<StoredKey> | undefined;
    if (row && isPublicKeyHex(row.secretKey) && isPublicKeyHex(row.publicKey)) return row as StoredKey;
    const secretKey = ed25519.utils.randomSecretKey();
    const created: StoredKey = { secretKey: bytesToHex(secretKey), publicKey: bytesToHex(ed25519.getPublicKey(secretKey)), createdAt: new Date().toISOString() };
    await db.settings.put({ key: SIGNING_KEY_SETTING, value: created });
    return created;
  });
  return { secretKey: hexToBytes(stored.secretKey), publicKey: stored.publicKey };
}

/** The name a device signs with: the person and their structure, as in exchange files. */
export async function deviceNameOf(db: FourmiliereDatabase): Promise<string> {
  const profile = (await db.settings.get('profile'))?.value as { name?: unknown; structure?: unknown } | undefined;
  return typeof profile?.name === 'string' && typeof profile.structure === 'string' ? `${profile.name} (${profile.structure})`.slice(0, 200) : '';
}

/** A short, readable fingerprint of a public key to compare by phone: 4 groups of 4 hex digits. */
export function fingerprint(publicKey: string): string {
  const digest = bytesToHex(sha256(hexToBytes(publicKey))).toUpperCase();
  return [0, 4, 8, 12].map((i) => digest.slice(i, i + 4)).join(' ');
}

/** JSON with object keys sorted at every level: the same text on both sides whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const encoder = new TextEncoder();

/** Signs a statement (small: headers and checksums, never the records themselves). */
export function signStatement(statement: unknown, secretKey: Uint8Array): string {
  return bytesToHex(ed25519.sign(encoder.encode(canonicalJson(statement)), secretKey));
}

/**
 * Checks a file's signature fields. Both absent: an older, unsigned file. One without
 * the other, a malformed value or a signature that does not match: invalid.
 */
export function checkSignature(statement: unknown, signer: unknown, signature: unknown): SignatureCheck {
  if (signer === undefined && signature === undefined) return { status: 'unsigned' };
  if (signer === undefined || signature === undefined) return { status: 'invalid', reason: 'signature incomplète' };
  const s = signer as Partial<Signer>;
  if (typeof s !== 'object' || s === null || !isPublicKeyHex(s.publicKey) || typeof s.deviceName !== 'string') return { status: 'invalid', reason: 'signataire illisible' };
  if (!isSignatureHex(signature)) return { status: 'invalid', reason: 'signature illisible' };
  let valid: boolean;
  try {
    // strict RFC 8032 (no ZIP-215 leniency): one message, one valid encoding
    valid = ed25519.verify(hexToBytes(signature), encoder.encode(canonicalJson(statement)), hexToBytes(s.publicKey), { zip215: false });
  } catch {
    valid = false;
  }
  if (!valid) return { status: 'invalid', reason: 'elle ne correspond pas au contenu' };
  return { status: 'valid', signer: { publicKey: s.publicKey, deviceName: s.deviceName }, fingerprint: fingerprint(s.publicKey) };
}

async function trustedSigners(db: FourmiliereDatabase): Promise<Record<string, TrustedSigner>> {
  const value = (await db.settings.get(TRUSTED_SIGNERS_SETTING))?.value;
  return value && typeof value === 'object' ? (value as Record<string, TrustedSigner>) : {};
}

/** Whether this machine knows a valid signer: itself, trusted before, or not (yet). */
export async function signerTrust(db: FourmiliereDatabase, publicKey: string, deviceId: string): Promise<SignerTrust> {
  const own = (await db.settings.get(SIGNING_KEY_SETTING))?.value as Partial<StoredKey> | undefined;
  if (own?.publicKey === publicKey) return { kind: 'self' };
  const trusted = await trustedSigners(db);
  const known = trusted[publicKey];
  if (known) return { kind: 'trusted', since: known.trustedAt };
  const previous = Object.values(trusted).find((t) => t.deviceId === deviceId);
  return previous ? { kind: 'unknown', replaces: fingerprint(previous.publicKey) } : { kind: 'unknown' };
}

/** Whether files from this device id were signed by a key trusted here (an unsigned one from it is suspect). */
export async function deviceUsuallySigns(db: FourmiliereDatabase, deviceId: string): Promise<boolean> {
  return Object.values(await trustedSigners(db)).some((t) => t.deviceId === deviceId);
}

export async function trustSigner(db: FourmiliereDatabase, signer: Signer, deviceId: string, now = new Date()): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const trusted = await trustedSigners(db);
    trusted[signer.publicKey] = { publicKey: signer.publicKey, deviceName: signer.deviceName, deviceId, trustedAt: now.toISOString() };
    await db.settings.put({ key: TRUSTED_SIGNERS_SETTING, value: trusted });
  });
}

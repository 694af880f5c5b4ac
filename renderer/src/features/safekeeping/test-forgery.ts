/**
 * What a forger can do to a file without our keys (test helper): change records, then
 * recompute every checksum, and either keep the original signature, sign with a key of
 * their own, or strip the signature.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { sha256Hex } from './hashing';
import { backupStatement } from './backup';
import { exchangeStatement, type ExchangeFile } from './exchange';
import { signStatement } from './signing';

/** A fixed key that no test device holds. */
export const FORGER_SECRET = new Uint8Array(32).fill(7);
export const FORGER_PUBLIC = bytesToHex(ed25519.getPublicKey(FORGER_SECRET));

type BackupJson = { tables: Record<string, { count: number; sha256: string; records: unknown[] }>; checksum: string; signer?: unknown; signature?: unknown } & Record<string, unknown>;
export type Resign = 'keep' | 'forger' | 'strip';

/** Recomputes a backup's checksums after its records were changed, then handles the signature as asked. */
export async function resumBackup(file: BackupJson, signature: Resign = 'keep'): Promise<string> {
  const sums: string[] = [];
  for (const [name, section] of Object.entries(file.tables)) {
    section.count = section.records.length;
    section.sha256 = await sha256Hex(JSON.stringify(section.records));
    sums.push(`${name}:${section.sha256}`);
  }
  file.checksum = await sha256Hex(sums.join('\n'));
  if (signature === 'strip') {
    delete file.signer;
    delete file.signature;
  } else if (signature === 'forger') {
    file.signer = { publicKey: FORGER_PUBLIC, deviceName: (file.signer as { deviceName?: string } | undefined)?.deviceName ?? '' };
    file.signature = signStatement(backupStatement(file as unknown as Parameters<typeof backupStatement>[0]), FORGER_SECRET);
  }
  return JSON.stringify(file);
}

/** The same for an exchange file. */
export async function resumExchange(file: ExchangeFile, signature: Resign = 'keep'): Promise<string> {
  file.checksum = await sha256Hex(JSON.stringify([file.tables, file.tombstones]));
  if (signature === 'strip') {
    delete file.signer;
    delete file.signature;
  } else if (signature === 'forger') {
    file.signer = { publicKey: FORGER_PUBLIC, deviceName: file.signer?.deviceName ?? file.deviceName };
    file.signature = signStatement(exchangeStatement(file), FORGER_SECRET);
  }
  return JSON.stringify(file);
}

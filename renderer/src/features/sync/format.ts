/**
 * The team folder's layout and file formats.
 *
 *   team.json                              plain JSON, written once by the device that creates the team:
 *                                          format, team id, scope, scrypt parameters and salt, and a check
 *                                          value sealed with the key (tells a wrong passphrase at once)
 *   devices/<deviceId>/log-000001.json.enc  numbered, append-only batches of changes of that device
 *   devices/<deviceId>/snapshot-000040-01-of-02.json.enc  every state that device held after its log 40
 *   devices/<deviceId>/left.json.enc        the device left the team, or (after a restore gave this
 *                                          machine a new id) the folder is retired: it names the new id,
 *                                          the last log it held and the new id's snapshot holding all of it
 *
 * Only the device named in the folder writes there, and only new names: the sync service
 * never sees two versions of one file. Every .enc file is XChaCha20-Poly1305 sealed with
 * its own path as associated data (cipher.ts).
 */
import { z } from 'zod';
import { SYNC_TABLES, type SyncTableName } from '../../db/database';
import type { ExchangeScope } from '../safekeeping/exchange';
import type { ErasureEntry } from '../safekeeping/privacy';
import type { KdfParams } from './cipher';
import type { RecordState } from './state';

export const TEAM_FILE = 'team.json';
export const TEAM_FORMAT = 'fourmiliere-team';
export const LOG_FORMAT = 'fourmiliere-sync-log';
export const SNAPSHOT_FORMAT = 'fourmiliere-sync-snapshot';
export const SYNC_FORMAT_VERSION = 1;
export const DEVICES_DIR = 'devices';
/** States per file: keeps each decryption and parse short (no long task on the main thread). */
export const STATES_PER_FILE = 400;

export const deviceDir = (device: string) => `${DEVICES_DIR}/${device}`;
const pad = (n: number, width = 6) => String(n).padStart(width, '0');
export const logName = (seq: number) => `log-${pad(seq)}.json.enc`;
export const snapshotName = (seq: number, part: number, parts: number) => `snapshot-${pad(seq)}-${pad(part, 2)}-of-${pad(parts, 2)}.json.enc`;
export const LEFT_FILE = 'left.json.enc';
export const validDeviceId = (id: string) => /^[A-Za-z0-9_-]{1,64}$/.test(id);

export function parseLogName(name: string): number | null {
  const m = /^log-(\d{6,})\.json\.enc$/.exec(name);
  return m ? Number(m[1]) : null;
}
export function parseSnapshotName(name: string): { seq: number; part: number; parts: number } | null {
  const m = /^snapshot-(\d{6,})-(\d{2,})-of-(\d{2,})\.json\.enc$/.exec(name);
  return m ? { seq: Number(m[1]), part: Number(m[2]), parts: Number(m[3]) } : null;
}

export interface TeamFile {
  format: typeof TEAM_FORMAT;
  formatVersion: number;
  teamId: string;
  createdAt: string;
  scope: ExchangeScope;
  kdf: KdfParams;
  /** base64 of seal(key, 'team-check', 'fourmiliere') */
  check: string;
}

export const scopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }),
  z.object({ kind: z.literal('region'), regionCode: z.string().max(3) }),
  z.object({ kind: z.literal('cohort'), cohortId: z.string().max(200) }),
  z.object({ kind: z.literal('workshops'), workshopIds: z.array(z.string().max(200)).max(10_000) }),
]);

export const teamFileSchema = z.object({
  format: z.literal(TEAM_FORMAT),
  formatVersion: z.number().int().positive(),
  teamId: z.string().regex(/^[A-Za-z0-9-]{8,64}$/),
  createdAt: z.string(),
  scope: scopeSchema,
  kdf: z.object({ name: z.literal('scrypt'), N: z.number().int().min(2).max(2 ** 20), r: z.number().int().min(1).max(32), p: z.number().int().min(1).max(16), salt: z.string().min(8).max(100) }),
  check: z.string().max(200),
});

const dot = z.tuple([z.string().min(1).max(64), z.number().int().nonnegative()]);
const vector = z.record(z.string().max(64), z.number().int().nonnegative());
const sibling = z.object({ d: dot, v: z.unknown().optional() });
export const recordStateSchema = z.object({
  t: z.enum(SYNC_TABLES as unknown as [SyncTableName, ...SyncTableName[]]),
  id: z.string().min(1).max(64),
  vv: vector,
  f: z.record(z.string().max(100), z.array(sibling).max(64)),
  x: z.array(z.object({ d: dot, v: z.boolean(), ctx: vector.optional() })).max(64),
  u: z.array(sibling).max(64),
});

const erasureSchema = z.object({
  table: z.enum(SYNC_TABLES as unknown as [SyncTableName, ...SyncTableName[]]),
  recordId: z.string().min(1).max(200),
  at: z.string().max(40),
  action: z.enum(['delete', 'anonymise']),
  person: z.literal(true).optional(),
});

const TABLES = new Set<string>(SYNC_TABLES);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCounter = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isDot = (v: unknown) => Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && v[0].length > 0 && v[0].length <= 64 && isCounter(v[1]);
const isVector = (v: unknown) => isObject(v) && Object.entries(v).every(([k, n]) => k.length <= 64 && isCounter(n));
const isRegister = (v: unknown) => Array.isArray(v) && v.length <= 64 && v.every((s) => isObject(s) && isDot(s.d));

/**
 * The shape of a record state (what recordStateSchema says), checked by hand: a log
 * holds hundreds of them and zod's generic walk was most of the cost of reading one.
 */
export function isRecordState(v: unknown): v is RecordState {
  if (!isObject(v) || typeof v.t !== 'string' || !TABLES.has(v.t) || typeof v.id !== 'string' || v.id.length === 0 || v.id.length > 64) return false;
  if (!isVector(v.vv) || !isObject(v.f) || !isRegister(v.u) || !isRegister(v.x)) return false;
  if (!(v.x as Record<string, unknown>[]).every((s) => typeof s.v === 'boolean' && (s.ctx === undefined || isVector(s.ctx)))) return false;
  return Object.entries(v.f).every(([k, reg]) => k.length <= 100 && isRegister(reg));
}

const batchBase = {
  formatVersion: z.number().int().positive(),
  schemaVersion: z.number().int().positive(),
  team: z.string(),
  device: z.string().min(1).max(64),
  deviceName: z.string().max(200),
  createdAt: z.string().max(40),
  states: z.array(z.unknown()).max(STATES_PER_FILE).refine((states) => states.every(isRecordState), { message: 'record state' }),
  erasures: z.array(erasureSchema).max(100_000),
  /** how many erasures the writer's files in the folder are clean of (its last compaction) */
  clean: z.number().int().nonnegative().optional(),
};
export const logFileSchema = z.object({ format: z.literal(LOG_FORMAT), seq: z.number().int().positive(), ...batchBase });
export const snapshotFileSchema = z.object({ format: z.literal(SNAPSHOT_FORMAT), seq: z.number().int().nonnegative(), part: z.number().int().positive(), parts: z.number().int().positive(), ...batchBase });
export const leftFileSchema = z.object({
  device: z.string(),
  deviceName: z.string().max(200),
  at: z.string().max(40),
  /** a folder retired after a restore: the machine's new id, whose snapshot `coveredBy` (or any later one) holds everything up to log `lastSeq` */
  replacedBy: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).optional(),
  lastSeq: z.number().int().nonnegative().optional(),
  coveredBy: z.number().int().nonnegative().optional(),
});
export type LeftFile = z.infer<typeof leftFileSchema>;

export interface Batch {
  format: typeof LOG_FORMAT | typeof SNAPSHOT_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  team: string;
  device: string;
  deviceName: string;
  createdAt: string;
  states: RecordState[];
  erasures: ErasureEntry[];
  seq: number;
  part?: number;
  parts?: number;
  clean?: number;
}

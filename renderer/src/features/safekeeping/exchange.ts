/**
 * Exchange files and merging between machines, without a server.
 *
 * Each record carries a revision { device, counter } from a hybrid logical clock.
 * Per peer device we remember the peer's clock in the last full file we merged
 * from it (and per scope for partial files); each file tells, per device, up to
 * which clock its sender has merged full files. So for one record:
 * - the incoming version is news to us unless we wrote it, or it is older than
 *   what we have already merged from its author or from this peer;
 * - our version is news to the peer unless the peer wrote it, or the file says the
 *   peer has already merged it.
 * Newer wins only where the other side did not change it; when both did, the pair
 * goes to the conflict inbox (nothing is lost). With three or more machines the
 * rules err towards a conflict, never towards a silent overwrite of a local change
 * the peer has not seen.
 */
import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, SYNC_TABLES, type FourmiliereDatabase, type SyncTableName } from '../../db/database';
import { getDeviceId, newId, nextCounter, observeCounter, type BaseRecord } from '../../db/records';
import { isFutureDate, recordProblem, REFERENCES } from './tables';
import { sha256Hex } from './hashing';
import { checkSignature, deviceSigningKey, signStatement, type SignatureCheck, type Signer } from './signing';
import { readErasureRegister, reapplyErasures } from './privacy';

export const EXCHANGE_FORMAT = 'fourmiliere-exchange';
export const EXCHANGE_FORMAT_VERSION = 1;

export type ExchangeScope = { kind: 'all' } | { kind: 'region'; regionCode: string } | { kind: 'cohort'; cohortId: string } | { kind: 'workshops'; workshopIds: string[] };

import type { Tombstone } from '../../db/tombstones';
export type { Tombstone };

export interface ExchangeFile {
  format: typeof EXCHANGE_FORMAT;
  formatVersion: number;
  schemaVersion: number;
  createdAt: string;
  device: string;
  deviceName: string;
  clock: number;
  scope: ExchangeScope;
  tables: Partial<Record<SyncTableName, BaseRecord[]>>;
  tombstones: Tombstone[];
  /** per device, the clock of the last file from it that the sender merged */
  seen: Record<string, number>;
  checksum: string;
  /** who signed it (absent in files from before signatures) */
  signer?: Signer;
  /** Ed25519 signature of exchangeStatement(file), hex */
  signature?: string;
}

export interface ConflictRow {
  id: string;
  table: SyncTableName;
  recordId: string;
  /** null when that side deleted the record */
  local: BaseRecord | null;
  incoming: BaseRecord | null;
  peerDevice: string;
  peerName: string;
  createdAt: string;
  /** '' while open (IndexedDB cannot index null), else when it was resolved */
  resolvedAt: string;
  /** the version that lost, kept so the choice can be undone */
  previous: BaseRecord | null;
  result: BaseRecord | null;
}

export interface PeerState {
  name: string;
  /** the peer's clock in the last full ('all') file we merged from it */
  remoteClock: number;
  /** the highest of our clocks the peer said it had merged (its file's `seen`) */
  localClock: number;
  /** per partial scope, the peer's clock in the last such file we merged */
  scopes?: Record<string, number>;
}

export interface MergePlan {
  peer: { device: string; name: string; clock: number; scope: string; seenOfUs: number };
  added: { table: SyncTableName; record: BaseRecord }[];
  updated: { table: SyncTableName; record: BaseRecord; previous: BaseRecord }[];
  deleted: { table: SyncTableName; recordId: string; tombstone: Tombstone }[];
  conflicts: { table: SyncTableName; local: BaseRecord | null; incoming: BaseRecord | null }[];
  unchanged: number;
  invalid: { table: string; index: number; reason: string }[];
  duplicates: { table: 'animators' | 'providers'; localId: string; incomingId: string; label: string }[];
  tombstones: Tombstone[];
}

export type ExchangeError = { key: 'exchange.error.notJson' | 'exchange.error.foreign' | 'exchange.error.newer' | 'exchange.error.checksum' | 'exchange.error.shape' | 'exchange.error.self' | 'exchange.error.signature'; detail: string };

const peerKey = (device: string) => `sync.peer.${device}`;
/**
 * Records read or written per request of a merge run in the window, where each call clones
 * its records in one task: 400 animators keep that task near 50 ms on a modest laptop. The
 * app merges in a worker (write-session.ts), with larger pages.
 */
const PAGE = 400;
/** Records per request of a merge in a worker. */
export const WORKER_PAGE = 2000;

const fileSchema = z.object({
  format: z.literal(EXCHANGE_FORMAT),
  formatVersion: z.number().int().positive(),
  schemaVersion: z.number().int().positive(),
  createdAt: z.string().datetime(),
  device: z.string().min(1).max(64),
  deviceName: z.string().max(200),
  clock: z.number().int().nonnegative(),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('all') }),
    z.object({ kind: z.literal('region'), regionCode: z.string().max(3) }),
    z.object({ kind: z.literal('cohort'), cohortId: z.string().max(200) }),
    z.object({ kind: z.literal('workshops'), workshopIds: z.array(z.string().max(200)).max(10_000) }),
  ]),
  tables: z.record(z.string(), z.array(z.unknown())),
  seen: z.record(z.string(), z.number().int().nonnegative()).default({}),
  tombstones: z.array(z.object({ id: z.string(), table: z.enum(SYNC_TABLES as unknown as [SyncTableName, ...SyncTableName[]]), recordId: z.string(), deletedAt: z.string().datetime(), rev: z.object({ device: z.string(), counter: z.number().int().nonnegative() }) })),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
  // checked by checkSignature, which says what is wrong with them
  signer: z.unknown().optional(),
  signature: z.unknown().optional(),
});

/**
 * What the signature covers: every header field and the checksum, which covers the
 * records and tombstones. Recomputing the checksums after an edit breaks it.
 */
export function exchangeStatement(file: Omit<ExchangeFile, 'signature'>): unknown {
  const { format, formatVersion, schemaVersion, createdAt, device, deviceName, clock, scope, seen, checksum, signer } = file;
  return { purpose: 'fourmiliere-exchange-signature', format, formatVersion, schemaVersion, createdAt, device, deviceName, clock, scope, seen, checksum, signer };
}

const checksumOf = (tables: unknown, tombstones: unknown) => sha256Hex(JSON.stringify([tables, tombstones]));

/** Records that belong to a scope, read by index, table by table. */
export async function recordsInScope(db: FourmiliereDatabase, scope: ExchangeScope): Promise<Partial<Record<SyncTableName, BaseRecord[]>>> {
  const out: Partial<Record<SyncTableName, BaseRecord[]>> = {};
  if (scope.kind === 'all') {
    for (const name of SYNC_TABLES) out[name] = await db.syncTable(name).toArray();
    return out;
  }
  if (scope.kind === 'region') {
    const cohorts = await db.cohorts.where('regionCode').equals(scope.regionCode).toArray();
    const cohortIds = cohorts.map((c) => c.id);
    out.animators = await db.animators.where('regionCode').equals(scope.regionCode).toArray();
    out.cohorts = cohorts;
    out.modules = await db.modules.where('cohortId').anyOf(cohortIds).toArray();
    out.moduleSessions = await db.moduleSessions.where('cohortId').anyOf(cohortIds).toArray();
    out.enrolments = await db.enrolments.where('cohortId').anyOf(cohortIds).toArray();
    return out;
  }
  if (scope.kind === 'cohort') {
    const cohort = await db.cohorts.get(scope.cohortId);
    out.cohorts = cohort ? [cohort] : [];
    out.modules = await db.modules.where('cohortId').equals(scope.cohortId).toArray();
    out.moduleSessions = await db.moduleSessions.where('cohortId').equals(scope.cohortId).toArray();
    const enrolments = await db.enrolments.where('cohortId').equals(scope.cohortId).toArray();
    out.enrolments = enrolments;
    out.animators = (await db.animators.bulkGet(enrolments.map((e) => e.animatorId))).filter((a): a is NonNullable<typeof a> => a !== undefined);
    const sessionIds = out.moduleSessions.map((s) => s.id);
    out.attendance = await db.attendance.where('sessionId').anyOf(sessionIds).toArray();
    return out;
  }
  out.workshops = (await db.workshops.bulkGet(scope.workshopIds)).filter((w): w is NonNullable<typeof w> => w !== undefined);
  out.sessions = await db.sessions.where('workshopId').anyOf(scope.workshopIds).toArray();
  const registrations = await db.registrations.where('workshopId').anyOf(scope.workshopIds).toArray();
  out.registrations = registrations;
  out.providers = (await db.providers.bulkGet([...new Set(registrations.map((r) => r.personId))])).filter((p): p is NonNullable<typeof p> => p !== undefined);
  out.attendance = await db.attendance.where('sessionId').anyOf(out.sessions.map((s) => s.id)).toArray();
  out.evaluations = await db.evaluations.where('subjectId').anyOf(scope.workshopIds).toArray();
  return out;
}

export async function exportExchange(db: FourmiliereDatabase, scope: ExchangeScope, deviceName: string): Promise<string> {
  const key = await deviceSigningKey(db);
  const tables = await recordsInScope(db, scope);
  const tombstones = (await db.tombstones.toArray()) as unknown as Tombstone[];
  const seen: Record<string, number> = {};
  for (const row of await db.settings.where('key').startsWith('sync.peer.').toArray()) seen[row.key.slice('sync.peer.'.length)] = (row.value as PeerState).remoteClock;
  const file: ExchangeFile = {
    format: EXCHANGE_FORMAT,
    formatVersion: EXCHANGE_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    createdAt: new Date().toISOString(),
    device: getDeviceId(),
    deviceName,
    clock: nextCounter(),
    scope,
    tables,
    tombstones,
    seen,
    checksum: await checksumOf(tables, tombstones),
    signer: { publicKey: key.publicKey, deviceName },
  };
  file.signature = signStatement(exchangeStatement(file), key.secretKey);
  const counts = Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.length]));
  await db.exchanges.put({ id: newId(), at: file.createdAt, direction: 'export', peerDevice: '', peerName: '', scope: scope.kind, counts });
  return JSON.stringify(file);
}

/** Reads and checks a file: shape, versions, checksum, signature. `signature` says who signed it, or that nobody did. */
export async function parseExchange(text: string): Promise<{ ok: true; value: ExchangeFile; signature: SignatureCheck } | { ok: false; error: ExchangeError }> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: { key: 'exchange.error.notJson', detail: e instanceof Error ? e.message : '' } };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== EXCHANGE_FORMAT) return { ok: false, error: { key: 'exchange.error.foreign', detail: '' } };
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, error: { key: 'exchange.error.shape', detail: parsed.error.issues[0]?.path.join('.') ?? '' } };
  const file = parsed.data as unknown as ExchangeFile;
  if (file.formatVersion > EXCHANGE_FORMAT_VERSION || file.schemaVersion > CURRENT_SCHEMA_VERSION) return { ok: false, error: { key: 'exchange.error.newer', detail: String(file.schemaVersion) } };
  if ((await checksumOf(file.tables, file.tombstones)) !== file.checksum) return { ok: false, error: { key: 'exchange.error.checksum', detail: '' } };
  // After the checksum: a file edited and re-summed passes it, and fails here.
  const signature = checkSignature(exchangeStatement(file), file.signer, file.signature);
  if (signature.status === 'invalid') return { ok: false, error: { key: 'exchange.error.signature', detail: signature.reason } };
  if (file.device === getDeviceId()) return { ok: false, error: { key: 'exchange.error.self', detail: '' } };
  return { ok: true, value: file, signature };
}

const sameRev = (a: BaseRecord['rev'], b: BaseRecord['rev']) => a.device === b.device && a.counter === b.counter;
const sameTomb = (a: Tombstone | undefined, b: Tombstone) => a !== undefined && sameRev(a.rev, b.rev);
/** A stable name for a partial scope, to remember per scope what we merged from a peer. */
export function scopeKey(scope: ExchangeScope): string {
  if (scope.kind === 'region') return `region:${scope.regionCode}`;
  if (scope.kind === 'cohort') return `cohort:${scope.cohortId}`;
  if (scope.kind === 'workshops') return `workshops:${[...scope.workshopIds].sort().join(',')}`;
  return 'all';
}
const content = (r: BaseRecord) => {
  const { rev: _rev, updatedAt: _u, ...rest } = r;
  return JSON.stringify(rest);
};

/** The dry run: what merging this file would add, update, delete, and where both sides changed. */
export async function planMerge(db: FourmiliereDatabase, file: ExchangeFile, now = new Date()): Promise<MergePlan> {
  const me = getDeviceId();
  const known = ((await db.settings.get(peerKey(file.device)))?.value as PeerState | undefined) ?? { name: file.deviceName, remoteClock: 0, localClock: 0 };
  const scopeClock = file.scope.kind === 'all' ? 0 : (known.scopes?.[scopeKey(file.scope)] ?? 0);
  // Other devices' clocks we merged full files from: their older writes are not news.
  const direct = new Map<string, number>();
  for (const row of await db.settings.where('key').startsWith('sync.peer.').toArray()) direct.set(row.key.slice('sync.peer.'.length), (row.value as PeerState).remoteClock);
  const fromPeer = Math.max(known.remoteClock, scopeClock);
  /** Did the incoming version change since our last exchange (is it news to us)? */
  const remoteChanged = (rev: BaseRecord['rev']) => rev.device !== me && rev.counter > Math.max(fromPeer, rev.device === file.device ? 0 : (direct.get(rev.device) ?? 0));
  /** Did our version change since the peer last merged from us (is it news to the peer)? */
  const localChanged = (rev: BaseRecord['rev']) => rev.device !== file.device && rev.counter > Math.max(file.seen[me] ?? 0, file.seen[rev.device] ?? 0);
  const peer = { ...known, localClock: Math.max(known.localClock, file.seen[me] ?? 0) };
  const plan: MergePlan = { peer: { device: file.device, name: file.deviceName, clock: file.clock, scope: scopeKey(file.scope), seenOfUs: peer.localClock }, added: [], updated: [], deleted: [], conflicts: [], unchanged: 0, invalid: [], duplicates: [], tombstones: [] };
  const incomingIds = new Map<SyncTableName, Set<string>>();
  for (const name of SYNC_TABLES) incomingIds.set(name, new Set((file.tables[name] ?? []).map((r) => (r as { id?: string }).id ?? '')));
  const localTombs = new Map(((await db.tombstones.toArray()) as unknown as Tombstone[]).map((t) => [`${t.table}:${t.recordId}`, t]));
  // Records an RGPD erasure removed or anonymised here never come back through a file.
  const erased = new Set((await readErasureRegister(db)).map((e) => `${e.table}:${e.recordId}`));

  for (const name of SYNC_TABLES) {
    const rows = file.tables[name] ?? [];
    const valid: BaseRecord[] = [];
    const seen = new Set<string>();
    for (const [index, row] of rows.entries()) {
      const problem = recordProblem(name, row);
      if (problem) {
        plan.invalid.push({ table: name, index, reason: problem });
        continue;
      }
      const record = row as BaseRecord;
      if (erased.has(`${name}:${record.id}`)) {
        plan.unchanged++;
        continue;
      }
      if (seen.has(record.id)) {
        plan.invalid.push({ table: name, index, reason: `identifiant en double ${record.id}` });
        continue;
      }
      seen.add(record.id);
      if (isFutureDate(record.createdAt, now.getTime()) || isFutureDate(record.updatedAt, now.getTime())) {
        plan.invalid.push({ table: name, index, reason: 'date dans le futur' });
        continue;
      }
      valid.push(record);
    }
    // Dangling references: checked against the file and the local database together.
    for (const [field, target] of REFERENCES[name] ?? []) {
      const targets = valid.map((r) => String((r as unknown as Record<string, unknown>)[field]));
      const local = await db.syncTable(target).bulkGet(targets);
      for (let i = valid.length - 1; i >= 0; i--) {
        if (!local[i] && !incomingIds.get(target)?.has(targets[i]!)) {
          plan.invalid.push({ table: name, index: rows.indexOf(valid[i]!), reason: `référence manquante ${field} = ${targets[i]}` });
          valid.splice(i, 1);
        }
      }
    }
    for (let start = 0; start < valid.length; start += PAGE) {
      const page = valid.slice(start, start + PAGE);
      const locals = await db.syncTable(name).bulkGet(page.map((r) => r.id));
      page.forEach((incoming, i) => {
        const local = locals[i];
        const theirs = remoteChanged(incoming.rev);
        if (!local) {
          const tomb = localTombs.get(`${name}:${incoming.id}`);
          if (!tomb) plan.added.push({ table: name, record: incoming });
          else if (theirs && localChanged(tomb.rev)) plan.conflicts.push({ table: name, local: null, incoming });
          // edited there after our deletion reached it: theirs is the newer decision
          else if (theirs) plan.added.push({ table: name, record: incoming });
          else plan.unchanged++;
          return;
        }
        if (sameRev(local.rev, incoming.rev)) return void plan.unchanged++;
        if (!theirs) return void plan.unchanged++;
        if (!localChanged(local.rev)) return void plan.updated.push({ table: name, record: incoming, previous: local });
        if (content(local) === content(incoming)) return void plan.unchanged++;
        plan.conflicts.push({ table: name, local, incoming });
      });
    }
  }
  const newTombs = file.tombstones.filter((tomb) => remoteChanged(tomb.rev) && !sameTomb(localTombs.get(tomb.id), tomb));
  for (const table of SYNC_TABLES) {
    const tombs = newTombs.filter((t) => t.table === table);
    if (tombs.length === 0) continue;
    const locals = await db.syncTable(table).bulkGet(tombs.map((t) => t.recordId));
    tombs.forEach((tomb, i) => {
      const local = locals[i];
      if (local && localChanged(local.rev)) plan.conflicts.push({ table, local, incoming: null });
      else if (local) plan.deleted.push({ table, recordId: tomb.recordId, tombstone: tomb });
      // kept even when the record is not here, so the deletion travels on to other machines
      plan.tombstones.push(tomb);
    });
  }
  // People present on both sides under different ids: proposed as duplicates.
  for (const table of ['animators', 'providers'] as const) {
    const added = plan.added.filter((a) => a.table === table).map((a) => a.record as BaseRecord & { email?: string; firstName?: string; lastName?: string });
    const emails = added.map((r) => r.email ?? '').filter(Boolean);
    if (emails.length === 0) continue;
    const byEmail = new Map(added.filter((r) => r.email).map((r) => [r.email!, r]));
    const matches = await db.table(table).where('email').anyOf(emails).toArray();
    for (const local of matches as (BaseRecord & { email: string; firstName: string; lastName: string })[]) {
      const twin = byEmail.get(local.email);
      if (twin && twin.id !== local.id && local.deletedAt === null) plan.duplicates.push({ table, localId: local.id, incomingId: twin.id, label: `${local.firstName} ${local.lastName} <${local.email}>` });
    }
  }
  return plan;
}

/**
 * Applies a plan in one transaction; conflicts go to the inbox. Re-applying the same file changes nothing.
 * `page`: records per bulkPut (larger in a worker, where a clone holds no frame).
 */
export async function applyMerge(db: FourmiliereDatabase, plan: MergePlan, onProgress: (p: { done: number; total: number }) => void = () => undefined, page = PAGE): Promise<void> {
  const tables = [...SYNC_TABLES.map((n) => db.table(n)), db.conflicts, db.exchanges, db.tombstones, db.settings, db.history];
  const now = new Date().toISOString();
  const total = plan.added.length + plan.updated.length;
  let done = 0;
  onProgress({ done, total });
  await db.transaction('rw', tables, async () => {
    for (const name of SYNC_TABLES) {
      const puts = [...plan.added, ...plan.updated].filter((c) => c.table === name).map((c) => c.record);
      for (let i = 0; i < puts.length; i += page) {
        await db.syncTable(name).bulkPut(puts.slice(i, i + page));
        done += Math.min(page, puts.length - i);
        onProgress({ done, total });
      }
    }
    for (const d of plan.deleted) await db.syncTable(d.table).delete(d.recordId);
    if (plan.tombstones.length) await db.tombstones.bulkPut(plan.tombstones as unknown as (Record<string, unknown> & { id: string })[]);
    const open = (await db.conflicts.where('resolvedAt').equals('').toArray()) as unknown as ConflictRow[];
    for (const c of plan.conflicts) {
      const recordId = (c.local ?? c.incoming)!.id;
      const duplicate = open.some((o) => o.recordId === recordId && JSON.stringify(o.incoming?.rev ?? null) === JSON.stringify(c.incoming?.rev ?? null));
      if (duplicate) continue;
      const row: ConflictRow = { id: newId(), table: c.table, recordId, local: c.local, incoming: c.incoming, peerDevice: plan.peer.device, peerName: plan.peer.name, createdAt: now, resolvedAt: '', previous: null, result: null };
      await db.conflicts.put(row as unknown as Record<string, unknown> & { id: string });
    }
    await reapplyErasures(db);
    observeCounter(plan.peer.clock);
    const known = (await db.settings.get(peerKey(plan.peer.device)))?.value as PeerState | undefined;
    const state: PeerState =
      plan.peer.scope === 'all'
        ? { ...known, name: plan.peer.name, remoteClock: Math.max(known?.remoteClock ?? 0, plan.peer.clock), localClock: plan.peer.seenOfUs }
        : { name: plan.peer.name, remoteClock: known?.remoteClock ?? 0, localClock: plan.peer.seenOfUs, scopes: { ...known?.scopes, [plan.peer.scope]: plan.peer.clock } };
    await db.settings.put({ key: peerKey(plan.peer.device), value: state });
    await db.exchanges.put({
      id: newId(),
      at: now,
      direction: 'import',
      peerDevice: plan.peer.device,
      peerName: plan.peer.name,
      counts: { added: plan.added.length, updated: plan.updated.length, deleted: plan.deleted.length, conflicts: plan.conflicts.length, invalid: plan.invalid.length },
    });
  });
}

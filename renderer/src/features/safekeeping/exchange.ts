/**
 * Exchange files and merging between machines, without a server.
 *
 * Each record carries a revision { device, counter } from a hybrid logical clock.
 * Per peer device we remember the peer's clock in the last file we merged from it
 * and our own clock at that moment. An incoming record "changed since the last
 * exchange" when its counter is above the peer's remembered clock; a local record
 * did when its counter is above ours. Newer wins only where the other side did not
 * change it; when both did, the pair goes to the conflict inbox (nothing is lost).
 */
import { z } from 'zod';
import { CURRENT_SCHEMA_VERSION, SYNC_TABLES, type FourmiliereDatabase, type SyncTableName } from '../../db/database';
import { getDeviceId, newId, nextCounter, observeCounter, type BaseRecord } from '../../db/records';
import { getSetting } from '../../db/settings';
import { syncSchemas } from './tables';
import { sha256Hex } from './hashing';

export const EXCHANGE_FORMAT = 'fourmiliere-exchange';
export const EXCHANGE_FORMAT_VERSION = 1;

export type ExchangeScope = { kind: 'all' } | { kind: 'region'; regionCode: string } | { kind: 'cohort'; cohortId: string } | { kind: 'workshops'; workshopIds: string[] };

export interface Tombstone {
  id: string;
  table: SyncTableName;
  recordId: string;
  deletedAt: string;
  rev: { device: string; counter: number };
}

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
  remoteClock: number;
  localClock: number;
}

export interface MergePlan {
  peer: { device: string; name: string; clock: number };
  added: { table: SyncTableName; record: BaseRecord }[];
  updated: { table: SyncTableName; record: BaseRecord; previous: BaseRecord }[];
  deleted: { table: SyncTableName; recordId: string; tombstone: Tombstone }[];
  conflicts: { table: SyncTableName; local: BaseRecord | null; incoming: BaseRecord | null }[];
  unchanged: number;
  invalid: { table: string; index: number; reason: string }[];
  duplicates: { table: 'animators' | 'providers'; localId: string; incomingId: string; label: string }[];
  tombstones: Tombstone[];
}

export type ExchangeError = { key: 'exchange.error.notJson' | 'exchange.error.foreign' | 'exchange.error.newer' | 'exchange.error.checksum' | 'exchange.error.shape' | 'exchange.error.self'; detail: string };

const peerKey = (device: string) => `sync.peer.${device}`;
const PAGE = 2000;

const fileSchema = z.object({
  format: z.literal(EXCHANGE_FORMAT),
  formatVersion: z.number().int().positive(),
  schemaVersion: z.number().int().positive(),
  createdAt: z.string().datetime(),
  device: z.string().min(1).max(64),
  deviceName: z.string().max(200),
  clock: z.number().int().nonnegative(),
  scope: z.object({ kind: z.enum(['all', 'region', 'cohort', 'workshops']) }).passthrough(),
  tables: z.record(z.string(), z.array(z.unknown())),
  seen: z.record(z.string(), z.number().int().nonnegative()).default({}),
  tombstones: z.array(z.object({ id: z.string(), table: z.enum(SYNC_TABLES as unknown as [SyncTableName, ...SyncTableName[]]), recordId: z.string(), deletedAt: z.string().datetime(), rev: z.object({ device: z.string(), counter: z.number().int().nonnegative() }) })),
  checksum: z.string().regex(/^[0-9a-f]{64}$/),
});

const checksumOf = (tables: unknown, tombstones: unknown) => sha256Hex(JSON.stringify([tables, tombstones]));

/** Records that belong to a scope, read by index, table by table. */
async function recordsInScope(db: FourmiliereDatabase, scope: ExchangeScope): Promise<Partial<Record<SyncTableName, BaseRecord[]>>> {
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
  };
  const counts = Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, v.length]));
  await db.exchanges.put({ id: newId(), at: file.createdAt, direction: 'export', peerDevice: '', peerName: '', scope: scope.kind, counts });
  return JSON.stringify(file);
}

export async function parseExchange(text: string): Promise<{ ok: true; value: ExchangeFile } | { ok: false; error: ExchangeError }> {
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
  if (file.device === getDeviceId()) return { ok: false, error: { key: 'exchange.error.self', detail: '' } };
  return { ok: true, value: file };
}

const sameRev = (a: BaseRecord['rev'], b: BaseRecord['rev']) => a.device === b.device && a.counter === b.counter;
const content = (r: BaseRecord) => {
  const { rev: _rev, updatedAt: _u, ...rest } = r;
  return JSON.stringify(rest);
};

/** Foreign keys checked on the way in: an incoming record must point to something. */
const REFERENCES: Partial<Record<SyncTableName, [string, SyncTableName][]>> = {
  sessions: [['workshopId', 'workshops']],
  registrations: [['workshopId', 'workshops'], ['personId', 'providers']],
  modules: [['cohortId', 'cohorts']],
  moduleSessions: [['moduleId', 'modules']],
  enrolments: [['cohortId', 'cohorts'], ['animatorId', 'animators']],
};

/** The dry run: what merging this file would add, update, delete, and where both sides changed. */
export async function planMerge(db: FourmiliereDatabase, file: ExchangeFile, now = new Date()): Promise<MergePlan> {
  const known = (await getSetting<PeerState>(peerKey(file.device))) ?? { name: file.deviceName, remoteClock: 0, localClock: 0 };
  // The sender tells us up to which of our clocks it has merged our changes: what we
  // changed after that is news to it, what came before it already has.
  const peer = { ...known, localClock: Math.max(known.localClock, file.seen[getDeviceId()] ?? 0) };
  const plan: MergePlan = { peer: { device: file.device, name: file.deviceName, clock: file.clock }, added: [], updated: [], deleted: [], conflicts: [], unchanged: 0, invalid: [], duplicates: [], tombstones: [] };
  const future = now.getTime() + 24 * 3600_000;
  const incomingIds = new Map<SyncTableName, Set<string>>();
  for (const name of SYNC_TABLES) incomingIds.set(name, new Set((file.tables[name] ?? []).map((r) => (r as { id?: string }).id ?? '')));
  const localTomb = new Set(((await db.tombstones.toArray()) as unknown as Tombstone[]).map((t) => `${t.table}:${t.recordId}`));

  for (const name of SYNC_TABLES) {
    const rows = file.tables[name] ?? [];
    const valid: BaseRecord[] = [];
    const seen = new Set<string>();
    for (const [index, row] of rows.entries()) {
      const checked = syncSchemas[name].safeParse(row);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        plan.invalid.push({ table: name, index, reason: `${issue?.path.join('.') || 'fiche'} : ${issue?.message ?? ''}` });
        continue;
      }
      const record = row as BaseRecord;
      if (seen.has(record.id)) {
        plan.invalid.push({ table: name, index, reason: `identifiant en double ${record.id}` });
        continue;
      }
      seen.add(record.id);
      if (Date.parse(record.createdAt) > future || Date.parse(record.updatedAt) > future) {
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
        const remoteChanged = incoming.rev.counter > peer.remoteClock;
        if (!local) {
          if (localTomb.has(`${name}:${incoming.id}`)) {
            if (remoteChanged) plan.conflicts.push({ table: name, local: null, incoming });
            else plan.unchanged++;
          } else plan.added.push({ table: name, record: incoming });
          return;
        }
        if (sameRev(local.rev, incoming.rev)) return void plan.unchanged++;
        const localChanged = local.rev.counter > peer.localClock;
        if (!remoteChanged) return void plan.unchanged++;
        if (!localChanged) return void plan.updated.push({ table: name, record: incoming, previous: local });
        if (content(local) === content(incoming)) return void plan.unchanged++;
        plan.conflicts.push({ table: name, local, incoming });
      });
    }
  }
  for (const tomb of file.tombstones) {
    if (tomb.rev.counter <= peer.remoteClock) continue;
    const local = await db.syncTable(tomb.table).get(tomb.recordId);
    if (!local) continue;
    if (local.rev.counter > peer.localClock) plan.conflicts.push({ table: tomb.table, local, incoming: null });
    else plan.deleted.push({ table: tomb.table, recordId: tomb.recordId, tombstone: tomb });
    plan.tombstones.push(tomb);
  }
  // People present on both sides under different ids: proposed as duplicates.
  for (const table of ['animators', 'providers'] as const) {
    const added = plan.added.filter((a) => a.table === table).map((a) => a.record as BaseRecord & { email?: string; firstName?: string; lastName?: string });
    const emails = added.map((r) => r.email ?? '').filter(Boolean);
    if (emails.length === 0) continue;
    const matches = await db.table(table).where('email').anyOf(emails).toArray();
    for (const local of matches as (BaseRecord & { email: string; firstName: string; lastName: string })[]) {
      const twin = added.find((r) => r.email === local.email && r.id !== local.id);
      if (twin) plan.duplicates.push({ table, localId: local.id, incomingId: twin.id, label: `${local.firstName} ${local.lastName} <${local.email}>` });
    }
  }
  return plan;
}

/** Applies a plan in one transaction; conflicts go to the inbox. Re-applying the same file changes nothing. */
export async function applyMerge(db: FourmiliereDatabase, plan: MergePlan): Promise<void> {
  const tables = [...SYNC_TABLES.map((n) => db.table(n)), db.conflicts, db.exchanges, db.tombstones, db.settings];
  const now = new Date().toISOString();
  await db.transaction('rw', tables, async () => {
    for (const name of SYNC_TABLES) {
      const puts = [...plan.added, ...plan.updated].filter((c) => c.table === name).map((c) => c.record);
      for (let i = 0; i < puts.length; i += PAGE) await db.syncTable(name).bulkPut(puts.slice(i, i + PAGE));
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
    observeCounter(plan.peer.clock);
    const state: PeerState = { name: plan.peer.name, remoteClock: plan.peer.clock, localClock: nextCounter() };
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

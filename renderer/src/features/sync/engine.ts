/**
 * The team sync engine: one run reads this device's local changes into their
 * replicated states, publishes them as a new numbered log file in its own folder,
 * then reads the other devices' new files and joins their states in. Pure logic
 * over a SyncTransport and the database: it runs in the window, a worker, or Node.
 *
 * Work is chunked (a few hundred records per transaction, a pause between chunks)
 * so no single task holds the window; `onProgress` tells where it is.
 * Nothing is applied from a file that fails authentication or validation, and a
 * local change is only marked published once its file is written whole.
 */
import { SYNC_TABLES, CURRENT_SCHEMA_VERSION, type FourmiliereDatabase, type HistoryRow, type SyncClockRow, type SyncTableName } from '../../db/database';
import { historyBatchRows, type HistoryBatchEntry } from '../../db/history';
import { observeCounter, sameRevision, type BaseRecord } from '../../db/records';
import { deleteWithTombstones, makeTombstone, tombstoneId, type Tombstone } from '../../db/tombstones';
import { REDERIVE } from '../safekeeping/conflicts';
import { recordsInScope, type ConflictRow, type ExchangeScope } from '../safekeeping/exchange';
import { ERASURES_KEY, readErasureRegister, reapplyErasures, unionRegisters, type ErasureEntry } from '../safekeeping/privacy';
import { changedFieldsProblem, recordProblem } from '../safekeeping/tables';
import { sealJson, unsealJson } from './cipher';
import {
  deviceDir,
  DEVICES_DIR,
  LEFT_FILE,
  leftFileSchema,
  type LeftFile,
  LOG_FORMAT,
  logFileSchema,
  logName,
  parseLogName,
  parseSnapshotName,
  SNAPSHOT_FORMAT,
  snapshotFileSchema,
  snapshotName,
  STATES_PER_FILE,
  SYNC_FORMAT_VERSION,
  validDeviceId,
  type Batch,
} from './format';
import { alternative, conflictedFields, vectorCovers, emptyState, isDataField, joinStates, localEvent, maxCounter, presence, project, type Dot, type RecordState, type Rederive } from './state';
import { isRemovableName, isSyncError, SyncError, type SyncTransport } from './transport';
import { RESTORED_ROW, type FormerId } from './reset';
import { readTeamFile } from './team';
import { fromStored, toStored } from './clock-rows';

export interface Team {
  teamId: string;
  key: Uint8Array;
  scope: ExchangeScope;
}
export interface Me {
  deviceId: string;
  deviceName: string;
  /** this machine's former ids in the folder (a restore gives it a new one): their folders are retired */
  former?: FormerId[];
  /** this machine's device id, when it writes under another one (a restore): folders named after it are its own too */
  baseId?: string;
}

/** This device's engine bookkeeping (syncState '~self'). */
export interface SelfState {
  id: '~self';
  teamId: string;
  /** last log written */
  seq: number;
  /** log after which the last snapshot was written */
  snapshotSeq: number;
  /** this device's hybrid clock: above every counter it made or saw */
  counter: number;
  /** wall time of the last scan's start: later scans read records updated since (minus a margin) */
  scanMark: string;
  /** erasure register entries already published, by table:recordId */
  publishedErasures: string[];
  /** erasure register entries this device's files in the folder no longer hold (compaction), by table:recordId */
  compactedErasures?: string[];
  /** the snapshot that replaced this device's older files: its logs before it and older snapshots are removed */
  compactedSeq?: number;
  /** when that snapshot was written */
  compactedAt?: string;
  lastSyncAt: string;
  runs: number;
}
/** What was read from another device (syncState 'peer:<device>'). */
export interface PeerLogState {
  id: string;
  device: string;
  name: string;
  /** last of its logs read */
  seq: number;
  /** its batch's own date (its clock) */
  lastActivity: string;
  /** when this device read it (our clock) */
  readAt: string;
  left: boolean;
  /** how many erasures its files are clean of, as its last file read says */
  clean?: number;
  /** its folder was retired after a restore: everything up to `lastSeq` is in `by`'s snapshot `coveredBy` (or a later one) */
  retired?: { by: string; lastSeq: number; coveredBy: number };
  /** its « left » marker as read: its last log then when it says, else its date; a file written after it means it is back */
  leftMark?: { seq?: number; at: string };
}

/**
 * A former folder of this machine (its id before a restore), as this device retires it
 * (syncState 'retire:<device>'). waiting: not all of it read yet (or its covering
 * snapshot not whole yet); removed: only its « left » marker is left; refused: main
 * refused a removal (a folder made before this computer remembered its folders);
 * blocked: an older « left » marker that names no replacement, so nothing is removed.
 */
export interface RetireState {
  id: string;
  device: string;
  phase: 'waiting' | 'removed' | 'refused' | 'blocked';
  /** its last log, as its marker says (0 before the marker) */
  lastSeq: number;
  /** the snapshot of this machine's new id that holds all of it */
  coveredBy: number;
  /** its logs and snapshots still in the folder */
  remaining: number;
  /** when the marker was written or found, and when its files were all gone */
  markedAt: string;
  removedAt: string;
  /** the path main refused to remove */
  refused?: string;
}

export interface SyncProgress {
  phase: 'scan' | 'publish' | 'read' | 'snapshot' | 'compact';
  done: number;
  total: number;
}
export interface SyncOptions {
  /** this device's wall clock (tests skew it) */
  clock?: () => number;
  onProgress?: (p: SyncProgress) => void;
  /** read every record, not only those updated since the last scan */
  fullScan?: boolean;
  /** logs between snapshots */
  snapshotEvery?: number;
  /** records per transaction */
  chunk?: number;
}
export interface SyncReport {
  published: number;
  wrote: string[];
  read: string[];
  applied: number;
  conflicts: number;
  invalid: { file: string; id: string; reason: string }[];
  /** this device's own older files removed after a compaction */
  removed: string[];
  /** files of other devices gone while being read (compacted by their owner): read at the next run */
  vanished: string[];
  /** a removal the folder refused (desktop: a device folder this computer did not create) */
  removeRefused?: string;
}

const CONFLICT_PREFIX = 'teamsync:';
const clockId = (t: SyncTableName, id: string) => `${t}:${id}`;
const SCAN_MARGIN_MS = 10 * 60_000;
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
type ConflictStored = ConflictRow & { source?: 'teamsync'; fields?: string[]; ack?: true };

export const rederive: Rederive = (table, record) => REDERIVE[table]?.(record) ?? {};

export async function readSelf(db: FourmiliereDatabase, teamId: string): Promise<SelfState> {
  const row = (await db.syncState.get('~self')) as SelfState | undefined;
  if (row && row.teamId === teamId) return row;
  return { id: '~self', teamId, seq: 0, snapshotSeq: 0, counter: 0, scanMark: '', publishedErasures: [], lastSyncAt: '', runs: 0 };
}
export async function readPeers(db: FourmiliereDatabase): Promise<PeerLogState[]> {
  return (await db.syncState.where('id').startsWith('peer:').toArray()) as unknown as PeerLogState[];
}

export interface ErasureFolderState {
  /** erasures this device knows of */
  count: number;
  /** when this device last rewrote its files without them ('' never); stale when `clean` < count */
  compactedAt: string;
  /** how many erasures this device's files are clean of */
  clean: number;
  /** devices still in the team whose last file read says their files still hold an erasure's person */
  behind: number;
  /** devices still in the team this device has read */
  known: number;
}

/** What the team folder still holds of erased people, as far as this device knows. */
export async function erasureFolderState(db: FourmiliereDatabase, teamId: string): Promise<ErasureFolderState> {
  const [register, self, peers] = await Promise.all([readErasureRegister(db), readSelf(db, teamId), readPeers(db)]);
  const count = register.length;
  const active = peers.filter((p) => !p.left);
  return { count, compactedAt: self.compactedAt ?? '', clean: self.compactedErasures?.length ?? 0, behind: active.filter((p) => (p.clean ?? 0) < count).length, known: active.length };
}

/** One sync run. Throws a SyncError (folder gone, disk full, tampered file…) with nothing half-applied. */
export async function syncOnce(db: FourmiliereDatabase, transport: SyncTransport, team: Team, me: Me, options: SyncOptions = {}): Promise<SyncReport> {
  const clock = options.clock ?? Date.now;
  // ~100 records per transaction keeps each step (join, checks, write) well under 50 ms on a slow laptop
  const chunk = options.chunk ?? 100;
  const report: SyncReport = { published: 0, wrote: [], read: [], applied: 0, conflicts: 0, invalid: [], removed: [], vanished: [] };
  if (!(await transport.exists(''))) throw new SyncError('folder-missing');
  // The folder still holds this team (not emptied, not swapped for another team's folder).
  const teamFile = await readTeamFile(transport);
  if (!teamFile) throw new SyncError('not-a-team', 'team.json');
  if (teamFile.teamId !== team.teamId) throw new SyncError('other-team', teamFile.teamId);
  const self = await readSelf(db, team.teamId);
  const ctx: RunContext = { db, transport, team, me, self, clock, chunk, report, onProgress: options.onProgress ?? (() => {}) };

  // 1. Our own files beyond what we remember (a run that stopped after writing): join them back.
  const ownNames = await transport.list(deviceDir(me.deviceId));
  await readOwnSnapshot(ctx, ownNames);
  for (const seq of ownNames.map(parseLogName).filter((s): s is number => s !== null && s > self.seq).sort((a, b) => a - b)) {
    if (seq !== self.seq + 1) break;
    if (!(await readLog(ctx, me.deviceId, seq, true))) break;
    self.seq = seq;
    await db.syncState.put({ ...self });
  }
  await skipUsedNumbers(ctx, ownNames);

  // 2. Local changes → states → new log files.
  const scanStart = new Date(clock()).toISOString();
  const full = options.fullScan || !self.scanMark || self.runs % 20 === 0;
  await publishLocal(ctx, full);
  self.scanMark = scanStart;

  // 3. Other devices' new files.
  const devices = (await transport.list(DEVICES_DIR)).filter((d) => validDeviceId(d) && d !== me.deviceId);
  for (const [i, device] of devices.entries()) {
    ctx.onProgress({ phase: 'read', done: i, total: devices.length });
    await readDevice(ctx, device);
  }

  await anonymiseKept(ctx);

  // 4. A snapshot now and then, so a device joining later reads a few files, not every log;
  // and after an RGPD erasure, one that rewrites this device's history without the person.
  const every = options.snapshotEvery ?? 50;
  let compaction = await compactionDue(ctx);
  if (compaction && !compaction.settled) {
    // Rows anonymised by an erasure read in this run: their new values go out first, then the rewrite.
    await publishLocal(ctx, false);
    compaction = await compactionDue(ctx);
  }
  if (compaction?.settled) await compact(ctx, compaction.register);
  else if (self.seq - self.snapshotSeq >= every) await writeSnapshot(ctx);
  // 5. This device's files that a compaction replaced (retried each run until all are gone).
  if (self.compactedSeq) await removeReplaced(ctx);
  // 6. This machine's folders from before a restore: marked retired, then emptied once safe.
  for (const former of formerFolders(me, devices)) await retireFormer(ctx, former);

  self.lastSyncAt = new Date(clock()).toISOString();
  self.runs++;
  await db.syncState.put({ ...self });
  report.conflicts = await db.conflicts.where('resolvedAt').equals('').filter((c) => String(c.id).startsWith(CONFLICT_PREFIX)).count();
  return report;
}

interface RunContext {
  db: FourmiliereDatabase;
  transport: SyncTransport;
  team: Team;
  me: Me;
  self: SelfState;
  clock: () => number;
  chunk: number;
  report: SyncReport;
  onProgress: (p: SyncProgress) => void;
}

function nextDot(ctx: RunContext): Dot {
  ctx.self.counter = Math.max(ctx.clock(), ctx.self.counter + 1);
  return [ctx.me.deviceId, ctx.self.counter];
}

/**
 * The dot of a local change: the record's own revision when this device made it and
 * it is newer than this device's earlier events on the record (then the table and the
 * state agree with no rewrite), else a fresh counter of this device's clock.
 */
function dotFor(ctx: RunContext, state: RecordState, record: BaseRecord | null): Dot {
  const rev = record?.rev;
  if (rev && rev.device === ctx.me.deviceId && rev.counter > (state.vv[ctx.me.deviceId] ?? 0)) {
    ctx.self.counter = Math.max(ctx.self.counter, rev.counter);
    return [rev.device, rev.counter];
  }
  return nextDot(ctx);
}

/** Ids of records the folder shares; null = all. */
async function scopeIds(db: FourmiliereDatabase, scope: ExchangeScope): Promise<Set<string> | null> {
  if (scope.kind === 'all') return null;
  const tables = await recordsInScope(db, scope);
  return new Set(Object.entries(tables).flatMap(([t, records]) => records.map((r) => clockId(t as SyncTableName, r.id))));
}

/** Records changed here since the last scan, as candidates; the clock rows decide what really changed. */
async function candidates(db: FourmiliereDatabase, table: SyncTableName, full: boolean, mark: string): Promise<string[]> {
  const t = db.syncTable(table);
  const indexed = t.schema.indexes.some((i) => i.name === 'updatedAt');
  if (full || !indexed || !mark) return (await t.toCollection().primaryKeys()) as string[];
  const since = new Date(Date.parse(mark) - SCAN_MARGIN_MS).toISOString();
  return (await t.where('updatedAt').aboveOrEqual(since).primaryKeys()) as string[];
}

/** How many local changes wait to be published (for the screen; reads, writes nothing). */
export async function pendingChanges(db: FourmiliereDatabase, teamId: string, scope: ExchangeScope): Promise<number> {
  const self = await readSelf(db, teamId);
  const inScope = await scopeIds(db, scope);
  let count = await db.syncClocks.where('dirty').equals(1).count();
  for (const table of SYNC_TABLES) {
    const ids = await candidates(db, table, !self.scanMark, self.scanMark);
    for (let i = 0; i < ids.length; i += 200) {
      if (i > 0) await pause();
      const page = ids.slice(i, i + 200);
      const [records, rows] = await Promise.all([db.syncTable(table).bulkGet(page), db.syncClocks.bulkGet(page.map((id) => clockId(table, id)))]);
      records.forEach((r, j) => {
        if (!r) return;
        const row = rows[j];
        if (!row && inScope && !inScope.has(clockId(table, r.id))) return;
        if (!row || !row.rev || !sameRevision(row.rev, r.rev)) count++;
      });
    }
  }
  return count;
}

async function publishLocal(ctx: RunContext, full: boolean): Promise<void> {
  const { db } = ctx;
  const inScope = await scopeIds(db, ctx.team.scope);
  // Conflicts of this engine resolved here since: those fields take the new dot even if the value kept is the one shown.
  const resolved = (await db.conflicts.where(':id').startsWith(CONFLICT_PREFIX).toArray()).map((c) => c as unknown as ConflictStored).filter((c) => c.resolvedAt !== '' && !c.ack);
  const forced = new Map<string, Set<string>>();
  for (const c of resolved) {
    const key = clockId(c.table, c.recordId);
    const set = forced.get(key) ?? new Set<string>();
    for (const f of c.fields ?? []) set.add(f);
    forced.set(key, set);
  }
  const erasedDeletes = new Set((await readErasureRegister(db)).filter((e) => e.action === 'delete').map((e) => clockId(e.table, e.recordId)));

  const changed: { row: SyncClockRow; seenRev: SyncClockRow['rev'] }[] = [];
  /** revisions that moved with no change of data (a conflict kept as shown, a save of the same values) */
  const revOnly: SyncClockRow[] = [];
  for (const [ti, table] of SYNC_TABLES.entries()) {
    ctx.onProgress({ phase: 'scan', done: ti, total: SYNC_TABLES.length });
    const ids = new Set(await candidates(db, table, full, ctx.self.scanMark));
    for (const key of forced.keys()) if (key.startsWith(`${table}:`)) ids.add(key.slice(table.length + 1));
    const list = [...ids];
    for (let i = 0; i < list.length; i += ctx.chunk) {
      const page = list.slice(i, i + ctx.chunk);
      const [records, stored] = await Promise.all([db.syncTable(table).bulkGet(page), db.syncClocks.bulkGet(page.map((id) => clockId(table, id)))]);
      records.forEach((record, j) => {
        if (!record) return;
        const key = clockId(table, record.id);
        const raw = stored[j];
        const force = forced.get(key);
        if (raw?.rev && sameRevision(raw.rev, record.rev) && !force) return;
        const row = raw && fromStored(raw);
        if (!row && inScope && !inScope.has(key)) return;
        const state = row?.state ?? emptyState(table, record.id);
        const next = localEvent(state, record, dotFor(ctx, state, record), force);
        if (next) changed.push({ row: { id: key, state: next, rev: record.rev }, seenRev: record.rev });
        else if (row) revOnly.push({ ...row, rev: record.rev });
      });
      await pause();
    }
  }
  // Hard deletions: a tombstone for a record the team shares, still alive in its state.
  const tombs = (await db.tombstones.toArray()) as unknown as Tombstone[];
  // After a restore no record has a state yet: one deleted here since (the team may have it) is published too.
  const restoredAt = inScope ? '' : (((await db.syncState.get(RESTORED_ROW)) as { at?: string } | undefined)?.at ?? '');
  for (let i = 0; i < tombs.length; i += ctx.chunk) {
    const page = tombs.slice(i, i + ctx.chunk);
    const rows = (await db.syncClocks.bulkGet(page.map((t) => clockId(t.table, t.recordId)))).map((r) => r && fromStored(r));
    const records = await Promise.all(page.map((t) => db.syncTable(t.table).get(t.recordId)));
    page.forEach((tomb, j) => {
      const row = rows[j] ?? (restoredAt && tomb.deletedAt >= restoredAt && !records[j] ? { id: clockId(tomb.table, tomb.recordId), state: emptyState(tomb.table, tomb.recordId), rev: null } : undefined);
      if (!row || records[j] || presence(row.state).deleted) return;
      let next = localEvent(row.state, null, nextDot(ctx));
      // (a deletion has no revision of its own to reuse)
      if (!next) return;
      // An RGPD erasure: the state keeps no value of the person, here or in the folder.
      if (erasedDeletes.has(row.id)) next = { ...next, f: {}, u: [] };
      changed.push({ row: { id: row.id, state: next, rev: null }, seenRev: null });
    });
  }
  // Changes folded in during an earlier merge.
  const dirty = (await db.syncClocks.where('dirty').equals(1).toArray()).map(fromStored);
  const seen = new Set(changed.map((c) => c.row.id));
  for (const row of dirty) if (!seen.has(row.id)) changed.push({ row, seenRev: row.rev });

  const register = await readErasureRegister(db);
  const published = new Set(ctx.self.publishedErasures);
  const erasures = register.filter((e) => !published.has(clockId(e.table, e.recordId)));

  const publishable = changed;
  if (revOnly.length) await db.syncClocks.bulkPut(revOnly.map(toStored));
  if (publishable.length === 0 && erasures.length === 0) {
    await ackResolved(db, resolved);
    return;
  }
  const batches = Math.max(1, Math.ceil(publishable.length / STATES_PER_FILE));
  for (let b = 0; b < batches; b++) {
    ctx.onProgress({ phase: 'publish', done: b, total: batches });
    const part = publishable.slice(b * STATES_PER_FILE, (b + 1) * STATES_PER_FILE);
    // The file first: if it cannot be written (disk full, folder gone), nothing here is marked published.
    await sealLog(ctx, part.map((c) => c.row.state), b === 0 ? erasures : []);
    ctx.report.published += part.length;
    if (b === 0) ctx.self.publishedErasures = [...published, ...erasures.map((e) => clockId(e.table, e.recordId))];
    await db.transaction('rw', [...SYNC_TABLES.map((n) => db.table(n)), db.syncClocks, db.syncState], async () => {
      const rows: SyncClockRow[] = [];
      for (const c of part) {
        const shown = project(c.row.state, rederive);
        let rev = c.seenRev;
        // The table shows what every other device will show: same revision, same derived keys.
        if (shown && c.seenRev && !sameRevision(shown.rev, c.seenRev)) {
          const table = db.syncTable(c.row.state.t);
          const current = await table.get(c.row.state.id);
          if (current && sameRevision(current.rev, c.seenRev)) {
            await table.put({ ...current, rev: shown.rev, updatedAt: shown.updatedAt });
            rev = shown.rev;
          }
        }
        rows.push({ id: c.row.id, state: c.row.state, rev });
      }
      await db.syncClocks.bulkPut(rows.map(toStored));
      await db.syncState.put({ ...ctx.self });
    });
    await pause();
  }
  await ackResolved(db, resolved);
}

async function ackResolved(db: FourmiliereDatabase, rows: ConflictStored[]): Promise<void> {
  if (rows.length) await db.conflicts.bulkPut(rows.map((c) => ({ ...c, ack: true }) as unknown as Record<string, unknown> & { id: string }));
}

async function readDevice(ctx: RunContext, device: string): Promise<void> {
  const { db, transport } = ctx;
  const names = await transport.list(deviceDir(device));
  const peerId = `peer:${device}`;
  const peer = ((await db.syncState.get(peerId)) as unknown as PeerLogState | undefined) ?? { id: peerId, device, name: '', seq: 0, lastActivity: '', readAt: '', left: false };
  const logs = new Set(names.map(parseLogName).filter((s): s is number => s !== null));
  // Its latest snapshot whose parts are all there, when we are behind it and its logs do not reach us.
  const snaps = new Map<number, Set<number>>();
  const partsOf = new Map<number, number>();
  for (const n of names) {
    const s = parseSnapshotName(n);
    if (!s) continue;
    snaps.set(s.seq, (snaps.get(s.seq) ?? new Set()).add(s.part));
    partsOf.set(s.seq, s.parts);
  }
  const complete = [...snaps.entries()].filter(([seq, parts]) => parts.size === partsOf.get(seq)).map(([seq]) => seq).sort((a, b) => b - a);
  const snapshot = complete[0];
  if (snapshot !== undefined && snapshot > peer.seq && (peer.seq === 0 || !logs.has(peer.seq + 1))) {
    const parts = partsOf.get(snapshot)!;
    for (let part = 1; part <= parts; part++) {
      const path = `${deviceDir(device)}/${snapshotName(snapshot, part, parts)}`;
      const batch = await readBatch(ctx, path, device, true);
      // Replaced meanwhile by a newer snapshot of its owner: the next run reads that one.
      if (!batch) return;
      await applyBatch(ctx, batch, path);
      peer.name = batch.deviceName;
      peer.lastActivity = batch.createdAt;
      if (batch.clean !== undefined) peer.clean = batch.clean;
    }
    peer.seq = snapshot;
    peer.readAt = new Date(ctx.clock()).toISOString();
    await db.syncState.put({ ...peer } as unknown as { id: string });
  }
  const logPath = (seq: number) => `${deviceDir(device)}/${logName(seq)}`;
  // The next file is fetched and decrypted while this one is written (the worker would only wait for the database).
  const fetchLog = (seq: number) => {
    const fetched = readBatch(ctx, logPath(seq), device, false);
    fetched.catch(() => undefined);
    return fetched;
  };
  let next = logs.has(peer.seq + 1) ? fetchLog(peer.seq + 1) : null;
  while (next) {
    const seq = peer.seq + 1;
    const batch = await next;
    next = null;
    if (!batch) break;
    if (batch.seq !== seq) throw new SyncError('tampered', logPath(seq));
    if (logs.has(seq + 1)) next = fetchLog(seq + 1);
    const read: PeerLogState = { ...peer, seq, name: batch.deviceName, lastActivity: batch.createdAt, readAt: new Date(ctx.clock()).toISOString(), ...(batch.clean !== undefined ? { clean: batch.clean } : {}) };
    // where this device is in that device's logs moves on with the file's last records, in their transaction
    await applyBatch(ctx, batch, logPath(seq), [read]);
    Object.assign(peer, read);
  }
  if (names.includes(LEFT_FILE) && !peer.leftMark) {
    const path = `${deviceDir(device)}/${LEFT_FILE}`;
    const bytes = await transport.read(path);
    if (bytes) {
      const left = leftFileSchema.safeParse(unsealJson(ctx.team.key, path, bytes));
      peer.left = true;
      peer.leftMark = { at: '' };
      if (left.success) {
        peer.name ||= left.data.deviceName;
        peer.lastActivity ||= left.data.at;
        const { replacedBy, lastSeq, coveredBy } = left.data;
        peer.leftMark = { at: left.data.at, ...(lastSeq !== undefined ? { seq: lastSeq } : {}) };
        if (replacedBy && lastSeq !== undefined && coveredBy !== undefined) peer.retired = { by: replacedBy, lastSeq, coveredBy };
      }
    }
  }
  // It left (or its folder was retired), then joined again under that id: a log after the marker means it is back.
  if (peer.leftMark) {
    const mark = peer.leftMark;
    peer.left = !(mark.seq !== undefined ? peer.seq > mark.seq : mark.at !== '' && peer.lastActivity > mark.at);
  }
  // A folder retired after a restore, whose logs this device had not all read and are gone now:
  // its replacement's snapshot holds them (joined before it was written), so read that instead.
  if (peer.retired && peer.seq < peer.retired.lastSeq && !logs.has(peer.seq + 1)) {
    if (await readCover(ctx, peer.retired.by, peer.retired.coveredBy)) peer.seq = peer.retired.lastSeq;
  }
  if (!peer.name && names.length === 0) return;
  await db.syncState.put({ ...peer } as unknown as { id: string });
}

async function readLog(ctx: RunContext, device: string, seq: number, own: boolean): Promise<Batch | null> {
  const path = `${deviceDir(device)}/${logName(seq)}`;
  const batch = await readBatch(ctx, path, device, false);
  if (!batch) return null;
  if (batch.seq !== seq) throw new SyncError('tampered', path);
  await applyBatch(ctx, batch, path);
  if (own) ctx.self.counter = Math.max(ctx.self.counter, ...batch.states.map(maxCounter));
  return batch;
}

/** null when the file was listed but is gone now (its owner compacted it away) while the folder is still there. */
async function readBatch(ctx: RunContext, path: string, device: string, snapshot: boolean): Promise<Batch | null> {
  const bytes = await ctx.transport.read(path);
  if (!bytes) {
    if (!(await ctx.transport.exists(''))) throw new SyncError('folder-missing', path);
    ctx.report.vanished.push(path);
    return null;
  }
  const raw = unsealJson(ctx.team.key, path, bytes);
  const parsed = (snapshot ? snapshotFileSchema : logFileSchema).safeParse(raw);
  // Authenticated, so written with the team key: a shape we do not know is a newer app's.
  if (!parsed.success) throw new SyncError((raw as { formatVersion?: unknown })?.formatVersion !== SYNC_FORMAT_VERSION ? 'newer-format' : 'tampered', path);
  const batch = parsed.data as unknown as Batch;
  if (batch.formatVersion > SYNC_FORMAT_VERSION || batch.schemaVersion > CURRENT_SCHEMA_VERSION) throw new SyncError('newer-format', path);
  if (batch.team !== ctx.team.teamId || batch.device !== device) throw new SyncError('tampered', path);
  ctx.report.read.push(path);
  return batch;
}

/** Joins a batch's states in, chunk by chunk, each chunk in one transaction; `after`: syncState rows written with the last chunk. */
async function applyBatch(ctx: RunContext, batch: Batch, path: string, after: readonly object[] = []): Promise<void> {
  const { db } = ctx;
  const tables = [...SYNC_TABLES.map((n) => db.table(n)), db.syncClocks, db.syncState, db.conflicts, db.tombstones, db.settings, db.history];
  let register = await readErasureRegister(db);
  if (batch.erasures.length > 0) {
    const known = new Set(register.map((e) => `${e.table}:${e.recordId}:${e.action}`));
    const fresh = batch.erasures.filter((e) => !known.has(`${e.table}:${e.recordId}:${e.action}`));
    if (fresh.length > 0) {
      register = unionRegisters(register, fresh);
      await db.transaction('rw', tables, async () => {
        await db.settings.put({ key: ERASURES_KEY, value: register });
        // Signed sheets kept anonymised: after the states are read (anonymiseKept), so the row
        // anonymised by the erasing device arrives as it is instead of meeting a second anonymisation.
        const deletions = fresh.filter((e) => e.action === 'delete');
        if (deletions.length) await reapplyErasures(db, deletions);
      });
    }
  }
  const erased = new Set(register.filter((e) => e.action === 'delete').map((e) => clockId(e.table, e.recordId)));
  const states = batch.states.filter((s) => !erased.has(clockId(s.t, s.id)));
  for (let i = 0; i < states.length; i += ctx.chunk) {
    const page = states.slice(i, i + ctx.chunk);
    await db.transaction('rw', tables, async () => {
      // Every read of the chunk at once: the database answers them back to back.
      const keys = page.map((s) => clockId(s.t, s.id));
      const byTable = new Map<SyncTableName, string[]>();
      for (const s of page) {
        const ids = byTable.get(s.t);
        if (ids) ids.push(s.id);
        else byTable.set(s.t, [s.id]);
      }
      const [rows, recordLists, conflictRows, tombKeys] = await Promise.all([
        db.syncClocks.bulkGet(keys).then((found) => found.map((r) => r && fromStored(r))),
        Promise.all([...byTable].map(([t, ids]) => db.syncTable(t).bulkGet(ids))),
        db.conflicts.where('recordId').anyOf(page.map((s) => s.id)).toArray() as unknown as Promise<ConflictStored[]>,
        // tombstones of these records (few or none): one query, not one delete per record
        db.tombstones.where(':id').anyOf(keys).primaryKeys() as Promise<string[]>,
      ]);
      const currents = new Map<string, BaseRecord>();
      [...byTable.keys()].forEach((t, k) => recordLists[k]!.forEach((r) => r && currents.set(clockId(t, r.id), r)));
      const tombstoned = new Set(tombKeys);
      const openRows = new Map<string, ConflictStored[]>();
      for (const c of conflictRows) {
        if (!c.id.startsWith(CONFLICT_PREFIX)) continue;
        const key = clockId(c.table, c.recordId);
        openRows.set(key, [...(openRows.get(key) ?? []), c]);
      }
      const puts = new Map<SyncTableName, BaseRecord[]>();
      const clockRows: SyncClockRow[] = [];
      const revived: string[] = [];
      const history = new Map<SyncTableName, HistoryBatchEntry[]>();
      const noteChange = (table: SyncTableName, entry: HistoryBatchEntry) => {
        const list = history.get(table);
        if (list) list.push(entry);
        else history.set(table, [entry]);
      };
      for (const [j, incoming] of page.entries()) {
        ctx.self.counter = Math.max(ctx.self.counter, maxCounter(incoming));
        observeCounter(maxCounter(incoming));
        const key = clockId(incoming.t, incoming.id);
        const current = currents.get(key) ?? null;
        const row = rows[j];
        let local = row?.state ?? emptyState(incoming.t, incoming.id);
        let dirty = row?.dirty;
        // A local change the scan has not seen yet (made during this run): fold it in first, publish it next run.
        const moved = current ? !row?.rev || !sameRevision(row.rev, current.rev) : row !== undefined && row.rev !== null && !presence(local).deleted;
        if (moved) {
          const folded = localEvent(local, current, current ? dotFor(ctx, local, current) : nextDot(ctx));
          if (folded) {
            local = folded;
            dirty = 1;
          }
        }
        // Nothing in it we have not seen (its vector is covered by ours): the join would change nothing.
        if (row && !dirty && vectorCovers(local.vv, incoming.vv)) continue;
        const joined = joinStates(local, incoming);
        const shown = project(joined, rederive);
        if (shown) {
          // A record this device had: only what the file changes needs checking (the rest is what is stored).
          const changed = current ? changedFields(current, shown) : null;
          const problem = changed ? changedFieldsProblem(incoming.t, shown as unknown as Record<string, unknown>, changed) : recordProblem(incoming.t, shown);
          if (problem) {
            ctx.report.invalid.push({ file: path, id: incoming.id, reason: problem });
            continue;
          }
          const list = puts.get(incoming.t) ?? [];
          if (list.length === 0) puts.set(incoming.t, list);
          list.push(shown);
          const tomb = tombstoneId(incoming.t, incoming.id);
          if (tombstoned.delete(tomb)) revived.push(tomb);
          // Corrections keep history: a record this device had, changed by the team's file.
          const changes = current && changed ? dataChanges(current, shown, changed) : {};
          if (Object.keys(changes).length > 0) noteChange(incoming.t, syncHistoryEntry(batch, incoming.id, 'update', changes));
        } else if (current) {
          await deleteWithTombstones(db, incoming.t, [incoming.id]);
          tombstoned.add(tombstoneId(incoming.t, incoming.id));
          noteChange(incoming.t, syncHistoryEntry(batch, incoming.id, 'delete', {}));
        } else if (!tombstoned.has(tombstoneId(incoming.t, incoming.id))) {
          await db.tombstones.put(makeTombstone(incoming.t, incoming.id) as unknown as Record<string, unknown> & { id: string });
          tombstoned.add(tombstoneId(incoming.t, incoming.id));
        }
        clockRows.push({ id: key, state: joined, rev: shown ? shown.rev : null, ...(dirty ? { dirty } : {}) });
        const existing = openRows.get(key) ?? [];
        if (existing.length > 0 || (shown && (conflictedFields(joined).length > 0 || presence(joined).conflict))) await refreshConflicts(ctx, joined, shown, existing);
        ctx.report.applied++;
      }
      // Every write of the chunk at once too (the records, their history and states, this device's clock).
      // The chunk's history: a few batch rows per table (db/history.ts), not one row per record.
      const at = new Date(ctx.clock()).toISOString();
      const historyRows = [...history].flatMap(([table, entries]) => historyBatchRows(table, entries, at, batch.device));
      await Promise.all([
        ...[...puts].map(([t, records]) => db.syncTable(t).bulkPut(records)),
        revived.length ? db.tombstones.bulkDelete(revived) : null,
        historyRows.length ? db.history.bulkAdd(historyRows) : null,
        db.syncClocks.bulkPut(clockRows.map(toStored)),
        db.syncState.bulkPut([{ ...ctx.self }, ...(i + ctx.chunk >= states.length ? after : [])] as { id: string }[]),
      ]);
    });
    await pause();
  }
  if (states.length === 0 && after.length > 0) await db.syncState.bulkPut([...after] as { id: string }[]);
}

/** Fields (data, bookkeeping and derived alike) whose value differs between two versions of a record. */
function changedFields(before: BaseRecord, after: BaseRecord): string[] {
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  const out: string[] = [];
  for (const k of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const x = b[k];
    const y = a[k];
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null || JSON.stringify(x) !== JSON.stringify(y)) out.push(k);
  }
  return out;
}

/** Data fields whose value a merge changes in the table: name → [before, after]. */
function dataChanges(before: BaseRecord, after: BaseRecord, changed: readonly string[]): HistoryRow['changes'] {
  const b = before as unknown as Record<string, unknown>;
  const a = after as unknown as Record<string, unknown>;
  const changes: HistoryRow['changes'] = {};
  for (const k of changed) if (isDataField(k)) changes[k] = [b[k] ?? null, a[k] ?? null];
  return changes;
}

/** A record's history entry saying which device's file changed it (« modifié par synchronisation depuis … »). */
function syncHistoryEntry(batch: Batch, recordId: string, action: 'update' | 'delete', changes: HistoryRow['changes']): HistoryBatchEntry {
  const from = batch.deviceName || batch.device;
  return { recordId, action, changes, summary: action === 'update' ? `modifié par synchronisation depuis ${from}` : `supprimé par synchronisation depuis ${from}` };
}

/** The inbox rows of a record: one per other value of its clashing fields, one for a deletion that clashes. */
async function refreshConflicts(ctx: RunContext, state: RecordState, shown: BaseRecord | null, existing: readonly ConflictStored[]): Promise<void> {
  const { db } = ctx;
  const prefix = `${CONFLICT_PREFIX}${state.t}:${state.id}:`;
  const wanted: ConflictStored[] = [];
  const at = new Date(ctx.clock()).toISOString();
  const peerName = async (device: string) => (device === ctx.me.deviceId ? ctx.me.deviceName : (((await db.syncState.get(`peer:${device}`)) as unknown as PeerLogState | undefined)?.name ?? ''));
  if (shown) {
    const fields = conflictedFields(state);
    for (let rank = 1; fields.length > 0; rank++) {
      const alt = alternative(state, shown, rank);
      if (!alt) break;
      const device = alt.dots[0]![0];
      wanted.push({ id: `${prefix}${alt.dots.map((d) => d.join('@')).join(',')}`, table: state.t, recordId: state.id, local: shown, incoming: alt.record, peerDevice: device, peerName: await peerName(device), createdAt: at, resolvedAt: '', previous: null, result: null, source: 'teamsync', fields: alt.fields });
    }
    if (presence(state).conflict) {
      const deletion = state.x.find((s) => s.v);
      const device = deletion?.d[0] ?? '';
      wanted.push({ id: `${prefix}presence:${state.x.map((s) => s.d.join('@')).join(',')}`, table: state.t, recordId: state.id, local: shown, incoming: null, peerDevice: device, peerName: await peerName(device), createdAt: at, resolvedAt: '', previous: null, result: null, source: 'teamsync', fields: ['_presence'] });
    }
  }
  const wantedIds = new Set(wanted.map((w) => w.id));
  // Open rows that no longer match: settled on another device (its choice is in the data now).
  const stale = existing.filter((c) => c.resolvedAt === '' && !wantedIds.has(c.id)).map((c) => c.id);
  if (stale.length) await db.conflicts.bulkDelete(stale);
  const have = new Map(existing.map((c) => [c.id, c]));
  for (const w of wanted) {
    const old = have.get(w.id);
    if (old && old.resolvedAt !== '') continue;
    // Keep the first date it was seen; refresh the versions shown.
    await db.conflicts.put({ ...w, createdAt: old?.createdAt ?? w.createdAt } as unknown as Record<string, unknown> & { id: string });
  }
}

/** Writes every state this device holds as a snapshot at its current log; false when that name was taken. */
async function writeSnapshot(ctx: RunContext, phase: SyncProgress['phase'] = 'snapshot'): Promise<boolean> {
  const { db } = ctx;
  const register = await readErasureRegister(db);
  // Records erased (RGPD) are left out: every reader drops their states anyway (the register
  // travels in part 1), and a snapshot must not carry the person's values a deletion kept.
  const erased = new Set(register.filter((e) => e.action === 'delete').map((e) => clockId(e.table, e.recordId)));
  // Read a part's worth of states at a time (a national registry's states do not fit in memory at once).
  const ids = (await db.syncClocks.toCollection().primaryKeys()) as string[];
  const kept = ids.filter((id) => !erased.has(id));
  const parts = Math.max(1, Math.ceil(kept.length / STATES_PER_FILE));
  const seq = ctx.self.seq;
  for (let part = 1; part <= parts; part++) {
    ctx.onProgress({ phase, done: part - 1, total: parts });
    const rows = (await db.syncClocks.bulkGet(kept.slice((part - 1) * STATES_PER_FILE, part * STATES_PER_FILE))).filter((r) => r !== undefined).map(fromStored);
    const path = `${deviceDir(ctx.me.deviceId)}/${snapshotName(seq, part, parts)}`;
    const batch: Batch = {
      format: SNAPSHOT_FORMAT,
      formatVersion: SYNC_FORMAT_VERSION,
      schemaVersion: CURRENT_SCHEMA_VERSION,
      team: ctx.team.teamId,
      device: ctx.me.deviceId,
      deviceName: ctx.me.deviceName,
      createdAt: new Date(ctx.clock()).toISOString(),
      seq,
      part,
      parts,
      states: rows.map((r) => r.state),
      erasures: part === 1 ? register : [],
      clean: phase === 'compact' ? register.length : (ctx.self.compactedErasures?.length ?? 0),
    };
    try {
      await ctx.transport.writeNew(path, sealJson(ctx.team.key, path, batch));
    } catch (e) {
      // A part left from an interrupted snapshot: that snapshot stays incomplete and is never read.
      if (e instanceof SyncError && e.code === 'exists') return false;
      throw e;
    }
    ctx.report.wrote.push(path);
    await pause();
  }
  ctx.self.snapshotSeq = seq;
  await db.syncState.put({ ...ctx.self });
  return true;
}

/**
 * RGPD compaction. Files this device wrote before an erasure still hold the person
 * (encrypted, but in a third party's storage). Once the erasure's own changes are
 * published here (the deletion without values, the anonymised rows), this device
 * rewrites its history as one new snapshot without the person, then removes its own
 * older logs and snapshots (`removeReplaced`). Each device only ever removes its own
 * files: the others compact theirs when they read the erasure. A device behind reads
 * the new snapshot where the logs it still needed are gone (readDevice), so it
 * converges as a newcomer does. Returns the register to compact for, or null.
 */
async function compactionDue(ctx: RunContext): Promise<{ register: ErasureEntry[]; settled: boolean } | null> {
  const { db, self } = ctx;
  const register = await readErasureRegister(db);
  const done = new Set(self.compactedErasures ?? []);
  const fresh = register.filter((e) => !done.has(clockId(e.table, e.recordId)));
  if (fresh.length === 0) return null;
  const own = (await ctx.transport.list(deviceDir(ctx.me.deviceId))).filter(isRemovableName);
  if (own.length === 0) {
    // Nothing written here yet: nothing to rewrite (the states kept here lose the person's values all the same).
    await scrubErased(db, register);
    self.compactedErasures = register.map((e) => clockId(e.table, e.recordId));
    await db.syncState.put({ ...self });
    return null;
  }
  return { register, settled: await anonymisedPublished(db, fresh) };
}

/**
 * Whether the rows an erasure anonymised (signed sheets kept as proof) are published
 * as anonymised here: until then this device's state of them still holds the name.
 * (Erased records need no such wait: snapshots leave them out.)
 */
async function anonymisedPublished(db: FourmiliereDatabase, entries: readonly ErasureEntry[]): Promise<boolean> {
  const kept = entries.filter((e) => e.action === 'anonymise');
  const rows = await db.syncClocks.bulkGet(kept.map((e) => clockId(e.table, e.recordId)));
  for (const [i, e] of kept.entries()) {
    const row = rows[i];
    if (!row) continue;
    if (row.dirty) return false;
    const record = await db.syncTable(e.table).get(e.recordId);
    if (record && (!row.rev || !sameRevision(row.rev, record.rev))) return false;
  }
  return true;
}

async function compact(ctx: RunContext, register: readonly ErasureEntry[]): Promise<void> {
  const { db, self } = ctx;
  ctx.onProgress({ phase: 'compact', done: 0, total: 1 });
  await scrubErased(db, register);
  // An empty log first: a new snapshot name, and devices already up to date read that this one is clean.
  await writeLog(ctx, [], [], register.length);
  if (!(await writeSnapshot(ctx, 'compact'))) return;
  self.compactedSeq = self.seq;
  self.compactedErasures = register.map((e) => clockId(e.table, e.recordId));
  self.compactedAt = new Date(ctx.clock()).toISOString();
  await db.syncState.put({ ...self });
}

/**
 * Removes this device's logs and snapshots that its last compaction snapshot replaced,
 * once that snapshot is whole. The empty log just before it stays: a device that had
 * read everything before reads that, not the whole snapshot.
 */
async function removeReplaced(ctx: RunContext): Promise<void> {
  const cut = ctx.self.compactedSeq ?? 0;
  const dir = deviceDir(ctx.me.deviceId);
  const names = await ctx.transport.list(dir);
  const parts = names.map(parseSnapshotName).filter((s) => s !== null && s.seq === cut);
  if (parts.length === 0 || parts.length !== parts[0]!.parts) return;
  const replaced = names.filter((n) => {
    const log = parseLogName(n);
    if (log !== null) return log < cut;
    const snap = parseSnapshotName(n);
    return snap !== null && snap.seq < cut;
  });
  for (const name of replaced) {
    const path = `${dir}/${name}`;
    try {
      await ctx.transport.remove(path);
    } catch (e) {
      // Desktop main refuses a folder this computer did not create: the files stay, the screen says so.
      if (isSyncError(e) && (e.code === 'refused' || e.code === 'unsupported')) {
        ctx.report.removeRefused = path;
        return;
      }
      throw e;
    }
    ctx.report.removed.push(path);
  }
}

/** Rows the register keeps anonymised, anonymised here if a file has not brought them so already (idempotent). */
async function anonymiseKept(ctx: RunContext): Promise<void> {
  const { db } = ctx;
  const kept = (await readErasureRegister(db)).filter((e) => e.action === 'anonymise');
  if (kept.length === 0) return;
  const tables = [...SYNC_TABLES.map((n) => db.table(n)), db.syncClocks, db.syncState, db.conflicts, db.tombstones, db.settings, db.history];
  await db.transaction('rw', tables, () => reapplyErasures(db, kept));
}

/** The erased records' states kept here lose the person's values too (a deletion keeps them otherwise). */
async function scrubErased(db: FourmiliereDatabase, register: readonly ErasureEntry[]): Promise<void> {
  const erased = register.filter((e) => e.action === 'delete').map((e) => clockId(e.table, e.recordId));
  const rows = (await db.syncClocks.bulkGet(erased)).map((r) => r && fromStored(r)).filter((r): r is SyncClockRow => r !== undefined && (Object.keys(r.state.f).length > 0 || r.state.u.length > 0));
  if (rows.length) await db.syncClocks.bulkPut(rows.map((r) => toStored({ ...r, state: { ...r.state, f: {}, u: [] } })));
}

/** Writes this device's next numbered log file, encrypted, and moves its log number on (in memory). */
async function sealLog(ctx: RunContext, states: RecordState[], erasures: ErasureEntry[], clean = ctx.self.compactedErasures?.length ?? 0): Promise<void> {
  const seq = ctx.self.seq + 1;
  const batch: Batch = {
    format: LOG_FORMAT,
    formatVersion: SYNC_FORMAT_VERSION,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    team: ctx.team.teamId,
    device: ctx.me.deviceId,
    deviceName: ctx.me.deviceName,
    createdAt: new Date(ctx.clock()).toISOString(),
    seq,
    states,
    erasures,
    clean,
  };
  const path = `${deviceDir(ctx.me.deviceId)}/${logName(seq)}`;
  await ctx.transport.writeNew(path, sealJson(ctx.team.key, path, batch));
  ctx.report.wrote.push(path);
  ctx.self.seq = seq;
}

/** One log file of this device, its number kept (used for an empty one that moves the log number on). */
async function writeLog(ctx: RunContext, states: RecordState[], erasures: ErasureEntry[], clean?: number): Promise<void> {
  await sealLog(ctx, states, erasures, clean);
  await ctx.db.syncState.put({ ...ctx.self });
}

/**
 * This machine's former folders: those its restores remembered, and those named after its
 * device id (a restore adds « -xxxxxxxx ») that a version before that memory left behind.
 */
export function formerFolders(me: Me, devices: readonly string[]): FormerId[] {
  const out = [...(me.former ?? [])];
  const base = me.baseId;
  if (!base || !validDeviceId(base)) return out;
  for (const d of devices) {
    const own = d === base || (d.startsWith(`${base}-`) && /^[0-9a-f]{8}$/.test(d.slice(base.length + 1)));
    if (own && d !== me.deviceId && !out.some((f) => f.id === d)) out.push({ id: d, seq: 0 });
  }
  return out;
}

/** The seqs of a device folder's snapshots whose parts are all there, newest first, with their part counts. */
function completeSnapshots(names: readonly string[]): { seq: number; parts: number }[] {
  const found = new Map<number, { parts: number; have: Set<number> }>();
  for (const n of names) {
    const s = parseSnapshotName(n);
    if (!s) continue;
    const entry = found.get(s.seq) ?? { parts: s.parts, have: new Set<number>() };
    entry.have.add(s.part);
    found.set(s.seq, entry);
  }
  return [...found].filter(([, e]) => e.have.size === e.parts).map(([seq, e]) => ({ seq, parts: e.parts })).sort((a, b) => b.seq - a.seq);
}

async function readLeftFile(ctx: RunContext, device: string): Promise<LeftFile | null> {
  const path = `${deviceDir(device)}/${LEFT_FILE}`;
  const bytes = await ctx.transport.read(path);
  if (!bytes) return null;
  const left = leftFileSchema.safeParse(unsealJson(ctx.team.key, path, bytes));
  if (!left.success || left.data.device !== device) throw new SyncError('tampered', path);
  return left.data;
}

/**
 * Reads the snapshot of `device` at `atLeast` or later (a snapshot holds the join of
 * everything its writer held, so a later one covers an earlier one). When that folder
 * was retired too (a second restore), its own replacement covers it. False when nothing
 * covering is whole in this replica yet: the next run tries again, nothing is marked read.
 */
async function readCover(ctx: RunContext, device: string, atLeast: number, depth = 0): Promise<boolean> {
  // This device wrote the marker it follows only after reading everything the marked folder held.
  if (device === ctx.me.deviceId) return true;
  if (depth > 8 || !validDeviceId(device)) return false;
  const names = await ctx.transport.list(deviceDir(device));
  const snapshot = completeSnapshots(names).find((s) => s.seq >= atLeast);
  if (snapshot) {
    for (let part = 1; part <= snapshot.parts; part++) {
      const path = `${deviceDir(device)}/${snapshotName(snapshot.seq, part, snapshot.parts)}`;
      const batch = await readBatch(ctx, path, device, true);
      if (!batch) return false;
      await applyBatch(ctx, batch, path);
    }
    return true;
  }
  if (!names.includes(LEFT_FILE)) return false;
  const left = await readLeftFile(ctx, device);
  return left?.replacedBy && left.coveredBy !== undefined ? readCover(ctx, left.replacedBy, left.coveredBy, depth + 1) : false;
}

/**
 * A folder this machine wrote under an id it had before a restore. Nobody writes there
 * any more, and it may hold an erased person's values that no compaction will rewrite.
 * Once this device has read all of it (it reads it as any other device's), one snapshot
 * of its new id holds everything that folder published; then a « left » marker naming
 * that snapshot goes into the old folder, and the old logs and snapshots are removed.
 * A device that had not read them all reads that snapshot instead (readDevice), and
 * one that has read them loses nothing: their states are already joined there.
 */
async function retireFormer(ctx: RunContext, { id: former, seq: wrote }: FormerId): Promise<void> {
  const { db, transport, me } = ctx;
  if (!validDeviceId(former) || former === me.deviceId) return;
  const dir = deviceDir(former);
  const names = await transport.list(dir);
  const id = `retire:${former}`;
  // Never written under that id: nothing to retire.
  if (names.length === 0 && !(await db.syncState.get(id))) return;
  const now = () => new Date(ctx.clock()).toISOString();
  const row: RetireState = ((await db.syncState.get(id)) as RetireState | undefined) ?? { id, device: former, phase: 'waiting', lastSeq: 0, coveredBy: 0, remaining: 0, markedAt: '', removedAt: '' };
  const removable = names.filter(isRemovableName);
  const save = (changes: Partial<RetireState>) => db.syncState.put({ ...row, ...changes, remaining: changes.remaining ?? removable.length } as unknown as { id: string });
  let marker = names.includes(LEFT_FILE) ? await readLeftFile(ctx, former) : null;
  if (!marker) {
    const peer = (await db.syncState.get(`peer:${former}`)) as unknown as PeerLogState | undefined;
    // its last log: as this machine remembered it at the restore, or as the folder shows
    const last = Math.max(wrote, ...removable.map((n) => parseLogName(n) ?? parseSnapshotName(n)?.seq ?? 0));
    if (!peer || peer.seq < last) return void (await save({ phase: 'waiting' }));
    // Everything it published is joined here now: one snapshot of this id holds it all.
    await writeLog(ctx, [], []);
    if (!(await writeSnapshot(ctx))) return void (await save({ phase: 'waiting' }));
    marker = { device: former, deviceName: me.deviceName, at: now(), replacedBy: me.deviceId, lastSeq: peer.seq, coveredBy: ctx.self.seq };
    const path = `${dir}/${LEFT_FILE}`;
    try {
      await transport.writeNew(path, sealJson(ctx.team.key, path, marker));
      ctx.report.wrote.push(path);
    } catch (e) {
      // Written by an earlier run that stopped: read back at the next one.
      if (isSyncError(e) && e.code === 'exists') return void (await save({ phase: 'waiting' }));
      throw e;
    }
  }
  if (!marker.replacedBy || marker.coveredBy === undefined) return void (await save({ phase: 'blocked', markedAt: row.markedAt || marker.at }));
  // This device's own view of that folder says so at once (the others learn it from the marker).
  const peer = (await db.syncState.get(`peer:${former}`)) as unknown as PeerLogState | undefined;
  if (peer && !peer.retired) await db.syncState.put({ ...peer, left: true, leftMark: { seq: marker.lastSeq ?? 0, at: marker.at }, retired: { by: marker.replacedBy, lastSeq: marker.lastSeq ?? 0, coveredBy: marker.coveredBy } } as unknown as { id: string });
  const marked: Partial<RetireState> = { lastSeq: marker.lastSeq ?? 0, coveredBy: marker.coveredBy, markedAt: row.markedAt || marker.at };
  // The covering snapshot must be whole in the folder before anything it covers goes.
  if (marker.replacedBy === me.deviceId && !completeSnapshots(await transport.list(deviceDir(me.deviceId))).some((s) => s.seq >= marker.coveredBy!)) return void (await save({ ...marked, phase: 'waiting' }));
  // Only what the marker covers: a file written there later (by nobody, normally) stays for its readers.
  const covered = removable.filter((n) => (parseLogName(n) ?? parseSnapshotName(n)?.seq ?? Infinity) <= (marker.lastSeq ?? 0));
  let left = removable.length;
  for (const name of covered) {
    const path = `${dir}/${name}`;
    try {
      await transport.remove(path);
    } catch (e) {
      // Desktop main refuses a folder it does not know as this computer's: the person can confirm it is.
      if (isSyncError(e) && (e.code === 'refused' || e.code === 'unsupported')) {
        ctx.report.removeRefused = path;
        return void (await save({ ...marked, phase: 'refused', refused: path, remaining: left }));
      }
      throw e;
    }
    ctx.report.removed.push(path);
    left--;
  }
  await save({ ...marked, phase: left === 0 ? 'removed' : 'blocked', remaining: left, removedAt: row.phase === 'removed' && row.removedAt ? row.removedAt : now(), refused: undefined });
}

/**
 * This id's own folder holds a snapshot this device does not remember and its logs do not
 * continue from what it remembers (it left and joined again, or its memory was cleared,
 * after a compaction): that snapshot is joined back first, its counters kept above.
 */
async function readOwnSnapshot(ctx: RunContext, names: readonly string[]): Promise<void> {
  const { self } = ctx;
  const snapshot = completeSnapshots(names)[0];
  if (!snapshot || snapshot.seq <= self.seq || names.includes(logName(self.seq + 1))) return;
  for (let part = 1; part <= snapshot.parts; part++) {
    const path = `${deviceDir(ctx.me.deviceId)}/${snapshotName(snapshot.seq, part, snapshot.parts)}`;
    const batch = await readBatch(ctx, path, ctx.me.deviceId, true);
    if (!batch) return;
    await applyBatch(ctx, batch, path);
    self.counter = Math.max(self.counter, ...batch.states.map(maxCounter));
  }
  self.seq = snapshot.seq;
  await ctx.db.syncState.put({ ...self });
}

/**
 * A log number this id used once is never used again, even when that log is gone
 * (compacted, or its folder retired after a restore and this id taken up again): the
 * others have read up to it, and would never read a new file under an old number.
 */
async function skipUsedNumbers(ctx: RunContext, names: readonly string[]): Promise<void> {
  const { self } = ctx;
  const marker = names.includes(LEFT_FILE) ? await readLeftFile(ctx, ctx.me.deviceId) : null;
  const top = Math.max(marker?.lastSeq ?? 0, ...names.map((n) => parseLogName(n) ?? parseSnapshotName(n)?.seq ?? 0));
  if (top <= self.seq) return;
  self.seq = top;
  await ctx.db.syncState.put({ ...self });
}

/** This machine's former folders being retired (for the screen). */
export async function readRetiring(db: FourmiliereDatabase): Promise<RetireState[]> {
  return (await db.syncState.where('id').startsWith('retire:').toArray()) as unknown as RetireState[];
}

/** This device leaves the team: a last file says so, and the engine forgets the team (the data stay). */
export async function leaveTeam(db: FourmiliereDatabase, transport: SyncTransport, team: Team, me: Me, at = new Date()): Promise<void> {
  const path = `${deviceDir(me.deviceId)}/${LEFT_FILE}`;
  // its last log: a log after it (this id joining again) tells the others it is back
  const lastSeq = (await readSelf(db, team.teamId)).seq;
  try {
    await transport.writeNew(path, sealJson(team.key, path, { device: me.deviceId, deviceName: me.deviceName, at: at.toISOString(), lastSeq } satisfies LeftFile));
  } catch (e) {
    if (!(e instanceof SyncError && e.code === 'exists')) throw e;
  }
  await forgetTeam(db);
}

/** Clears the engine's memory (after leaving, or after a restore replaced the records it knew). */
export async function forgetTeam(db: FourmiliereDatabase): Promise<void> {
  await db.transaction('rw', [db.syncClocks, db.syncState], async () => {
    await db.syncClocks.clear();
    await db.syncState.clear();
  });
}

export type { ErasureEntry };

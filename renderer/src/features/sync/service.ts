/**
 * The team sync as the app runs it: joined once with the folder and the passphrase,
 * then a run at start-up, every few minutes and on demand, one at a time, with its
 * progress and outcome kept for the Réglages › Données screen.
 *
 * In the app the runs (and the key derivation on joining) happen in a worker
 * (worker-client.ts); the window only relays the folder's files to it. Under Node
 * (tests) there is no Worker and the engine runs here, on the same database.
 */
import { getDb, type FourmiliereDatabase } from '../../db/database';
import { getDeviceId } from '../../db/records';
import { getProfile } from '../../db/settings';
import { getBridge } from '../../platform';
import type { ExchangeScope } from '../safekeeping/exchange';
import { bridgeTransport, errorFromBridge } from './bridge-transport';
import { erasureFolderState, forgetTeam, leaveTeam, pendingChanges, readPeers, readRetiring, readSelf, syncOnce, type ErasureFolderState, type Me, type PeerLogState, type RetireState, type SyncProgress, type SyncReport } from './engine';
import { joinHere, readConfig as config, teamOf, type ConfigRow } from './team-config';
import { isSyncError, SyncError, type SyncErrorCode, type SyncTransport } from './transport';
import { canUseWorker, joinInWorker, pendingInWorker, syncInWorker, type WorkerContext } from './worker-client';

export const SYNC_EVERY_MS = 5 * 60_000;

export interface StatusRow {
  id: '~status';
  lastRunAt: string;
  lastOkAt: string;
  error: { code: SyncErrorCode; detail: string } | null;
  last: { published: number; applied: number; read: number; invalid: number; removeRefused?: string } | null;
}

export interface TeamSyncView {
  joined: boolean;
  teamId: string;
  scope: ExchangeScope | null;
  status: StatusRow | null;
  peers: PeerLogState[];
  pending: number;
  seq: number;
  erasures: ErasureFolderState | null;
  /** this machine's id in the folder, and its former ones (restores) */
  deviceId: string;
  former: string[];
  /** its former folders being retired */
  retiring: RetireState[];
  /** a folder of this machine whose old files main refused to remove (made by an older version): the person can confirm it */
  claimable: string | null;
}


async function me(c: ConfigRow | undefined): Promise<Me> {
  const profile = await getProfile().catch(() => undefined);
  return { deviceId: c?.replica ?? getDeviceId(), deviceName: profile ? `${profile.name} (${profile.structure})` : '', ...(c?.retiring?.length ? { former: c.retiring } : {}), ...(c?.replica ? { baseId: getDeviceId() } : {}) };
}

type Listener = (progress: SyncProgress | null) => void;
const listeners = new Set<Listener>();
let running: Promise<SyncReport | null> | null = null;
let transportFactory: () => SyncTransport = () => bridgeTransport(getBridge());
/** Tests: run in the window even where a Worker exists. */
let workerAllowed = true;
const inWorker = () => workerAllowed && canUseWorker();
const workerContext = (db: FourmiliereDatabase): WorkerContext => ({ dbName: db.name, deviceId: getDeviceId(), transport: transportFactory });

/** Tests and the e2e hook: another way to the folder. */
export function setSyncTransportFactory(factory: () => SyncTransport, options: { worker?: boolean } = {}): void {
  transportFactory = factory;
  workerAllowed = options.worker ?? true;
}
export function onSyncProgress(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}
export const isSyncRunning = () => running !== null;

/** Changes waiting to be sent (0 when no team is joined). */
export async function pendingCount(db = getDb()): Promise<number> {
  const c = await config(db);
  if (!c) return 0;
  return inWorker() ? pendingInWorker(workerContext(db)) : pendingChanges(db, c.teamId, c.scope);
}

/** Joins (or creates) the team of the chosen folder with its passphrase, then syncs. */
export async function joinTeam(passphrase: string, scope: ExchangeScope, db = getDb()): Promise<{ created: boolean }> {
  // scrypt of the passphrase: in the worker too (a fraction of a second of computing)
  const { created } = inWorker() ? await joinInWorker(workerContext(db), passphrase, scope) : await joinHere(db, transportFactory(), passphrase, scope);
  void syncNow(db);
  return { created };
}

/** One run, unless one is under way (then its outcome). Never throws: the outcome is in the status row. */
export function syncNow(db = getDb()): Promise<SyncReport | null> {
  running ??= (async () => {
    const c = await config(db);
    if (!c) return null;
    const now = new Date().toISOString();
    const previous = (await db.syncState.get('~status')) as unknown as StatusRow | undefined;
    try {
      const onProgress = (p: SyncProgress) => listeners.forEach((l) => l(p));
      const report = inWorker() ? await syncInWorker(workerContext(db), await me(c), onProgress) : await syncOnce(db, transportFactory(), teamOf(c), await me(c), { onProgress });
      if (!report) return null;
      await db.syncState.put({ id: '~status', lastRunAt: now, lastOkAt: now, error: null, last: { published: report.published, applied: report.applied, read: report.read.length, invalid: report.invalid.length, ...(report.removeRefused ? { removeRefused: report.removeRefused } : {}) } } satisfies StatusRow);
      return report;
    } catch (e) {
      const error = isSyncError(e) ? { code: e.code, detail: e.detail } : { code: 'io' as const, detail: e instanceof Error ? e.message : String(e) };
      await db.syncState.put({ id: '~status', lastRunAt: now, lastOkAt: previous?.lastOkAt ?? '', error, last: previous?.last ?? null } satisfies StatusRow);
      return null;
    }
  })().finally(() => {
    running = null;
    listeners.forEach((l) => l(null));
  });
  return running;
}

/**
 * What the screen shows. `withPending` also counts the changes waiting: it reads the
 * records changed since the last run, so the screen asks for it when a run ends, not
 * on every write a run makes.
 */
export async function teamSyncView(db = getDb(), withPending = true): Promise<TeamSyncView> {
  const c = await config(db);
  if (!c) return { joined: false, teamId: '', scope: null, status: null, peers: [], pending: 0, seq: 0, erasures: null, deviceId: '', former: [], retiring: [], claimable: null };
  const [status, peers, self, pending, erasures, retiring] = await Promise.all([
    db.syncState.get('~status') as Promise<StatusRow | undefined>,
    readPeers(db),
    readSelf(db, c.teamId),
    withPending ? pendingChanges(db, c.teamId, c.scope) : 0,
    erasureFolderState(db, c.teamId),
    readRetiring(db),
  ]);
  const deviceId = c.replica ?? getDeviceId();
  // remembered by restores, or found by name (engine.ts, formerFolders): each has its retirement row
  const former = [...new Set([...(c.retiring ?? []).map((f) => f.id), ...retiring.map((r) => r.device)])];
  return {
    joined: true,
    teamId: c.teamId,
    scope: c.scope,
    status: status ?? null,
    peers: peers.sort((a, b) => b.lastActivity.localeCompare(a.lastActivity)),
    pending,
    seq: self.seq,
    erasures,
    deviceId,
    former,
    retiring,
    claimable: claimableFolder(status?.last?.removeRefused, [deviceId, ...former]),
  };
}

/**
 * The device folder of a refused removal, when it is one of this machine's (its current
 * id or a former one, as this profile remembers them; the engine has read its files,
 * sealed with the team key and naming that id). Main still asks the person itself.
 */
export function claimableFolder(refused: string | undefined, own: readonly string[]): string | null {
  const m = /^devices\/([A-Za-z0-9_-]{1,64})\//.exec(refused ?? '');
  return m && own.includes(m[1]!) ? m[1]! : null;
}

/** Asks main to know `device` as this computer's folder (main's own dialog); then a run removes its old files. */
export async function claimOwnFolder(device: string, db = getDb()): Promise<boolean> {
  const r = await getBridge().syncClaimFolder(device);
  if (!r.ok) throw errorFromBridge(r.error);
  if (r.value) await syncNow(db);
  return r.value;
}

/** This device leaves: a last file tells the others; the data stay here. */
export async function leaveThisTeam(db = getDb()): Promise<void> {
  const c = await config(db);
  if (!c) return;
  try {
    await leaveTeam(db, transportFactory(), teamOf(c), await me(c));
  } catch (e) {
    // The folder is out of reach: leave all the same, the others will just stop hearing from us.
    if (!isSyncError(e)) throw e;
    await forgetTeam(db);
  }
}

/** Runs at start (after the app settles) and every few minutes; returns a stop function. */
export function startTeamSync(db = getDb(), every = SYNC_EVERY_MS): () => void {
  let stopped = false;
  const tick = () => {
    if (!stopped) void syncNow(db);
  };
  const first = setTimeout(tick, 8000);
  const timer = setInterval(tick, every);
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
  };
}

export { SyncError };

/**
 * Team sync: this device receives `mergeRecords` changes another device published in
 * the shared folder (encrypted logs of 400 states each, in memory so the disk does not
 * weigh), and joins them in: decrypt, validate, join with the local states, write the
 * records, their states and any conflicts. Baseline: the raw IndexedDB write of the
 * same changed records. The target: ≤ 3× the raw write, no long task.
 * In the page it runs as the app runs it: in the sync worker, the window relaying the
 * folder's files (here a folder in the window's memory); under Node, in place.
 */
import { getDb, type SyncClockRow } from '../db/database';
import type { Animator } from '../domain/registry';
import { syncOnce, type SyncReport, type Team } from '../features/sync/engine';
import { sealJson, toBase64 } from '../features/sync/cipher';
import { canUseWorker, syncInWorker } from '../features/sync/worker-client';
import { deviceDir, logName, LOG_FORMAT, STATES_PER_FILE, SYNC_FORMAT_VERSION, type Batch } from '../features/sync/format';
import { emptyState, localEvent } from '../features/sync/state';
import { MemoryFolder } from '../features/sync/transport';
import { toStored } from '../features/sync/clock-rows';
import { CURRENT_SCHEMA_VERSION } from '../db/database';
import { timed } from './measure';
import { putAll, rawDb, request } from './raw-idb';
import type { Scenario } from './scenarios';

const NOTE = 'Modifié sur un autre poste (dossier d’équipe)';
const PEER = 'bench-peer-device';
const ME = 'bench-this-device';
const team: Team = { teamId: 'bench-team-0001', key: new Uint8Array(32).fill(42), scope: { kind: 'all' } };
let plan: { originals: Animator[]; changed: Animator[]; clocks: SyncClockRow[]; folder: MemoryFolder } | null = null;

async function reset(): Promise<void> {
  const p = plan!;
  await putAll({ animators: p.originals });
  const db = getDb();
  await db.syncClocks.bulkPut(p.clocks.map(toStored));
  await db.syncState.bulkPut([
    { id: '~self', teamId: team.teamId, seq: 0, snapshotSeq: 0, counter: 0, scanMark: new Date().toISOString(), publishedErasures: [], lastSyncAt: '', runs: 1 },
    // what joining leaves: the worker reads the team and its key from here
    { id: '~config', teamId: team.teamId, key: toBase64(team.key), scope: team.scope, joinedAt: new Date().toISOString() },
  ]);
  await db.syncState.delete(`peer:${PEER}`);
  await db.conflicts.clear();
}

async function carried(): Promise<number> {
  const db = await rawDb();
  const store = db.transaction('animators', 'readonly').objectStore('animators');
  const rows = (await Promise.all(plan!.changed.map((a) => request(store.get(a.id))))) as (Animator | undefined)[];
  return rows.filter((a) => a?.notes === NOTE).length;
}

export const teamSync: Scenario = {
  id: 'team-sync',
  unavailable: () => null,
  async prepare(params) {
    const db = await rawDb();
    const originals = (await request(db.transaction('animators', 'readonly').objectStore('animators').getAll(null, params.mergeRecords))) as Animator[];
    // Both devices share the records' history up to now: the same states on each side.
    const clocks: SyncClockRow[] = originals.map((a) => ({ id: `animators:${a.id}`, state: localEvent(emptyState('animators', a.id), a, [a.rev.device, a.rev.counter])!, rev: a.rev }));
    const later = Date.now();
    const changed = originals.map((a, i) => ({ ...a, notes: NOTE, updatedAt: new Date(later + i).toISOString(), rev: { device: PEER, counter: later + i } }));
    const states = changed.map((a, i) => localEvent(clocks[i]!.state, a, [PEER, later + i])!);
    const folder = new MemoryFolder();
    const teamFile = { format: 'fourmiliere-team', formatVersion: SYNC_FORMAT_VERSION, teamId: team.teamId, createdAt: new Date(later).toISOString(), scope: team.scope, kdf: { name: 'scrypt', N: 1024, r: 8, p: 1, salt: 'YmVuY2gtc2FsdA==' }, check: '' };
    folder.files.set('team.json', new TextEncoder().encode(JSON.stringify(teamFile)));
    for (let seq = 1; (seq - 1) * STATES_PER_FILE < states.length; seq++) {
      const path = `${deviceDir(PEER)}/${logName(seq)}`;
      const batch: Batch = { format: LOG_FORMAT, formatVersion: SYNC_FORMAT_VERSION, schemaVersion: CURRENT_SCHEMA_VERSION, team: team.teamId, device: PEER, deviceName: 'Poste de test', createdAt: new Date(later).toISOString(), seq, states: states.slice((seq - 1) * STATES_PER_FILE, seq * STATES_PER_FILE), erasures: [] };
      folder.files.set(path, sealJson(team.key, path, batch));
    }
    plan = { originals, changed, clocks, folder };
    await reset();
    return { records: changed.length, files: folder.files.size - 1 };
  },
  async subject() {
    const p = plan!;
    const me = { deviceId: ME, deviceName: 'Ce poste' };
    const run = async (): Promise<SyncReport> =>
      canUseWorker() ? (await syncInWorker({ dbName: getDb().name, deviceId: ME, transport: () => p.folder.transport() }, me, () => undefined))! : syncOnce(getDb(), p.folder.transport(), team, me);
    const t = await timed(run);
    const ok = await carried();
    const conflicts = await getDb().conflicts.count();
    await reset();
    return { ms: t.ms, longestTaskMs: t.longestTaskMs, check: { ok: ok === p.changed.length && conflicts === 0, detail: `${t.value.applied} applied, ${ok} of ${p.changed.length} records carry the change, ${conflicts} conflicts` } };
  },
  async baseline() {
    const p = plan!;
    const t = await timed(() => putAll({ animators: p.changed }));
    const ok = await carried();
    await reset();
    return { ms: t.ms, longestTaskMs: t.longestTaskMs, check: { ok: ok === p.changed.length, detail: `${ok} records written` } };
  },
};

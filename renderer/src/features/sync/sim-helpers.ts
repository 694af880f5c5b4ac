/**
 * Test helpers for the sync engine: devices with their own database, clock and
 * replica of the shared folder, and a "network" that copies each written file to
 * the other replicas late, out of order, and never while a device is offline —
 * what Syncthing or a cloud client does to a folder; a file its owner removed
 * (compaction) is removed from the other replicas late too.
 */
import { FourmiliereDatabase } from '../../db/database';
import { createRecord, setDeviceId, touchRecord } from '../../db/records';
import type { Provider } from '../../domain/people';
import { REDERIVE } from '../safekeeping/conflicts';
import type { ExchangeScope } from '../safekeeping/exchange';
import { reapplyErasures, readErasureRegister } from '../safekeeping/privacy';
import { syncOnce, type SyncOptions, type SyncReport, type Team } from './engine';
import { resetTeamSyncAfterRestore, type FormerId } from './reset';
import { openTeam } from './team';
import { MemoryFolder } from './transport';

export const TEST_COST = { N: 2 ** 10, r: 8, p: 1 };
let dbCount = 0;

export interface Device {
  id: string;
  name: string;
  db: FourmiliereDatabase;
  folder: MemoryFolder;
  /** added to the real time: clock skew */
  skew: number;
  online: boolean;
  team: Team;
  /** this machine's ids before restores (their folders are retired by it) */
  former?: FormerId[];
}

export class Network {
  readonly devices: Device[] = [];
  /** path → bytes, as first written */
  private readonly origin = new Map<string, Uint8Array>();
  /** device id → paths delivered */
  private readonly delivered = new Map<string, Set<string>>();
  /** paths their owner removed */
  readonly removed = new Set<string>();

  /** Collects files written in any online replica, and files their owner removed, so they can travel. */
  collect(): void {
    for (const d of this.devices) {
      if (!d.online) continue;
      for (const [path, bytes] of d.folder.files) if (!this.origin.has(path) && !this.removed.has(path)) this.origin.set(path, bytes);
      const own = [d.id, ...(d.former ?? []).map((f) => f.id)].map((id) => `devices/${id}/`);
      for (const path of [...this.origin.keys()]) {
        if (own.some((dir) => path.startsWith(dir)) && !d.folder.files.has(path)) {
          this.origin.delete(path);
          this.removed.add(path);
        }
      }
    }
  }

  /** Copies files to online replicas, and removes removed ones, each with probability `p` (1: everything now). */
  deliver(random: () => number, p = 1): void {
    this.collect();
    for (const d of this.devices) {
      if (!d.online) continue;
      for (const path of this.removed) if (d.folder.files.has(path) && random() < p) d.folder.files.delete(path);
      const got = this.delivered.get(d.id) ?? new Set();
      this.delivered.set(d.id, got);
      for (const [path, bytes] of this.origin) {
        if (got.has(path) || d.folder.files.has(path)) {
          got.add(path);
          continue;
        }
        if (random() < p) {
          d.folder.files.set(path, bytes.slice());
          got.add(path);
        }
      }
    }
  }
}

/** A network of `count` devices sharing one team; device 0 created it. */
export async function makeNetwork(count: number, skews: number[] = [], scope: ExchangeScope = { kind: 'all' }): Promise<Network> {
  const net = new Network();
  const first = new MemoryFolder();
  const { team } = await openTeam(first.transport(), 'phrase de passe de test', { cost: TEST_COST, scope });
  net.devices.push({ id: 'dev00', name: 'Poste 0', db: new FourmiliereDatabase(`sync-sim-${dbCount++}`), folder: first, skew: skews[0] ?? 0, online: true, team });
  for (let i = 1; i < count; i++) await joinDevice(net, skews[i] ?? 0);
  return net;
}

/** One more device joins the team (a late joiner): an empty database, a replica holding team.json only until files are delivered. */
export async function joinDevice(net: Network, skew = 0): Promise<Device> {
  const i = net.devices.length;
  const folder = new MemoryFolder();
  folder.files.set('team.json', net.devices[0]!.folder.files.get('team.json')!.slice());
  const { team } = await openTeam(folder.transport(), 'phrase de passe de test');
  const d: Device = { id: `dev${String(i).padStart(2, '0')}`, name: `Poste ${i}`, db: new FourmiliereDatabase(`sync-sim-${dbCount++}`), folder, skew, online: true, team };
  net.devices.push(d);
  return d;
}

export const nowOf = (d: Device) => Date.now() + d.skew;

export async function sync(d: Device, options: SyncOptions = {}): Promise<SyncReport> {
  setDeviceId(d.id);
  return syncOnce(d.db, d.folder.transport(), d.team, { deviceId: d.id, deviceName: d.name, ...(d.former ? { former: d.former } : {}) }, { clock: () => nowOf(d), ...options });
}

/**
 * Device `d` restores a backup: `restore` replaces its records (as restoreBackup does, in
 * one transaction with the sync reset). The same machine then goes on under its new id
 * in the folder, with its former ids to retire; it takes `d`'s place in the network.
 */
export async function restoreDevice(net: Network, d: Device, restore: (db: FourmiliereDatabase) => Promise<void>): Promise<Device> {
  net.collect();
  await d.db.transaction('rw', [d.db.providers, d.db.tombstones, d.db.conflicts, d.db.history, d.db.settings, d.db.attendance, d.db.syncClocks, d.db.syncState], async () => {
    if (!(await d.db.syncState.get('~config'))) await d.db.syncState.put({ id: '~config', teamId: d.team.teamId });
    await resetTeamSyncAfterRestore(d.db, d.id.split('-')[0]!);
    await restore(d.db);
    // Erasures made since the backup was taken hold (restoreBackup does the same).
    await reapplyErasures(d.db);
  });
  const config = (await d.db.syncState.get('~config')) as unknown as { replica: string; retiring: FormerId[] };
  const restored: Device = { ...d, id: config.replica, former: config.retiring };
  net.devices[net.devices.indexOf(d)] = restored;
  return restored;
}

export function newProvider(d: Device, fields: Partial<Provider> = {}): Provider {
  setDeviceId(d.id);
  const base = {
    firstName: 'Anne',
    lastName: 'Martin',
    structure: 'Camping des Pins',
    businessType: 'camping' as const,
    communeInsee: '33063',
    communeName: 'Bordeaux',
    email: '',
    phone: '05 56 00 00 00',
    consent: { given: false, date: null, purpose: '' },
    notes: '',
    lastContactAt: null,
    tokens: [] as string[],
    sortName: '',
    ...fields,
  };
  const record = createRecord<Provider>({ ...base, ...(REDERIVE.providers!(base as unknown as Record<string, unknown>) as object) } as Provider, new Date(nowOf(d)));
  return record;
}

export async function editProvider(d: Device, id: string, changes: Partial<Provider>): Promise<Provider | null> {
  setDeviceId(d.id);
  const current = await d.db.providers.get(id);
  if (!current) return null;
  const merged = { ...current, ...changes };
  const next = touchRecord(current, { ...changes, ...(REDERIVE.providers!(merged as unknown as Record<string, unknown>) as object) }, new Date(nowOf(d)));
  await d.db.providers.put(next);
  return next;
}

/** What must be identical on every device once all have synced. */
export async function dataOf(d: Device): Promise<{ providers: unknown[]; tombstones: string[]; conflicts: unknown[] }> {
  const providers = await d.db.providers.orderBy('id').toArray();
  // tombstones of records the team never had (created and deleted before any sync) stay local;
  // an erased record's travels by the register (a device that learnt it from a snapshot never held its state)
  const all = (await d.db.tombstones.orderBy('id').primaryKeys()) as string[];
  const shared = await d.db.syncClocks.bulkGet(all);
  const erased = new Set((await readErasureRegister(d.db)).map((e) => `${e.table}:${e.recordId}`));
  const tombstones = all.filter((id, i) => shared[i] || erased.has(id));
  const conflicts = (await d.db.conflicts.where('resolvedAt').equals('').toArray())
    .map((c) => ({ id: c.id, local: c.local, incoming: c.incoming, fields: c.fields }))
    .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return { providers, tombstones, conflicts };
}

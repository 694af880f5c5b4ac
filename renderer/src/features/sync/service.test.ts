import { describe, expect, it, vi } from 'vitest';
import { guardedTransport } from '../../../../electron/lib/sync-target';
import { FourmiliereDatabase } from '../../db/database';
import { setDeviceId } from '../../db/records';
import { errorFromBridge } from './bridge-transport';
import { resetTeamSyncAfterRestore } from './reset';
import { claimOwnFolder, joinTeam, leaveThisTeam, setSyncTransportFactory, syncNow, teamSyncView } from './service';
import { MemoryFolder } from './transport';
import { newProvider, type Device } from './sim-helpers';

describe('the team sync as the app runs it', () => {
  it('joins, syncs, records the outcome in French-ready codes, and leaves', async () => {
    const folder = new MemoryFolder();
    setSyncTransportFactory(() => folder.transport());
    setDeviceId('svc-device');
    const db = new FourmiliereDatabase('svc-1');
    await db.open();
    const { created } = await joinTeam('phrase de passe du service', { kind: 'all' }, db);
    expect(created).toBe(true);
    // the run joining starts by itself: let it finish (nothing to send yet)
    expect((await syncNow(db))?.published).toBe(0);
    await db.providers.put(newProvider({ id: 'svc-device', skew: 0 } as Device));
    expect((await teamSyncView(db)).pending).toBe(1);
    const report = await syncNow(db);
    expect(report?.published).toBe(1);
    let view = await teamSyncView(db);
    expect(view).toMatchObject({ joined: true, pending: 0, seq: 1, status: { error: null } });
    folder.gone = true;
    expect(await syncNow(db)).toBeNull();
    view = await teamSyncView(db);
    expect(view.status?.error?.code).toBe('folder-missing');
    expect(view.status?.lastOkAt).not.toBe('');
    folder.gone = false;
    await leaveThisTeam(db);
    expect(folder.files.has('devices/svc-device/left.json.enc')).toBe(true);
    expect((await teamSyncView(db)).joined).toBe(false);
    expect(await db.providers.count()).toBe(1);
  });

  it('a device folder an older version made: the screen offers to confirm it, main asks, and only a yes lets the next run empty it', async () => {
    const folder = new MemoryFolder();
    // desktop main's guard over the folder, with the folders it remembers as this computer's
    const owned = new Set<string>();
    setSyncTransportFactory(() => guardedTransport({ kind: 'folder', path: '/equipe', owned: [...owned] }, folder.transport(), async (d) => void owned.add(d)), { worker: false });
    setDeviceId('svc-old');
    const db = new FourmiliereDatabase('svc-2');
    await db.open();
    await joinTeam('phrase de passe du service', { kind: 'all' }, db);
    await syncNow(db);
    await db.providers.put(newProvider({ id: 'svc-old', skew: 0 } as Device));
    expect((await syncNow(db))?.published).toBe(1);
    expect(owned.has('svc-old')).toBe(true);
    // as an older version left it: main does not know that folder as this computer's
    owned.clear();
    await db.transaction('rw', [db.syncClocks, db.syncState], () => resetTeamSyncAfterRestore(db, 'svc-old'));
    await syncNow(db);
    let view = await teamSyncView(db);
    expect(view.claimable).toBe('svc-old');
    expect(view.retiring).toMatchObject([{ device: 'svc-old', phase: 'refused', remaining: 1 }]);
    expect(view.deviceId).toMatch(/^svc-old-[0-9a-f]{8}$/);
    expect([...folder.files.keys()].filter((p) => p.startsWith('devices/svc-old/')).sort()).toEqual(['devices/svc-old/left.json.enc', 'devices/svc-old/log-000001.json.enc']);
    // main's dialog: first a no, then a yes
    let answer = false;
    const asked: string[] = [];
    vi.stubGlobal('window', {
      fourmiliere: {
        syncClaimFolder: async (device: string) => {
          asked.push(device);
          if (answer) owned.add(device);
          return { ok: true, value: answer };
        },
      },
    });
    try {
      expect(await claimOwnFolder('svc-old', db)).toBe(false);
      expect((await teamSyncView(db)).retiring).toMatchObject([{ phase: 'refused' }]);
      answer = true;
      expect(await claimOwnFolder('svc-old', db)).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(asked).toEqual(['svc-old', 'svc-old']);
    view = await teamSyncView(db);
    expect(view.claimable).toBeNull();
    expect(view.retiring).toMatchObject([{ device: 'svc-old', phase: 'removed', remaining: 0 }]);
    expect([...folder.files.keys()].filter((p) => p.startsWith('devices/svc-old/'))).toEqual(['devices/svc-old/left.json.enc']);
    expect(view.peers.find((p) => p.device === 'svc-old')).toMatchObject({ left: true, retired: { by: view.deviceId } });
  });

  it('reads the engine codes back from the bridge', () => {
    expect(errorFromBridge('disk-full: devices/a/log-000002.json.enc')).toMatchObject({ code: 'disk-full', detail: 'devices/a/log-000002.json.enc' });
    expect(errorFromBridge('unauthorized')).toMatchObject({ code: 'unauthorized', detail: '' });
    expect(errorFromBridge('untrusted sender')).toMatchObject({ code: 'io', detail: 'untrusted sender' });
  });
});

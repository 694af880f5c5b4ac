import { describe, expect, it } from 'vitest';
import { FourmiliereDatabase } from '../../db/database';
import { setDeviceId } from '../../db/records';
import { errorFromBridge } from './bridge-transport';
import { joinTeam, leaveThisTeam, setSyncTransportFactory, syncNow, teamSyncView } from './service';
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

  it('reads the engine codes back from the bridge', () => {
    expect(errorFromBridge('disk-full: devices/a/log-000002.json.enc')).toMatchObject({ code: 'disk-full', detail: 'devices/a/log-000002.json.enc' });
    expect(errorFromBridge('unauthorized')).toMatchObject({ code: 'unauthorized', detail: '' });
    expect(errorFromBridge('untrusted sender')).toMatchObject({ code: 'io', detail: 'untrusted sender' });
  });
});

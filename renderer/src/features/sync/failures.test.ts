import { describe, expect, it } from 'vitest';
import { openTeam } from './team';
import { MemoryFolder, SyncError, type SyncTransport } from './transport';
import { dataOf, makeNetwork, newProvider, sync, TEST_COST } from './sim-helpers';
import { seal, unseal } from './cipher';
import { pendingChanges } from './engine';

const codeOf = async (work: Promise<unknown>) => {
  try {
    await work;
  } catch (e) {
    if (e instanceof SyncError) return e.code;
    throw e;
  }
  return 'no error';
};

describe('what goes wrong, and that nothing is lost', () => {
  it('a wrong passphrase is told at once; team.json holds no secret', async () => {
    const folder = new MemoryFolder();
    await openTeam(folder.transport(), 'la bonne phrase de passe', { cost: TEST_COST });
    expect(await codeOf(openTeam(folder.transport(), 'une autre phrase de passe'))).toBe('wrong-passphrase');
    expect(await codeOf(openTeam(folder.transport(), 'court'))).toBe('wrong-passphrase');
    const text = new TextDecoder().decode(folder.files.get('team.json')!);
    expect(text).not.toContain('la bonne phrase');
    expect(JSON.parse(text)).toMatchObject({ format: 'fourmiliere-team', kdf: { name: 'scrypt', N: 1024 } });
    expect((await openTeam(folder.transport(), 'la bonne phrase de passe')).created).toBe(false);
  });

  it('a file is bound to its path: moved or altered, it fails authentication', () => {
    const key = new Uint8Array(32).fill(7);
    const sealed = seal(key, 'devices/a/log-000001.json.enc', new TextEncoder().encode('{"x":1}'));
    expect(new TextDecoder().decode(unseal(key, 'devices/a/log-000001.json.enc', sealed))).toBe('{"x":1}');
    expect(() => unseal(key, 'devices/a/log-000002.json.enc', sealed)).toThrow(SyncError);
    const flipped = sealed.slice();
    flipped[40] = flipped[40]! ^ 1;
    expect(() => unseal(key, 'devices/a/log-000001.json.enc', flipped)).toThrow(SyncError);
  });

  it('a tampered file is refused with nothing applied, and the run after the fix goes on', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0]];
    const p = newProvider(a, { lastName: 'Authentique' });
    await a.db.providers.put(p);
    await sync(a);
    net.deliver(() => 0);
    const path = `devices/${a.id}/log-000001.json.enc`;
    const good = b.folder.files.get(path)!;
    const bad = good.slice();
    bad[bad.length - 3] = bad[bad.length - 3]! ^ 0xff;
    b.folder.files.set(path, bad);
    expect(await codeOf(sync(b))).toBe('tampered');
    expect(await b.db.providers.count()).toBe(0);
    expect(await b.db.syncState.get(`peer:${a.id}`)).toBeUndefined();
    b.folder.files.set(path, good);
    await sync(b);
    expect((await b.db.providers.get(p.id))?.lastName).toBe('Authentique');
  });

  it('a tampered log among several: the logs before it are applied and remembered, nothing from it or after it', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0]];
    const names = ['Premier', 'Deuxième', 'Troisième'];
    const records = names.map((lastName) => newProvider(a, { lastName }));
    for (const r of records) {
      await a.db.providers.put(r);
      await sync(a);
    }
    net.deliver(() => 0);
    const path = `devices/${a.id}/log-000002.json.enc`;
    const good = b.folder.files.get(path)!;
    const bad = good.slice();
    bad[bad.length - 3] = bad[bad.length - 3]! ^ 0xff;
    b.folder.files.set(path, bad);
    expect(await codeOf(sync(b))).toBe('tampered');
    expect((await b.db.providers.toArray()).map((r) => r.lastName)).toEqual(['Premier']);
    expect(((await b.db.syncState.get(`peer:${a.id}`)) as { seq?: number } | undefined)?.seq).toBe(1);
    b.folder.files.set(path, good);
    await sync(b);
    expect((await b.db.providers.toArray()).map((r) => r.lastName).sort()).toEqual([...names].sort());
    expect(((await b.db.syncState.get(`peer:${a.id}`)) as { seq?: number } | undefined)?.seq).toBe(3);
  });

  it('a folder that disappears in the middle of a run: an error in French terms, and the next run catches up', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0]];
    await a.db.providers.bulkPut(Array.from({ length: 900 }, (_, i) => newProvider(a, { lastName: `Nom ${i}` })));
    await sync(a);
    net.deliver(() => 0);
    const transport = b.folder.transport();
    let calls = 0;
    // gone after team.json and the first log are read: that log's 400 states were applied, the rest not
    const vanishing: SyncTransport = {
      ...transport,
      read: async (path) => {
        if (++calls > 2) b.folder.gone = true;
        return transport.read(path);
      },
    };
    const { syncOnce } = await import('./engine');
    expect(await codeOf(syncOnce(b.db, vanishing, b.team, { deviceId: b.id, deviceName: b.name }))).toBe('folder-missing');
    const partial = await b.db.providers.count();
    expect(partial).toBe(400);
    b.folder.gone = false;
    await sync(b);
    expect(await b.db.providers.count()).toBe(900);
    expect((await dataOf(b)).providers).toEqual((await dataOf(a)).providers);
  });

  it('a full disk: nothing marked sent, the changes go out once there is room', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0]];
    const p = newProvider(a, { lastName: 'Enattente' });
    await a.db.providers.put(p);
    a.folder.space = 10;
    expect(await codeOf(sync(a))).toBe('disk-full');
    expect(await pendingChanges(a.db, a.team.teamId, a.team.scope)).toBe(1);
    expect([...a.folder.files.keys()].filter((k) => k.startsWith('devices/'))).toEqual([]);
    a.folder.space = Infinity;
    await sync(a);
    expect(await pendingChanges(a.db, a.team.teamId, a.team.scope)).toBe(0);
    net.deliver(() => 0);
    await sync(b);
    expect((await b.db.providers.get(p.id))?.lastName).toBe('Enattente');
  });

  it('files of another team in the folder are refused', async () => {
    const net = await makeNetwork(1);
    const other = await makeNetwork(1);
    const [a] = net.devices as [(typeof net.devices)[0]];
    const [x] = other.devices as [(typeof other.devices)[0]];
    await x.db.providers.put(newProvider(x));
    await sync(x);
    for (const [path, bytes] of x.folder.files) if (path.startsWith('devices/')) a.folder.files.set(path, bytes);
    expect(await codeOf(sync(a))).toBe('tampered');
    expect(await a.db.providers.count()).toBe(0);
  });
});

describe('the folder itself', () => {
  it('a folder emptied of its team, or holding another team, is said so and nothing is written', async () => {
    const net = await makeNetwork(1);
    const [a] = net.devices as [(typeof net.devices)[0]];
    await a.db.providers.put(newProvider(a));
    const team = a.folder.files.get('team.json')!;
    a.folder.files.delete('team.json');
    expect(await codeOf(sync(a))).toBe('not-a-team');
    const other = new MemoryFolder();
    await openTeam(other.transport(), 'une autre équipe encore', { cost: TEST_COST });
    a.folder.files.set('team.json', other.files.get('team.json')!);
    expect(await codeOf(sync(a))).toBe('other-team');
    expect([...a.folder.files.keys()]).toEqual(['team.json']);
    a.folder.files.set('team.json', team);
    expect((await sync(a)).published).toBe(1);
  });
});

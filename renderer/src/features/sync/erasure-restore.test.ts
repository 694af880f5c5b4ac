import { describe, expect, it } from 'vitest';
import { erasePerson, readErasureRegister } from '../safekeeping/privacy';
import { resetTeamSyncAfterRestore } from './reset';
import { unsealJson } from './cipher';
import { dataOf, editProvider, makeNetwork, newProvider, sync } from './sim-helpers';

describe('RGPD erasures and restores in a team', () => {
  it('an erasure travels: the person is gone everywhere, a late edit elsewhere does not bring them back, and no file written after it names them', async () => {
    const net = await makeNetwork(3);
    const [a, b, c] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0], (typeof net.devices)[0]];
    const person = newProvider(a, { firstName: 'Effacée', lastName: 'Dupont-Secret' });
    const other = newProvider(a, { lastName: 'Reste' });
    await a.db.providers.bulkPut([person, other]);
    await sync(a);
    net.deliver(() => 0);
    await sync(b);
    await sync(c);
    const before = new Set(a.folder.files.keys());
    // A erases the person; C, not yet aware, edits them
    await erasePerson(a.db, 'provider', person.id, { anonymiseSignedSheets: true });
    await editProvider(c, person.id, { notes: 'appel du 3 décembre' });
    await sync(a);
    await sync(c);
    // C's log of its edit was written before it knew: the erasure reaches it after
    const unaware = new Set(c.folder.files.keys());
    net.deliver(() => 0);
    for (let round = 0; round < 2; round++) for (const d of net.devices) await sync(d);
    net.deliver(() => 0);
    for (const d of net.devices) await sync(d);
    for (const d of net.devices) {
      expect(await d.db.providers.get(person.id), d.id).toBeUndefined();
      expect((await d.db.providers.get(other.id))?.lastName).toBe('Reste');
      expect((await readErasureRegister(d.db)).map((e) => e.recordId)).toContain(person.id);
      expect(JSON.stringify(await d.db.syncClocks.get(`providers:${person.id}`))).not.toContain('Dupont-Secret');
      expect(JSON.stringify(await d.db.conflicts.toArray())).not.toContain('Dupont-Secret');
    }
    // every file written by a device that knew of the erasure holds the id, never the name
    let checked = 0;
    for (const [path, bytes] of a.folder.files) {
      if (before.has(path) || unaware.has(path) || !path.startsWith('devices/')) continue;
      expect(JSON.stringify(unsealJson(a.team.key, path, bytes)), path).not.toContain('Dupont-Secret');
      checked++;
    }
    expect(checked).toBeGreaterThan(2);
    expect(await dataOf(b)).toEqual(await dataOf(a));
    expect(await dataOf(c)).toEqual(await dataOf(a));
  });

  it('after a restore, the restored values meet the team’s newer ones in the inbox: neither silently wins', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0]];
    const p = newProvider(a, { notes: 'version sauvegardée' });
    await a.db.providers.put(p);
    await sync(a);
    net.deliver(() => 0);
    await sync(b);
    const saved = (await a.db.providers.get(p.id))!;
    await editProvider(b, p.id, { notes: 'version plus récente de B' });
    await sync(b);
    net.deliver(() => 0);
    await sync(a);
    expect((await a.db.providers.get(p.id))?.notes).toBe('version plus récente de B');
    // A restores a backup holding the older version (as restoreBackup does, in one transaction)
    await a.db.transaction('rw', [a.db.providers, a.db.syncClocks, a.db.syncState], async () => {
      await a.db.providers.put(saved);
      await a.db.syncState.put({ id: '~config', teamId: a.team.teamId });
      await resetTeamSyncAfterRestore(a.db, a.id);
    });
    const replica = ((await a.db.syncState.get('~config')) as { replica?: string }).replica!;
    expect(replica).toMatch(new RegExp(`^${a.id}-`));
    const restored = { ...a, id: replica };
    await sync(restored);
    net.deliver(() => 0);
    await sync(b);
    await sync(restored);
    for (const d of [restored, b]) {
      const open = await d.db.conflicts.where('resolvedAt').equals('').toArray();
      expect(open).toHaveLength(1);
      const values = new Set([(open[0]!.local as { notes: string }).notes, (open[0]!.incoming as { notes: string }).notes]);
      expect(values).toEqual(new Set(['version sauvegardée', 'version plus récente de B']));
    }
    expect(await dataOf(b)).toEqual(await dataOf(restored));
  });
});

/** Corrections keep history: a record changed by the team's files says so in its history rows. */
import { describe, expect, it } from 'vitest';
import { deleteWithTombstones } from '../../db/tombstones';
import { historyOfRecords } from '../../db/history';
import { erasePerson } from '../safekeeping/privacy';
import { editProvider, makeNetwork, newProvider, sync, type Device } from './sim-helpers';

const historyOf = (d: Device, id: string) => historyOfRecords(d.db, 'providers', [id]);

describe('history of records changed by the team sync', () => {
  it('an edit and a deletion from another device are in the record’s history, with the fields and the device; arriving records and unchanged ones add nothing', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [Device, Device];
    const p = newProvider(a, { notes: 'premier contact' });
    const q = newProvider(a, { lastName: 'Autre' });
    await a.db.providers.bulkPut([p, q]);
    await sync(a);
    net.deliver(() => 0);
    await sync(b);
    // a record that arrives is no correction
    expect(await historyOf(b, p.id)).toEqual([]);
    await editProvider(a, p.id, { notes: 'rappelé le 3 décembre', phone: '06 33 33 33 33' });
    await sync(a);
    net.deliver(() => 0);
    await sync(b);
    const rows = await historyOf(b, p.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'update',
      device: a.id,
      summary: 'modifié par synchronisation depuis Poste 0',
      changes: { notes: ['premier contact', 'rappelé le 3 décembre'], phone: ['05 56 00 00 00', '06 33 33 33 33'] },
    });
    // nothing about derived keys or bookkeeping
    expect(Object.keys(rows[0]!.changes).sort()).toEqual(['notes', 'phone']);
    expect(await historyOf(b, q.id)).toEqual([]);
    // a hard deletion from A
    await a.db.transaction('rw', [a.db.providers, a.db.tombstones], () => deleteWithTombstones(a.db, 'providers', [q.id]));
    await sync(a);
    net.deliver(() => 0);
    await sync(b);
    expect(await b.db.providers.get(q.id)).toBeUndefined();
    expect(await historyOf(b, q.id)).toMatchObject([{ action: 'delete', device: a.id, summary: 'supprimé par synchronisation depuis Poste 0' }]);
    // the device's own edits published back add no row on it
    expect(await historyOf(a, p.id)).toEqual([]);
  });

  it('an erasure removes those rows too, on every device', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [Device, Device];
    const p = newProvider(a, { lastName: 'Historique-Secret' });
    await a.db.providers.put(p);
    await sync(a);
    net.deliver(() => 0);
    await sync(b);
    await editProvider(a, p.id, { notes: 'modifiée' });
    await sync(a);
    net.deliver(() => 0);
    await sync(b);
    expect(await historyOf(b, p.id)).toHaveLength(1);
    await erasePerson(a.db, 'provider', p.id, { anonymiseSignedSheets: false });
    await sync(a);
    net.deliver(() => 0);
    await sync(b);
    expect(await historyOf(b, p.id)).toEqual([]);
    expect(JSON.stringify(await b.db.history.toArray())).not.toContain('Historique-Secret');
  });
});

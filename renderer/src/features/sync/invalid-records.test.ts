// A team file whose record breaks the table's rules is refused record by record: the field is named in French, what is stored stays.
import { describe, expect, it } from 'vitest';
import { editProvider, makeNetwork, newProvider, sync } from './sim-helpers';

const always = () => 0;

describe('team sync: records that break the rules', () => {
  it('an edit that breaks a field is refused and named; the stored record and the valid edits of the same file go on', async () => {
    const net = await makeNetwork(2);
    const [a, b] = net.devices as [(typeof net.devices)[0], (typeof net.devices)[0]];
    const kept = newProvider(a, { lastName: 'Durand' });
    const fine = newProvider(a, { lastName: 'Petit' });
    await a.db.providers.bulkPut([kept, fine]);
    await sync(a);
    net.deliver(always);
    await sync(b);
    // A's app writes bad values (an older or faulty version): an empty name, a phone far too long
    await editProvider(a, kept.id, { lastName: '', notes: 'changé' });
    await editProvider(a, fine.id, { notes: 'rappelée' });
    const fresh = newProvider(a, { lastName: 'Nouveau', phone: '0'.repeat(80) });
    await a.db.providers.put(fresh);
    await sync(a);
    net.deliver(always);
    const report = await sync(b);
    const reasons = Object.fromEntries(report.invalid.map((i) => [i.id, i.reason]));
    expect(reasons[kept.id]).toBe('lastName : nom obligatoire');
    expect(reasons[fresh.id]).toMatch(/^phone : /);
    expect(report.invalid).toHaveLength(2);
    const stored = await b.db.providers.get(kept.id);
    expect(stored?.lastName).toBe('Durand');
    expect(stored?.notes).toBe(kept.notes);
    expect(await b.db.providers.get(fresh.id)).toBeUndefined();
    expect((await b.db.providers.get(fine.id))?.notes).toBe('rappelée');
  });
});

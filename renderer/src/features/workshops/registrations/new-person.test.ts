import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/db';
import type { FourmiliereDatabase } from '../../../db/database';
import { emptyProviderForm } from '../../providers/repository';
import { countsByWorkshop } from '../queries';
import { listOrder, shownStatus } from '../rules';
import { seedPerson, seedWorkshop } from './fixtures';
import { listRegistrations, register, registerNewPerson, setRegistrationMode } from './repository';

let db: FourmiliereDatabase;
beforeEach(() => {
  db = freshDb();
});

describe('« Nouvelle personne… » from the registrations tab', () => {
  it('creates the person and registers them at once', async () => {
    const { workshop } = await seedWorkshop({ capacity: 8 });
    const result = await registerNewPerson(workshop, { ...emptyProviderForm(), firstName: 'Maïté', lastName: 'Larralde', structure: 'Camping Ur Alde', email: 'maite@ur-alde.fr' });
    expect(result.kind).toBe('registered');
    const [person] = await db.providers.toArray();
    expect(person).toMatchObject({ lastName: 'Larralde', email: 'maite@ur-alde.fr' });
    expect((await listRegistrations(workshop.id)).map((r) => [r.personId, r.status])).toEqual([[person!.id, 'inscrit']]);
  });

  it('goes through the directory’s duplicate check: nothing is written until confirmed', async () => {
    const { workshop, session } = await seedWorkshop({ capacity: 8 });
    await setRegistrationMode(workshop.id, 'session');
    const known = await seedPerson('Dufau', { email: 'pierre@dufau.fr' });
    const form = { ...emptyProviderForm(), firstName: 'Pierre', lastName: 'Dufau', email: 'PIERRE@dufau.fr' };
    const first = await registerNewPerson(workshop, form, { sessionId: session.id });
    expect(first).toMatchObject({ kind: 'duplicates', duplicates: [{ provider: { id: known.id }, reason: 'email' }] });
    expect(await db.providers.count()).toBe(1);
    expect(await listRegistrations(workshop.id)).toEqual([]);
    const confirmed = await registerNewPerson(workshop, form, { sessionId: session.id, confirmedDuplicate: true });
    expect(confirmed.kind).toBe('registered');
    expect(await db.providers.count()).toBe(2);
    expect((await listRegistrations(workshop.id)).map((r) => r.sessionId)).toEqual([session.id]);
  });
});

describe('the workshop list', () => {
  const w = (title: string, firstDate: string | null, lastDate = firstDate) => ({ title, firstDate, lastDate });
  it('puts the next workshops first, soonest first, then the past ones, most recent first', () => {
    const order = listOrder([w('Passé ancien', '2026-01-10'), w('Prochain lointain', '2026-06-02'), w('Sans date', null), w('Passé récent', '2026-03-01'), w('Prochain', '2026-03-20'), w('En cours', '2026-03-01', '2026-03-12')], '2026-03-10');
    expect(order.map((x) => x.title)).toEqual(['En cours', 'Prochain', 'Prochain lointain', 'Sans date', 'Passé récent', 'Passé ancien']);
  });

  it('shows « Complet » from the counts, and registered / waiting per workshop', async () => {
    const { workshop } = await seedWorkshop({ capacity: 2 });
    const [a, b, c] = await Promise.all(['Arrieta', 'Bordes', 'Cazaux'].map((n) => seedPerson(n)));
    for (const p of [a, b, c]) await register(workshop, p!.id);
    await register(workshop, (await seedPerson('Dufau')).id, { walkIn: true });
    const { workshop: empty } = await seedWorkshop({ title: 'Vide' });
    const counts = await countsByWorkshop([workshop, empty]);
    expect(counts.get(workshop.id)).toMatchObject({ registered: 2, capacity: 2, waiting: 1, walkIns: 1, full: true });
    expect(counts.get(empty.id)).toMatchObject({ registered: 0, full: false });
    expect(shownStatus({ status: 'publie' }, true)).toBe('complet');
    expect(shownStatus({ status: 'complet' }, false)).toBe('publie');
    expect(shownStatus({ status: 'brouillon' }, true)).toBe('brouillon');
    expect(shownStatus({ status: 'realise' }, true)).toBe('realise');
  });
});

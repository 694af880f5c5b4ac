import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/db';
import type { FourmiliereDatabase } from '../../../db/database';
import { emptyProviderForm, saveProvider } from '../../providers/repository';
import { seedPerson, seedWorkshop } from './fixtures';
import { listRegistrations, moveWaitingList, register, setRegistrationMode } from './repository';
import { createRecord } from '../../../db/records';
import type { WorkshopSession } from '../../../domain/workshops';
import { applySegment, loadSegmentData, nextSessionsFor, type SegmentFilters, type SegmentQuery } from './segments';

let db: FourmiliereDatabase;
beforeEach(() => {
  db = freshDb();
});
const TODAY = '2026-03-01';
async function run(query: SegmentQuery, filters: SegmentFilters) {
  return applySegment(query, await loadSegmentData(query, filters), TODAY, filters);
}

async function person(lastName: string, businessType: 'hebergement' | 'restauration', communeInsee: string, consent = true) {
  return saveProvider({ ...emptyProviderForm(), firstName: 'Alex', lastName, businessType, communeInsee, communeName: communeInsee === '64445' ? 'Pau' : 'Biarritz', email: `${lastName.toLowerCase()}@exemple.fr`, consentGiven: consent, consentDate: consent ? '2026-01-15' : '' });
}

describe('segments by business type, commune and consent', () => {
  it('finds the directory’s people by business type and commune, with consent only', async () => {
    await person('Hebergeur', 'hebergement', '64445');
    await person('Restaurateur', 'restauration', '64445');
    await person('SansAccord', 'restauration', '64445', false);
    await person('Ailleurs', 'restauration', '64122');
    const pau = await run({ kind: 'directory' }, { businessType: 'restauration', communeInsee: '64445' });
    expect(pau.people.map((p) => p.lastName)).toEqual(['Restaurateur']);
    expect(pau.withoutConsent).toBe(1);
    const restaurants = await run({ kind: 'directory' }, { businessType: 'restauration', communeInsee: '' });
    expect(restaurants.people.map((p) => p.lastName)).toEqual(['Ailleurs', 'Restaurateur']);
    // the same filters narrow another segment
    const { workshop } = await seedWorkshop({ capacity: 1 });
    const h = await person('Attente', 'hebergement', '64445', false);
    const r = await person('AttenteResto', 'restauration', '64122', false);
    await register(workshop, (await seedPerson('Place')).id);
    await register(workshop, h.id);
    await register(workshop, r.id);
    const waitingHere = await run({ kind: 'waitingList', workshopId: workshop.id }, { businessType: 'hebergement', communeInsee: '' });
    // people who asked for a place are told without marketing consent
    expect(waitingHere.people.map((p) => p.lastName)).toEqual(['Attente']);
  });
});

describe('inviting a waiting list to the next session', () => {
  it('finds the next workshop on the same subject and registers the waiting list there', async () => {
    const { workshop: full } = await seedWorkshop({ title: 'Instagram', theme: 'instagram', capacity: 1 }, ['2026-03-10T09:00', '2026-03-10T12:00']);
    const { workshop: next } = await seedWorkshop({ title: 'Instagram', theme: 'instagram', capacity: 2 }, ['2026-04-14T09:00', '2026-04-14T12:00']);
    const { workshop: sameTheme } = await seedWorkshop({ title: 'Instagram : les stories', theme: 'instagram', capacity: 8 }, ['2026-03-24T09:00', '2026-03-24T12:00']);
    await seedWorkshop({ title: 'Facebook', theme: 'facebook' }, ['2026-03-17T09:00', '2026-03-17T12:00']);
    await seedWorkshop({ title: 'Instagram', theme: 'instagram' }, ['2026-02-10T09:00', '2026-02-10T12:00']);
    expect((await nextSessionsFor(full.id, TODAY)).map((w) => w.id)).toEqual([next.id, sameTheme.id]);

    const [a, b, c, d] = await Promise.all(['A', 'B', 'C', 'D'].map((n) => seedPerson(n)));
    for (const p of [a, b, c, d]) await register(full, p!.id);
    await register(next, d!.id);
    const outcome = await moveWaitingList(full.id, next);
    expect(outcome.registered.map((r) => r.personId)).toEqual([b!.id]);
    expect(outcome.waiting.map((r) => r.personId)).toEqual([c!.id]);
    expect(outcome.already).toBe(1);
    const left = await listRegistrations(full.id);
    expect(left.filter((r) => r.status === 'attente')).toEqual([]);
    expect(left.find((r) => r.personId === b!.id)?.history.map((h) => h.status)).toEqual(['attente', 'annule']);
    expect(await db.registrations.where('workshopId').equals(next.id).count()).toBe(3);
  });

  it('lists once someone waiting for two sessions of a workshop', async () => {
    const { workshop, session: am } = await seedWorkshop({ capacity: 1 }, ['2026-03-10T09:00', '2026-03-10T12:00']);
    const pm = createRecord<WorkshopSession>({ workshopId: workshop.id, start: '2026-03-10T14:00', end: '2026-03-10T17:00', sequence: 0, cancelled: false });
    await db.sessions.put(pm);
    await setRegistrationMode(workshop.id, 'session');
    const [a, b] = await Promise.all(['A', 'B'].map((n) => seedPerson(n)));
    for (const s of [am, pm]) {
      await register(workshop, a!.id, { sessionId: s.id });
      await register(workshop, b!.id, { sessionId: s.id });
    }
    const result = await run({ kind: 'waitingList', workshopId: workshop.id }, { businessType: '', communeInsee: '' });
    expect(result.people.map((p) => p.lastName)).toEqual(['B']);
  });
});

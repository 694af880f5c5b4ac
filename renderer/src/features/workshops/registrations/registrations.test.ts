import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/db';
import type { FourmiliereDatabase } from '../../../db/database';
import { seedPerson, seedWorkshop } from './fixtures';
import { changeStatus, listRegistrations, moveInWaitingList, promote, promoteIntoFreePlaces, register, RegistrationError, setAutoPromote } from './repository';
import { capacityError, waitingList } from './rules';

let db: FourmiliereDatabase;
beforeEach(() => {
  db = freshDb();
});

async function statusOf(workshopId: string) {
  const people = new Map((await db.providers.toArray()).map((p) => [p.id, p.lastName]));
  const rows = await listRegistrations(workshopId);
  return Object.fromEntries(rows.map((r) => [people.get(r.personId), r.status]));
}

describe('registrations with capacity and a waiting list', () => {
  it('fills the places, then puts people on the waiting list in order', async () => {
    const { workshop } = await seedWorkshop({ capacity: 2 });
    const [a, b, c, d] = await Promise.all(['Arrieta', 'Bordes', 'Cazaux', 'Darrigrand'].map((n) => seedPerson(n)));
    await register(workshop, a!.id);
    await register(workshop, b!.id);
    const third = await register(workshop, c!.id);
    const fourth = await register(workshop, d!.id);
    expect(third).toMatchObject({ status: 'attente', waitRank: 1 });
    expect(fourth).toMatchObject({ status: 'attente', waitRank: 2 });
    expect(await statusOf(workshop.id)).toEqual({ Arrieta: 'inscrit', Bordes: 'inscrit', Cazaux: 'attente', Darrigrand: 'attente' });
    await expect(register(workshop, a!.id)).rejects.toBeInstanceOf(RegistrationError);
  });

  it('promotes the first person waiting automatically when a place frees up, and dates each change', async () => {
    const { workshop } = await seedWorkshop({ capacity: 1 });
    const [a, b, c] = await Promise.all(['Arrieta', 'Bordes', 'Cazaux'].map((n) => seedPerson(n)));
    const first = await register(workshop, a!.id, {}, new Date('2026-02-01T10:00:00Z'));
    await register(workshop, b!.id);
    await register(workshop, c!.id);
    const { promoted } = await changeStatus(first.id, 'annule', new Date('2026-02-03T10:00:00Z'));
    expect(promoted.map((p) => p.personId)).toEqual([b!.id]);
    expect(await statusOf(workshop.id)).toEqual({ Arrieta: 'annule', Bordes: 'inscrit', Cazaux: 'attente' });
    const cancelled = await db.registrations.get(first.id);
    expect(cancelled?.history).toEqual([
      { status: 'inscrit', at: '2026-02-01T10:00:00.000Z' },
      { status: 'annule', at: '2026-02-03T10:00:00.000Z' },
    ]);
    const bordes = (await listRegistrations(workshop.id)).find((r) => r.personId === b!.id);
    expect(bordes?.history.map((h) => h.status)).toEqual(['attente', 'inscrit']);
  });

  it('leaves the waiting list alone when automatic promotion is off, and lets the animator promote anyone by hand', async () => {
    await setAutoPromote(false);
    const { workshop } = await seedWorkshop({ capacity: 1 });
    const [a, b, c] = await Promise.all(['Arrieta', 'Bordes', 'Cazaux'].map((n) => seedPerson(n)));
    const first = await register(workshop, a!.id);
    await register(workshop, b!.id);
    const third = await register(workshop, c!.id);
    await expect(promote(third.id)).rejects.toMatchObject({ key: 'registration.error.full' });
    const { promoted } = await changeStatus(first.id, 'excuse');
    expect(promoted).toEqual([]);
    await promote(third.id);
    expect(await statusOf(workshop.id)).toEqual({ Arrieta: 'excuse', Bordes: 'attente', Cazaux: 'inscrit' });
  });

  it('reorders the waiting list and fills new places when the capacity grows', async () => {
    const { workshop } = await seedWorkshop({ capacity: 1 });
    const [a, b, c] = await Promise.all(['Arrieta', 'Bordes', 'Cazaux'].map((n) => seedPerson(n)));
    await register(workshop, a!.id);
    await register(workshop, b!.id);
    const cz = await register(workshop, c!.id);
    await moveInWaitingList(cz.id, -1);
    expect(waitingList(await listRegistrations(workshop.id)).map((r) => r.personId)).toEqual([c!.id, b!.id]);
    await db.workshops.update(workshop.id, { capacity: 2 });
    const promoted = await promoteIntoFreePlaces(workshop.id);
    expect(promoted.map((r) => r.personId)).toEqual([c!.id]);
  });

  it('refuses a capacity below the people already registered', async () => {
    const { workshop } = await seedWorkshop({ capacity: 3 });
    for (const n of ['Arrieta', 'Bordes', 'Cazaux']) await register(workshop, (await seedPerson(n)).id);
    const regs = await listRegistrations(workshop.id);
    expect(capacityError(2, regs)).toBe('registration.error.capacityBelow');
    expect(capacityError(0, regs)).toBe('registration.error.capacityMin');
    expect(capacityError(3, regs)).toBeNull();
  });

  it('gives a place beyond capacity to someone who came without registering', async () => {
    const { workshop } = await seedWorkshop({ capacity: 1 });
    await register(workshop, (await seedPerson('Arrieta')).id);
    const walkIn = await register(workshop, (await seedPerson('Bordes')).id, { walkIn: true });
    expect(walkIn.status).toBe('inscrit');
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/db';
import type { FourmiliereDatabase } from '../../../db/database';
import { createRecord } from '../../../db/records';
import type { WorkshopSession } from '../../../domain/workshops';
import { updateWorkshop } from '../repository';
import { formOfWorkshop } from '../validation';
import { seedPerson, seedWorkshop } from './fixtures';
import { changeStatus, listRegistrations, register, RegistrationError, setRegistrationMode } from './repository';
import { countsOf, expectedAt, waitingList, workshopCounts } from './rules';
import { registrationRows } from './queries';
import { participantColumns } from '../attendance/exports';
import { toFrenchCsv } from '../../../shared/csv';
import { translate, type MessageKey, type Params } from '../../../i18n';

let db: FourmiliereDatabase;
beforeEach(() => {
  db = freshDb();
});

/** « Réseaux sociaux », two half-days on 10 March 2026, 8 places each, registration session by session. */
async function twoHalfDays() {
  const { workshop, session: morning } = await seedWorkshop({ capacity: 8 }, ['2026-03-10T09:00', '2026-03-10T12:00']);
  const afternoon = createRecord<WorkshopSession>({ workshopId: workshop.id, start: '2026-03-10T14:00', end: '2026-03-10T17:00', sequence: 0, cancelled: false });
  await db.sessions.put(afternoon);
  const perSession = await setRegistrationMode(workshop.id, 'session');
  return { workshop: perSession, morning, afternoon };
}

const people = (n: number, prefix = 'P') => Promise.all(Array.from({ length: n }, (_, i) => seedPerson(`${prefix}${String(i + 1).padStart(2, '0')}`)));

describe('registration session by session', () => {
  it('gives each session its own places and its own waiting list', async () => {
    const { workshop, morning, afternoon } = await twoHalfDays();
    const ten = await people(10);
    for (const p of ten) await register(workshop, p.id, { sessionId: morning.id });
    for (const p of ten.slice(0, 3)) await register(workshop, p.id, { sessionId: afternoon.id });
    const all = await listRegistrations(workshop.id);
    expect(countsOf(8, all, morning.id)).toMatchObject({ registered: 8, waiting: 2, full: true });
    expect(countsOf(8, all, afternoon.id)).toMatchObject({ registered: 3, waiting: 0, full: false });
    const counts = workshopCounts(workshop, [morning, afternoon], all);
    expect(counts).toMatchObject({ mode: 'session', registered: 11, capacity: 16, waiting: 2, full: false });
    // the same person may come in the morning and the afternoon, but not twice to one session
    await expect(register(workshop, ten[0]!.id, { sessionId: afternoon.id })).rejects.toMatchObject({ key: 'registration.error.already' });
  });

  it('promotes from the waiting list of the session whose place freed, not from another one', async () => {
    const { workshop, morning, afternoon } = await twoHalfDays();
    await db.workshops.update(workshop.id, { capacity: 1 });
    const [a, b, c] = await people(3);
    const am = await register(workshop, a!.id, { sessionId: morning.id });
    await register(workshop, b!.id, { sessionId: afternoon.id });
    await register(workshop, c!.id, { sessionId: afternoon.id });
    const amWaiting = await register(workshop, b!.id, { sessionId: morning.id });
    expect(amWaiting).toMatchObject({ status: 'attente', waitRank: 1 });
    const { promoted } = await changeStatus(am.id, 'annule');
    expect(promoted.map((r) => [r.personId, r.sessionId])).toEqual([[b!.id, morning.id]]);
    const all = await listRegistrations(workshop.id);
    expect(waitingList(all.filter((r) => r.sessionId === afternoon.id)).map((r) => r.personId)).toEqual([c!.id]);
  });

  it('asks for the session, and keeps the mode while people are registered', async () => {
    const { workshop, morning } = await twoHalfDays();
    const [a] = await people(1);
    await expect(register(workshop, a!.id)).rejects.toMatchObject({ key: 'sessions.error.chooseSession' });
    const r = await register(workshop, a!.id, { sessionId: morning.id });
    await expect(setRegistrationMode(workshop.id, 'cycle')).rejects.toBeInstanceOf(RegistrationError);
    await changeStatus(r.id, 'annule');
    expect((await setRegistrationMode(workshop.id, 'cycle')).registrationMode).toBe('cycle');
  });

  it('expects at a session the people of the whole workshop and those of that session only', async () => {
    const { morning, afternoon } = await twoHalfDays();
    expect(expectedAt({ sessionId: null }, morning.id)).toBe(true);
    expect(expectedAt({}, afternoon.id)).toBe(true);
    expect(expectedAt({ sessionId: morning.id }, morning.id)).toBe(true);
    expect(expectedAt({ sessionId: morning.id }, afternoon.id)).toBe(false);
  });

  it('keeps older workshops (no mode, no session on registrations) as one cycle', async () => {
    const { workshop, session } = await seedWorkshop({ capacity: 2 });
    expect(workshop.registrationMode).toBeUndefined();
    const [a, b, c] = await people(3);
    for (const p of [a, b, c]) await register(workshop, p!.id, { sessionId: session.id });
    const all = await listRegistrations(workshop.id);
    // the session given is ignored for a cycle: one scope for the whole workshop
    expect(all.every((r) => r.sessionId === null)).toBe(true);
    expect(workshopCounts(workshop, [session], all)).toMatchObject({ mode: 'cycle', registered: 2, waiting: 1, full: true });
  });
});

describe('the participants CSV', () => {
  it('says which session each registration is for, and who came on the day', async () => {
    const { workshop, morning, afternoon } = await twoHalfDays();
    const [a, b] = await people(2);
    await register(workshop, a!.id, { sessionId: morning.id });
    await register(workshop, b!.id, { sessionId: afternoon.id, walkIn: true });
    const t = (key: MessageKey, params?: Params) => translate('fr', key, params);
    const rows = (await registrationRows(workshop.id)).sort((x, y) => (x.person?.lastName ?? '').localeCompare(y.person?.lastName ?? ''));
    const lines = toFrenchCsv(rows, participantColumns(t, [morning, afternoon])).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]?.endsWith(';Séance;Sur place')).toBe(true);
    expect(lines[1]?.endsWith(';10/03/2026 09:00;')).toBe(true);
    expect(lines[2]?.endsWith(';10/03/2026 14:00;Oui')).toBe(true);
  });
});

describe('walk-ins counted apart', () => {
  it('shows 8 + 1 sur place and never blocks a later save of the workshop', async () => {
    const { workshop } = await seedWorkshop({ capacity: 8 });
    for (const p of await people(8)) await register(workshop, p.id);
    const walkIn = await register(workshop, (await seedPerson('Dufau')).id, { walkIn: true });
    expect(walkIn).toMatchObject({ status: 'inscrit', walkIn: true });
    const all = await listRegistrations(workshop.id);
    expect(countsOf(8, all, null)).toMatchObject({ registered: 8, walkIns: 1, full: true });
    const form = { ...formOfWorkshop(workshop), title: 'Google Business Profile, niveau 1' };
    const saved = await updateWorkshop(workshop.id, form);
    expect(saved.title).toBe('Google Business Profile, niveau 1');
    // lowering below the 8 registered is still refused
    await expect(updateWorkshop(workshop.id, { ...form, capacity: '7' }, new Date(), saved.rev)).rejects.toMatchObject({ errors: { capacity: 'workshop.error.capacityBelowRegistered' } });
  });

  it('still saves an older workshop already over its places, as long as its capacity is not lowered', async () => {
    const { workshop } = await seedWorkshop({ capacity: 1 });
    await register(workshop, (await seedPerson('Arrieta')).id);
    // an older walk-in, without the flag: 2 for 1 place
    const older = await register(workshop, (await seedPerson('Bordes')).id);
    await db.registrations.update(older.id, { status: 'inscrit' });
    const saved = await updateWorkshop(workshop.id, { ...formOfWorkshop(workshop), room: 'Salle B' });
    expect(saved.place.room).toBe('Salle B');
  });

  it('brings someone from the waiting list who comes anyway onto the sheet', async () => {
    const { workshop } = await seedWorkshop({ capacity: 1 });
    await register(workshop, (await seedPerson('Arrieta')).id);
    const b = await seedPerson('Bordes');
    expect((await register(workshop, b.id)).status).toBe('attente');
    expect(await register(workshop, b.id, { walkIn: true })).toMatchObject({ status: 'inscrit', walkIn: true });
    expect(countsOf(1, await listRegistrations(workshop.id), null)).toMatchObject({ registered: 1, walkIns: 1, waiting: 0 });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import type { FourmiliereDatabase } from '../../db/database';
import { createRecord } from '../../db/records';
import type { Attendance } from '../../domain/attendance';
import type { Evaluation, Registration, Workshop } from '../../domain/workshops';
import type { Provider } from '../../domain/people';
import { freshDb } from '../../test/db';
import { computeReport, loadReport, type Territory } from './report';
import { addSession, createWorkshop, setSessionCancelled } from './repository';
import { emptyWorkshopForm } from './validation';

async function workshop(title: string, theme: string, insee: string, commune: string): Promise<Workshop> {
  return createWorkshop({ ...emptyWorkshopForm('Léa'), title, theme, communeInsee: insee, communeName: commune, capacity: '10' });
}
const registration = (w: Workshop, personId: string, status: Registration['status'] = 'inscrit') => createRecord<Registration>({ workshopId: w.id, personId, status, waitRank: 0, history: [] });
const present = (sessionId: string, personId: string, halfDay: Attendance['halfDay'] = 'matin', status: Attendance['status'] = 'present') =>
  createRecord<Attendance>({ context: 'workshop', sessionId, halfDay, personId, role: 'participant', personName: personId, status, signature: null, audit: [] });
const evaluation = (w: Workshop, personId: string, satisfaction: number, submittedAt = '2026-03-10T12:00:00.000Z') =>
  createRecord<Evaluation>({ context: 'workshop', subjectId: w.id, personId, kind: 'chaud', answers: { satisfaction, comment: 'bien' }, submittedAt, source: 'ecran', dueDate: null, remindersSent: [] });

describe('activity report', () => {
  let db: FourmiliereDatabase;
  beforeEach(() => {
    db = freshDb();
  });

  it('counts workshops, sessions, hours, unique people, attendances, rate and satisfaction by theme and commune', async () => {
    const pau = await workshop('Facebook', 'reseaux-sociaux', '64445', 'Pau');
    const bayonne = await workshop('Avis', 'e-reputation', '64102', 'Bayonne');
    const landes = await workshop('Instagram', 'reseaux-sociaux', '40192', 'Mont-de-Marsan');
    const p1 = await addSession(pau.id, { date: '2026-03-10', startTime: '09:00', endTime: '17:00' }); // 8 h, two half-days
    const p2 = await addSession(pau.id, { date: '2026-03-17', startTime: '09:00', endTime: '12:00' }); // 3 h
    const cancelled = await addSession(pau.id, { date: '2026-03-24', startTime: '09:00', endTime: '12:00' });
    await setSessionCancelled(cancelled.id, true);
    await addSession(pau.id, { date: '2026-12-01', startTime: '09:00', endTime: '12:00' }); // after "today": not held yet
    const b1 = await addSession(bayonne.id, { date: '2026-04-02', startTime: '14:00', endTime: '16:30' }); // 2.5 h
    const l1 = await addSession(landes.id, { date: '2026-04-03', startTime: '14:00', endTime: '16:00' });
    await db.registrations.bulkAdd([registration(pau, 'ana'), registration(pau, 'ben'), registration(pau, 'cyd', 'annule'), registration(bayonne, 'ana'), registration(bayonne, 'dan'), registration(landes, 'eve')]);
    await db.attendance.bulkAdd([
      // ana present both half-days of p1: one attendance
      present(p1.id, 'ana', 'matin'),
      present(p1.id, 'ana', 'apres-midi'),
      present(p1.id, 'ben', 'matin', 'absent'),
      present(p2.id, 'ana'),
      present(p2.id, 'ben'),
      present(p2.id, 'walkin'),
      present(b1.id, 'dan'),
      present(l1.id, 'eve'),
    ]);
    await db.evaluations.bulkAdd([evaluation(pau, 'ana', 5), evaluation(pau, 'ben', 4), evaluation(bayonne, 'dan', 3, '2026-04-02T16:30:00.000Z')]);

    const input = await loadReport('2026-01-01', '2026-12-31', { kind: 'department', code: '64' }, '2026-06-30');
    const report = computeReport(input, (theme) => `theme:${theme}`);
    expect(report.totals).toEqual({
      workshops: 2,
      sessions: 3,
      minutes: 8 * 60 + 3 * 60 + 150,
      people: 4, // ana, ben, walkin, dan
      attendances: 5, // p1 ana, p2 ana ben walkin, b1 dan
      expected: 6, // pau: 2 registered x 2 sessions, bayonne: 2 x 1
      attendedRegistered: 4,
      rate: 4 / 6,
      satisfaction: 4,
      satisfactionCount: 3,
    });
    expect(report.byTheme.map((r) => [r.label, r.sessions, r.attendances, r.satisfaction])).toEqual([
      ['theme:reseaux-sociaux', 2, 4, 4.5],
      ['theme:e-reputation', 1, 1, 3],
    ]);
    expect(report.byCommune.map((r) => [r.label, r.workshops, r.minutes, r.rate])).toEqual([
      ['Pau', 1, 660, 3 / 4],
      ['Bayonne', 1, 150, 1 / 2],
    ]);

    const commune: Territory = { kind: 'commune', insee: '40192' };
    const landesOnly = computeReport(await loadReport('2026-01-01', '2026-12-31', commune, '2026-06-30'), String);
    expect(landesOnly.totals).toMatchObject({ workshops: 1, sessions: 1, people: 1, rate: 1, satisfaction: null });
    const march = computeReport(await loadReport('2026-03-01', '2026-03-31', { kind: 'all' }, '2026-06-30'), String);
    expect(march.totals).toMatchObject({ workshops: 1, sessions: 2, attendances: 4 });
  });

  it('leaves cancelled workshops out, and gives no rate when nobody was expected', async () => {
    const w = await workshop('Annulé', 'site-web', '64445', 'Pau');
    await addSession(w.id, { date: '2026-03-10', startTime: '09:00', endTime: '12:00' });
    await db.workshops.update(w.id, { status: 'annule' });
    expect(computeReport(await loadReport('2026-01-01', '2026-12-31', { kind: 'all' }, '2026-12-31'), String).totals.sessions).toBe(0);
    const open = await workshop('Sans inscrits', 'site-web', '64445', 'Pau');
    const s = await addSession(open.id, { date: '2026-03-11', startTime: '09:00', endTime: '12:00' });
    // only a walk-in came: held, but nobody was expected
    await db.attendance.add(present(s.id, 'walkin'));
    expect(computeReport(await loadReport('2026-01-01', '2026-12-31', { kind: 'all' }, '2026-12-31'), String).totals).toMatchObject({ sessions: 1, rate: null, satisfaction: null });
  });

  it('counts a session as held only when its attendance was taken', async () => {
    const w = await workshop('Facebook', 'reseaux-sociaux', '64445', 'Pau');
    const taken = await addSession(w.id, { date: '2026-03-10', startTime: '09:00', endTime: '12:00' });
    await addSession(w.id, { date: '2026-03-17', startTime: '09:00', endTime: '12:00' }); // past, never recorded
    await db.registrations.add(registration(w, 'ana'));
    await db.attendance.add(present(taken.id, 'ana', 'matin', 'absent'));
    const report = computeReport(await loadReport('2026-01-01', '2026-12-31', { kind: 'all' }, '2026-06-30'), String);
    expect(report.totals).toMatchObject({ sessions: 1, minutes: 180, expected: 1, attendedRegistered: 0, rate: 0 });
    expect(report.unrecorded).toBe(1);
  });

  it('takes satisfaction only from sessions held in the period, never from a workshop still to come', async () => {
    const held = await workshop('Avis', 'e-reputation', '64445', 'Pau');
    const future = await workshop('Instagram', 'reseaux-sociaux', '64445', 'Pau');
    const h = await addSession(held.id, { date: '2026-03-10', startTime: '09:00', endTime: '12:00' });
    await addSession(future.id, { date: '2026-11-10', startTime: '09:00', endTime: '12:00' });
    await db.attendance.add(present(h.id, 'ana'));
    // answers typed in ahead for the future workshop (a test run, a form filled too early)
    await db.evaluations.bulkAdd([evaluation(held, 'ana', 4, '2026-03-10T12:05:00.000Z'), evaluation(future, 'ben', 1, '2026-03-12T10:00:00.000Z'), evaluation(held, 'old', 1, '2026-02-01T10:00:00.000Z')]);
    const report = computeReport(await loadReport('2026-01-01', '2026-12-31', { kind: 'all' }, '2026-06-30'), String);
    expect(report.totals).toMatchObject({ workshops: 1, satisfaction: 4, satisfactionCount: 1 });
  });

  it('breaks the participants down by business type and by their commune; per-session registrations are expected at their session only', async () => {
    const w = await workshop('Réseaux', 'reseaux-sociaux', '64445', 'Pau');
    const am = await addSession(w.id, { date: '2026-03-10', startTime: '09:00', endTime: '12:00' });
    const pm = await addSession(w.id, { date: '2026-03-10', startTime: '14:00', endTime: '17:00' });
    const provider = (id: string, businessType: Provider['businessType'], communeInsee: string, communeName: string) =>
      ({ ...createRecord<Provider>({ firstName: id, lastName: id, structure: '', businessType, communeInsee, communeName, email: '', phone: '', consent: { given: false, date: null, purpose: '' }, notes: '', tokens: [], sortName: id, lastContactAt: null }), id });
    await db.providers.bulkAdd([provider('ana', 'camping', '64445', 'Pau'), provider('ben', 'restauration', '64102', 'Bayonne'), provider('cyd', 'camping', '64102', 'Bayonne')]);
    await db.registrations.bulkAdd([{ ...registration(w, 'ana'), sessionId: am.id }, { ...registration(w, 'ben'), sessionId: pm.id }, { ...registration(w, 'cyd'), sessionId: am.id }]);
    await db.attendance.bulkAdd([present(am.id, 'ana'), present(am.id, 'cyd', 'matin', 'absent'), present(pm.id, 'ben', 'apres-midi'), present(pm.id, 'ana', 'apres-midi')]);
    const report = computeReport(await loadReport('2026-01-01', '2026-12-31', { kind: 'all' }, '2026-06-30'), String, (type) => `type:${type}`);
    // expected: ana and cyd in the morning, ben in the afternoon (not 3 x 2)
    expect(report.totals).toMatchObject({ sessions: 2, expected: 3, attendedRegistered: 2, attendances: 3, people: 2 });
    expect(report.byBusinessType.map((r) => [r.label, r.people, r.attendances])).toEqual([
      ['type:camping', 1, 2],
      ['type:restauration', 1, 1],
    ]);
    expect(report.byPeopleCommune.map((r) => [r.label, r.people, r.attendances])).toEqual([
      ['Bayonne', 1, 1],
      ['Pau', 1, 2],
    ]);
  });
});

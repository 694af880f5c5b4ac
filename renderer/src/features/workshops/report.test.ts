import { beforeEach, describe, expect, it } from 'vitest';
import type { FourmiliereDatabase } from '../../db/database';
import { createRecord } from '../../db/records';
import type { Attendance } from '../../domain/attendance';
import type { Evaluation, Registration, Workshop } from '../../domain/workshops';
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
const evaluation = (w: Workshop, personId: string, satisfaction: number) =>
  createRecord<Evaluation>({ context: 'workshop', subjectId: w.id, personId, kind: 'chaud', answers: { satisfaction, comment: 'bien' }, submittedAt: '2026-03-10T12:00:00.000Z', source: 'ecran', dueDate: null, remindersSent: [] });

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
    await db.evaluations.bulkAdd([evaluation(pau, 'ana', 5), evaluation(pau, 'ben', 4), evaluation(bayonne, 'dan', 3)]);

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
    await addSession(open.id, { date: '2026-03-11', startTime: '09:00', endTime: '12:00' });
    expect(computeReport(await loadReport('2026-01-01', '2026-12-31', { kind: 'all' }, '2026-12-31'), String).totals).toMatchObject({ sessions: 1, rate: null, satisfaction: null });
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import type { FourmiliereDatabase } from '../../db/database';
import { createRecord } from '../../db/records';
import type { Animator } from '../../domain/registry';
import type { Evaluation, Registration, WorkshopSession } from '../../domain/workshops';
import { setAttendanceStatus } from '../../shared/attendance/repository';
import { freshDb } from '../../test/db';
import { addSession, createCohort, enrol, markAttendance, saveModule } from '../promotions/repository';
import { emptyCohortForm, emptyModuleForm, emptySessionForm } from '../promotions/validation';
import { seedPerson, seedWorkshop } from '../workshops/registrations/fixtures';
import { register } from '../workshops/registrations/repository';
import { backupState, computeDue, isEmpty } from './due';
import { recordFollowUpReminders, recordSent } from './sent';

let db: FourmiliereDatabase;
beforeEach(() => {
  db = freshDb();
});

/** Tuesday 10 March 2026, 10:00 in Paris. */
const NOW = new Date('2026-03-10T10:00:00+01:00');
const at = (iso: string) => new Date(iso);

/** The registry may hold 100,000 people: the list must never walk it, only read people by id. */
function forbidRegistryScans() {
  const table = db.animators as unknown as Record<string, unknown>;
  for (const method of ['toArray', 'toCollection', 'where', 'filter', 'each', 'orderBy', 'count', 'limit', 'offset', 'reverse']) {
    table[method] = () => {
      throw new Error(`animators.${method} called: the registry was scanned`);
    };
  }
}

async function workshopWeek() {
  const soon = await seedWorkshop({ title: 'Fiche Google', capacity: 2 }, ['2026-03-11T09:00', '2026-03-11T12:00']);
  const [ana, ben, cleo] = await Promise.all([seedPerson('Arrieta'), seedPerson('Bidart'), seedPerson('Camou')]);
  const regs: Registration[] = [];
  for (const p of [ana!, ben!, cleo!]) regs.push(await register(soon.workshop, p.id, {}, at('2026-02-20T10:00:00Z')));
  const held = await seedWorkshop({ title: 'Avis en ligne', capacity: 8 }, ['2026-03-05T09:00', '2026-03-05T17:00']);
  for (const p of [ana!, ben!]) await register(held.workshop, p.id, {}, at('2026-02-20T10:00:00Z'));
  await setAttendanceStatus({ context: 'workshop', sessionId: held.session.id, halfDay: 'matin', personId: ana!.id, role: 'participant', personName: 'Alex Arrieta' }, 'present', '', at('2026-03-05T10:00:00+01:00'));
  const later = await seedWorkshop({ title: 'Instagram', capacity: 8 }, ['2026-04-20T14:00', '2026-04-20T17:00']);
  await register(later.workshop, cleo!.id, {}, at('2026-02-20T10:00:00Z'));
  const far = await seedWorkshop({ title: 'Lointain', capacity: 8 }, ['2026-07-20T14:00', '2026-07-20T17:00']);
  await register(far.workshop, cleo!.id, {}, at('2026-02-20T10:00:00Z'));
  const draft = await seedWorkshop({ title: 'Brouillon', capacity: 8, status: 'brouillon' }, ['2026-03-12T14:00', '2026-03-12T17:00']);
  await register(draft.workshop, cleo!.id, {}, at('2026-02-20T10:00:00Z'));
  return { soon, held, later, regs, people: { ana: ana!, ben: ben!, cleo: cleo! } };
}

describe('what an ANT has to do', () => {
  it('lists next sessions, incomplete sheets, convocations, J-2 reminders and the waiting list', async () => {
    const { soon, held, later, regs } = await workshopWeek();
    forbidRegistryScans();
    const due = await computeDue('animateur', NOW);
    expect(due.nextSessions.map((s) => [s.title, s.start, s.people])).toEqual([['Fiche Google', '2026-03-11T09:00', 2]]);
    expect(due.nextSessions[0]).toMatchObject({ kind: 'workshop', parentId: soon.workshop.id, sessionId: soon.session.id });
    // the held workshop: one mark in the morning, none in the afternoon
    expect(due.incompleteSheets.map((s) => [s.title, s.halfDay, s.missing])).toEqual([
      ['Avis en ligne', 'matin', 1],
      ['Avis en ligne', 'apres-midi', 2],
    ]);
    expect(due.incompleteSheets[0]?.sessionId).toBe(held.session.id);
    // convocations within 45 days; the draft and the July workshop are not due
    expect(due.convocations.map((c) => [c.title, c.recordIds.length])).toEqual([
      ['Fiche Google', 2],
      ['Instagram', 1],
    ]);
    expect(new Set(due.convocations[0]?.recordIds)).toEqual(new Set(regs.slice(0, 2).map((r) => r.id)));
    expect(due.convocations[1]?.subjectId).toBe(later.workshop.id);
    expect(due.reminders.map((r) => [r.title, r.subjectId, r.recordIds.length])).toEqual([['Fiche Google', soon.session.id, 2]]);
    expect(due.waiting).toEqual([{ workshopId: soon.workshop.id, title: 'Fiche Google', start: '2026-03-11T09:00', waiting: 1, placesLeft: 0 }]);
    expect(due.atRisk).toEqual([]);
  });

  it('clears a line once its messages are recorded, and a message dated in the future counts as not sent', async () => {
    const { soon, regs } = await workshopWeek();
    const registered = regs.slice(0, 2).map((r) => r.id);
    // a machine whose clock ran ahead recorded a sending « on 12 March »
    expect(await recordSent('registrations', registered, 'convocation', soon.workshop.id, 'eml', at('2026-03-12T08:00:00Z'))).toBe(2);
    expect((await computeDue('animateur', NOW)).convocations.map((c) => c.title)).toContain('Fiche Google');
    await recordSent('registrations', registered, 'convocation', soon.workshop.id, 'eml', at('2026-03-09T08:00:00Z'));
    await recordSent('registrations', registered, 'rappel', soon.session.id, 'mailto', at('2026-03-10T08:00:00Z'));
    const due = await computeDue('animateur', NOW);
    expect(due.convocations.map((c) => c.title)).toEqual(['Instagram']);
    expect(due.reminders).toEqual([]);
    // the history is kept: the future-dated entry, then the two real ones
    const stored = await db.registrations.get(registered[0]!);
    expect(stored?.contacts?.map((c) => [c.kind, c.channel, c.at])).toEqual([
      ['convocation', 'eml', '2026-03-12T08:00:00.000Z'],
      ['convocation', 'eml', '2026-03-09T08:00:00.000Z'],
      ['rappel', 'mailto', '2026-03-10T08:00:00.000Z'],
    ]);
  });

  it('forgets cancelled sessions and templates', async () => {
    const { soon } = await workshopWeek();
    await db.sessions.put({ ...soon.session, cancelled: true });
    const due = await computeDue('animateur', NOW);
    expect(due.nextSessions).toEqual([]);
    expect(due.waiting).toEqual([]);
    expect(due.convocations.map((c) => c.title)).toEqual(['Instagram']);
  });

  it('lists follow-ups due without a reminder since, and clears them once reminded', async () => {
    const { held, people } = await workshopWeek();
    const followUp = (personId: string, dueDate: string, changes: Partial<Evaluation> = {}) =>
      createRecord<Evaluation>({ context: 'workshop', subjectId: held.workshop.id, personId, kind: 'froid', answers: {}, submittedAt: null, source: 'ecran', dueDate, remindersSent: [], ...changes });
    const due1 = followUp(people.ana.id, '2026-03-01');
    const due2 = followUp(people.ben.id, '2026-03-08', { remindersSent: ['2026-03-20T08:00:00.000Z'] });
    await db.evaluations.bulkPut([due1, due2, followUp(people.cleo.id, '2026-03-20'), followUp('x', '2026-03-02', { submittedAt: '2026-03-05T08:00:00.000Z' })]);
    let due = await computeDue('animateur', NOW);
    expect(due.followUps.map((f) => [f.title, f.count, f.oldestDue, f.context])).toEqual([['Avis en ligne', 2, '2026-03-01', 'workshop']]);
    await recordFollowUpReminders([due1.id, due2.id], 'eml', NOW);
    due = await computeDue('animateur', NOW);
    expect(due.followUps).toEqual([]);
    const stored = await db.evaluations.get(due1.id);
    expect(stored?.remindersSent).toEqual([NOW.toISOString()]);
    expect(stored?.contacts).toEqual([{ kind: 'relance', channel: 'eml', subjectId: held.workshop.id, at: NOW.toISOString() }]);
  });

  it('follows per-session registrations: each session expects its own people and its own waiting list', async () => {
    const { workshop, session: morning } = await seedWorkshop({ title: 'Matin ou après-midi', capacity: 1 }, ['2026-03-11T09:00', '2026-03-11T12:00']);
    const afternoon = createRecord<WorkshopSession>({ workshopId: workshop.id, start: '2026-03-11T14:00', end: '2026-03-11T17:00', sequence: 0, cancelled: false });
    await db.sessions.put(afternoon);
    const reg = (personId: string, sessionId: string | null, status: Registration['status'] = 'inscrit') =>
      ({ ...createRecord<Registration>({ workshopId: workshop.id, personId, status, waitRank: status === 'attente' ? 1 : 0, history: [{ status, at: '2026-02-20T10:00:00.000Z' }] }), sessionId }) as Registration;
    const [a, b, c] = [reg('p-a', morning.id), reg('p-b', afternoon.id), reg('p-c', null)];
    await db.registrations.bulkPut([a, b, c, reg('p-d', afternoon.id, 'attente')]);
    const due = await computeDue('animateur', NOW);
    expect(due.nextSessions.map((s) => [s.start, s.people])).toEqual([
      ['2026-03-11T09:00', 2],
      ['2026-03-11T14:00', 2],
    ]);
    expect(due.reminders.map((r) => [r.subjectId, new Set(r.recordIds)])).toEqual([
      [morning.id, new Set([a.id, c.id])],
      [afternoon.id, new Set([b.id, c.id])],
    ]);
    expect(due.convocations.map((x) => x.recordIds.length)).toEqual([3]);
    // someone who came on the day without registering (a walk-in) is neither convoked nor reminded
    await db.registrations.put({ ...reg('p-e', morning.id), walkIn: true } as Registration);
    const after = await computeDue('animateur', NOW);
    expect(after.convocations.map((x) => x.recordIds.length)).toEqual([3]);
    expect(after.reminders[0]?.recordIds).toHaveLength(2);
    expect(after.nextSessions[0]?.people).toBe(3);
    expect(due.waiting.map((w) => [w.start, w.waiting, w.placesLeft])).toEqual([['2026-03-11T14:00', 1, 0]]);
  });

  it('has nothing to say on an empty database', async () => {
    expect(isEmpty(await computeDue('animateur', NOW))).toBe(true);
    expect(isEmpty(await computeDue('formateur', NOW))).toBe(true);
  });
});

function animator(firstName: string, lastName: string): Animator {
  return createRecord<Animator>({
    firstName, lastName, email: `${firstName.toLowerCase()}@ot.fr`, phone: '', structureName: 'OT Pau', structureType: 'office-tourisme', jobTitle: '', communeInsee: '', communeName: '', postalCode: '', departmentCode: '64', regionCode: '75',
    status: 'en-formation', cohortId: null, trainingStart: null, trainingEnd: null, trainedYear: null, specialities: [], languages: [], notes: '', consent: { given: false, date: null, purpose: '' }, lastContactAt: null, tokens: [], sortName: `${lastName} ${firstName}`.toLowerCase(),
  });
}

async function promotion() {
  const cohort = await createCohort({ ...emptyCohortForm(3, '75', 'Anne Formatrice'), nickname: 'Jimdo', startDate: '2026-03-01', endDate: '2026-06-30', status: 'en-cours' });
  const people = [animator('Ana', 'Arrieta'), animator('Ben', 'Bidart'), animator('Cyril', 'Camou'), animator('Dana', 'Duhau')];
  await db.animators.bulkPut(people);
  const enrolments = await enrol(cohort.id, people.map((p) => p.id));
  const m1 = await saveModule(cohort.id, { ...emptyModuleForm('Anne Formatrice', 'Pau'), title: 'Diagnostic' });
  const m2 = await saveModule(cohort.id, { ...emptyModuleForm('Anne Formatrice', 'Pau'), title: 'Réseaux sociaux' });
  const s1 = await addSession(m1.id, emptySessionForm('2026-03-02', 'matin'));
  const s2 = await addSession(m1.id, emptySessionForm('2026-03-03', 'matin'));
  const s3 = await addSession(m2.id, emptySessionForm('2026-03-12', 'matin'));
  await addSession(m2.id, emptySessionForm('2026-03-12', 'apres-midi'));
  const day = (d: string) => ({ now: at(`${d}T11:00:00+01:00`) });
  const [ana, ben, cyril, dana] = people.map((p) => p.id) as [string, string, string, string];
  for (const id of [ana, cyril, dana]) await markAttendance(s1.id, id, 'present', day('2026-03-02'));
  await markAttendance(s1.id, ben, 'absent', day('2026-03-02'));
  for (const id of [ana, dana]) await markAttendance(s2.id, id, 'present', day('2026-03-03'));
  await markAttendance(s2.id, ben, 'absent', day('2026-03-03'));
  return { cohort, m1, m2, s1, s2, s3, enrolments, people: { ana, ben, cyril, dana } };
}

describe('what a trainer has to do', () => {
  it('lists module sessions, the incomplete sheet, convocations of the next module, reminders and people at risk', async () => {
    const { cohort, m2, s2, s3, enrolments } = await promotion();
    forbidRegistryScans();
    const due = await computeDue('formateur', NOW);
    expect(due.nextSessions.map((s) => [s.title, s.start, s.people])).toEqual([
      ['Réseaux sociaux · 3 — Jimdo', '2026-03-12T09:00', 4],
      ['Réseaux sociaux · 3 — Jimdo', '2026-03-12T13:30', 4],
    ]);
    expect(due.nextSessions[0]).toMatchObject({ kind: 'module', parentId: cohort.id, sessionId: s3.id });
    expect(due.incompleteSheets.map((s) => [s.sessionId, s.date, s.halfDay, s.missing])).toEqual([[s2.id, '2026-03-03', 'matin', 1]]);
    expect(due.convocations.map((c) => [c.subjectId, c.recordIds.length])).toEqual([[m2.id, 4]]);
    expect(due.reminders.map((r) => r.recordIds.length)).toEqual([4, 4]);
    expect(due.atRisk).toHaveLength(1);
    expect(due.atRisk[0]?.people.map((p) => [p.name, p.risks])).toEqual([
      ['Ben Bidart', ['consecutive', 'below-threshold']],
      ['Cyril Camou', ['below-threshold']],
    ]);
    expect(due.waiting).toEqual([]);
    // convoking the module clears its line
    await recordSent('enrolments', enrolments.map((e) => e.id), 'convocation', m2.id, 'eml', NOW);
    expect((await computeDue('formateur', NOW)).convocations).toEqual([]);
  });

  it('lists the promotion’s à froid follow-ups due, named like the promotion', async () => {
    const { cohort, m1, people } = await promotion();
    const followUp = (context: 'module' | 'cohort', subjectId: string, personId: string) =>
      createRecord<Evaluation>({ context, subjectId, personId, kind: 'froid', answers: {}, submittedAt: null, source: 'ecran', dueDate: '2026-03-09', remindersSent: [] });
    await db.evaluations.bulkPut([followUp('module', m1.id, people.ana), followUp('cohort', cohort.id, people.ben), followUp('cohort', cohort.id, people.dana)]);
    const due = await computeDue('formateur', NOW, db, (c) => `Promotion n° ${c.number} — ${c.nickname}`);
    expect(due.followUps.map((f) => [f.context, f.title, f.parentId, f.count]).sort()).toEqual([
      ['cohort', 'Promotion n° 3 — Jimdo', cohort.id, 2],
      ['module', 'Diagnostic', cohort.id, 1],
    ]);
    expect(due.atRisk[0]?.title).toBe('Promotion n° 3 — Jimdo');
    // an ANT's home page does not list a promotion's follow-ups
    expect((await computeDue('animateur', NOW)).followUps).toEqual([]);
  });

  it('leaves out people who left and promotions not running', async () => {
    const { cohort, enrolments, people } = await promotion();
    const ben = enrolments.find((e) => e.animatorId === people.ben)!;
    await db.enrolments.put({ ...ben, status: 'abandon', withdrawnAt: '2026-03-04' });
    let due = await computeDue('formateur', NOW);
    expect(due.atRisk[0]?.people.map((p) => p.name)).toEqual(['Cyril Camou']);
    expect(due.convocations[0]?.recordIds).toHaveLength(3);
    await db.cohorts.put({ ...cohort, status: 'terminee' });
    due = await computeDue('formateur', NOW);
    expect(due.atRisk).toEqual([]);
  });

  it('does not count a future session as held: nobody is at risk before anything happened', async () => {
    const { people } = await promotion();
    const due = await computeDue('formateur', at('2026-03-01T12:00:00+01:00'));
    expect(due.atRisk).toEqual([]);
    expect(due.incompleteSheets).toEqual([]);
    expect(people.ana).toBeTruthy();
  });
});

describe('the backups line', () => {
  it('judges desktop copies and browser downloads by their age', () => {
    expect(backupState({ desktop: true, newestAutomatic: '2026-03-09T20:00:00Z', lastManual: null }, NOW)).toEqual({ kind: 'desktop', newest: '2026-03-09T20:00:00Z', stale: false });
    expect(backupState({ desktop: true, newestAutomatic: '2026-03-01T20:00:00Z', lastManual: null }, NOW).stale).toBe(true);
    expect(backupState({ desktop: false, newestAutomatic: null, lastManual: null }, NOW)).toEqual({ kind: 'browser', lastManual: null, stale: true });
    expect(backupState({ desktop: false, newestAutomatic: null, lastManual: '2026-03-05T08:00:00Z' }, NOW).stale).toBe(false);
    expect(backupState({ desktop: false, newestAutomatic: null, lastManual: '2026-02-20T08:00:00Z' }, NOW).stale).toBe(true);
  });
});

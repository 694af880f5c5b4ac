import { beforeEach, describe, expect, it } from 'vitest';
import type { FourmiliereDatabase } from '../../db/database';
import { createRecord, StaleRecordError } from '../../db/records';
import type { Animator } from '../../domain/registry';
import { freshDb } from '../../test/db';
import { addSession, complete, copyModules, createCohort, enrol, enrolmentsOf, markAttendance, modulesOf, resume, saveModule, sessionsOfCohort, setAssessment, updateCohort, updateSession, withdraw } from './repository';
import { historyOf } from '../animators/repository';
import { trainingChangesFor } from './registrySync';
import { FormError, emptyCohortForm, emptyModuleForm, emptySessionForm, formOfCohort, formOfModule, formOfSession, type CohortForm } from './validation';

let db: FourmiliereDatabase;

function animator(firstName: string, lastName: string, changes: Partial<Animator> = {}): Animator {
  return createRecord<Animator>({
    firstName,
    lastName,
    email: '',
    phone: '',
    structureName: 'OT Pau',
    structureType: 'office-tourisme',
    jobTitle: '',
    communeInsee: '',
    communeName: '',
    postalCode: '',
    departmentCode: '64',
    regionCode: '75',
    status: 'en-formation',
    cohortId: null,
    trainingStart: null,
    trainingEnd: null,
    trainedYear: null,
    specialities: [],
    languages: [],
    notes: '',
    consent: { given: false, date: null, purpose: '' },
    lastContactAt: null,
    tokens: [],
    sortName: `${lastName} ${firstName}`.toLowerCase(),
    ...changes,
  });
}

const cohortForm = (changes: Partial<CohortForm> = {}): CohortForm => ({ ...emptyCohortForm(1, '75', 'Anne Formatrice'), nickname: 'Jimdo', startDate: '2026-03-01', endDate: '2026-06-30', ...changes });

async function caught(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FormError) return error.errors as Record<string, string>;
    throw error;
  }
  throw new Error('expected a FormError');
}

async function setup() {
  const cohort = await createCohort(cohortForm());
  const module = await saveModule(cohort.id, { ...emptyModuleForm('Anne Formatrice'), title: 'Diagnostic numérique', objectives: 'Conduire un DNT', criteria: 'Sait conduire un entretien' });
  const session = await addSession(module.id, emptySessionForm('2026-03-10'));
  const ana = animator('Ana', 'Etxeberria');
  const bob = animator('Bob', 'Laborde', { status: 'certifie', cohortId: 'older', trainingEnd: '2015-06-01', trainedYear: 2015 });
  await db.animators.bulkAdd([ana, bob]);
  return { cohort, module, session, ana, bob };
}

beforeEach(() => {
  db = freshDb();
});

describe('registry status propagation', () => {
  it('maps enrolment statuses to registry statuses and dates', () => {
    const c = { id: 'c1', startDate: '2026-03-01' };
    expect(trainingChangesFor('en-cours', c, null)).toEqual({ status: 'en-formation', cohortId: 'c1', trainingStart: '2026-03-01', trainingEnd: null, trainedYear: null });
    expect(trainingChangesFor('termine', c, '2026-06-20')).toEqual({ status: 'forme', cohortId: 'c1', trainingStart: '2026-03-01', trainingEnd: '2026-06-20', trainedYear: 2026 });
    expect(trainingChangesFor('certifie', c, '2027-01-05')).toMatchObject({ status: 'certifie', trainedYear: 2027 });
    expect(trainingChangesFor('abandon', c, '2026-04-01')).toMatchObject({ status: 'abandon', trainingEnd: '2026-04-01', trainedYear: null });
  });

  it('enrolling puts people in training in the registry, but leaves a finished path alone', async () => {
    const { cohort, ana, bob } = await setup();
    await enrol(cohort.id, [ana.id, bob.id]);
    expect(await db.animators.get(ana.id)).toMatchObject({ status: 'en-formation', cohortId: cohort.id, trainingStart: '2026-03-01' });
    expect(await db.animators.get(bob.id)).toMatchObject({ status: 'certifie', cohortId: 'older', trainedYear: 2015 });
  });

  it('completing updates the enrolment and the registry together, and the undo brings both back', async () => {
    const { cohort, ana } = await setup();
    const [enrolment] = await enrol(cohort.id, [ana.id]);
    const registryBefore = await db.animators.get(ana.id);
    const undo = await complete(enrolment!.id, 'termine', '2026-06-20');
    expect(await db.enrolments.get(enrolment!.id)).toMatchObject({ status: 'termine', completedAt: '2026-06-20' });
    expect(await db.animators.get(ana.id)).toMatchObject({ status: 'forme', cohortId: cohort.id, trainingStart: '2026-03-01', trainingEnd: '2026-06-20', trainedYear: 2026 });
    const history = await historyOf(ana.id, db);
    expect(history.some((h) => h.summary === 'formation mise à jour' && h.changes.status?.[1] === 'forme')).toBe(true);

    await undo.undo();
    expect(await db.enrolments.get(enrolment!.id)).toMatchObject({ status: 'en-cours', completedAt: null });
    expect(await db.animators.get(ana.id)).toMatchObject({ status: registryBefore!.status, trainingEnd: null, trainedYear: null, cohortId: cohort.id });
  });

  it('withdrawing needs a reason and a date within the promotion; the registry says abandon', async () => {
    const { cohort, ana } = await setup();
    const [enrolment] = await enrol(cohort.id, [ana.id]);
    expect(await caught(withdraw(enrolment!.id, '2026-04-02', ''))).toEqual({ reason: 'cohorts.error.reason' });
    expect(await caught(withdraw(enrolment!.id, '2027-01-01', 'Départ'))).toEqual({ date: 'cohorts.error.withdrawOutside' });
    expect((await db.enrolments.get(enrolment!.id))?.status).toBe('en-cours');
    await withdraw(enrolment!.id, '2026-04-02', 'Changement de poste');
    expect(await db.enrolments.get(enrolment!.id)).toMatchObject({ status: 'abandon', withdrawnAt: '2026-04-02', withdrawReason: 'Changement de poste' });
    expect((await db.animators.get(ana.id))?.status).toBe('abandon');
    await resume(enrolment!.id);
    expect((await db.animators.get(ana.id))?.status).toBe('en-formation');
  });
});

describe('bad input saves nothing', () => {
  it('refuses enrolling the same person twice, all or nothing', async () => {
    const { cohort, ana, bob } = await setup();
    await enrol(cohort.id, [ana.id]);
    expect(await caught(enrol(cohort.id, [bob.id, ana.id]))).toEqual({ animators: 'cohorts.error.alreadyEnrolled' });
    expect(await caught(enrol(cohort.id, [bob.id, bob.id]))).toEqual({ animators: 'cohorts.error.alreadyEnrolled' });
    expect((await enrolmentsOf(cohort.id)).map((e) => e.animatorId)).toEqual([ana.id]);
  });

  it('a promotion form saved from a stale revision (two tabs) writes nothing; the stored change survives', async () => {
    const opened = await createCohort(cohortForm());
    // Tab 1 saves a new organiser from the revision both tabs opened.
    const afterTab1 = await updateCohort(opened.id, { ...formOfCohort(opened), organiser: 'MONA' }, db, opened.rev);
    // Tab 2, still on the first revision, changes the contact: refused with the stored version.
    const stale = updateCohort(opened.id, { ...formOfCohort(opened), contact: 'Anne 05 59 00 00 00' }, db, opened.rev);
    const error = await stale.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleRecordError);
    expect((error as StaleRecordError).current.rev).toEqual(afterTab1.rev);
    const stored = (await db.cohorts.get(opened.id))!;
    expect(stored.organiser).toBe('MONA');
    expect(stored.contact ?? '').toBe('');
    expect(stored.rev).toEqual(afterTab1.rev);
    // From the stored revision, the save goes through.
    const saved = await updateCohort(opened.id, { ...formOfCohort(stored), contact: 'Anne 05 59 00 00 00' }, db, stored.rev);
    expect(saved).toMatchObject({ organiser: 'MONA', contact: 'Anne 05 59 00 00 00' });
  });

  it('a module form saved from a stale revision writes nothing; the stored change survives', async () => {
    const cohort = await createCohort(cohortForm());
    const opened = await saveModule(cohort.id, { ...emptyModuleForm('Anne Formatrice'), title: 'Diagnostic numérique', criteria: 'Sait conduire un entretien' });
    const afterTab1 = await saveModule(cohort.id, { ...formOfModule(opened), place: 'Médiathèque de Pau' }, opened.id, db, opened.rev);
    const error = await saveModule(cohort.id, { ...formOfModule(opened), title: 'Diagnostic numérique de territoire' }, opened.id, db, opened.rev).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleRecordError);
    expect((error as StaleRecordError).current.rev).toEqual(afterTab1.rev);
    const stored = (await db.modules.get(opened.id))!;
    expect(stored).toMatchObject({ title: 'Diagnostic numérique', place: 'Médiathèque de Pau' });
    expect(stored.criteria.map((c) => c.label)).toEqual(['Sait conduire un entretien']);
    const saved = await saveModule(cohort.id, { ...formOfModule(stored), title: 'Diagnostic numérique de territoire' }, opened.id, db, stored.rev);
    expect(saved).toMatchObject({ title: 'Diagnostic numérique de territoire', place: 'Médiathèque de Pau' });
  });

  it('a session form saved from a stale revision writes nothing; the stored times survive', async () => {
    const { session } = await setup();
    const afterTab1 = await updateSession(session.id, { ...formOfSession(session), start: '09:30' }, db, session.rev);
    const error = await updateSession(session.id, { ...formOfSession(session), hours: '3' }, db, session.rev).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleRecordError);
    expect((error as StaleRecordError).current.rev).toEqual(afterTab1.rev);
    expect(await db.moduleSessions.get(session.id)).toMatchObject({ start: '09:30', hours: 3.5 });
    const saved = await updateSession(session.id, { ...formOfSession(afterTab1), hours: '3' }, db, afterTab1.rev);
    expect(saved).toMatchObject({ start: '09:30', hours: 3 });
  });

  it('refuses a promotion number already used in the region, not in another region', async () => {
    const first = await createCohort(cohortForm());
    expect(await caught(createCohort(cohortForm({ nickname: 'Canva' })))).toEqual({ number: 'cohorts.error.numberTaken' });
    const elsewhere = await createCohort(cohortForm({ regionCode: '84' }));
    expect(elsewhere.number).toBe(first.number);
    const second = await createCohort(cohortForm({ number: '2' }));
    expect(await caught(updateCohort(second.id, cohortForm({ number: '1' })))).toEqual({ number: 'cohorts.error.numberTaken' });
    expect((await db.cohorts.get(second.id))?.number).toBe(2);
    // Saving a promotion under its own number is no conflict.
    await updateCohort(first.id, cohortForm({ nickname: 'Jimdo bis' }));
  });

  it('refuses a session outside the promotion or with negative hours', async () => {
    const { cohort, module } = await setup();
    expect(await caught(addSession(module.id, emptySessionForm('2026-07-02')))).toEqual({ date: 'cohorts.error.sessionOutside' });
    expect(await caught(addSession(module.id, { ...emptySessionForm('2026-03-11'), hours: '-1' }))).toEqual({ hours: 'cohorts.error.hoursNegative' });
    expect(await sessionsOfCohort(cohort.id)).toHaveLength(1);
  });

  it('refuses new dates that would leave sessions outside', async () => {
    const { cohort } = await setup();
    expect(await caught(updateCohort(cohort.id, cohortForm({ startDate: '2026-03-15' })))).toEqual({ startDate: 'cohorts.error.sessionsBefore' });
    expect((await db.cohorts.get(cohort.id))?.startDate).toBe('2026-03-01');
  });

  it('refuses attendance for someone not enrolled, or gone before the session', async () => {
    const { cohort, session, ana, bob } = await setup();
    expect(await caught(markAttendance(session.id, bob.id, 'present'))).toEqual({ person: 'cohorts.error.notEnrolled' });
    const [e] = await enrol(cohort.id, [ana.id]);
    // 10 March 2026, 09:30 Paris: the morning session is open
    const onTheDay = { now: new Date('2026-03-10T08:30:00Z') };
    // the day before, a presence is impossible (and stores nothing)
    await expect(markAttendance(session.id, ana.id, 'present', { now: new Date('2026-03-09T08:30:00Z') })).rejects.toMatchObject({ code: 'dates.error.notOpenYet' });
    expect(await db.attendance.count()).toBe(0);
    const row = await markAttendance(session.id, ana.id, 'present', onTheDay);
    expect(row).toMatchObject({ context: 'module', sessionId: session.id, halfDay: 'matin', personId: ana.id, personName: 'Ana Etxeberria', status: 'present' });
    await withdraw(e!.id, '2026-03-05', 'Départ');
    expect(await caught(markAttendance(session.id, ana.id, 'absent', onTheDay))).toEqual({ person: 'cohorts.error.withdrawnBefore' });
    expect(await db.attendance.count()).toBe(1);
  });
});

describe('modules', () => {
  it('copies a previous promotion’s modules, shifting sessions and leaving out those outside', async () => {
    const { cohort, module } = await setup();
    await addSession(module.id, emptySessionForm('2026-06-29', 'apres-midi'));
    const next = await createCohort(cohortForm({ number: '2', nickname: 'Suivante', startDate: '2026-09-01', endDate: '2026-12-15' }));
    const result = await copyModules(cohort.id, next.id);
    expect(result).toEqual({ modules: 1, sessions: 1, skipped: 1 });
    const [copy] = await modulesOf(next.id);
    expect(copy).toMatchObject({ title: 'Diagnostic numérique', objectives: 'Conduire un DNT', trainer: 'Anne Formatrice' });
    expect(copy!.criteria[0]!.label).toBe('Sait conduire un entretien');
    expect(copy!.criteria[0]!.id).not.toBe(module.criteria[0]!.id);
    expect((await sessionsOfCohort(next.id)).map((s) => [s.date, s.moduleId])).toEqual([['2026-09-10', copy!.id]]);
  });

  it('stores assessments per criterion', async () => {
    const { cohort, module, ana } = await setup();
    const [e] = await enrol(cohort.id, [ana.id]);
    await setAssessment(e!.id, module.criteria[0]!.id, true);
    expect((await db.enrolments.get(e!.id))?.assessments).toEqual({ [module.criteria[0]!.id]: true });
  });
});

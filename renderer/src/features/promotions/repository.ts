/**
 * Reads and writes of promotions, modules, sessions and enrolments. Screens call
 * these and never Dexie directly. Every write checks its input again (the forms
 * already did) and runs in one transaction, so nothing is saved half-valid; every
 * change of a person's path is mirrored in the registry through its public API.
 */
import { getDb, type FourmiliereDatabase } from '../../db/database';
import { assertRevision, createRecord, newId, softDelete, touchRecord, type Revision } from '../../db/records';
import type { AttendanceStatus, Attendance } from '../../domain/attendance';
import { isoDate } from '../../domain/common';
import { cohortSchema, enrolmentSchema, moduleSchema, moduleSessionSchema, type Cohort, type CohortModule, type Enrolment, type EnrolmentStatus, type ModuleSession } from '../../domain/cohorts';
import type { Animator } from '../../domain/registry';
import { updateAnimatorTraining } from '../animators/public';
import { clearAttendanceStatus, listAttendanceOf, setAttendanceStatus } from '../../shared/attendance/repository';
import { inOrder } from './progress';
import { trainingChangesFor } from './registrySync';
import {
  FormError,
  cohortFieldsOf,
  cohortFormErrors,
  criteriaOf,
  moduleFormErrors,
  parseHours,
  sessionFormErrors,
  type CohortForm,
  type ModuleForm,
  type SessionForm,
} from './validation';

export interface Undo {
  undo(): Promise<void>;
}

const alive = <T extends { deletedAt: string | null }>(rows: T[]) => rows.filter((r) => r.deletedAt === null);

// ---------- reads (all bounded by one promotion) ----------

/** Promotions, newest number first; there are dozens, not thousands. */
export async function listCohorts(limit = 500, db: FourmiliereDatabase = getDb()): Promise<Cohort[]> {
  return alive(await db.cohorts.orderBy('number').reverse().limit(limit).toArray());
}

export async function getCohort(id: string, db: FourmiliereDatabase = getDb()): Promise<Cohort | undefined> {
  const c = await db.cohorts.get(id);
  return c && c.deletedAt === null ? c : undefined;
}

export async function nextCohortNumber(db: FourmiliereDatabase = getDb()): Promise<number> {
  const last = await db.cohorts.orderBy('number').last();
  return (last?.number ?? 0) + 1;
}

export async function modulesOf(cohortId: string, db: FourmiliereDatabase = getDb()): Promise<CohortModule[]> {
  return alive(await db.modules.where('cohortId').equals(cohortId).toArray()).sort((a, b) => a.order - b.order);
}

export async function sessionsOfCohort(cohortId: string, db: FourmiliereDatabase = getDb()): Promise<ModuleSession[]> {
  return inOrder(alive(await db.moduleSessions.where('cohortId').equals(cohortId).toArray()));
}

export async function enrolmentsOf(cohortId: string, db: FourmiliereDatabase = getDb()): Promise<Enrolment[]> {
  return alive(await db.enrolments.where('cohortId').equals(cohortId).toArray());
}

export interface EnrolledPerson {
  enrolment: Enrolment;
  animator: Animator | undefined;
  name: string;
}

/** Enrolments with their people, sorted by name. */
export async function peopleOf(cohortId: string, db: FourmiliereDatabase = getDb()): Promise<EnrolledPerson[]> {
  const enrolments = await enrolmentsOf(cohortId, db);
  const animators = await db.animators.bulkGet(enrolments.map((e) => e.animatorId));
  return enrolments
    .map((enrolment, i) => {
      const animator = animators[i];
      return { enrolment, animator, name: animator ? `${animator.firstName} ${animator.lastName}` : '?' };
    })
    .sort((a, b) => (a.animator?.sortName ?? a.name).localeCompare(b.animator?.sortName ?? b.name, 'fr'));
}

export async function attendanceOfCohort(cohortId: string, db: FourmiliereDatabase = getDb()): Promise<Attendance[]> {
  const sessions = await sessionsOfCohort(cohortId, db);
  return listAttendanceOf('module', sessions.map((s) => s.id));
}

/** Everything a promotion's screens need, read at once. */
export async function cohortBundle(cohortId: string, db: FourmiliereDatabase = getDb()) {
  const [cohort, modules, sessions, people] = await Promise.all([getCohort(cohortId, db), modulesOf(cohortId, db), sessionsOfCohort(cohortId, db), peopleOf(cohortId, db)]);
  const attendance = await listAttendanceOf('module', sessions.map((s) => s.id));
  return { cohort, modules, sessions, people, attendance };
}
export type CohortBundle = Awaited<ReturnType<typeof cohortBundle>>;

// ---------- promotions ----------

function checkCohort(form: CohortForm) {
  const errors = cohortFormErrors(form);
  if (Object.keys(errors).length > 0) throw new FormError<keyof CohortForm>(errors);
  return cohortFieldsOf(form);
}

/** Numbers are unique within a region: « Promotion n°10 » names one promotion there. */
async function refuseTakenNumber(db: FourmiliereDatabase, fields: { number: number; regionCode: string }, id?: string): Promise<void> {
  const same = await db.cohorts.filter((c) => c.deletedAt === null && c.id !== id && c.number === fields.number && c.regionCode === fields.regionCode).count();
  if (same > 0) throw new FormError<keyof CohortForm>({ number: 'cohorts.error.numberTaken' });
}

export async function createCohort(form: CohortForm, db: FourmiliereDatabase = getDb()): Promise<Cohort> {
  const record = cohortSchema.parse(createRecord<Cohort>(checkCohort(form)));
  await db.transaction('rw', db.cohorts, async () => {
    await refuseTakenNumber(db, record);
    await db.cohorts.add(record);
  });
  return record;
}

/**
 * Changing the dates is refused while sessions would fall outside them. With
 * `expected` (the revision the form was opened from), a promotion saved meanwhile
 * elsewhere is not overwritten: StaleRecordError carries the stored version.
 */
export async function updateCohort(id: string, form: CohortForm, db: FourmiliereDatabase = getDb(), expected?: Revision): Promise<Cohort> {
  const fields = checkCohort(form);
  return db.transaction('rw', db.cohorts, db.moduleSessions, async () => {
    const before = await db.cohorts.get(id);
    if (!before) throw new Error('cohort not found');
    assertRevision(before, expected);
    await refuseTakenNumber(db, fields, id);
    const sessions = alive(await db.moduleSessions.where('cohortId').equals(id).toArray());
    if (sessions.some((s) => s.date < fields.startDate)) throw new FormError<keyof CohortForm>({ startDate: 'cohorts.error.sessionsBefore' });
    if (sessions.some((s) => s.date > fields.endDate)) throw new FormError<keyof CohortForm>({ endDate: 'cohorts.error.sessionsAfter' });
    const after = cohortSchema.parse(touchRecord(before, fields));
    await db.cohorts.put(after);
    return after;
  });
}

// ---------- modules and sessions ----------

/** Creates or saves a module; with `expected` (the revision its form opened from), a module saved meanwhile elsewhere is not overwritten (StaleRecordError). */
export async function saveModule(cohortId: string, form: ModuleForm, moduleId?: string, db: FourmiliereDatabase = getDb(), expected?: Revision): Promise<CohortModule> {
  const errors = moduleFormErrors(form);
  if (Object.keys(errors).length > 0) throw new FormError<keyof ModuleForm>(errors);
  return db.transaction('rw', db.modules, async () => {
    const fields = {
      title: form.title.trim(),
      objectives: form.objectives.trim(),
      place: form.place.trim(),
      trainer: form.trainer.trim(),
      tutorialIds: [...new Set(form.tutorialIds)],
      evaluationPlanned: form.evaluationPlanned,
    };
    if (moduleId) {
      const before = await db.modules.get(moduleId);
      if (!before) throw new Error('module not found');
      assertRevision(before, expected);
      const after = moduleSchema.parse(touchRecord(before, { ...fields, criteria: criteriaOf(form.criteria, before.criteria, newId) }));
      await db.modules.put(after);
      return after;
    }
    const existing = await db.modules.where('cohortId').equals(cohortId).toArray();
    const order = existing.reduce((max, m) => Math.max(max, m.order + 1), 0);
    const record = moduleSchema.parse(createRecord<CohortModule>({ cohortId, order, ...fields, criteria: criteriaOf(form.criteria, [], newId) }));
    await db.modules.add(record);
    return record;
  });
}

export async function deleteModule(moduleId: string, db: FourmiliereDatabase = getDb()): Promise<void> {
  await db.transaction('rw', db.modules, db.moduleSessions, async () => {
    const m = await db.modules.get(moduleId);
    if (!m || m.deletedAt) return;
    await db.modules.put(softDelete(m));
    const sessions = alive(await db.moduleSessions.where('moduleId').equals(moduleId).toArray());
    await db.moduleSessions.bulkPut(sessions.map((s) => softDelete(s)));
  });
}

/** Moves a module up or down in the promotion's plan. */
export async function moveModule(moduleId: string, direction: -1 | 1, db: FourmiliereDatabase = getDb()): Promise<void> {
  await db.transaction('rw', db.modules, async () => {
    const m = await db.modules.get(moduleId);
    if (!m) return;
    const list = await modulesOf(m.cohortId, db);
    const index = list.findIndex((x) => x.id === moduleId);
    const other = list[index + direction];
    if (!other) return;
    await db.modules.bulkPut([touchRecord(m, { order: other.order }), touchRecord(other, { order: m.order })]);
  });
}

function sessionFields(form: SessionForm, cohort: Cohort) {
  const errors = sessionFormErrors(form, cohort);
  if (Object.keys(errors).length > 0) throw new FormError<keyof SessionForm>(errors);
  return { date: form.date, halfDay: form.halfDay, start: form.start, end: form.end, hours: parseHours(form.hours) };
}

export async function addSession(moduleId: string, form: SessionForm, db: FourmiliereDatabase = getDb()): Promise<ModuleSession> {
  return db.transaction('rw', db.modules, db.cohorts, db.moduleSessions, async () => {
    const m = await db.modules.get(moduleId);
    const cohort = m ? await db.cohorts.get(m.cohortId) : undefined;
    if (!m || !cohort) throw new Error('module not found');
    const record = moduleSessionSchema.parse(createRecord<ModuleSession>({ moduleId, cohortId: m.cohortId, ...sessionFields(form, cohort) }));
    await db.moduleSessions.add(record);
    return record;
  });
}

/** Saves a session's slot; with `expected` (the revision its form opened from), a session saved meanwhile elsewhere is not overwritten (StaleRecordError). */
export async function updateSession(sessionId: string, form: SessionForm, db: FourmiliereDatabase = getDb(), expected?: Revision): Promise<ModuleSession> {
  return db.transaction('rw', db.cohorts, db.moduleSessions, async () => {
    const before = await db.moduleSessions.get(sessionId);
    const cohort = before ? await db.cohorts.get(before.cohortId) : undefined;
    if (!before || !cohort) throw new Error('session not found');
    assertRevision(before, expected);
    const fields = sessionFields(form, cohort);
    // calendars that imported the session's .ics update it only when its SEQUENCE grows
    const moved = fields.date !== before.date || fields.start !== before.start || fields.end !== before.end;
    const after = moduleSessionSchema.parse(touchRecord(before, { ...fields, sequence: (before.sequence ?? 0) + (moved ? 1 : 0) }));
    await db.moduleSessions.put(after);
    return after;
  });
}

export async function deleteSession(sessionId: string, db: FourmiliereDatabase = getDb()): Promise<void> {
  const s = await db.moduleSessions.get(sessionId);
  if (s && !s.deletedAt) await db.moduleSessions.put(softDelete(s));
}

/** Days between two YYYY-MM-DD dates (UTC arithmetic, no time zone drift). */
function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Reuses a previous promotion's module plan: modules (objectives, criteria,
 * tutorials, trainer, place) are copied after the target's own; sessions move by
 * the gap between the two start dates, and those that would fall outside the new
 * promotion are left out. Returns how many modules and sessions were copied.
 */
export async function copyModules(fromCohortId: string, toCohortId: string, db: FourmiliereDatabase = getDb()): Promise<{ modules: number; sessions: number; skipped: number }> {
  return db.transaction('rw', db.cohorts, db.modules, db.moduleSessions, async () => {
    const [from, to] = await Promise.all([db.cohorts.get(fromCohortId), db.cohorts.get(toCohortId)]);
    if (!from || !to) throw new Error('cohort not found');
    const sources = await modulesOf(fromCohortId, db);
    const sessions = await sessionsOfCohort(fromCohortId, db);
    const existing = await db.modules.where('cohortId').equals(toCohortId).toArray();
    let order = existing.reduce((max, m) => Math.max(max, m.order + 1), 0);
    const gap = daysBetween(from.startDate, to.startDate);
    const modules: CohortModule[] = [];
    const copies: ModuleSession[] = [];
    let skipped = 0;
    for (const source of sources) {
      const copy = moduleSchema.parse(
        createRecord<CohortModule>({
          cohortId: toCohortId,
          order: order++,
          title: source.title,
          objectives: source.objectives,
          place: source.place,
          trainer: source.trainer,
          tutorialIds: [...source.tutorialIds],
          criteria: source.criteria.map((c) => ({ id: newId(), label: c.label })),
          evaluationPlanned: source.evaluationPlanned,
        }),
      );
      modules.push(copy);
      for (const s of sessions.filter((x) => x.moduleId === source.id)) {
        const date = shift(s.date, gap);
        if (date < to.startDate || date > to.endDate) {
          skipped++;
          continue;
        }
        copies.push(moduleSessionSchema.parse(createRecord<ModuleSession>({ moduleId: copy.id, cohortId: toCohortId, date, halfDay: s.halfDay, start: s.start, end: s.end, hours: s.hours })));
      }
    }
    await db.modules.bulkAdd(modules);
    await db.moduleSessions.bulkAdd(copies);
    return { modules: modules.length, sessions: copies.length, skipped };
  });
}

// ---------- enrolments ----------

export type EnrolField = 'animators';

/**
 * Enrols people from the registry. All or nothing: if one of them is already in
 * the promotion, no one is enrolled. The registry learns they are in training
 * (unless it already says they finished a path).
 */
export async function enrol(cohortId: string, animatorIds: readonly string[], db: FourmiliereDatabase = getDb()): Promise<Enrolment[]> {
  if (animatorIds.length === 0) throw new FormError<EnrolField>({ animators: 'cohorts.error.nobodyChosen' });
  if (new Set(animatorIds).size !== animatorIds.length) throw new FormError<EnrolField>({ animators: 'cohorts.error.alreadyEnrolled' });
  return db.transaction('rw', [db.cohorts, db.enrolments, db.animators, db.history], async () => {
    const cohort = await db.cohorts.get(cohortId);
    if (!cohort) throw new Error('cohort not found');
    const existing = new Set((await db.enrolments.where('cohortId').equals(cohortId).toArray()).filter((e) => e.deletedAt === null).map((e) => e.animatorId));
    if (animatorIds.some((id) => existing.has(id))) throw new FormError<EnrolField>({ animators: 'cohorts.error.alreadyEnrolled' });
    const animators = await db.animators.bulkGet([...animatorIds]);
    if (animators.some((a) => !a || a.deletedAt)) throw new FormError<EnrolField>({ animators: 'cohorts.error.unknownPerson' });
    const records = animatorIds.map((animatorId) =>
      enrolmentSchema.parse(createRecord<Enrolment>({ cohortId, animatorId, status: 'en-cours', withdrawnAt: null, withdrawReason: '', assessments: {}, completedAt: null })),
    );
    await db.enrolments.bulkAdd(records);
    for (const a of animators) {
      if (!a || a.status === 'forme' || a.status === 'certifie') continue;
      await updateAnimatorTraining(a.id, trainingChangesFor('en-cours', cohort, null), db);
    }
    return records;
  });
}

export type WithdrawField = 'date' | 'reason';

/** A person leaves the promotion (abandon), with a date and a reason; the registry follows. */
export async function withdraw(enrolmentId: string, date: string, reason: string, db: FourmiliereDatabase = getDb()): Promise<Undo> {
  const errors: Partial<Record<WithdrawField, 'cohorts.error.date' | 'cohorts.error.withdrawOutside' | 'cohorts.error.reason'>> = {};
  if (!isoDate.safeParse(date).success) errors.date = 'cohorts.error.date';
  if (reason.trim().length < 3) errors.reason = 'cohorts.error.reason';
  if (Object.keys(errors).length > 0) throw new FormError<WithdrawField>(errors);
  return changeStatus(enrolmentId, 'abandon', date, db, (cohort) => {
    if (date < cohort.startDate || date > cohort.endDate) throw new FormError<WithdrawField>({ date: 'cohorts.error.withdrawOutside' });
    return { withdrawnAt: date, withdrawReason: reason.trim(), completedAt: null };
  });
}

export type CompleteField = 'date';

/**
 * A person completes the path (terminé) or is certified: the enrolment and the
 * registry change together, and both come back with the undo.
 */
export async function complete(enrolmentId: string, status: Extract<EnrolmentStatus, 'termine' | 'certifie'>, date: string, db: FourmiliereDatabase = getDb()): Promise<Undo> {
  if (!isoDate.safeParse(date).success) throw new FormError<CompleteField>({ date: 'cohorts.error.date' });
  return changeStatus(enrolmentId, status, date, db, (cohort) => {
    if (date < cohort.startDate) throw new FormError<CompleteField>({ date: 'cohorts.error.completeBeforeStart' });
    return { completedAt: date, withdrawnAt: null, withdrawReason: '' };
  });
}

/** Back to "en cours" (a mistake, a person coming back). */
export async function resume(enrolmentId: string, db: FourmiliereDatabase = getDb()): Promise<Undo> {
  return changeStatus(enrolmentId, 'en-cours', null, db, () => ({ completedAt: null, withdrawnAt: null, withdrawReason: '' }));
}

async function changeStatus(
  enrolmentId: string,
  status: EnrolmentStatus,
  date: string | null,
  db: FourmiliereDatabase,
  fieldsFor: (cohort: Cohort) => Partial<Pick<Enrolment, 'completedAt' | 'withdrawnAt' | 'withdrawReason'>>,
): Promise<Undo> {
  return db.transaction('rw', [db.cohorts, db.enrolments, db.animators, db.history], async () => {
    const before = await db.enrolments.get(enrolmentId);
    const cohort = before ? await db.cohorts.get(before.cohortId) : undefined;
    if (!before || !cohort) throw new Error('enrolment not found');
    const after = enrolmentSchema.parse(touchRecord(before, { status, ...fieldsFor(cohort) }));
    await db.enrolments.put(after);
    const registry = (await db.animators.get(before.animatorId)) ? await updateAnimatorTraining(before.animatorId, trainingChangesFor(status, cohort, date), db) : null;
    return {
      async undo() {
        await db.transaction('rw', [db.enrolments, db.animators, db.history], async () => {
          const current = await db.enrolments.get(enrolmentId);
          if (!current) return;
          const { status: s, completedAt, withdrawnAt, withdrawReason } = before;
          await db.enrolments.put(enrolmentSchema.parse(touchRecord(current, { status: s, completedAt, withdrawnAt, withdrawReason })));
          await registry?.undo();
        });
      },
    };
  });
}

/** Validates (or not) one of a module's criteria for a person. */
export async function setAssessment(enrolmentId: string, criterionId: string, validated: boolean, db: FourmiliereDatabase = getDb()): Promise<void> {
  await db.transaction('rw', db.enrolments, async () => {
    const e = await db.enrolments.get(enrolmentId);
    if (!e) throw new Error('enrolment not found');
    await db.enrolments.put(enrolmentSchema.parse(touchRecord(e, { assessments: { ...e.assessments, [criterionId]: validated } })));
  });
}

// ---------- attendance ----------

export type AttendanceField = 'person' | 'session';

/**
 * Ticks a person from the paper sheet. Only people enrolled (and not gone before
 * that day) can be marked: a name that is not in the promotion is refused. The date
 * rules apply (shared/attendance/repository): `reason` is the a-posteriori reason
 * after the session's day, and the correction reason when `status` is null
 * (back to « non renseigné »).
 */
export async function markAttendance(
  sessionId: string,
  animatorId: string,
  status: AttendanceStatus | null,
  { reason = '', now = new Date() }: { reason?: string; now?: Date } = {},
  db: FourmiliereDatabase = getDb(),
): Promise<Attendance | undefined> {
  const session = await db.moduleSessions.get(sessionId);
  if (!session || session.deletedAt) throw new FormError<AttendanceField>({ session: 'cohorts.error.unknownSession' });
  const enrolment = (await db.enrolments.where('[cohortId+animatorId]').equals([session.cohortId, animatorId]).toArray()).find((e) => e.deletedAt === null);
  if (!enrolment) throw new FormError<AttendanceField>({ person: 'cohorts.error.notEnrolled' });
  if (enrolment.withdrawnAt && enrolment.withdrawnAt <= session.date) throw new FormError<AttendanceField>({ person: 'cohorts.error.withdrawnBefore' });
  const animator = await db.animators.get(animatorId);
  const personName = animator ? `${animator.firstName} ${animator.lastName}` : animatorId;
  const key = { context: 'module', sessionId, halfDay: session.halfDay, personId: animatorId, role: 'participant', personName } as const;
  return status === null ? clearAttendanceStatus(key, reason, now) : setAttendanceStatus(key, status, reason, now);
}

/**
 * Evaluations à chaud and à froid, for workshops, cohort modules and cohorts.
 * An à froid follow-up is an evaluation record created ahead with a due date and
 * no answers; answering it sets submittedAt, each reminder sent is dated.
 */
import { getDb } from '../../db/database';
import { createRecord, touchRecord } from '../../db/records';
import { evaluationOpen } from '../../domain/date-rules';
import { evaluationSchema, type Evaluation, type EvaluationQuestion } from '../../domain/workshops';

export type EvaluationContext = Evaluation['context'];
export type Answers = Evaluation['answers'];

export const SCALE_MIN = 1;
export const SCALE_MAX = 5;
const TEXT_MAX = 2000;

/** Question id -> French message; empty when the answers fit the questions. */
export function checkAnswers(questions: readonly EvaluationQuestion[], answers: Answers): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const q of questions) {
    const value = answers[q.id];
    if (value === undefined || value === '') continue;
    if (q.kind === 'scale' && (typeof value !== 'number' || !Number.isInteger(value) || value < SCALE_MIN || value > SCALE_MAX)) errors[q.id] = 'evaluation.error.scale';
    if (q.kind === 'text' && (typeof value !== 'string' || value.length > TEXT_MAX)) errors[q.id] = 'evaluation.error.text';
  }
  return errors;
}

/** Only the answers given to known questions, text trimmed. */
function cleanAnswers(questions: readonly EvaluationQuestion[], answers: Answers): Answers {
  const clean: Answers = {};
  for (const q of questions) {
    const value = answers[q.id];
    if (typeof value === 'number') clean[q.id] = value;
    else if (typeof value === 'string' && value.trim()) clean[q.id] = value.trim();
  }
  return clean;
}

export interface NewEvaluation {
  context: EvaluationContext;
  subjectId: string;
  personId: string | null;
  kind: Evaluation['kind'];
  answers: Answers;
  source: Evaluation['source'];
  /** the name typed by a person absent from the list (phones), kept with an unnamed evaluation */
  respondentName?: string;
  /**
   * The evaluation this form corrects, when it is known by its id rather than by its
   * person (a phone's anonymous or typed-name answer sent again).
   */
  correctsId?: string;
}

/**
 * When the subject's first session starts (Paris wall clock, YYYY-MM-DDTHH:mm), or
 * null when it has none: an évaluation à chaud cannot come before it.
 */
export async function subjectStart(context: EvaluationContext, subjectId: string): Promise<string | null> {
  const db = getDb();
  if (context === 'workshop') {
    const sessions = (await db.sessions.where('workshopId').equals(subjectId).toArray()).filter((s) => s.deletedAt === null && !s.cancelled);
    return sessions.map((s) => s.start).sort()[0] ?? null;
  }
  if (context === 'module') {
    const sessions = (await db.moduleSessions.where('moduleId').equals(subjectId).toArray()).filter((s) => s.deletedAt === null);
    return sessions.map((s) => `${s.date}T${s.start}`).sort()[0] ?? null;
  }
  const cohort = await db.cohorts.get(subjectId);
  return cohort && cohort.deletedAt === null ? `${cohort.startDate}T00:00` : null;
}

/** The named person's à chaud evaluation of a subject, if any (shown for correction). */
export async function findEvaluation(context: EvaluationContext, subjectId: string, personId: string, kind: Evaluation['kind']): Promise<Evaluation | undefined> {
  const rows = await getDb().evaluations.where('subjectId').equals(subjectId).toArray();
  return rows.find((e) => e.personId === personId && e.kind === kind && e.context === context && e.deletedAt === null);
}

/** Thrown when an évaluation à chaud is recorded before its session has started. */
export class EvaluationTooEarlyError extends Error {
  constructor(readonly opensAt: string | null) {
    super('dates.evaluation.refused');
  }
}

/**
 * Records a filled form. A named person has one à chaud evaluation per subject:
 * a second form for them corrects the first (same record), whose earlier answers
 * go into its history, never silently lost. An à chaud form before the subject's
 * first session has started is refused.
 */
export async function saveEvaluation(input: NewEvaluation, questions: readonly EvaluationQuestion[], now = new Date()): Promise<Evaluation> {
  const errors = checkAnswers(questions, input.answers);
  if (Object.keys(errors).length > 0) throw new Error(`invalid answers: ${Object.keys(errors).join(', ')}`);
  const answers = cleanAnswers(questions, input.answers);
  const db = getDb();
  return db.transaction('rw', [db.evaluations, db.sessions, db.moduleSessions, db.cohorts], async () => {
    if (input.kind === 'chaud') {
      const opensAt = await subjectStart(input.context, input.subjectId);
      if (!evaluationOpen(opensAt, now)) throw new EvaluationTooEarlyError(opensAt);
    }
    const { correctsId, ...fields } = input;
    const corrected = correctsId ? await db.evaluations.get(correctsId) : undefined;
    if (corrected && (corrected.deletedAt !== null || corrected.subjectId !== input.subjectId || corrected.context !== input.context || corrected.kind !== input.kind)) throw new Error('corrected evaluation does not match');
    const existing = corrected ?? (input.personId ? await findEvaluation(input.context, input.subjectId, input.personId, input.kind) : undefined);
    const record = existing
      ? touchRecord(
          existing,
          {
            answers,
            source: input.source,
            personId: input.personId ?? existing.personId,
            ...(input.respondentName ? { respondentName: input.respondentName } : {}),
            submittedAt: now.toISOString(),
            history: [...(existing.history ?? []), { answers: existing.answers, submittedAt: existing.submittedAt, source: existing.source, replacedAt: now.toISOString() }],
          },
          now,
        )
      : createRecord<Evaluation>({ ...fields, answers, submittedAt: now.toISOString(), dueDate: null, remindersSent: [] }, now);
    const checked = evaluationSchema.parse(record);
    await db.evaluations.put(checked);
    return checked;
  });
}

/**
 * An unnamed form whose author typed their name on a phone, given to the person
 * record made for them (a walk-in): the answers stay as they are. Refused when the
 * form already has a person, or when that person already has a form for the subject.
 */
export async function linkEvaluationToPerson(evaluationId: string, personId: string, now = new Date()): Promise<Evaluation> {
  const db = getDb();
  return db.transaction('rw', db.evaluations, async () => {
    const row = await db.evaluations.get(evaluationId);
    if (!row || row.deletedAt !== null) throw new Error('evaluation not found');
    if (row.personId !== null) throw new Error('evaluation already has a person');
    if (await findEvaluation(row.context, row.subjectId, personId, row.kind)) throw new Error('this person already has an evaluation');
    const next = evaluationSchema.parse(touchRecord(row, { personId }, now));
    await db.evaluations.put(next);
    return next;
  });
}

/** Evaluations of some subjects (bounded: a workshop's or a theme's). */
export async function listEvaluations(context: EvaluationContext, subjectIds: readonly string[], kind?: Evaluation['kind']): Promise<Evaluation[]> {
  if (subjectIds.length === 0) return [];
  const rows = await getDb().evaluations.where('subjectId').anyOf([...subjectIds]).toArray();
  return rows.filter((e) => e.context === context && e.deletedAt === null && (!kind || e.kind === kind));
}

export interface QuestionResult {
  question: EvaluationQuestion;
  /** answers given to this question */
  count: number;
  /** scale questions: mean of the answers, null without answers */
  average: number | null;
  /** scale questions: how many answered 1, 2, 3, 4, 5 (index 0 is 1) */
  distribution: number[];
  /** text questions: the answers */
  texts: string[];
}

export interface EvaluationResultsData {
  /** submitted forms */
  responses: number;
  questions: QuestionResult[];
}

/** Counts, averages, distributions and comments of submitted evaluations. */
export function computeResults(evaluations: readonly Evaluation[], questions: readonly EvaluationQuestion[]): EvaluationResultsData {
  const submitted = evaluations.filter((e) => e.submittedAt !== null && e.deletedAt === null).sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? ''));
  return {
    responses: submitted.length,
    questions: questions.map((question) => {
      const values = submitted.map((e) => e.answers[question.id]).filter((v) => v !== undefined && v !== '');
      if (question.kind === 'scale') {
        const numbers = values.filter((v): v is number => typeof v === 'number' && v >= SCALE_MIN && v <= SCALE_MAX);
        const distribution = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => numbers.filter((n) => n === i + SCALE_MIN).length);
        const average = numbers.length > 0 ? Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 100) / 100 : null;
        return { question, count: numbers.length, average, distribution, texts: [] };
      }
      const texts = values.filter((v): v is string => typeof v === 'string');
      return { question, count: texts.length, average: null, distribution: [], texts };
    }),
  };
}

/** Adds days to a YYYY-MM-DD date (calendar arithmetic in UTC, no time zone drift). */
export function addDays(isoDay: string, days: number): string {
  const d = new Date(`${isoDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Creates the à froid follow-ups of people who have none yet for this subject. Returns how many were created. */
export async function scheduleFollowUps(context: EvaluationContext, subjectId: string, personIds: readonly string[], dueDate: string, now = new Date()): Promise<number> {
  const db = getDb();
  return db.transaction('rw', db.evaluations, async () => {
    const existing = await listEvaluations(context, [subjectId], 'froid');
    const has = new Set(existing.map((e) => e.personId));
    const fresh = [...new Set(personIds)].filter((id) => !has.has(id));
    const records = fresh.map((personId) =>
      evaluationSchema.parse(createRecord<Evaluation>({ context, subjectId, personId, kind: 'froid', answers: {}, submittedAt: null, source: 'ecran', dueDate, remindersSent: [] }, now)),
    );
    await db.evaluations.bulkPut(records);
    return records.length;
  });
}

/** Follow-ups not answered yet, due on or before a day (or all when no day), oldest first. */
export async function pendingFollowUps(until: string | null, context?: EvaluationContext, subjectIds?: readonly string[]): Promise<Evaluation[]> {
  const db = getDb();
  const collection = until ? db.evaluations.where('dueDate').belowOrEqual(until) : db.evaluations.where('dueDate').above('');
  const rows = await collection.toArray();
  return rows
    .filter((e) => e.kind === 'froid' && e.submittedAt === null && e.deletedAt === null && (!context || e.context === context) && (!subjectIds || subjectIds.includes(e.subjectId)))
    .sort((a, b) => (a.dueDate ?? '').localeCompare(b.dueDate ?? ''));
}

export async function recordReminder(id: string, now = new Date()): Promise<Evaluation> {
  const db = getDb();
  return db.transaction('rw', db.evaluations, async () => {
    const row = await db.evaluations.get(id);
    if (!row) throw new Error('follow-up not found');
    const next = evaluationSchema.parse(touchRecord(row, { remindersSent: [...row.remindersSent, now.toISOString()] }, now));
    await db.evaluations.put(next);
    return next;
  });
}

export async function recordFollowUpAnswers(id: string, answers: Answers, questions: readonly EvaluationQuestion[], source: Evaluation['source'], now = new Date()): Promise<Evaluation> {
  const errors = checkAnswers(questions, answers);
  if (Object.keys(errors).length > 0) throw new Error(`invalid answers: ${Object.keys(errors).join(', ')}`);
  const db = getDb();
  return db.transaction('rw', db.evaluations, async () => {
    const row = await db.evaluations.get(id);
    if (!row) throw new Error('follow-up not found');
    // answering again corrects the form: the earlier answers stay in its history
    const history = row.submittedAt ? { history: [...(row.history ?? []), { answers: row.answers, submittedAt: row.submittedAt, source: row.source, replacedAt: now.toISOString() }] } : {};
    const next = evaluationSchema.parse(touchRecord(row, { answers: cleanAnswers(questions, answers), submittedAt: now.toISOString(), source, ...history }, now));
    await db.evaluations.put(next);
    return next;
  });
}

/** Questions of the à froid follow-up: is it used at work? */
export const FOLLOW_UP_QUESTIONS: readonly EvaluationQuestion[] = [
  { id: 'used', label: 'Avez-vous mis en pratique ce que vous avez appris ?', kind: 'scale' },
  { id: 'what', label: 'Qu’avez-vous mis en place depuis ?', kind: 'text' },
  { id: 'needs', label: 'De quoi auriez-vous besoin maintenant ?', kind: 'text' },
];

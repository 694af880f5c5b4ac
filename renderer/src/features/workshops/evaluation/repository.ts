/** Evaluation settings of a workshop: its questions, the people to follow up, theme siblings. */
import { getDb } from '../../../db/database';
import { assertRevision, touchRecord, type Revision } from '../../../db/records';
import { evaluationQuestionSchema, workshopSchema, type EvaluationQuestion, type Workshop } from '../../../domain/workshops';
import { listAttendanceOf, presentPeople } from '../../../shared/attendance/repository';
import { addDays, scheduleFollowUps } from '../../../shared/evaluation/repository';
import { getFollowUpDelayDays } from '../../../shared/evaluation/defaults';

/** Field-level problems of an edited question list (message keys by question index). */
export function questionErrors(questions: readonly EvaluationQuestion[]): Record<number, string> {
  const errors: Record<number, string> = {};
  questions.forEach((q, i) => {
    if (!evaluationQuestionSchema.safeParse({ ...q, label: q.label.trim() }).success) errors[i] = q.label.trim() ? 'evaluation.questions.error.tooLong' : 'evaluation.questions.error.empty';
  });
  return errors;
}

/**
 * Stores the workshop's own question set (all or nothing: invalid lists are refused). With
 * `expected` (the revision the editor opened from), a workshop saved meanwhile elsewhere is not overwritten (StaleRecordError).
 */
export async function saveEvaluationQuestions(workshopId: string, questions: readonly EvaluationQuestion[], now = new Date(), expected?: Revision): Promise<Workshop> {
  if (Object.keys(questionErrors(questions)).length > 0) throw new Error('invalid questions');
  const db = getDb();
  return db.transaction('rw', db.workshops, async () => {
    const w = await db.workshops.get(workshopId);
    if (!w) throw new Error('workshop not found');
    assertRevision(w, expected);
    const next = workshopSchema.parse(touchRecord(w, { evaluationQuestions: questions.map((q) => ({ ...q, label: q.label.trim() })) }, now));
    await db.workshops.put(next);
    return next;
  });
}

/** Schedules the à froid follow-ups of everyone present, due the set delay after the last session. */
export async function scheduleWorkshopFollowUps(workshop: Workshop, now = new Date()): Promise<number> {
  const sessions = await getDb().sessions.where('workshopId').equals(workshop.id).toArray();
  const present = presentPeople(await listAttendanceOf('workshop', sessions.filter((s) => s.deletedAt === null).map((s) => s.id)));
  const last = workshop.lastDate ?? sessions.map((s) => s.end.slice(0, 10)).sort().at(-1) ?? now.toISOString().slice(0, 10);
  return scheduleFollowUps('workshop', workshop.id, [...present], addDays(last, await getFollowUpDelayDays()), now);
}

/** Ids of the workshops of a theme (for results per theme). */
export async function workshopIdsOfTheme(theme: string): Promise<string[]> {
  if (!theme) return [];
  const rows = await getDb().workshops.where('theme').equals(theme).toArray();
  return rows.filter((w) => w.deletedAt === null && !w.isTemplate).map((w) => w.id);
}

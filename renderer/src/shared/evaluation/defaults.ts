/**
 * The default evaluation questions, and the à froid delay setting. Questions are
 * content the animator edits per workshop (stored on the workshop), so their
 * labels are data in French, not UI strings.
 */
import type { EvaluationQuestion } from '../../domain/workshops';
import { getSetting, setSetting } from '../../db/settings';

export const DEFAULT_QUESTIONS: readonly EvaluationQuestion[] = [
  { id: 'satisfaction', label: 'Satisfaction générale', kind: 'scale' },
  { id: 'usefulness', label: 'Utilité pour votre activité', kind: 'scale' },
  { id: 'clarity', label: 'Clarté des explications', kind: 'scale' },
  { id: 'apply', label: 'Ce que vous allez mettre en pratique', kind: 'text' },
  { id: 'comment', label: 'Commentaire libre', kind: 'text' },
];

/** Questions of a subject: its own set, or the defaults when it has none. */
export function questionsOrDefault(questions: readonly EvaluationQuestion[] | undefined): EvaluationQuestion[] {
  return questions && questions.length > 0 ? [...questions] : DEFAULT_QUESTIONS.map((q) => ({ ...q }));
}

export const FOLLOW_UP_DELAY_KEY = 'evaluation.followUpDelayDays';
export const DEFAULT_FOLLOW_UP_DELAY_DAYS = 42;

export async function getFollowUpDelayDays(): Promise<number> {
  const value = await getSetting<number>(FOLLOW_UP_DELAY_KEY);
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= 365 ? value : DEFAULT_FOLLOW_UP_DELAY_DAYS;
}

export async function setFollowUpDelayDays(days: number): Promise<void> {
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new RangeError('delay out of range');
  await setSetting(FOLLOW_UP_DELAY_KEY, days);
}

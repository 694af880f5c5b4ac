import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import { DEFAULT_QUESTIONS, getFollowUpDelayDays, setFollowUpDelayDays } from './defaults';
import { createRecord } from '../../db/records';
import type { WorkshopSession } from '../../domain/workshops';
import { addDays, computeResults, EvaluationTooEarlyError, listEvaluations, pendingFollowUps, recordFollowUpAnswers, recordReminder, saveEvaluation, scheduleFollowUps, FOLLOW_UP_QUESTIONS } from './repository';

// the workshop w1 meets on 10 March 2026, 09:00–12:00 Paris
const AT_THE_END = new Date('2026-03-10T10:55:00Z');
beforeEach(async () => {
  const db = freshDb();
  await db.sessions.add(createRecord<WorkshopSession>({ workshopId: 'w1', start: '2026-03-10T09:00', end: '2026-03-10T12:00', sequence: 0, cancelled: false }));
});

const questions = [...DEFAULT_QUESTIONS];
const fill = (personId: string | null, satisfaction: number, usefulness: number | undefined, comment = '', now = AT_THE_END) =>
  saveEvaluation({ context: 'workshop', subjectId: 'w1', personId, kind: 'chaud', answers: { satisfaction, ...(usefulness ? { usefulness } : {}), comment }, source: 'ecran' }, questions, now);

describe('evaluations', () => {
  it('computes counts, averages, distributions and comments', async () => {
    await fill('p1', 5, 4, 'Très concret');
    await fill('p2', 4, 4);
    await fill(null, 3, undefined, 'Trop court');
    await fill(null, 4, 2);
    const results = computeResults(await listEvaluations('workshop', ['w1']), questions);
    expect(results.responses).toBe(4);
    const satisfaction = results.questions.find((r) => r.question.id === 'satisfaction')!;
    expect(satisfaction.average).toBe(4);
    expect(satisfaction.distribution).toEqual([0, 0, 1, 2, 1]);
    const usefulness = results.questions.find((r) => r.question.id === 'usefulness')!;
    expect(usefulness.count).toBe(3);
    expect(usefulness.average).toBe(3.33);
    expect(results.questions.find((r) => r.question.id === 'comment')?.texts.sort()).toEqual(['Trop court', 'Très concret'].sort());
    expect(results.questions.find((r) => r.question.id === 'clarity')?.average).toBeNull();
  });

  it('keeps one à chaud evaluation per named person, its earlier answers in its history, and refuses marks outside 1-5', async () => {
    await fill('p1', 2, 2);
    await fill('p1', 5, 5, '', new Date('2026-03-12T09:00:00Z'));
    const rows = await listEvaluations('workshop', ['w1']);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.answers.satisfaction).toBe(5);
    expect(rows[0]?.history).toEqual([{ answers: { satisfaction: 2, usefulness: 2 }, submittedAt: '2026-03-10T10:55:00.000Z', source: 'ecran', replacedAt: '2026-03-12T09:00:00.000Z' }]);
    // the results count the person once, with the corrected answers
    expect(computeResults(rows, questions).questions.find((q) => q.question.id === 'satisfaction')).toMatchObject({ count: 1, average: 5 });
    await expect(fill('p2', 6, 1)).rejects.toThrow(/satisfaction/);
    expect(await listEvaluations('workshop', ['w1'])).toHaveLength(1);
  });

  it('refuses an évaluation à chaud before the session starts, or for a workshop without a session', async () => {
    const early = await fill('p1', 4, 4, '', new Date('2026-03-10T07:59:00Z')).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(EvaluationTooEarlyError);
    expect((early as EvaluationTooEarlyError).opensAt).toBe('2026-03-10T09:00');
    await expect(saveEvaluation({ context: 'workshop', subjectId: 'w-none', personId: null, kind: 'chaud', answers: { satisfaction: 4 }, source: 'papier' }, questions, AT_THE_END)).rejects.toBeInstanceOf(EvaluationTooEarlyError);
    expect(await listEvaluations('workshop', ['w1', 'w-none'])).toEqual([]);
    // 09:00 Paris is 08:00 UTC in March: open
    await fill('p1', 4, 4, '', new Date('2026-03-10T08:00:00Z'));
    expect(await listEvaluations('workshop', ['w1'])).toHaveLength(1);
  });

  it('schedules à froid follow-ups once per person, lists those due, records reminders and answers', async () => {
    await setFollowUpDelayDays(30);
    expect(await getFollowUpDelayDays()).toBe(30);
    const due = addDays('2026-03-10', await getFollowUpDelayDays());
    expect(due).toBe('2026-04-09');
    expect(await scheduleFollowUps('workshop', 'w1', ['p1', 'p2'], due)).toBe(2);
    expect(await scheduleFollowUps('workshop', 'w1', ['p1', 'p2', 'p3'], due)).toBe(1);
    expect(await pendingFollowUps('2026-04-08')).toHaveLength(0);
    const pending = await pendingFollowUps('2026-04-09', 'workshop', ['w1']);
    expect(pending).toHaveLength(3);
    const first = pending[0]!;
    await recordReminder(first.id, new Date('2026-04-10T08:00:00Z'));
    const answered = await recordFollowUpAnswers(first.id, { used: 4, what: 'Fiche Google à jour' }, FOLLOW_UP_QUESTIONS, 'papier');
    expect(answered.remindersSent).toEqual(['2026-04-10T08:00:00.000Z']);
    expect(answered.submittedAt).not.toBeNull();
    expect(await pendingFollowUps('2026-04-30')).toHaveLength(2);
  });
});

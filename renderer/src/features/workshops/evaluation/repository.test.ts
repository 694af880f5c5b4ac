import { beforeEach, describe, expect, it } from 'vitest';
import { StaleRecordError } from '../../../db/records';
import { freshDb } from '../../../test/db';
import { getWorkshop } from '../queries';
import { createWorkshop } from '../repository';
import { emptyWorkshopForm } from '../validation';
import { saveEvaluationQuestions } from './repository';

beforeEach(() => {
  freshDb();
});

describe('evaluation questions', () => {
  it('a question list saved from a stale revision writes nothing; the questions saved in the other tab survive', async () => {
    const w = await createWorkshop({ ...emptyWorkshopForm('Camille Etcheverry'), title: 'Google Business Profile', communeInsee: '64445', communeName: 'Pau', capacity: '10' });
    const q = { id: 'q1', label: 'L’atelier vous a-t-il été utile ?', kind: 'scale' as const };
    const afterTab1 = await saveEvaluationQuestions(w.id, [q, { id: 'q2', label: 'Qu’allez-vous mettre en place ?', kind: 'text' }], new Date(), w.rev);
    const error = await saveEvaluationQuestions(w.id, [{ ...q, label: 'Utile ?' }], new Date(), w.rev).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleRecordError);
    expect((error as StaleRecordError).current.rev).toEqual(afterTab1.rev);
    expect((await getWorkshop(w.id))!.evaluationQuestions.map((x) => x.label)).toEqual(['L’atelier vous a-t-il été utile ?', 'Qu’allez-vous mettre en place ?']);
    const again = await saveEvaluationQuestions(w.id, [{ ...q, label: 'Utile ?' }, afterTab1.evaluationQuestions[1]!], new Date(), afterTab1.rev);
    expect(again.evaluationQuestions.map((x) => x.label)).toEqual(['Utile ?', 'Qu’allez-vous mettre en place ?']);
  });
});

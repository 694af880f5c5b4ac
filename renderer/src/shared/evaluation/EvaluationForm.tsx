/**
 * One evaluation form, filled by the participant on the laptop passed around or
 * typed in by the animator from a paper form. After saving, the form clears for
 * the next person. Choosing a person who already answered shows their answers for
 * correction (the earlier ones stay in the record's history). An évaluation à chaud
 * opens when the session starts: before, the form says when.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { evaluationOpen } from '../../domain/date-rules';
import type { Evaluation, EvaluationQuestion } from '../../domain/workshops';
import { useI18n, type MessageKey } from '../../i18n';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { openingParams } from '../attendance/dateRuleText';
import { useNow } from '../attendance/useNow';
import { EvaluationTooEarlyError, checkAnswers, findEvaluation, saveEvaluation, subjectStart, type Answers, type EvaluationContext } from './repository';
import { EvaluationQuestionsFields } from './QuestionsFields';

const SOURCE_LABEL = { ecran: 'evaluation.source.ecran', papier: 'evaluation.source.papier', telephone: 'evaluation.source.telephone' } as const satisfies Record<Evaluation['source'], MessageKey>;

export interface EvaluationFormProps {
  context: EvaluationContext;
  subjectId: string;
  kind: 'chaud' | 'froid';
  questions: EvaluationQuestion[];
  people: { personId: string; name: string }[];
  onSaved?: () => void;
}

export function EvaluationForm({ context, subjectId, kind, questions, people, onSaved }: EvaluationFormProps) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const id = useId();
  const now = useNow();
  const opensAt = useLiveQuery(() => subjectStart(context, subjectId), [context, subjectId], undefined);
  const open = kind === 'froid' || (opensAt !== undefined && evaluationOpen(opensAt, now));
  const [personId, setPersonId] = useState('');
  const [correcting, setCorrecting] = useState<Evaluation | null>(null);
  const [source, setSource] = useState<'ecran' | 'papier'>('ecran');
  const [answers, setAnswers] = useState<Answers>({});
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit() {
    const found = checkAnswers(questions, answers);
    if (Object.values(answers).every((v) => v === '' || v === undefined)) found._form = 'evaluation.error.empty';
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    try {
      await saveEvaluation({ context, subjectId, personId: personId || null, kind, answers, source }, questions);
      const name = people.find((p) => p.personId === personId)?.name;
      toast(name ? t(correcting ? 'evaluation.corrected' : 'evaluation.savedFor', { name }) : t('evaluation.saved'));
      setAnswers({});
      setPersonId('');
      setCorrecting(null);
      setErrors({});
      onSaved?.();
    } catch (error) {
      if (error instanceof EvaluationTooEarlyError) {
        setErrors({ _form: 'dates.evaluation.refused' });
        return;
      }
      setErrors({ _form: 'evaluation.error.save' });
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  /** A person who already answered: their answers come back for correction. */
  async function choosePerson(next: string) {
    setPersonId(next);
    setErrors({});
    const existing = next ? await findEvaluation(context, subjectId, next, kind) : undefined;
    setCorrecting(existing && existing.submittedAt ? existing : null);
    setAnswers(existing && existing.submittedAt ? { ...existing.answers } : {});
    // a phone's answer corrected here is corrected on screen
    if (existing?.submittedAt) setSource(existing.source === 'papier' ? 'papier' : 'ecran');
  }

  const correctingName = correcting ? (people.find((p) => p.personId === correcting.personId)?.name ?? '') : '';
  const stamp = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' }) : '—');

  return (
    <form
      className="evaluation-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3 id={`${id}-title`}>{t(kind === 'chaud' ? 'evaluation.form.chaud' : 'evaluation.form.froid')}</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-person`}>{t('evaluation.person')}</label>
          <select id={`${id}-person`} value={personId} onChange={(e) => void choosePerson(e.target.value)}>
            <option value="">{t('evaluation.anonymous')}</option>
            {people.map((p) => (
              <option key={p.personId} value={p.personId}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <fieldset>
          <legend>{t('evaluation.source')}</legend>
          <label>
            <input type="radio" name={`${id}-source`} checked={source === 'ecran'} onChange={() => setSource('ecran')} /> {t('evaluation.source.ecran')}
          </label>{' '}
          <label>
            <input type="radio" name={`${id}-source`} checked={source === 'papier'} onChange={() => setSource('papier')} /> {t('evaluation.source.papier')}
          </label>
        </fieldset>
      </div>
      {!open ? (
        <div className="alert alert-warn" role="status">
          {opensAt ? t('dates.evaluation.notOpen', openingParams(locale, opensAt)) : t('dates.evaluation.noSession')}
        </div>
      ) : null}
      {correcting ? (
        <div className="alert" role="status">
          <p style={{ margin: 0 }}>{t('evaluation.correcting', { name: correctingName, date: stamp(correcting.submittedAt) })}</p>
          {correcting.history && correcting.history.length > 0 ? (
            <details>
              <summary>{t('evaluation.history', { count: correcting.history.length })}</summary>
              <ol>
                {correcting.history.map((h, i) => (
                  <li key={i}>
                    {t('evaluation.history.entry', { date: stamp(h.submittedAt), source: t(SOURCE_LABEL[h.source]) })} :{' '}
                    {questions
                      .filter((q) => h.answers[q.id] !== undefined)
                      .map((q) => `${q.label} ${String(h.answers[q.id])}`)
                      .join(' ; ')}
                  </li>
                ))}
              </ol>
            </details>
          ) : null}
        </div>
      ) : null}
      <EvaluationQuestionsFields questions={questions} answers={answers} onChange={setAnswers} errors={errors} />
      {errors._form ? (
        <p role="alert" style={{ color: 'var(--danger)', fontWeight: 600 }}>
          {t(errors._form as MessageKey)}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={!open}>
        {t('evaluation.submit')}
      </button>
    </form>
  );
}

/** The answer controls of a list of questions: a 1-5 radio group per scale question, a text area per text question. */
import { useId } from 'react';
import type { EvaluationQuestion } from '../../domain/workshops';
import { useT, type MessageKey } from '../../i18n';
import { SCALE_MAX, SCALE_MIN, type Answers } from './repository';

const SCALE = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => i + SCALE_MIN);

export function EvaluationQuestionsFields({ questions, answers, onChange, errors = {} }: { questions: EvaluationQuestion[]; answers: Answers; onChange: (answers: Answers) => void; errors?: Record<string, string> }) {
  const t = useT();
  const id = useId();
  const set = (questionId: string, value: number | string) => onChange({ ...answers, [questionId]: value });
  return (
    <>
      {questions.map((q) => {
        const error = errors[q.id];
        const errorId = `${id}-${q.id}-error`;
        return q.kind === 'scale' ? (
          <fieldset key={q.id} aria-describedby={error ? errorId : `${id}-scale-hint`}>
            <legend>{q.label}</legend>
            <div className="toolbar">
              {SCALE.map((n) => (
                <label key={n}>
                  <input type="radio" name={`${id}-${q.id}`} checked={answers[q.id] === n} onChange={() => set(q.id, n)} /> {n}
                </label>
              ))}
            </div>
            {error ? (
              <span id={errorId} role="alert" className="error" style={{ color: 'var(--danger)' }}>
                {t(error as MessageKey)}
              </span>
            ) : null}
          </fieldset>
        ) : (
          <div key={q.id} className="field">
            <label htmlFor={`${id}-${q.id}`}>{q.label}</label>
            <textarea id={`${id}-${q.id}`} rows={2} maxLength={2000} value={typeof answers[q.id] === 'string' ? String(answers[q.id]) : ''} onChange={(e) => set(q.id, e.target.value)} />
          </div>
        );
      })}
      <p id={`${id}-scale-hint`} className="muted">
        {t('evaluation.scaleHint')}
      </p>
    </>
  );
}

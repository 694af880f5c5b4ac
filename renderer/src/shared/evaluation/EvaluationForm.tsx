/**
 * One evaluation form, filled by the participant on the laptop passed around or
 * typed in by the animator from a paper form. After saving, the form clears for
 * the next person.
 */
import { useId, useState } from 'react';
import type { EvaluationQuestion } from '../../domain/workshops';
import { useT, type MessageKey } from '../../i18n';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { checkAnswers, saveEvaluation, type Answers, type EvaluationContext } from './repository';
import { EvaluationQuestionsFields } from './QuestionsFields';

export interface EvaluationFormProps {
  context: EvaluationContext;
  subjectId: string;
  kind: 'chaud' | 'froid';
  questions: EvaluationQuestion[];
  people: { personId: string; name: string }[];
  onSaved?: () => void;
}

export function EvaluationForm({ context, subjectId, kind, questions, people, onSaved }: EvaluationFormProps) {
  const t = useT();
  const toast = useToast();
  const id = useId();
  const [personId, setPersonId] = useState('');
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
      toast(name ? t('evaluation.savedFor', { name }) : t('evaluation.saved'));
      setAnswers({});
      setPersonId('');
      setErrors({});
      onSaved?.();
    } catch (error) {
      setErrors({ _form: 'evaluation.error.save' });
      toast(t('common.error.generic', { detail: errorMessage(error) }));
    }
  }

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
          <select id={`${id}-person`} value={personId} onChange={(e) => setPersonId(e.target.value)}>
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
      <EvaluationQuestionsFields questions={questions} answers={answers} onChange={setAnswers} errors={errors} />
      {errors._form ? (
        <p role="alert" style={{ color: 'var(--danger)', fontWeight: 600 }}>
          {t(errors._form as MessageKey)}
        </p>
      ) : null}
      <button type="submit" className="btn btn-primary">
        {t('evaluation.submit')}
      </button>
    </form>
  );
}

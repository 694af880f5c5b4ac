/**
 * The évaluation à chaud questionnaire to fill on paper: one A4 page per participant
 * (their name printed), with the subject's own questions — a 1-to-5 scale in boxes or
 * lines to write on — and a blank copy for someone who walked in.
 */
import type { EvaluationQuestion } from '../../domain/workshops';
import { useI18n } from '../../i18n';
import type { Organisation } from '../../features/settings/organisation';
import { PrintPage } from '../print/PrintPage';
import { SCALE_MAX, SCALE_MIN } from './repository';

export function QuestionnairePrint({ title, when, questions, people, organisation }: { title: string; when: string; questions: readonly EvaluationQuestion[]; people: readonly { personId: string; name: string }[]; organisation: Organisation }) {
  const { t } = useI18n();
  const copies = [...people, { personId: '', name: '' }];
  const scale = Array.from({ length: SCALE_MAX - SCALE_MIN + 1 }, (_, i) => i + SCALE_MIN);
  return (
    <>
      {copies.map((person) => (
        <PrintPage
          key={person.personId || 'blank'}
          label={person.name ? t('print.questionnaire.of', { name: person.name }) : t('print.questionnaire.blank')}
          className="questionnaire"
          organisation={organisation}
          footer={t('print.questionnaire.footer')}
          footerEnd={organisation.name}
        >
          <h2>{t('print.questionnaire.title')}</h2>
          <p style={{ fontSize: '12pt', fontWeight: 600 }}>{title}</p>
          <dl className="doc-facts">
            <dt>{t('print.questionnaire.when')}</dt>
            <dd>{when}</dd>
            <dt>{t('print.questionnaire.participant')}</dt>
            <dd>{person.name || '……………………………………………'}</dd>
          </dl>
          <p style={{ fontSize: '9pt' }}>{t('print.questionnaire.scaleHint', { min: SCALE_MIN, max: SCALE_MAX })}</p>
          <ol>
            {questions.map((q) => (
              <li key={q.id} style={{ marginBottom: '0.5rem' }}>
                <strong>{q.label}</strong>
                {q.kind === 'scale' ? (
                  <div className="scale" aria-label={t('print.questionnaire.scale', { min: SCALE_MIN, max: SCALE_MAX })}>
                    {scale.map((n) => (
                      <span key={n}>{n}</span>
                    ))}
                  </div>
                ) : (
                  <div aria-hidden="true">
                    <div className="lines" />
                    <div className="lines" />
                    <div className="lines" />
                  </div>
                )}
              </li>
            ))}
          </ol>
        </PrintPage>
      ))}
    </>
  );
}

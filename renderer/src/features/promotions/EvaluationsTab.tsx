/**
 * Évaluation à chaud per module (the shared form, on the laptop passed around or
 * typed from paper) with its results, and the à froid follow-ups at the end of
 * the promotion with their reminders (the shared follow-up list).
 */
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { DEFAULT_QUESTIONS, getFollowUpDelayDays } from '../../shared/evaluation/defaults';
import { EvaluationForm } from '../../shared/evaluation/EvaluationForm';
import { EvaluationResults } from '../../shared/evaluation/EvaluationResults';
import { FollowUpList } from '../../shared/evaluation/FollowUpList';
import { addDays, scheduleFollowUps } from '../../shared/evaluation/repository';
import { Field } from '../../ui/Field';
import { EmptyState } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import type { CohortData } from './useCohortData';
import { PrintOverlay } from '../../shared/attendance/PrintOverlay';
import { clockTime, longDay } from '../../shared/attendance/dateRuleText';
import { QuestionnairePrint } from '../../shared/evaluation/QuestionnairePrint';
import { fileNameFrom } from '../../shared/files';
import { useOrganisation } from '../settings/MissingOrganisation';
import { cohortTitle } from './labels';
import { CollectPanel } from '../../shared/evaluation/CollectPanel';

const questions = DEFAULT_QUESTIONS.map((q) => ({ ...q }));

export default function EvaluationsTab({ data }: { data: CohortData }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const organisation = useOrganisation();
  const [printing, setPrinting] = useState(false);
  const cohort = data.cohort!;
  const [moduleId, setModuleId] = useState(data.modules[0]?.id ?? '');
  const module = data.modules.find((m) => m.id === moduleId) ?? data.modules[0];
  const people = data.people.map((p) => ({ personId: p.enrolment.animatorId, name: p.name }));

  async function schedule() {
    try {
      const delay = await getFollowUpDelayDays();
      const who = data.people.filter((p) => p.enrolment.status !== 'abandon').map((p) => p.enrolment.animatorId);
      const count = await scheduleFollowUps('cohort', cohort.id, who, addDays(cohort.endDate, delay));
      toast(t('cohorts.evaluation.scheduled', { count }));
    } catch (e) {
      toast(t('common.error.generic', { detail: errorMessage(e) }));
    }
  }

  return (
    <>
      <section aria-labelledby="eval-chaud">
        <h2 id="eval-chaud">{t('cohorts.evaluation.chaud')}</h2>
        {!module ? (
          <EmptyState>{t('cohorts.modules.empty')}</EmptyState>
        ) : (
          <>
            <Field label={t('cohorts.evaluation.module')}>
              {(p) => (
                <select {...p} value={module.id} onChange={(e) => setModuleId(e.target.value)}>
                  {data.modules.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {!module.evaluationPlanned ? <p className="muted">{t('cohorts.evaluation.notPlanned')}</p> : null}
            <div className="toolbar" style={{ marginBottom: '0.5rem' }}>
              <button type="button" className="btn" onClick={() => setPrinting(true)}>
                {t('print.questionnaire.print', { count: people.length })}
              </button>
            </div>
            {printing ? (
              <PrintOverlay title={t('print.questionnaire.title')} fileName={fileNameFrom(`Evaluation ${module.title}`, 'pdf')} onClose={() => setPrinting(false)} paperwork="questionnaire">
                <QuestionnairePrint
                  title={`${cohortTitle(t, cohort)} — ${module.title}`}
                  when={data.sessions
                    .filter((s) => s.moduleId === module.id)
                    .map((s) => `${longDay(locale, s.date)}, ${clockTime(locale, s.start)} – ${clockTime(locale, s.end)}`)
                    .join(' ; ')}
                  questions={questions}
                  people={people}
                  organisation={organisation}
                />
              </PrintOverlay>
            ) : null}
            <CollectPanel
              subject={{
                context: 'module',
                subjectId: module.id,
                title: `${cohortTitle(t, cohort)} — ${module.title}`,
                sessionLabel: data.sessions
                  .filter((s) => s.moduleId === module.id)
                  .map((s) => `${longDay(locale, s.date)}, ${clockTime(locale, s.start)} – ${clockTime(locale, s.end)}`)
                  .join(' ; '),
                questions,
                people,
              }}
              onPrint={() => setPrinting(true)}
            />
            <div className="card" style={{ margin: '1rem 0' }}>
              <EvaluationForm key={module.id} context="module" subjectId={module.id} kind="chaud" questions={questions} people={people} />
            </div>
            <h3>{t('cohorts.evaluation.results', { title: module.title })}</h3>
            <EvaluationResults context="module" subjectId={module.id} questions={questions} />
          </>
        )}
      </section>

      <section aria-labelledby="eval-froid" style={{ marginTop: '1.5rem' }}>
        <h2 id="eval-froid">{t('cohorts.evaluation.froid')}</h2>
        <p className="muted">{t('cohorts.evaluation.froidHint')}</p>
        <button type="button" className="btn" onClick={() => void schedule()} disabled={data.people.length === 0}>
          {t('cohorts.evaluation.schedule')}
        </button>
        <FollowUpList context="cohort" subjectIds={[cohort.id]} />
      </section>
    </>
  );
}

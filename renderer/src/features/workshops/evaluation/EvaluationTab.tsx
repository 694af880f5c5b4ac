/**
 * Evaluation of one workshop: its questions (edited from the default set), the
 * à chaud form, results for the workshop and for its theme, and the à froid
 * follow-ups of the people present.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { newId } from '../../../db/records';
import { type ConflictField } from '../../../ui/SaveConflict';
import { StaleSaveChoice, useStaleSave } from '../../../ui/useStaleSave';
import { combineSteps, differingSteps, ORDER_KEY } from '../agendaVersions';
import type { EvaluationQuestion, Workshop, WorkshopSession } from '../../../domain/workshops';
import { parisDateTime } from '../../../domain/date-rules';
import { useI18n, useT, type MessageKey } from '../../../i18n';
import { PrintOverlay } from '../../../shared/attendance/PrintOverlay';
import { clockTime, longDay } from '../../../shared/attendance/dateRuleText';
import { QuestionnairePrint } from '../../../shared/evaluation/QuestionnairePrint';
import { fileNameFrom } from '../../../shared/files';
import { useOrganisation } from '../../settings/MissingOrganisation';
import { listSessions, timeOf } from '../registrations/queries';
import { DEFAULT_QUESTIONS, questionsOrDefault } from '../../../shared/evaluation/defaults';
import { EvaluationForm } from '../../../shared/evaluation/EvaluationForm';
import { EvaluationResults } from '../../../shared/evaluation/EvaluationResults';
import { FollowUpList } from '../../../shared/evaluation/FollowUpList';
import { useToast } from '../../../ui/Toast';
import { errorMessage } from '../../../ui/errors';
import { createWalkIn, displayName } from '../../providers/repository';
import { register } from '../registrations/repository';
import { registrationRows } from '../registrations/queries';
import { questionErrors, saveEvaluationQuestions, scheduleWorkshopFollowUps, workshopIdsOfTheme } from './repository';
import { themeName } from '../labels';
import { CollectPanel } from '../../../shared/evaluation/CollectPanel';

/** The session that started last, else the first to come: where someone typing their name on a phone is. */
function sessionUnderWay(sessions: readonly WorkshopSession[], now = new Date()): WorkshopSession | undefined {
  const held = sessions.filter((s) => !s.cancelled).sort((a, b) => a.start.localeCompare(b.start));
  const today = parisDateTime(now);
  return held.filter((s) => s.start <= today).at(-1) ?? held[0];
}

export default function EvaluationTab({ workshop }: { workshop: Workshop }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const questions = questionsOrDefault(workshop.evaluationQuestions);
  const rows = useLiveQuery(() => registrationRows(workshop.id), [workshop.id]);
  const themeIds = useLiveQuery(() => workshopIdsOfTheme(workshop.theme), [workshop.theme]);
  const [editing, setEditing] = useState(false);
  const [printing, setPrinting] = useState(false);
  const organisation = useOrganisation();
  const sessions = useLiveQuery(() => listSessions(workshop.id), [workshop.id]);
  // one line per person, also when registered for several sessions
  const people = [...new Map((rows ?? []).filter((r) => r.person && r.registration.status === 'inscrit').map((r) => [r.registration.personId, { personId: r.registration.personId, name: displayName(r.person!) }])).values()].sort((a, b) =>
    a.name.localeCompare(b.name, 'fr'),
  );

  const when = (sessions ?? [])
    .filter((s) => !s.cancelled)
    .map((s) => `${longDay(locale, s.start)}, ${clockTime(locale, timeOf(s.start))} – ${clockTime(locale, timeOf(s.end))}`)
    .join(' ; ');

  async function schedule() {
    try {
      const count = await scheduleWorkshopFollowUps(workshop);
      toast(t('evaluation.followUps.scheduled', { count }));
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  return (
    <div className="evaluation-tab">
      <section aria-labelledby="evaluation-questions-title">
        <div className="toolbar">
          <h3 id="evaluation-questions-title">{t('evaluation.questions.title')}</h3>
          {!editing ? (
            <button type="button" className="btn btn-small" onClick={() => setEditing(true)}>
              {t('evaluation.questions.edit')}
            </button>
          ) : null}
        </div>
        {editing ? (
          <QuestionsEditor workshop={workshop} onDone={() => setEditing(false)} />
        ) : (
          <ol>
            {questions.map((q) => (
              <li key={q.id}>
                {q.label} <span className="badge">{t(q.kind === 'scale' ? 'evaluation.questions.kind.scale' : 'evaluation.questions.kind.text')}</span>
              </li>
            ))}
          </ol>
        )}
      </section>

      <div className="toolbar" style={{ marginTop: '1rem' }}>
        <button type="button" className="btn" onClick={() => setPrinting(true)}>
          {t('print.questionnaire.print', { count: people.length })}
        </button>
      </div>
      {printing ? (
        <PrintOverlay title={t('print.questionnaire.title')} fileName={fileNameFrom(`Evaluation ${workshop.title}`, 'pdf')} onClose={() => setPrinting(false)} paperwork="questionnaire">
          <QuestionnairePrint
            title={workshop.title}
            when={when}
            questions={questions}
            people={people}
            organisation={organisation}
          />
        </PrintOverlay>
      ) : null}

      <CollectPanel
        subject={{ context: 'workshop', subjectId: workshop.id, title: workshop.title, sessionLabel: when, questions, people }}
        onPrint={() => setPrinting(true)}
        registerWalkIn={async (name) => {
          const person = await createWalkIn(name);
          // A walk-in counts apart from the places; session by session, in the session under way (or the next).
          await register(workshop, person.id, { walkIn: true, sessionId: workshop.registrationMode === 'session' ? (sessionUnderWay(sessions ?? [])?.id ?? null) : null });
          return person.id;
        }}
      />

      <section className="card" style={{ margin: '1rem 0' }}>
        <EvaluationForm context="workshop" subjectId={workshop.id} kind="chaud" questions={questions} people={people} />
      </section>

      <section aria-labelledby="evaluation-results-title">
        <h3 id="evaluation-results-title">{t('evaluation.results.workshop')}</h3>
        <EvaluationResults context="workshop" subjectId={workshop.id} questions={questions} />
      </section>

      {workshop.theme && themeIds && themeIds.length > 1 ? (
        <section aria-labelledby="evaluation-theme-title">
          <h3 id="evaluation-theme-title">{t('evaluation.results.theme', { theme: themeName(t, workshop.theme), count: themeIds.length })}</h3>
          <EvaluationResults context="workshop" subjectId={`theme:${workshop.theme}`} subjectIds={themeIds} questions={questions} />
        </section>
      ) : null}

      <section aria-labelledby="evaluation-followups-title">
        <h3 id="evaluation-followups-title">{t('evaluation.followUps.title')}</h3>
        <p className="muted">{t('evaluation.followUps.intro')}</p>
        <button type="button" className="btn" onClick={() => void schedule()}>
          {t('evaluation.followUps.schedule')}
        </button>
        <FollowUpList context="workshop" subjectIds={[workshop.id]} />
      </section>
    </div>
  );
}

function QuestionsEditor({ workshop, onDone }: { workshop: Workshop; onDone: () => void }) {
  const t = useT();
  const toast = useToast();
  const id = useId();
  const stale = useStaleSave<Workshop, EvaluationQuestion[]>({
    initial: workshop,
    save: (values, rev) => saveEvaluationQuestions(workshop.id, values, new Date(), rev),
    // saved elsewhere without touching the questions: nothing to choose
    part: (w) => questionsOrDefault(w.evaluationQuestions),
    onSaved: () => {
      toast(t('evaluation.questions.saved'));
      onDone();
    },
  });
  const { base, conflict } = stale;
  const [list, setList] = useState<EvaluationQuestion[]>(() => questionsOrDefault(workshop.evaluationQuestions));
  const [errors, setErrors] = useState<Record<number, string>>({});

  const update = (i: number, change: Partial<EvaluationQuestion>) => setList((l) => l.map((q, j) => (j === i ? { ...q, ...change } : q)));
  const move = (i: number, d: -1 | 1) =>
    setList((l) => {
      const next = [...l];
      const a = next[i];
      const b = next[i + d];
      if (!a || !b) return l;
      next[i] = b;
      next[i + d] = a;
      return next;
    });

  async function save() {
    const found = questionErrors(list);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    await stale.persist(list, base);
  }

  const questionText = (q: EvaluationQuestion | undefined) => (q ? `${q.label} (${t(q.kind === 'text' ? 'evaluation.questions.kind.text' : 'evaluation.questions.kind.scale')})` : '');
  const conflictFields: ConflictField[] = conflict
    ? (() => {
        const theirs = questionsOrDefault(conflict.current.evaluationQuestions);
        const opened = questionsOrDefault(base.evaluationQuestions);
        const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
        return differingSteps(conflict.mine, theirs).map((key): ConflictField => {
          if (key === ORDER_KEY) {
            const order = (l: EvaluationQuestion[]) => l.map((q) => q.label).join(', ');
            return { key, label: t('revisions.questionsOrder'), theirs: order(theirs), mine: order(conflict.mine), initial: same(conflict.mine.map((q) => q.id), opened.map((q) => q.id)) ? 'theirs' : 'mine' };
          }
          const mine = conflict.mine.find((q) => q.id === key);
          const stored = theirs.find((q) => q.id === key);
          const n = (mine ? conflict.mine.indexOf(mine) : theirs.indexOf(stored!)) + 1;
          return { key, label: `${t('evaluation.questions.label', { n })} : ${(mine ?? stored)!.label}`, theirs: questionText(stored), mine: questionText(mine), initial: same(mine, opened.find((q) => q.id === key)) ? 'theirs' : 'mine' };
        });
      })()
    : [];

  return (
    <div className="card">
      {list.map((q, i) => (
        <div key={q.id} className="toolbar" style={{ alignItems: 'flex-end', marginBottom: '0.5rem' }}>
          <div className="field" style={{ flex: 1, marginBottom: 0 }}>
            <label htmlFor={`${id}-${q.id}`}>{t('evaluation.questions.label', { n: i + 1 })}</label>
            <input id={`${id}-${q.id}`} type="text" value={q.label} maxLength={300} onChange={(e) => update(i, { label: e.target.value })} aria-invalid={errors[i] ? true : undefined} aria-describedby={errors[i] ? `${id}-${q.id}-error` : undefined} />
            {errors[i] ? (
              <span id={`${id}-${q.id}-error`} className="error" role="alert">
                {t(errors[i] as MessageKey)}
              </span>
            ) : null}
          </div>
          <div className="field" style={{ marginBottom: 0 }}>
            <label htmlFor={`${id}-${q.id}-kind`}>{t('evaluation.questions.kind')}</label>
            <select id={`${id}-${q.id}-kind`} value={q.kind} onChange={(e) => update(i, { kind: e.target.value === 'text' ? 'text' : 'scale' })}>
              <option value="scale">{t('evaluation.questions.kind.scale')}</option>
              <option value="text">{t('evaluation.questions.kind.text')}</option>
            </select>
          </div>
          <button type="button" className="btn btn-small" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('evaluation.questions.up', { n: i + 1 })}>
            ↑
          </button>
          <button type="button" className="btn btn-small" disabled={i === list.length - 1} onClick={() => move(i, 1)} aria-label={t('evaluation.questions.down', { n: i + 1 })}>
            ↓
          </button>
          <button type="button" className="btn btn-small btn-danger" onClick={() => setList((l) => l.filter((_, j) => j !== i))} aria-label={t('evaluation.questions.remove', { n: i + 1 })}>
            {t('common.delete')}
          </button>
        </div>
      ))}
      <StaleSaveChoice
        stale={stale}
        fields={conflictFields}
        onKeepTheirs={(current) => {
          setList(questionsOrDefault(current.evaluationQuestions));
          setErrors({});
        }}
        onCombine={(choice, { current, mine }) => setList(combineSteps(mine, questionsOrDefault(current.evaluationQuestions), choice))}
      />
      <div className="toolbar">
        <button type="button" className="btn" onClick={() => setList((l) => [...l, { id: newId(), label: '', kind: 'scale' }])}>
          {t('evaluation.questions.add')}
        </button>
        <button type="button" className="btn" onClick={() => setList(DEFAULT_QUESTIONS.map((q) => ({ ...q })))}>
          {t('evaluation.questions.reset')}
        </button>
        <span style={{ flex: 1 }} />
        <button type="button" className="btn" onClick={onDone}>
          {t('common.cancel')}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void save()}>
          {t('common.save')}
        </button>
      </div>
    </div>
  );
}

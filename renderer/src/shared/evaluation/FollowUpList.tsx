/**
 * À froid follow-ups: which are due (the delay is a setting), the message to send
 * (text to copy, or a mailto: link opened by the system), reminders sent and the
 * answers recorded when they come back.
 */
import { useEffect, useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/database';
import type { Evaluation } from '../../domain/workshops';
import { useI18n, type Translate } from '../../i18n';
import { getBridge } from '../../platform';
import { Dialog } from '../../ui/Dialog';
import { personColumn } from '../../ui/CellNote';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { DEFAULT_FOLLOW_UP_DELAY_DAYS, getFollowUpDelayDays, setFollowUpDelayDays } from './defaults';
import { FOLLOW_UP_QUESTIONS, pendingFollowUps, recordFollowUpAnswers, recordReminder, type EvaluationContext } from './repository';
import { EvaluationQuestionsFields } from './QuestionsFields';
import { FollowUpDraftsButton, recordMailtoReminder } from '../../features/agenda/FollowUpDrafts';

export interface FollowUpListProps {
  context?: EvaluationContext;
  subjectIds?: string[];
}

interface FollowUpRow {
  evaluation: Evaluation;
  name: string;
  email: string;
  subject: string;
}

/** Names and e-mails of the people, titles of the subjects: providers and workshops, or animators and cohorts. */
async function describe(rows: Evaluation[]): Promise<FollowUpRow[]> {
  const db = getDb();
  const providerIds = rows.filter((r) => r.context === 'workshop' && r.personId).map((r) => r.personId as string);
  const animatorIds = rows.filter((r) => r.context !== 'workshop' && r.personId).map((r) => r.personId as string);
  const [providers, animators, workshops, modules, cohorts] = await Promise.all([
    db.providers.bulkGet(providerIds),
    db.animators.bulkGet(animatorIds),
    db.workshops.bulkGet(rows.filter((r) => r.context === 'workshop').map((r) => r.subjectId)),
    db.modules.bulkGet(rows.filter((r) => r.context === 'module').map((r) => r.subjectId)),
    db.cohorts.bulkGet(rows.filter((r) => r.context === 'cohort').map((r) => r.subjectId)),
  ]);
  const people = new Map<string, { name: string; email: string }>();
  for (const p of [...providers, ...animators]) if (p) people.set(p.id, { name: `${p.firstName} ${p.lastName}`.trim(), email: p.email });
  const subjects = new Map<string, string>();
  for (const w of workshops) if (w) subjects.set(w.id, w.title);
  for (const m of modules) if (m) subjects.set(m.id, m.title);
  for (const c of cohorts) if (c) subjects.set(c.id, c.nickname ? `${c.number} — ${c.nickname}` : String(c.number));
  return rows.map((evaluation) => {
    const person = evaluation.personId ? people.get(evaluation.personId) : undefined;
    return { evaluation, name: person?.name ?? '—', email: person?.email ?? '', subject: subjects.get(evaluation.subjectId) ?? '—' };
  });
}

export function followUpMessage(t: Translate, row: { name: string; subject: string }): { subject: string; body: string } {
  const questions = FOLLOW_UP_QUESTIONS.map((q, i) => `${i + 1}. ${q.label}`).join('\n');
  return {
    subject: t('followUp.mail.subject', { subject: row.subject }),
    body: t('followUp.mail.body', { name: row.name, subject: row.subject, questions }),
  };
}

export function mailtoLink(email: string, message: { subject: string; body: string }): string {
  return `mailto:${encodeURIComponent(email)}?subject=${encodeURIComponent(message.subject)}&body=${encodeURIComponent(message.body)}`;
}

export function FollowUpList({ context, subjectIds }: FollowUpListProps) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const id = useId();
  const today = new Date().toISOString().slice(0, 10);
  const [showUpcoming, setShowUpcoming] = useState(false);
  const [delay, setDelay] = useState<string>(String(DEFAULT_FOLLOW_UP_DELAY_DAYS));
  const [delayError, setDelayError] = useState<string | null>(null);
  const [answering, setAnswering] = useState<FollowUpRow | null>(null);
  const [answers, setAnswers] = useState<Evaluation['answers']>({});
  const rows = useLiveQuery(async () => describe(await pendingFollowUps(showUpcoming ? null : today, context, subjectIds)), [showUpcoming, today, context, (subjectIds ?? []).join(',')]);

  useEffect(() => {
    void getFollowUpDelayDays().then((d) => setDelay(String(d)));
  }, []);

  async function saveDelay() {
    const days = Number(delay);
    if (!Number.isInteger(days) || days < 1 || days > 365) {
      setDelayError(t('followUp.delay.error'));
      return;
    }
    setDelayError(null);
    await setFollowUpDelayDays(days);
    toast(t('followUp.delay.saved', { days }));
  }

  async function copy(row: FollowUpRow) {
    const message = followUpMessage(t, row);
    try {
      await navigator.clipboard.writeText(`${message.subject}\n\n${message.body}`);
      toast(t('followUp.copied'));
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  async function openMail(row: FollowUpRow) {
    const result = await getBridge().openExternal(mailtoLink(row.email, followUpMessage(t, row)));
    if (!result.ok) toast(t('common.error.generic', { detail: result.error }), { kind: 'error' });
    // opened in the mail program: recorded as a reminder sent that way
    else await recordMailtoReminder(row.evaluation.id);
  }

  async function saveAnswers() {
    if (!answering) return;
    try {
      await recordFollowUpAnswers(answering.evaluation.id, answers, FOLLOW_UP_QUESTIONS, 'papier');
      toast(t('followUp.answered', { name: answering.name }));
      setAnswering(null);
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  const date = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00`).toLocaleDateString(locale);
  return (
    <div className="follow-ups">
      <form
        className="toolbar"
        style={{ alignItems: 'flex-end' }}
        onSubmit={(e) => {
          e.preventDefault();
          void saveDelay();
        }}
      >
        <div className="field" style={{ marginBottom: 0 }}>
          <label htmlFor={`${id}-delay`}>{t('followUp.delay')}</label>
          <input id={`${id}-delay`} type="number" min={1} max={365} value={delay} onChange={(e) => setDelay(e.target.value)} aria-invalid={delayError ? true : undefined} aria-describedby={`${id}-delay-hint`} style={{ width: '6rem' }} />
        </div>
        <button type="submit" className="btn">
          {t('common.save')}
        </button>
        <span id={`${id}-delay-hint`} className={delayError ? 'error' : 'muted'} role={delayError ? 'alert' : undefined} style={delayError ? { color: 'var(--danger)', fontWeight: 600 } : undefined}>
          {delayError ?? t('followUp.delay.hint')}
        </span>
      </form>
      <label style={{ display: 'block', margin: '0.75rem 0' }}>
        <input type="checkbox" checked={showUpcoming} onChange={(e) => setShowUpcoming(e.target.checked)} /> {t('followUp.showUpcoming')}
      </label>
      {rows ? <FollowUpDraftsButton ids={rows.filter((r) => r.email && r.evaluation.dueDate && r.evaluation.dueDate <= today).map((r) => r.evaluation.id)} /> : null}
      {!rows ? (
        <p>{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <EmptyState>{t('followUp.none')}</EmptyState>
      ) : (
        <DataTable
          caption={t('followUp.caption')}
          rows={rows}
          rowKey={(row) => row.evaluation.id}
          columns={[
            personColumn(t('followUp.col.person'), t('followUp.noEmail')),
            { id: 'subject', header: t('followUp.col.subject'), minRem: 10, priority: 2, cell: (row) => row.subject },
            {
              id: 'due',
              header: t('followUp.col.due'),
              minRem: 8,
              cell: (row) => (
                <>
                  {row.evaluation.dueDate ? date(row.evaluation.dueDate) : '—'}
                  {row.evaluation.dueDate && row.evaluation.dueDate <= today ? (
                    <>
                      {' '}
                      <span className="badge badge-accent">{t('followUp.due')}</span>
                    </>
                  ) : null}
                </>
              ),
            },
            {
              id: 'reminders',
              header: t('followUp.col.reminders'),
              minRem: 9,
              priority: 3,
              cell: (row) =>
                row.evaluation.remindersSent.length === 0
                  ? t('followUp.reminders.none')
                  : t('followUp.reminders.last', { count: row.evaluation.remindersSent.length, date: date(row.evaluation.remindersSent.at(-1) ?? '') }),
            },
          ]}
          actionsLabel={t('followUp.col.actions')}
          actions={(row) => (
            <div className="toolbar">
              <button type="button" className="btn btn-small" onClick={() => void copy(row)} aria-label={t('followUp.copy.for', { name: row.name })}>
                {t('followUp.copy')}
              </button>
              {row.email ? (
                <button type="button" className="btn btn-small" onClick={() => void openMail(row)} aria-label={t('followUp.mail.for', { name: row.name })}>
                  {t('followUp.mail')}
                </button>
              ) : null}
              <button type="button" className="btn btn-small" onClick={() =>
                  void recordReminder(row.evaluation.id).then(
                    () => toast(t('followUp.reminded', { name: row.name })),
                    (error: unknown) => toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' }),
                  )
                } aria-label={t('followUp.markSent.for', { name: row.name })}>
                {t('followUp.markSent')}
              </button>
              <button
                type="button"
                className="btn btn-small"
                onClick={() => {
                  setAnswers({});
                  setAnswering(row);
                }}
                aria-label={t('followUp.answer.for', { name: row.name })}
              >
                {t('followUp.answer')}
              </button>
            </div>
          )}
        />
      )}
      {answering ? (
        <Dialog
          open
          title={t('followUp.answer.title', { name: answering.name })}
          onClose={() => setAnswering(null)}
          footer={
            <>
              <button type="button" className="btn" onClick={() => setAnswering(null)}>
                {t('common.cancel')}
              </button>
              <button type="button" className="btn btn-primary" onClick={() => void saveAnswers()}>
                {t('common.save')}
              </button>
            </>
          }
        >
          <EvaluationQuestionsFields questions={[...FOLLOW_UP_QUESTIONS]} answers={answers} onChange={setAnswers} />
        </Dialog>
      ) : null}
    </div>
  );
}

/**
 * The home page's « À faire »: one section per kind of work, one line per thing to
 * do, each line acting in one click (a link to the screen where it is done, or the
 * button that does it). Recomputed live when the records change, and every minute.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useI18n, type Translate } from '../../i18n';
import { formatDateTime, formatDay } from '../../i18n/format';
import { getBridge } from '../../platform';
import { useNow } from '../../shared/attendance/useNow';
import { getDb } from '../../db/database';
import { cohortTitle } from '../promotions/labels';
import { lastBackupAt } from '../safekeeping/backup-service';
import { followUpReminders, moduleConvocations, moduleReminders, workshopConvocations, workshopReminders } from './drafts';
import { backupState, computeDue, isEmpty, type BackupState, type DueList as Due, type Role } from './due';
import { useSendDrafts, whenText } from './MailTools';
import './agenda.css';

const halfDayKey = { matin: 'attendance.halfDay.matin', 'apres-midi': 'attendance.halfDay.apres-midi' } as const;

function Section({ id, title, count, children }: { id: string; title: string; count?: number; children: ReactNode }) {
  return (
    <section className="card due-section" aria-labelledby={`due-${id}`}>
      <h2 id={`due-${id}`}>
        {title}
        {count !== undefined ? <span className="badge due-count">{count}</span> : null}
      </h2>
      <ul className="due-lines">{children}</ul>
    </section>
  );
}

function Line({ children, action }: { children: ReactNode; action: ReactNode }) {
  return (
    <li className="due-line">
      <span className="due-text">{children}</span>
      <span className="due-action">{action}</span>
    </li>
  );
}

function sessionHref(kind: 'workshop' | 'module', parentId: string, sessionId: string): string {
  return kind === 'workshop' ? `/ateliers/${parentId}/presences?seance=${sessionId}` : `/promotions/${parentId}/seances/${sessionId}`;
}

/** Automatic copies (desktop) and downloads (browser), read once the page is shown. */
function useBackupState(now: Date): BackupState | undefined {
  const manual = useLiveQuery(async () => ({ at: (await lastBackupAt()) ?? null }), []);
  const [desktop, setDesktop] = useState<{ desktop: boolean; newestAutomatic: string | null } | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void (async () => {
      const info = await getBridge().appInfo();
      const automatic = info.ok && info.value.automaticBackups;
      let newest: string | null = null;
      if (automatic) {
        const list = await getBridge().listBackups();
        if (list.ok) newest = list.value.filter((b) => b.mine !== false && b.kind !== 'before-restore').map((b) => b.createdAt).sort().at(-1) ?? null;
      }
      if (live) setDesktop({ desktop: automatic, newestAutomatic: newest });
    })().catch(() => live && setDesktop({ desktop: false, newestAutomatic: null }));
    return () => {
      live = false;
    };
  }, []);
  if (!desktop || !manual) return undefined;
  return backupState({ ...desktop, lastManual: manual.at }, now);
}

function backupText(t: Translate, locale: string, state: BackupState): string {
  if (state.kind === 'desktop') return state.newest ? t(state.stale ? 'agenda.backups.desktop.stale' : 'agenda.backups.desktop.ok', { date: formatDateTime(state.newest, locale) }) : t('agenda.backups.desktop.none');
  return state.lastManual ? t(state.stale ? 'agenda.backups.browser.stale' : 'agenda.backups.browser.ok', { date: formatDateTime(state.lastManual, locale) }) : t('agenda.backups.browser.none');
}

export default function DueList({ role }: { role: Role }) {
  const { t, locale } = useI18n();
  const now = useNow(60_000);
  const minute = now.toISOString().slice(0, 16);
  const due = useLiveQuery(() => computeDue(role, new Date(), getDb(), (c) => cohortTitle(t, c)), [role, minute, t]);
  const backups = useBackupState(now);
  const send = useSendDrafts();
  const [busy, setBusy] = useState<string | null>(null);
  const act = (key: string, build: Parameters<typeof send>[0]) => {
    setBusy(key);
    void send(build).finally(() => setBusy(null));
  };
  const day = (iso: string) => formatDay(iso, locale, 'long');
  const when = (start: string) => whenText(t, locale, start);

  if (!due) return <p aria-live="polite">{t('agenda.loading')}</p>;
  const d: Due = due;
  return (
    <div className="due">
      {isEmpty(d) ? <p className="alert">{t('agenda.empty')}</p> : null}

      {d.nextSessions.length > 0 ? (
        <Section id="next" title={t('agenda.next.title')}>
          {d.nextSessions.map((s) => (
            <Line
              key={s.sessionId}
              action={
                <Link href={sessionHref(s.kind, s.parentId, s.sessionId)} className="btn btn-small" aria-label={t('agenda.next.openFor', { title: s.title, when: when(s.start) })}>
                  {t('agenda.next.open')}
                </Link>
              }
            >
              <strong>{t('agenda.next.line', { title: s.title, when: when(s.start) })}</strong> <span className="muted">{t('agenda.next.people', { count: s.people })}</span>
            </Line>
          ))}
        </Section>
      ) : null}

      {d.incompleteSheets.length > 0 ? (
        <Section id="sheets" title={t('agenda.sheets.title')} count={d.incompleteSheets.length}>
          {d.incompleteSheets.map((s) => {
            const params = { title: s.title, day: day(s.date), halfDay: t(halfDayKey[s.halfDay]) };
            return (
              <Line
                key={`${s.sessionId}-${s.halfDay}`}
                action={
                  <Link href={sessionHref(s.kind, s.parentId, s.sessionId)} className="btn btn-small" aria-label={t('agenda.sheets.openFor', params)}>
                    {t('agenda.sheets.open')}
                  </Link>
                }
              >
                {t('agenda.sheets.line', { ...params, count: s.missing })}
              </Line>
            );
          })}
        </Section>
      ) : null}

      {d.convocations.length > 0 ? (
        <Section id="convocations" title={t('agenda.convocations.title')} count={d.convocations.length}>
          {d.convocations.map((c) => (
            <Line
              key={c.subjectId}
              action={
                <button
                  type="button"
                  className="btn btn-small btn-primary"
                  disabled={busy !== null}
                  aria-label={t('agenda.convocations.sendFor', { title: c.title })}
                  onClick={() => act(c.subjectId, (ctx) => (c.kind === 'workshop' ? workshopConvocations(c.subjectId, ctx, c.recordIds) : moduleConvocations(c.subjectId, ctx, c.recordIds)))}
                >
                  {t('agenda.convocations.send')}
                </button>
              }
            >
              <Link href={c.kind === 'workshop' ? `/ateliers/${c.parentId}/inscriptions` : `/promotions/${c.parentId}/modules`}>{t('agenda.convocations.line', { title: c.title, when: when(c.start), count: c.recordIds.length })}</Link>
            </Line>
          ))}
        </Section>
      ) : null}

      {d.reminders.length > 0 ? (
        <Section id="reminders" title={t('agenda.reminders.title')} count={d.reminders.length}>
          {d.reminders.map((r) => (
            <Line
              key={r.subjectId}
              action={
                <button
                  type="button"
                  className="btn btn-small btn-primary"
                  disabled={busy !== null}
                  aria-label={t('agenda.reminders.sendFor', { title: r.title, when: when(r.start) })}
                  onClick={() => act(r.subjectId, (ctx) => (r.kind === 'workshop' ? workshopReminders(r.subjectId, ctx, r.recordIds) : moduleReminders(r.subjectId, ctx, r.recordIds)))}
                >
                  {t('agenda.reminders.send')}
                </button>
              }
            >
              {t('agenda.reminders.line', { title: r.title, when: when(r.start), count: r.recordIds.length })}
            </Line>
          ))}
        </Section>
      ) : null}

      {d.followUps.length > 0 ? (
        <Section id="follow-ups" title={t('agenda.followUps.title')} count={d.followUps.length}>
          {d.followUps.map((f) => (
            <Line
              key={f.subjectId}
              action={
                <>
                  <button type="button" className="btn btn-small btn-primary" disabled={busy !== null} aria-label={t('agenda.followUps.sendFor', { title: f.title })} onClick={() => act(f.subjectId, (ctx) => followUpReminders(f.recordIds, ctx))}>
                    {t('agenda.followUps.send')}
                  </button>{' '}
                  <Link href={f.context === 'workshop' ? '/ateliers/suivis' : `/promotions/${f.parentId}/evaluations`} className="btn btn-small" aria-label={t('agenda.followUps.openFor', { title: f.title })}>
                    {t('agenda.followUps.open')}
                  </Link>
                </>
              }
            >
              {t('agenda.followUps.line', { title: f.title, count: f.count, date: formatDay(f.oldestDue, locale) })}
            </Line>
          ))}
        </Section>
      ) : null}

      {d.atRisk.length > 0 ? (
        <Section id="at-risk" title={t('agenda.atRisk.title')} count={d.atRisk.reduce((n, c) => n + c.people.length, 0)}>
          {d.atRisk.map((c) => (
            <li key={c.cohortId} className="due-line due-block">
              <span className="due-text">
                <Link href={`/promotions/${c.cohortId}/personnes`}>{t('agenda.atRisk.line', { title: c.title, count: c.people.length })}</Link>
              </span>
              <ul className="due-people">
                {c.people.map((p) => (
                  <li key={p.enrolmentId}>
                    <Link href={`/promotions/${c.cohortId}/personnes/${p.enrolmentId}`} aria-label={t('agenda.atRisk.personFor', { name: p.name })}>
                      {p.name}
                    </Link>{' '}
                    <span className="muted">— {p.risks.map((r) => t(r === 'consecutive' ? 'agenda.atRisk.consecutive' : 'agenda.atRisk.below')).join(', ')}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </Section>
      ) : null}

      {d.waiting.length > 0 ? (
        <Section id="waiting" title={t('agenda.waiting.title')} count={d.waiting.reduce((n, w) => n + w.waiting, 0)}>
          {d.waiting.map((w) => (
            <Line
              key={`${w.workshopId}-${w.start}`}
              action={
                <Link href={`/ateliers/${w.workshopId}/inscriptions`} className="btn btn-small" aria-label={t('agenda.waiting.openFor', { title: w.title })}>
                  {t('agenda.waiting.open')}
                </Link>
              }
            >
              {t('agenda.waiting.line', { title: w.title, when: when(w.start), count: w.waiting, left: w.placesLeft })}
            </Line>
          ))}
        </Section>
      ) : null}

      <Section id="backups" title={t('agenda.backups.title')}>
        <Line
          action={
            <Link href="/reglages/donnees" className="btn btn-small">
              {t('agenda.backups.open')}
            </Link>
          }
        >
          {backups ? <span className={backups.stale ? 'due-warn' : undefined}>{backupText(t, locale, backups)}</span> : t('app.loading')}
        </Line>
      </Section>
    </div>
  );
}

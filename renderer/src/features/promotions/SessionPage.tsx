/**
 * One module session (one half-day): attendance on screen with time-stamped
 * signatures (the shared sheet), or ticked from the paper sheet; the printable
 * feuille d'émargement (blank or signed) and the convocations.
 */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { getProfile } from '../../db/settings';
import type { AttendanceStatus } from '../../domain/attendance';
import { useI18n } from '../../i18n';
import { moduleSlot, slotNotice } from '../../domain/date-rules';
import { AttendanceSheet, halfDayLabel, statusLabel } from '../../shared/attendance/AttendanceSheet';
import { refusalText } from '../../shared/attendance/dateRuleText';
import { ReasonDialog, SlotNoticeBar } from '../../shared/attendance/SlotNotice';
import { useNow } from '../../shared/attendance/useNow';
import { PrintOverlay } from '../../shared/attendance/PrintOverlay';
import { SignInSheetPrint } from '../../shared/attendance/SignInSheetPrint';
import { fileNameFrom } from '../../shared/files';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { useToast } from '../../ui/Toast';
import { parisToday } from '../../domain/date-rules';
import { useOrganisation } from '../settings/MissingOrganisation';
import { Convocation } from './documents';
import { cohortTitle, formatDate } from './labels';
import { markAttendance } from './repository';
import { FormError } from './validation';
import type { CohortData } from './useCohortData';
import { clockTime, durationFromHours } from '../../i18n/format';

const STATUSES: AttendanceStatus[] = ['present', 'absent', 'excuse'];

export default function SessionPage({ data, sessionId }: { data: CohortData; sessionId: string }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const cohort = data.cohort!;
  const session = data.sessions.find((s) => s.id === sessionId);
  const module = data.modules.find((m) => m.id === session?.moduleId);
  const profile = useLiveQuery(() => getProfile(), []);
  const [mode, setMode] = useState<'screen' | 'paper'>('screen');
  const [printing, setPrinting] = useState<'blank' | 'signed' | 'convocations' | null>(null);
  // a ticked mark shows at once (the stored row catches up a moment later); a refused one is dropped
  const [ticked, setTicked] = useState<Record<string, AttendanceStatus>>({});
  const [lateReason, setLateReason] = useState('');
  const [unsetting, setUnsetting] = useState<{ personId: string; name: string } | null>(null);
  const now = useNow();
  const organisation = useOrganisation();

  // expected that day: enrolled, and not gone before it
  const people = useMemo(
    () =>
      session
        ? data.people
            .filter((p) => !p.enrolment.withdrawnAt || p.enrolment.withdrawnAt > session.date)
            .map((p) => ({ personId: p.enrolment.animatorId, name: p.name, subtitle: p.animator?.structureName ?? '', structure: p.animator?.structureName ?? '' }))
        : [],
    [data.people, session],
  );

  if (!session || !module)
    return (
      <>
        <p>{t('cohorts.session.notFound')}</p>
        <Link href="/modules">{t('cohorts.tab.modules')}</Link>
      </>
    );

  const leaderName = module.trainer || cohort.trainers[0] || profile?.name || t('cohorts.session.trainerUnknown');
  const place = module.place || cohort.places[0] || '';
  const title = `${cohortTitle(t, cohort)} — ${module.title}`;
  const label = `${formatDate(locale, session.date)} ${t(halfDayLabel[session.halfDay])}`;

  const slot = moduleSlot(session);
  const notOpen = slotNotice(slot, now).kind === 'not-open';

  async function tick(animatorId: string, status: AttendanceStatus | null, reason = lateReason.trim()) {
    if (status) setTicked((m) => ({ ...m, [animatorId]: status }));
    try {
      await markAttendance(session!.id, animatorId, status, { reason });
      return true;
    } catch (e) {
      setTicked(({ [animatorId]: _failed, ...rest }) => rest);
      if (e instanceof FormError) toast(t(Object.values(e.errors)[0] as Parameters<typeof t>[0]), { kind: 'error' });
      else toast(refusalText(t, locale, e), { kind: 'error' });
      return false;
    } finally {
      if (!status) setTicked(({ [animatorId]: _cleared, ...rest }) => rest);
    }
  }

  return (
    <>
      <h2>
        {module.title} — {formatDate(locale, session.date, true)}, {t(halfDayLabel[session.halfDay])}
      </h2>
      <p className="muted">
        {t('cohorts.timeRange', { start: clockTime(session.start, locale), end: clockTime(session.end, locale) })} · {durationFromHours(session.hours, locale)} · {place || '—'} · {t('cohorts.module.trainer')} : {leaderName}
      </p>
      <div className="toolbar no-print" style={{ marginBottom: '1rem' }}>
        <button type="button" className="btn" onClick={() => setPrinting('blank')}>
          {t('cohorts.session.printBlank')}
        </button>
        <button type="button" className="btn" onClick={() => setPrinting('signed')}>
          {t('cohorts.session.printSigned')}
        </button>
        <button type="button" className="btn" onClick={() => setPrinting('convocations')} disabled={people.length === 0}>
          {t('cohorts.session.convocations')}
        </button>
      </div>

      {people.length === 0 ? (
        <EmptyState>{t('cohorts.session.nobody')}</EmptyState>
      ) : (
        <>
          <fieldset className="toolbar">
            <legend>{t('cohorts.session.mode')}</legend>
            <label>
              <input type="radio" name="attendance-mode" checked={mode === 'screen'} onChange={() => setMode('screen')} /> {t('cohorts.session.mode.screen')}
            </label>
            <label>
              <input type="radio" name="attendance-mode" checked={mode === 'paper'} onChange={() => setMode('paper')} /> {t('cohorts.session.mode.paper')}
            </label>
          </fieldset>
          {mode === 'paper' ? <SlotNoticeBar slot={slot} now={now} reason={lateReason} onReason={setLateReason} /> : null}
          {mode === 'screen' ? (
            <AttendanceSheet context="module" sessionId={session.id} halfDays={[session.halfDay]} people={people} leaderName={leaderName} leaderRole="formateur" />
          ) : (
            <DataTable
              caption={t('cohorts.paper.caption', { session: label })}
              captionVisible
              rows={people}
              rowKey={(p) => p.personId}
              columns={[
                { id: 'name', header: t('cohorts.people.name'), rowHeader: true, minRem: 11, cell: (p) => p.name },
                {
                  id: 'mark',
                  header: t('cohorts.paper.mark'),
                  minRem: 22,
                  cell: (p) => {
                    const mark = ticked[p.personId] ?? data.grid.get(p.personId)?.get(session.id);
                    return (
                      <fieldset className="toolbar" style={{ border: 'none', padding: 0, margin: 0 }}>
                        <legend className="visually-hidden">{t('cohorts.paper.markOf', { name: p.name })}</legend>
                        {STATUSES.map((s) => (
                          <label key={s}>
                            <input type="radio" name={`paper-${p.personId}`} checked={mark === s} disabled={notOpen && s !== 'excuse'} onChange={() => void tick(p.personId, s)} /> {t(statusLabel[s])}
                          </label>
                        ))}
                        {mark ? (
                          <button type="button" className="btn btn-small" aria-label={t('dates.unset.for', { name: p.name })} onClick={() => setUnsetting({ personId: p.personId, name: p.name })}>
                            {t('dates.unset')}
                          </button>
                        ) : null}
                      </fieldset>
                    );
                  },
                },
              ]}
            />
          )}
        </>
      )}

      {unsetting ? (
        <ReasonDialog
          title={t('dates.unset.title', { name: unsetting.name })}
          hint={t('dates.unset.hint')}
          confirmLabel={t('dates.unset')}
          onClose={() => setUnsetting(null)}
          onConfirm={(why) => {
            const who = unsetting;
            setUnsetting(null);
            void tick(who.personId, null, why).then((done) => done && toast(t('dates.unset.done', { name: who.name })));
          }}
        />
      ) : null}
      {printing === 'blank' || printing === 'signed' ? (
        <PrintOverlay title={t('cohorts.session.sheetTitle')} fileName={fileNameFrom(`${t('cohorts.session.sheetFile')} ${module.title} ${session.date} ${session.halfDay}`, 'pdf')} onClose={() => setPrinting(null)} paperwork="sign-in-sheet">
          <SignInSheetPrint
            title={title}
            date={session.date}
            start={session.start}
            end={session.end}
            place={place}
            leaderName={leaderName}
            trainers={[...new Set([leaderName, ...cohort.trainers])]}
            leaderRole="formateur"
            halfDay={session.halfDay}
            context="module"
            sessionId={session.id}
            people={people}
            withSignatures={printing === 'signed'}
          />
        </PrintOverlay>
      ) : null}
      {printing === 'convocations' ? (
        <PrintOverlay title={t('cohorts.convocation.title')} fileName={fileNameFrom(`${t('cohorts.convocation.title')} ${module.title} ${session.date}`, 'pdf')} onClose={() => setPrinting(null)} paperwork="convocation">
          {people.map((p) => (
            <Convocation key={p.personId} cohort={cohort} module={module} session={session} name={p.name} structure={p.structure} place={place} trainer={leaderName} organisation={organisation} issuedOn={parisToday(now)} />
          ))}
        </PrintOverlay>
      ) : null}
    </>
  );
}

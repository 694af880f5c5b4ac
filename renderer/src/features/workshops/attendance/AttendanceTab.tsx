/**
 * On the day: pick a session, take attendance and signatures per half-day with
 * the shared sheet, add a walk-in participant, print the sign-in sheet (blank or
 * pre-filled), export participants and attendance as CSV.
 */
import { useCallback, useId, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useSearch } from 'wouter';
import { getProfile } from '../../../db/settings';
import type { HalfDay } from '../../../domain/common';
import { workshopSlot } from '../../../domain/date-rules';
import type { Workshop } from '../../../domain/workshops';
import { useI18n } from '../../../i18n';
import { AttendanceSheet, halfDayLabel } from '../../../shared/attendance/AttendanceSheet';
import { PrintOverlay } from '../../../shared/attendance/PrintOverlay';
import { SignInSheetPrint } from '../../../shared/attendance/SignInSheetPrint';
import { halfDaysOf, listAttendanceOf } from '../../../shared/attendance/repository';
import { fileNameFrom, saveCsv } from '../../../shared/files';
import { EmptyState } from '../../../ui/PageHeader';
import { useToast } from '../../../ui/Toast';
import { createWalkIn, displayName, getProvider, searchProviders } from '../../providers/repository';
import { placeText } from '../registrations/Convocation';
import { listSessions, registrationRows } from '../registrations/queries';
import { register } from '../registrations/repository';
import { expectedAt } from '../registrations/rules';
import { attendanceColumns, participantColumns, type AttendanceCsvRow } from './exports';
import { clockTime } from '../../../i18n/format';

export default function AttendanceTab({ workshop }: { workshop: Workshop }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const id = useId();
  const sessions = useLiveQuery(() => listSessions(workshop.id), [workshop.id]);
  const rows = useLiveQuery(() => registrationRows(workshop.id), [workshop.id]);
  const profile = useLiveQuery(() => getProfile(), []);
  const [chosen, setChosen] = useState<string | null>(null);
  const [printing, setPrinting] = useState<{ halfDay: HalfDay; withSignatures: boolean } | null>(null);

  // « ?seance=<id> »: the session a link (the home page's « À faire ») opens on
  const linked = new URLSearchParams(useSearch()).get('seance');
  const session = sessions?.find((s) => s.id === chosen) ?? sessions?.find((s) => s.id === linked) ?? sessions?.find((s) => !s.cancelled) ?? sessions?.[0];
  const leaderName = workshop.animators[0] ?? profile?.name ?? '';
  // people expected at this session: registered and excused, for the whole workshop or this
  // session (walk-ins are registered on arrival)
  const people = useMemo(
    () =>
      (rows ?? [])
        .filter((r) => r.person && session && expectedAt(r.registration, session.id) && (r.registration.status === 'inscrit' || r.registration.status === 'excuse'))
        .map((r) => ({ personId: r.registration.personId, name: displayName(r.person!), structure: r.person!.structure, subtitle: r.person!.structure }))
        .sort((a, b) => a.name.localeCompare(b.name, 'fr')),
    [rows, session],
  );

  /** A walk-in known to the directory keeps their record (e-mail, structure); a new name creates one. */
  async function addWalkIn(walkIn: { name: string; personId?: string }) {
    const person = walkIn.personId ? await getProvider(walkIn.personId) : await createWalkIn(walkIn.name);
    if (!person) throw new Error('person not found');
    await register(workshop, person.id, { walkIn: true, sessionId: session?.id ?? null });
    return { personId: person.id, name: displayName(person) };
  }

  const findKnown = useCallback(async (query: string) => (await searchProviders(query, 6)).map((p) => ({ personId: p.id, name: displayName(p), subtitle: [p.structure, p.email].filter(Boolean).join(' · ') })), []);

  async function exportParticipants() {
    const result = await saveCsv(fileNameFrom(`${t('csv.file.participants')} ${workshop.title}`, 'csv'), rows ?? [], participantColumns(t, sessions ?? []));
    if (!result.ok) toast(t('common.error.generic', { detail: result.error }), { kind: 'error' });
  }

  async function exportAttendance() {
    const all = sessions ?? [];
    const attendance = await listAttendanceOf('workshop', all.map((s) => s.id));
    const structures = new Map((rows ?? []).map((r) => [r.registration.personId, r.person?.structure ?? '']));
    const data: AttendanceCsvRow[] = attendance
      .map((row) => ({ row, session: all.find((s) => s.id === row.sessionId)!, structure: structures.get(row.personId) ?? '' }))
      .filter((r) => r.session !== undefined)
      .sort((a, b) => a.session.start.localeCompare(b.session.start) || a.row.halfDay.localeCompare(b.row.halfDay) || a.row.personName.localeCompare(b.row.personName, 'fr'));
    const result = await saveCsv(fileNameFrom(`${t('csv.file.attendance')} ${workshop.title}`, 'csv'), data, attendanceColumns(t));
    if (!result.ok) toast(t('common.error.generic', { detail: result.error }), { kind: 'error' });
  }

  if (!sessions) return <p>{t('app.loading')}</p>;
  const exportsBar = (
    <div className="toolbar" style={{ marginBottom: '1rem' }}>
      <button type="button" className="btn" onClick={() => void exportParticipants()}>
        {t('attendance.export.participants')}
      </button>
      <button type="button" className="btn" onClick={() => void exportAttendance()}>
        {t('attendance.export.attendance')}
      </button>
    </div>
  );
  if (!session)
    return (
      <>
        {exportsBar}
        <EmptyState>{t('attendance.noSession')}</EmptyState>
      </>
    );
  const halfDays = halfDaysOf(session.start, session.end);
  const day = (iso: string) => new Date(`${iso.slice(0, 10)}T12:00:00`).toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return (
    <div className="attendance-tab">
      {exportsBar}
      {sessions.length > 1 ? (
        <div className="field" style={{ maxWidth: 420 }}>
          <label htmlFor={`${id}-session`}>{t('attendance.session')}</label>
          <select id={`${id}-session`} value={session.id} onChange={(e) => setChosen(e.target.value)}>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {t('attendance.sessionOption', { day: day(s.start), start: clockTime(s.start, locale), end: clockTime(s.end, locale) })}
                {s.cancelled ? ` (${t('attendance.sessionCancelled')})` : ''}
              </option>
            ))}
          </select>
        </div>
      ) : (
        <p>
          <strong>{t('attendance.sessionOption', { day: day(session.start), start: clockTime(session.start, locale), end: clockTime(session.end, locale) })}</strong>
        </p>
      )}
      <div className="toolbar" style={{ marginBottom: '1rem' }} role="group" aria-label={t('attendance.print.group')}>
        {halfDays.map((h) => (
          <span key={h} className="toolbar">
            <button type="button" className="btn" onClick={() => setPrinting({ halfDay: h, withSignatures: false })}>
              {t('attendance.print.blank', { halfDay: t(halfDayLabel[h]) })}
            </button>
            <button type="button" className="btn" onClick={() => setPrinting({ halfDay: h, withSignatures: true })}>
              {t('attendance.print.signed', { halfDay: t(halfDayLabel[h]) })}
            </button>
          </span>
        ))}
      </div>
      {people.length === 0 ? <p className="muted">{t('attendance.nobody')}</p> : null}
      <AttendanceSheet key={session.id} context="workshop" sessionId={session.id} halfDays={halfDays} people={people} leaderName={leaderName} leaderRole="animateur" onAddWalkIn={addWalkIn} findKnown={findKnown} />
      {printing ? (
        <PrintOverlay title={t('sheet.title')} fileName={fileNameFrom(`Emargement ${workshop.title} ${session.start.slice(0, 10)} ${printing.halfDay}`, 'pdf')} onClose={() => setPrinting(null)} paperwork="sign-in-sheet">
          <SignInSheetPrint
            title={workshop.title}
            date={session.start.slice(0, 10)}
            start={workshopSlot(session, printing.halfDay).start}
            end={workshopSlot(session, printing.halfDay).end}
            place={placeText(workshop)}
            trainers={workshop.animators.length > 0 ? workshop.animators : [leaderName]}
            leaderName={leaderName}
            leaderRole="animateur"
            halfDay={printing.halfDay}
            context="workshop"
            sessionId={session.id}
            people={people}
            withSignatures={printing.withSignatures}
          />
        </PrintOverlay>
      ) : null}
    </div>
  );
}


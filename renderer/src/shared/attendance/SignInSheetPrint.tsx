/**
 * The feuille d'émargement of one half-day, on A4 pages: organiser (the
 * organisation's letterhead), title, date and half-day, start–end and duration,
 * place, trainer(s); one row per person with a signature box; the trainer's box and
 * the footnote on the last page; « page 1/2 » on each. The pre-filled version shows
 * the on-screen signatures with their time stamps, typed attestations as readable
 * text, and a-posteriori entries with their reason.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Attendance } from '../../domain/attendance';
import type { HalfDay } from '../../domain/common';
import { slotMinutes } from '../../domain/date-rules';
import { useI18n } from '../../i18n';
import { useOrganisation } from '../../features/settings/MissingOrganisation';
import { PrintPage } from '../print/PrintPage';
import { paginate } from '../print/paginate';
import { halfDayLabel, markLabel } from './AttendanceSheet';
import { clockTime, longDay } from './dateRuleText';
import { listSessionAttendance } from './repository';

export interface SignInSheetPrintProps {
  title: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM of this half-day */
  start: string;
  end: string;
  place: string;
  /** everyone leading the session; the first signs the sheet */
  trainers?: string[];
  leaderName: string;
  leaderRole: 'animateur' | 'formateur';
  halfDay: HalfDay;
  context: 'workshop' | 'module';
  sessionId: string;
  people: { personId: string; name: string; structure?: string }[];
  withSignatures: boolean;
}

/** « 3 h 30 » of minutes. */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
}

export function SignInSheetPrint(props: SignInSheetPrintProps) {
  const { t, locale } = useI18n();
  const organisation = useOrganisation();
  const rows = useLiveQuery(() => (props.withSignatures ? listSessionAttendance(props.context, props.sessionId) : Promise.resolve([] as Attendance[])), [props.withSignatures, props.context, props.sessionId]);
  const ofHalfDay = new Map((rows ?? []).filter((r) => r.halfDay === props.halfDay).map((r) => [`${r.role}:${r.personId}`, r]));
  const stamp = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Paris' });
  const leader = ofHalfDay.get(`animateur:${props.leaderName}`);
  const trainers = props.trainers && props.trainers.length > 0 ? props.trainers : [props.leaderName];
  const pages = paginate(props.people);
  const minutes = slotMinutes({ date: props.date, start: props.start, end: props.end });

  function box(row: Attendance | undefined) {
    if (!props.withSignatures || !row) return null;
    const late = row.aPosteriori ? <span className="late">{t('dates.aPosteriori.badge', { date: stamp(row.aPosteriori.at), reason: row.aPosteriori.reason })}</span> : null;
    if (row.signature)
      return (
        <>
          {row.signature.method === 'typed' ? (
            <span className="typed">{t('print.sheet.typedName', { name: row.personName })}</span>
          ) : (
            <img src={row.signature.image} alt={t('attendance.signatureOf', { name: row.personName })} />
          )}
          <span className="stamp">{t(row.signature.method === 'typed' ? 'sheet.typedStamp' : 'sheet.signedStamp', { at: stamp(row.signature.signedAt) })}</span>
          {late}
        </>
      );
    return (
      <>
        {row.status === 'present' || row.status === null ? null : <span>{t(markLabel(row.status))}</span>}
        {row.status === 'present' ? <span>{t('print.sheet.presentNoSignature')}</span> : null}
        {late}
      </>
    );
  }

  let number = 0;
  return (
    <>
      {pages.map((page, index) => {
        const last = index === pages.length - 1;
        return (
          <PrintPage
            key={index}
            label={pages.length > 1 ? t('print.sheet.pageLabel', { page: index + 1, pages: pages.length }) : t('sheet.title')}
            className="sign-in"
            organisation={organisation}
            footer={
              <>
                {props.title} — {longDay(locale, props.date)}, {t(halfDayLabel[props.halfDay])}
              </>
            }
            page={{ index, count: pages.length }}
          >
            <h2>{t('sheet.title')}</h2>
            <p style={{ fontSize: '12pt', fontWeight: 600 }}>{props.title}</p>
            <dl className="doc-facts">
              <dt>{t('print.sheet.organiser')}</dt>
              <dd>{organisation.name || '—'}</dd>
              <dt>{t('sheet.date')}</dt>
              <dd>
                {longDay(locale, props.date)} — {t(halfDayLabel[props.halfDay])}
              </dd>
              <dt>{t('sheet.times')}</dt>
              <dd>{t('print.sheet.times', { start: clockTime(locale, props.start), end: clockTime(locale, props.end), duration: durationText(minutes) })}</dd>
              <dt>{t('sheet.place')}</dt>
              <dd>{props.place || '—'}</dd>
              <dt>{t(props.leaderRole === 'animateur' ? 'sheet.animateur' : 'sheet.formateur')}</dt>
              <dd>{trainers.join(', ')}</dd>
            </dl>
            <table className="sheet-table">
              <thead>
                <tr>
                  <th scope="col" style={{ width: '2rem' }}>
                    {t('sheet.number')}
                  </th>
                  <th scope="col">{t('sheet.name')}</th>
                  <th scope="col">{t('sheet.structure')}</th>
                  <th scope="col">{t('sheet.signature')}</th>
                </tr>
              </thead>
              <tbody>
                {page.map((p) => {
                  number += 1;
                  return (
                    <tr key={p.personId}>
                      <td>{number}</td>
                      <td>{p.name}</td>
                      <td>{p.structure ?? ''}</td>
                      <td className="sheet-sign">{box(ofHalfDay.get(`participant:${p.personId}`))}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            {last ? (
              <>
                <div className="sheet-leader">
                  <strong>{t(props.leaderRole === 'animateur' ? 'sheet.leaderSignature.animateur' : 'sheet.leaderSignature.formateur', { name: props.leaderName })}</strong>
                  <div>{box(leader)}</div>
                </div>
                <p style={{ fontSize: '8pt' }}>{t(props.withSignatures ? 'sheet.footer.signed' : 'sheet.footer.blank')}</p>
              </>
            ) : null}
          </PrintPage>
        );
      })}
    </>
  );
}

/**
 * The feuille d'émargement of one half-day: title, date, times, place, leader,
 * one row per person with a signature box, and the leader's box. The pre-filled
 * version shows the on-screen signatures with their time stamps, and says which
 * ones were typed attestations.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { Attendance } from '../../domain/attendance';
import type { HalfDay } from '../../domain/common';
import { useI18n } from '../../i18n';
import { halfDayLabel, markLabel } from './AttendanceSheet';
import { listSessionAttendance } from './repository';
import './sign-in-sheet.css';

export interface SignInSheetPrintProps {
  title: string;
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  start: string;
  end: string;
  place: string;
  leaderName: string;
  leaderRole: 'animateur' | 'formateur';
  halfDay: HalfDay;
  context: 'workshop' | 'module';
  sessionId: string;
  people: { personId: string; name: string; structure?: string }[];
  withSignatures: boolean;
}

export function SignInSheetPrint(props: SignInSheetPrintProps) {
  const { t, locale } = useI18n();
  const rows = useLiveQuery(() => (props.withSignatures ? listSessionAttendance(props.context, props.sessionId) : Promise.resolve([] as Attendance[])), [props.withSignatures, props.context, props.sessionId]);
  const ofHalfDay = new Map((rows ?? []).filter((r) => r.halfDay === props.halfDay).map((r) => [`${r.role}:${r.personId}`, r]));
  const stamp = (iso: string) => new Date(iso).toLocaleString(locale, { dateStyle: 'short', timeStyle: 'short' });
  const longDate = new Date(`${props.date}T12:00:00`).toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const leader = ofHalfDay.get(`animateur:${props.leaderName}`);

  function box(row: Attendance | undefined) {
    if (!props.withSignatures || !row) return null;
    if (row.signature)
      return (
        <>
          <img src={row.signature.image} alt={t('attendance.signatureOf', { name: row.personName })} />
          <span className="stamp">{t(row.signature.method === 'typed' ? 'sheet.typedStamp' : 'sheet.signedStamp', { at: stamp(row.signature.signedAt) })}</span>
        </>
      );
    return row.status === 'present' || row.status === null ? null : <span>{t(markLabel(row.status))}</span>;
  }

  return (
    <article className="sign-in-sheet" aria-label={t('sheet.title')}>
      <h2>{t('sheet.title')}</h2>
      <p style={{ margin: 0, fontSize: '13pt' }}>{props.title}</p>
      <dl>
        <dt>{t('sheet.date')}</dt>
        <dd>
          {longDate} — {t(halfDayLabel[props.halfDay])}
        </dd>
        <dt>{t('sheet.times')}</dt>
        <dd>{t('sheet.timeRange', { start: props.start, end: props.end })}</dd>
        <dt>{t('sheet.place')}</dt>
        <dd>{props.place || '—'}</dd>
        <dt>{t(props.leaderRole === 'animateur' ? 'sheet.animateur' : 'sheet.formateur')}</dt>
        <dd>{props.leaderName}</dd>
      </dl>
      <table>
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
          {props.people.map((p, i) => (
            <tr key={p.personId}>
              <td>{i + 1}</td>
              <td>{p.name}</td>
              <td>{p.structure ?? ''}</td>
              <td className="signature-box">{box(ofHalfDay.get(`participant:${p.personId}`))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="leader-box">
        <strong>{t(props.leaderRole === 'animateur' ? 'sheet.leaderSignature.animateur' : 'sheet.leaderSignature.formateur', { name: props.leaderName })}</strong>
        <div>{box(leader)}</div>
      </div>
      <p style={{ fontSize: '8pt', marginTop: '0.75rem' }}>{t(props.withSignatures ? 'sheet.footer.signed' : 'sheet.footer.blank')}</p>
    </article>
  );
}

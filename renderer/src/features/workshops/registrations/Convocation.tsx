/**
 * The convocation of a registered participant, one A4 page: the sender's letterhead,
 * place and date, « Bonjour Prénom Nom, », the dates and clock times, the place and
 * its access, the programme with the clock time of each step, the contact, the
 * signature.
 */
import type { Provider } from '../../../domain/people';
import type { AgendaStep, Workshop, WorkshopSession } from '../../../domain/workshops';
import { useI18n } from '../../../i18n';
import { clockTime, longDay } from '../../../shared/attendance/dateRuleText';
import { A4Page, Letterhead, LetterSignature } from '../../../shared/print/Letterhead';
import type { Organisation } from '../../settings/organisation';
import { displayName } from '../../providers/repository';
import { timeOf } from './queries';

export function placeText(w: Workshop): string {
  return [w.place.room, w.place.address, w.place.communeName].filter(Boolean).join(', ');
}

/** HH:MM plus minutes, within the day. */
function addMinutes(hhmm: string, minutes: number): string {
  const total = Math.min(24 * 60 - 1, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5)) + minutes);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

/** Each step of the agenda with its clock times, counted from the session's start. */
export function timedAgenda(agenda: readonly AgendaStep[], start: string): { step: AgendaStep; from: string; to: string }[] {
  let at = start;
  return agenda.map((step) => {
    const from = at;
    at = addMinutes(at, step.minutes);
    return { step, from, to: at };
  });
}

export function Convocation({ workshop, sessions, person, organisation, issuedOn }: { workshop: Workshop; sessions: WorkshopSession[]; person: Provider; organisation: Organisation; issuedOn: string }) {
  const { t, locale } = useI18n();
  const held = sessions.filter((s) => !s.cancelled);
  const first = held[0];
  const name = displayName(person);
  return (
    <A4Page label={t('print.convocation.of', { name })}>
      <Letterhead organisation={organisation} />
      <p style={{ textAlign: 'right' }}>{t('print.convocation.placeDate', { town: organisation.town || organisation.defaultTown || '…', date: longDay(locale, issuedOn) })}</p>
      <p>
        <strong>{name}</strong>
        {person.structure ? (
          <>
            <br />
            {person.structure}
          </>
        ) : null}
      </p>
      <h2>{t('print.convocation.subject', { title: workshop.title })}</h2>
      <p>{t('print.convocation.salutation', { name })}</p>
      <p>{t('convocation.intro', { title: workshop.title })}</p>
      <dl className="doc-facts">
        <dt>{t('convocation.when')}</dt>
        <dd>
          {held.map((s) => (
            <div key={s.id}>{t('print.convocation.slot', { day: longDay(locale, s.start), start: clockTime(locale, timeOf(s.start)), end: clockTime(locale, timeOf(s.end)) })}</div>
          ))}
        </dd>
        <dt>{t('sheet.place')}</dt>
        <dd>{placeText(workshop) || '—'}</dd>
        {workshop.accessibility ? (
          <>
            <dt>{t('print.convocation.access')}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{workshop.accessibility}</dd>
          </>
        ) : null}
        {workshop.prerequisites ? (
          <>
            <dt>{t('convocation.prerequisites')}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{workshop.prerequisites}</dd>
          </>
        ) : null}
        <dt>{t('convocation.contact')}</dt>
        <dd>{workshop.contact || [organisation.phone, organisation.email].filter(Boolean).join(' · ') || '—'}</dd>
      </dl>
      {workshop.objectives ? (
        <>
          <h3>{t('convocation.objectives')}</h3>
          <p style={{ whiteSpace: 'pre-wrap' }}>{workshop.objectives}</p>
        </>
      ) : null}
      {workshop.agenda.length > 0 && first ? (
        <>
          <h3>{t('convocation.programme')}</h3>
          <table>
            <tbody>
              {timedAgenda(workshop.agenda, timeOf(first.start)).map(({ step, from, to }) => (
                <tr key={step.id}>
                  <th scope="row" style={{ whiteSpace: 'nowrap', width: '8rem' }}>
                    {t('print.convocation.clock', { start: clockTime(locale, from), end: clockTime(locale, to) })}
                  </th>
                  <td>{step.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : workshop.description ? (
        <>
          <h3>{t('convocation.programme')}</h3>
          <p style={{ whiteSpace: 'pre-wrap' }}>{workshop.description}</p>
        </>
      ) : null}
      <p style={{ marginTop: '0.75rem' }}>{t('print.convocation.closing')}</p>
      <LetterSignature organisation={organisation} />
    </A4Page>
  );
}

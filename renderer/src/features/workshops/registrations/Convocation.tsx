/** The convocation of a registered participant: date, times, place, programme, contact, access. */
import type { Provider } from '../../../domain/people';
import type { Workshop, WorkshopSession } from '../../../domain/workshops';
import { useI18n } from '../../../i18n';
import { displayName } from '../../providers/repository';
import { timeOf } from './queries';

export function placeText(w: Workshop): string {
  return [w.place.room, w.place.address, w.place.communeName].filter(Boolean).join(', ');
}

export function Convocation({ workshop, sessions, person }: { workshop: Workshop; sessions: WorkshopSession[]; person: Provider }) {
  const { t, locale } = useI18n();
  const day = (s: WorkshopSession) => new Date(`${s.start.slice(0, 10)}T12:00:00`).toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  return (
    <article className="sign-in-sheet" aria-label={t('convocation.title')}>
      <h2>{t('convocation.title')}</h2>
      <p>
        {t('convocation.greeting', { name: displayName(person) })}
        {person.structure ? ` (${person.structure})` : ''}
      </p>
      <p>{t('convocation.intro', { title: workshop.title })}</p>
      <dl>
        <dt>{t('convocation.when')}</dt>
        <dd>
          <ul style={{ margin: 0, paddingLeft: '1rem' }}>
            {sessions
              .filter((s) => !s.cancelled)
              .map((s) => (
                <li key={s.id}>{t('convocation.slot', { day: day(s), start: timeOf(s.start), end: timeOf(s.end) })}</li>
              ))}
          </ul>
        </dd>
        <dt>{t('sheet.place')}</dt>
        <dd>{placeText(workshop) || '—'}</dd>
        {workshop.objectives ? (
          <>
            <dt>{t('convocation.objectives')}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{workshop.objectives}</dd>
          </>
        ) : null}
        {workshop.prerequisites ? (
          <>
            <dt>{t('convocation.prerequisites')}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{workshop.prerequisites}</dd>
          </>
        ) : null}
        {workshop.accessibility ? (
          <>
            <dt>{t('convocation.accessibility')}</dt>
            <dd style={{ whiteSpace: 'pre-wrap' }}>{workshop.accessibility}</dd>
          </>
        ) : null}
        <dt>{t('convocation.contact')}</dt>
        <dd>{workshop.contact || '—'}</dd>
      </dl>
      {workshop.agenda.length > 0 ? (
        <>
          <h3>{t('convocation.programme')}</h3>
          <ol>
            {workshop.agenda.map((step) => (
              <li key={step.id}>
                {step.title} {t('convocation.minutes', { minutes: step.minutes })}
              </li>
            ))}
          </ol>
        </>
      ) : workshop.description ? (
        <>
          <h3>{t('convocation.programme')}</h3>
          <p style={{ whiteSpace: 'pre-wrap' }}>{workshop.description}</p>
        </>
      ) : null}
    </article>
  );
}

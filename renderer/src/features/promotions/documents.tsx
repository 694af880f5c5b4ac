/**
 * The paperwork, ready to print: the attestation de fin de formation /
 * certificat de réalisation of one person, and the convocation to a session.
 * Evaluation results appear only for modules where an evaluation was planned.
 */
import type { Cohort, CohortModule, ModuleSession } from '../../domain/cohorts';
import { useI18n } from '../../i18n';
import { halfDayLabel } from '../../shared/attendance/AttendanceSheet';
import { cohortTitle, formatDate, formatHours } from './labels';
import { expectedSessions, sumHours } from './progress';
import type { EnrolledPerson } from './repository';
import type { CohortData } from './useCohortData';

export function Attestation({ data, person, issuedOn }: { data: CohortData; person: EnrolledPerson; issuedOn: string }) {
  const { t, locale } = useI18n();
  const cohort = data.cohort!;
  const marks = data.grid.get(person.enrolment.animatorId);
  const mine = expectedSessions(data.sessions, person.enrolment);
  const progress = data.progress.get(person.enrolment.animatorId);
  const days = new Set(mine.map((s) => s.date)).size;
  const signer = cohort.trainers[0] ?? '';
  const perModule = data.modules.map((m) => {
    const sessions = mine.filter((s) => s.moduleId === m.id);
    return { module: m, planned: sumHours(sessions), attended: sumHours(sessions.filter((s) => marks?.get(s.id) === 'present')) };
  });
  const evaluated = data.modules.filter((m) => m.evaluationPlanned && m.criteria.length > 0);
  const h = (n: number) => `${formatHours(locale, n)} h`;
  return (
    <article className="cohort-document" aria-label={t('cohorts.attestation.of', { name: person.name })}>
      <h2>{t('cohorts.attestation.title')}</h2>
      <p>
        {t('cohorts.attestation.intro', { signer: signer || '…', body: cohort.trainingBody || cohort.organiser || '…' })}
      </p>
      <p style={{ fontSize: '13pt' }}>
        <strong>{person.name}</strong>
        {person.animator?.structureName ? <>, {person.animator.structureName}</> : null}
      </p>
      <p>{t('cohorts.attestation.followed')}</p>
      <table>
        <tbody>
          <tr>
            <th scope="row">{t('cohorts.attestation.training')}</th>
            <td>
              {cohort.targetPath || cohortTitle(t, cohort)} ({cohortTitle(t, cohort)})
            </td>
          </tr>
          <tr>
            <th scope="row">{t('cohorts.attestation.nature')}</th>
            <td>{cohort.nature || t('cohorts.attestation.natureDefault')}</td>
          </tr>
          <tr>
            <th scope="row">{t('cohorts.attestation.dates')}</th>
            <td>{t('cohorts.dateRange', { start: formatDate(locale, cohort.startDate), end: formatDate(locale, cohort.endDate) })}</td>
          </tr>
          <tr>
            <th scope="row">{t('cohorts.attestation.duration')}</th>
            <td>{t('cohorts.attestation.durationValue', { hours: h(progress?.plannedHours ?? 0), days })}</td>
          </tr>
          <tr>
            <th scope="row">{t('cohorts.attestation.attended')}</th>
            <td>
              <strong>{h(progress?.attendedHours ?? 0)}</strong>
            </td>
          </tr>
          <tr>
            <th scope="row">{t('cohorts.attestation.places')}</th>
            <td>{[...new Set([...cohort.places, ...data.modules.map((m) => m.place).filter(Boolean)])].join(' ; ') || '—'}</td>
          </tr>
          <tr>
            <th scope="row">{t('cohorts.attestation.organisers')}</th>
            <td>{[cohort.organiser, cohort.trainingBody].filter(Boolean).join(' — ') || '—'}</td>
          </tr>
        </tbody>
      </table>

      <h3>{t('cohorts.attestation.objectives')}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('cohorts.attestation.module')}</th>
            <th scope="col">{t('cohorts.attestation.moduleObjectives')}</th>
            <th scope="col">{t('cohorts.attestation.moduleHours')}</th>
          </tr>
        </thead>
        <tbody>
          {perModule.map(({ module: m, planned, attended }) => (
            <tr key={m.id}>
              <th scope="row">{m.title}</th>
              <td style={{ whiteSpace: 'pre-line' }}>{m.objectives || '—'}</td>
              <td>{t('cohorts.hoursOf', { done: formatHours(locale, attended), planned: formatHours(locale, planned) })}</td>
            </tr>
          ))}
        </tbody>
      </table>

      {evaluated.length > 0 ? (
        <>
          <h3>{t('cohorts.attestation.results')}</h3>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('cohorts.attestation.module')}</th>
                <th scope="col">{t('cohorts.attestation.criterion')}</th>
                <th scope="col">{t('cohorts.attestation.result')}</th>
              </tr>
            </thead>
            <tbody>
              {evaluated.flatMap((m) =>
                m.criteria.map((c) => (
                  <tr key={c.id}>
                    <td>{m.title}</td>
                    <td>{c.label}</td>
                    <td>{t(person.enrolment.assessments[c.id] ? 'cohorts.assessment.validated' : 'cohorts.assessment.notValidated')}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      ) : null}

      <p style={{ marginTop: '1rem' }}>{t('cohorts.attestation.madeAt', { place: cohort.places[0] ?? '…', date: formatDate(locale, issuedOn) })}</p>
      <div className="signature-area">{t('cohorts.attestation.signature', { signer: signer || '…' })}</div>
    </article>
  );
}

export function Convocation({ cohort, module, session, name, place, trainer }: { cohort: Cohort; module: CohortModule; session: ModuleSession; name: string; place: string; trainer: string }) {
  const { t, locale } = useI18n();
  return (
    <article className="cohort-document" aria-label={t('cohorts.convocation.of', { name })}>
      <h2>{t('cohorts.convocation.title')}</h2>
      <p>{t('cohorts.convocation.greeting', { name })}</p>
      <p>{t('cohorts.convocation.intro', { cohort: cohortTitle(t, cohort), module: module.title })}</p>
      <table>
        <tbody>
          <tr>
            <th scope="row">{t('cohorts.convocation.date')}</th>
            <td>
              {formatDate(locale, session.date, true)} — {t(halfDayLabel[session.halfDay])}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('cohorts.convocation.times')}</th>
            <td>{t('cohorts.timeRange', { start: session.start, end: session.end })}</td>
          </tr>
          <tr>
            <th scope="row">{t('cohorts.convocation.place')}</th>
            <td>{place || '—'}</td>
          </tr>
          <tr>
            <th scope="row">{t('cohorts.convocation.programme')}</th>
            <td style={{ whiteSpace: 'pre-line' }}>
              {module.title}
              {module.objectives ? `\n${module.objectives}` : ''}
            </td>
          </tr>
          <tr>
            <th scope="row">{t('cohorts.module.trainer')}</th>
            <td>{trainer}</td>
          </tr>
          <tr>
            <th scope="row">{t('cohorts.convocation.contact')}</th>
            <td>{cohort.contact || cohort.organiser || '—'}</td>
          </tr>
          <tr>
            <th scope="row">{t('cohorts.convocation.access')}</th>
            <td style={{ whiteSpace: 'pre-line' }}>{cohort.accessInfo || t('cohorts.convocation.accessDefault')}</td>
          </tr>
        </tbody>
      </table>
      <p style={{ marginTop: '1rem' }}>{t('cohorts.convocation.closing')}</p>
    </article>
  );
}

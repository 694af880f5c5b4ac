/**
 * The paperwork of a promotion, ready to print on A4:
 * - the certificat de réalisation of one person, on one page, with the fields of the
 *   Ministry of Labour's model (training body and its NDA, beneficiary, title, nature
 *   of the action under art. L.6313-1, the person's own dates, hours attended, place
 *   and date, signature and stamp), plus the objectives and, where an evaluation was
 *   planned, the results (« non évalué » for a skill nobody assessed);
 * - the convocation to a session, one page per person.
 */
import type { Cohort, CohortModule, ModuleSession } from '../../domain/cohorts';
import { durationFromHours } from '../../i18n/format';
import { useI18n, type MessageKey } from '../../i18n';
import { halfDayLabel } from '../../shared/attendance/AttendanceSheet';
import { clockTime, longDay } from '../../shared/attendance/dateRuleText';
import { LetterSignature } from '../../shared/print/Letterhead';
import { KeepTogether, PrintPage } from '../../shared/print/PrintPage';
import { postalAddress, type Organisation } from '../settings/organisation';
import { cohortTitle, formatDate } from './labels';
import { attendedSpan, expectedSessions, natureOf, sumHours, type NatureOfAction } from './progress';
import type { EnrolledPerson } from './repository';
import type { CohortData } from './useCohortData';

const NATURES: { nature: NatureOfAction; label: MessageKey }[] = [
  { nature: 'formation', label: 'print.certificate.nature.formation' },
  { nature: 'bilan', label: 'print.certificate.nature.bilan' },
  { nature: 'vae', label: 'print.certificate.nature.vae' },
  { nature: 'apprentissage', label: 'print.certificate.nature.apprentissage' },
];

/** The document a promotion ends with: the Ministry's certificate, or a plain attestation. */
export function endDocumentOf(cohort: Cohort): 'certificate' | 'attestation' {
  return cohort.legalForm === false ? 'attestation' : 'certificate';
}

/** Why a person gets no certificate, or null when they can have one. */
export function noCertificateReason(data: CohortData, person: EnrolledPerson): MessageKey | null {
  const progress = data.progress.get(person.enrolment.animatorId);
  return !progress || progress.attendedHours <= 0 ? 'print.certificate.noHours' : null;
}

export function Attestation({ data, person, issuedOn, organisation }: { data: CohortData; person: EnrolledPerson; issuedOn: string; organisation: Organisation }) {
  const { t, locale } = useI18n();
  const cohort = data.cohort!;
  const marks = data.grid.get(person.enrolment.animatorId);
  const mine = expectedSessions(data.sessions, person.enrolment);
  const progress = data.progress.get(person.enrolment.animatorId);
  const span = attendedSpan(data.sessions, data.grid, data.held, person.enrolment.animatorId);
  // a certificate cannot be dated before the last session it certifies
  const madeOn = span && span.last > issuedOn ? span.last : issuedOn;
  const nature = natureOf(cohort.nature);
  const perModule = data.modules
    .map((m) => {
      const sessions = mine.filter((s) => s.moduleId === m.id);
      return { module: m, planned: sumHours(sessions), attended: sumHours(sessions.filter((s) => data.held.has(s.id) && marks?.get(s.id) === 'present')) };
    })
    .filter((m) => m.planned > 0);
  const evaluated = data.modules.filter((m) => m.evaluationPlanned && m.criteria.length > 0);
  const h = (n: number) => durationFromHours(n, locale);
  const result = (criterionId: string): MessageKey => {
    const value = person.enrolment.assessments[criterionId];
    return value === true ? 'cohorts.assessment.validated' : value === false ? 'cohorts.assessment.notValidated' : 'print.certificate.notAssessed';
  };
  const signer = organisation.signatoryName || '…';
  const legal = cohort.legalForm !== false;
  return (
    <PrintPage
      label={t('cohorts.attestation.of', { name: person.name })}
      className="certificate"
      organisation={organisation}
      legal={legal}
      footer={t('print.certificate.footer')}
      footerEnd={postalAddress(organisation)}
    >
      <h2 style={{ textAlign: 'center' }}>{t(legal ? 'print.certificate.title' : 'print.attestation.title')}</h2>
      {legal ? <p style={{ textAlign: 'center', fontSize: '8.5pt', margin: 0 }}>{t('print.certificate.subtitle')}</p> : null}
      <p>
        {t(legal ? 'print.certificate.undersigned' : 'print.attestation.undersigned', { signer, role: organisation.signatoryRole || '…', body: organisation.name || '…' })}
        {legal && organisation.nda ? ` ${t('print.certificate.ndaSentence', { nda: organisation.nda })}` : ''}
      </p>
      <p>{t('print.certificate.attests')}</p>
      <dl className="doc-facts">
        <dt>{t('print.certificate.beneficiary')}</dt>
        <dd>
          <strong>{person.name}</strong>
        </dd>
        <dt>{t('print.certificate.employer')}</dt>
        <dd>{person.animator?.structureName || '—'}</dd>
        <dt>{t('print.certificate.action')}</dt>
        <dd>{cohort.targetPath ? `${cohort.targetPath} (${cohortTitle(t, cohort)})` : cohortTitle(t, cohort)}</dd>
        <dt>{t('print.certificate.organiser')}</dt>
        <dd>{[cohort.organiser, cohort.trainingBody].filter(Boolean).join(' — ') || organisation.name || '—'}</dd>
      </dl>
      {legal ? (
        <>
          <p style={{ margin: '0.2rem 0 0' }}>{t('print.certificate.natureIntro')}</p>
          <ul className="checks" aria-label={t('print.certificate.natureIntro')}>
            {NATURES.map((n) => (
              <li key={n.nature}>
                {n.nature === nature ? '☒' : '☐'} {t(n.label)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        {span
          ? t('print.certificate.span', { first: formatDate(locale, span.first), last: formatDate(locale, span.last) })
          : t('print.certificate.noSpan')}{' '}
        {t('print.certificate.duration', { hours: h(progress?.attendedHours ?? 0), planned: h(progress?.plannedHours ?? 0) })}
      </p>

      {perModule.length > 0 ? (
        <>
          <h3>{t('cohorts.attestation.objectives')}</h3>
          <table className="small-table">
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
                  <td style={{ whiteSpace: 'nowrap' }}>{t('cohorts.hoursOf', { done: durationFromHours(attended, locale), planned: durationFromHours(planned, locale) })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}

      {evaluated.length > 0 ? (
        <>
          <h3>{t('cohorts.attestation.results')}</h3>
          <table className="small-table">
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
                    <td>{t(result(c.id))}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </>
      ) : null}

      <KeepTogether className="signature-block">
        <p>{t('cohorts.attestation.madeAt', { place: organisation.defaultTown || '…', date: formatDate(locale, madeOn) })}</p>
        <div className="stamp-box">
          <div style={{ fontSize: '8.5pt' }}>{t(legal ? 'print.certificate.stamp' : 'print.attestation.stamp')}</div>
          <div style={{ marginTop: '14mm' }}>
            {signer}
            {organisation.signatoryRole ? `, ${organisation.signatoryRole}` : ''}
          </div>
        </div>
      </KeepTogether>
    </PrintPage>
  );
}

export function Convocation({
  cohort,
  module,
  session,
  name,
  structure,
  place,
  trainer,
  organisation,
  issuedOn,
}: {
  cohort: Cohort;
  module: CohortModule;
  session: ModuleSession;
  name: string;
  structure?: string;
  place: string;
  trainer: string;
  organisation: Organisation;
  issuedOn: string;
}) {
  const { t, locale } = useI18n();
  return (
    <PrintPage label={t('cohorts.convocation.of', { name })} organisation={organisation}>
      <p style={{ textAlign: 'right' }}>{t('print.convocation.placeDate', { town: organisation.town || organisation.defaultTown || '…', date: longDay(locale, issuedOn) })}</p>
      <p>
        <strong>{name}</strong>
        {structure ? (
          <>
            <br />
            {structure}
          </>
        ) : null}
      </p>
      <h2>{t('print.convocation.subject', { title: `${cohortTitle(t, cohort)} — ${module.title}` })}</h2>
      <p>{t('print.convocation.salutation', { name })}</p>
      <p>{t('cohorts.convocation.intro', { cohort: cohortTitle(t, cohort), module: module.title })}</p>
      <dl className="doc-facts">
        <dt>{t('cohorts.convocation.date')}</dt>
        <dd>
          {longDay(locale, session.date)} — {t(halfDayLabel[session.halfDay])}
        </dd>
        <dt>{t('cohorts.convocation.times')}</dt>
        <dd>{t('print.convocation.clock', { start: clockTime(locale, session.start), end: clockTime(locale, session.end) })}</dd>
        <dt>{t('cohorts.convocation.place')}</dt>
        <dd>{place || '—'}</dd>
        <dt>{t('cohorts.module.trainer')}</dt>
        <dd>{trainer}</dd>
        <dt>{t('cohorts.convocation.access')}</dt>
        <dd style={{ whiteSpace: 'pre-line' }}>{cohort.accessInfo || t('cohorts.convocation.accessDefault')}</dd>
        <dt>{t('cohorts.convocation.contact')}</dt>
        <dd>{cohort.contact || [organisation.phone, organisation.email].filter(Boolean).join(' · ') || cohort.organiser || '—'}</dd>
      </dl>
      <h3>{t('cohorts.convocation.programme')}</h3>
      <table>
        <tbody>
          <tr>
            <th scope="row" style={{ whiteSpace: 'nowrap' }}>
              {t('print.convocation.clock', { start: clockTime(locale, session.start), end: clockTime(locale, session.end) })}
            </th>
            <td style={{ whiteSpace: 'pre-line' }}>
              <strong>{module.title}</strong>
              {module.objectives ? `\n${module.objectives}` : ''}
            </td>
          </tr>
        </tbody>
      </table>
      <p style={{ marginTop: '0.75rem' }}>{t('cohorts.convocation.closing')}</p>
      <KeepTogether>
        <LetterSignature organisation={organisation} />
      </KeepTogether>
    </PrintPage>
  );
}

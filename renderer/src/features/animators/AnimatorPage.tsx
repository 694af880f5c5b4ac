/** A person's page: data, cohorts, module attendance, workshops run and history of changes. */
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { getDb } from '../../db/database';
import { useI18n, useT, type MessageKey } from '../../i18n';
import type { EnrolmentStatus } from '../../domain/cohorts';
import { getDepartment, getRegion } from '../../shared/geo';
import { EmptyState, PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { frenchDate } from '../../shared/csv';
import { statusLabel, structureTypeLabel } from './labels';
import { deleteAnimator, displayName, historyOf, restoreAnimator } from './repository';
import { personLinks } from './person';
import { fieldList } from '../../i18n/issues';
import { formatDateTime } from '../../i18n/format';

/** The promotions' label of an enrolment status (« Terminé »), never the stored code. */
const enrolmentStatusKey = (status: EnrolmentStatus): MessageKey => `cohorts.enrolment.${status}` satisfies MessageKey;

export function AnimatorPage({ id }: { id: string }) {
  const t = useT();
  const { locale } = useI18n();
  const toast = useToast();
  const db = getDb();
  const a = useLiveQuery(async () => (await db.animators.get(id)) ?? null, [id]);
  const links = useLiveQuery(async () => (a ? personLinks(db, a) : null), [a]);
  const history = useLiveQuery(() => historyOf(id, db), [id, a?.updatedAt]) ?? [];
  if (a === undefined) return <p>{t('animators.loading')}</p>;
  if (a === null) return <EmptyState>{t('animators.notFound')}</EmptyState>;
  const cohort = links?.cohorts.find((c) => c.cohort?.id === a.cohortId)?.cohort;
  const rows: [string, string][] = [
    [t('animators.field.email'), a.email],
    [t('animators.field.phone'), a.phone],
    [t('animators.field.structureName'), a.structureName],
    [t('animators.field.structureType'), structureTypeLabel(t, a.structureType)],
    [t('animators.field.jobTitle'), a.jobTitle],
    [t('animators.field.commune'), [a.communeName, a.postalCode].filter(Boolean).join(' ')],
    [t('animators.field.department'), getDepartment(a.departmentCode)?.name ?? ''],
    [t('animators.field.region'), getRegion(a.regionCode)?.name ?? ''],
    [t('animators.field.status'), statusLabel(t, a.status)],
    [t('animators.field.cohort'), cohort ? `${t('animators.cohortNumber', { number: cohort.number })} ${cohort.nickname}` : ''],
    [t('animators.field.trainingStart'), frenchDate(a.trainingStart)],
    [t('animators.field.trainingEnd'), frenchDate(a.trainingEnd)],
    [t('animators.field.trainedYear'), a.trainedYear ? String(a.trainedYear) : ''],
    [t('animators.field.specialities'), a.specialities.join(', ')],
    [t('animators.field.languages'), a.languages.join(', ')],
    [t('animators.field.consent'), a.consent.given ? t('animators.consent.yes', { date: frenchDate(a.consent.date) }) : t('animators.consent.no')],
    [t('animators.field.lastContact'), frenchDate(a.lastContactAt)],
    [t('animators.field.notes'), a.notes],
  ];
  return (
    <>
      <PageHeader
        title={displayName(a)}
        intro={a.deletedAt ? t('animators.inBin') : [a.jobTitle, a.structureName].filter(Boolean).join(' — ')}
        actions={
          <div className="toolbar">
            {a.deletedAt ? (
              <button type="button" className="btn" onClick={() => void restoreAnimator(a.id).then(() => toast(t('animators.restored')))}>
                {t('animators.restore')}
              </button>
            ) : (
              <>
                <Link href={`/${a.id}/modifier`} className="btn btn-primary">
                  {t('animators.edit')}
                </Link>
                <button type="button" className="btn btn-danger" onClick={() => void deleteAnimator(a.id).then(() => toast(t('animators.deleted')))}>
                  {t('animators.delete')}
                </button>
              </>
            )}
          </div>
        }
      />
      <section className="card" aria-labelledby="animator-data">
        <h2 id="animator-data">{t('animators.person.data')}</h2>
        <dl className="form-grid">
          {rows.map(([label, value]) => (
            <div key={label}>
              <dt className="muted">{label}</dt>
              <dd style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{value || '—'}</dd>
            </div>
          ))}
        </dl>
      </section>
      <div className="animators-side" style={{ marginTop: '1rem' }}>
        <section className="card" aria-labelledby="animator-cohorts">
          <h2 id="animator-cohorts">{t('animators.person.cohorts')}</h2>
          {links?.cohorts.length ? (
            <ul>
              {links.cohorts.map(({ enrolment, cohort: c }) => (
                <li key={enrolment.id}>
                  {c ? <Link href={`~/promotions/${c.id}`}>{`${t('animators.cohortNumber', { number: c.number })} ${c.nickname}`}</Link> : '?'} — {t(enrolmentStatusKey(enrolment.status))}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('animators.person.noCohort')}</p>
          )}
          <h3>{t('animators.person.attendance')}</h3>
          {links?.attendance.length ? (
            <p>{t('animators.person.attendanceCount', { present: links.attendance.filter((x) => x.status === 'present').length, total: links.attendance.length })}</p>
          ) : (
            <p className="muted">{t('animators.person.noAttendance')}</p>
          )}
        </section>
        <section className="card" aria-labelledby="animator-workshops">
          <h2 id="animator-workshops">{t('animators.person.workshops')}</h2>
          {links?.workshops.length ? (
            <ul>
              {links.workshops.map((w) => (
                <li key={w.id}>
                  <Link href={`~/ateliers/${w.id}`}>{w.title}</Link> {w.firstDate ? `(${frenchDate(w.firstDate)})` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('animators.person.noWorkshop')}</p>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="animator-history" style={{ marginTop: '1rem' }}>
        <h2 id="animator-history">{t('animators.person.history')}</h2>
        <ol data-testid="animator-history">
          {history.map((h) => (
            <li key={h.id}>
              <time dateTime={h.at}>{formatDateTime(h.at, locale)}</time> — {h.summary}
              {Object.keys(h.changes).length ? <span className="muted"> ({fieldList(t, Object.keys(h.changes))})</span> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

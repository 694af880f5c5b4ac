/**
 * The end-of-training paperwork: attestations (certificats de réalisation) for
 * one person or all at once, printed or saved as PDF in one go.
 */
import { useState } from 'react';
import { parisToday } from '../../domain/date-rules';
import { useI18n } from '../../i18n';
import { PrintOverlay } from '../../shared/attendance/PrintOverlay';
import { fileNameFrom } from '../../shared/files';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { useOrganisation } from '../settings/MissingOrganisation';
import { Attestation, endDocumentOf, noCertificateReason } from './documents';
import { cohortTitle, enrolmentStatusLabel, hoursOfText } from './labels';
import type { EnrolledPerson } from './repository';
import type { CohortData } from './useCohortData';

export default function DocumentsTab({ data }: { data: CohortData }) {
  const { t, locale } = useI18n();
  const cohort = data.cohort!;
  const organisation = useOrganisation();
  const [printing, setPrinting] = useState<EnrolledPerson[] | null>(null);
  const today = parisToday(new Date());
  // no certificate for someone who attended nothing: it would certify 0 h
  const certifiable = data.people.filter((p) => noCertificateReason(data, p) === null);
  const finished = certifiable.filter((p) => p.enrolment.status === 'termine' || p.enrolment.status === 'certifie');
  const stillIn = certifiable.filter((p) => p.enrolment.status !== 'abandon');

  if (data.people.length === 0) return <EmptyState>{t('cohorts.people.empty')}</EmptyState>;
  return (
    <>
      <h2>{t('cohorts.documents.title')}</h2>
      <p className="muted">{t('cohorts.documents.hint')}</p>
      <div className="toolbar" style={{ marginBottom: '1rem' }}>
        <button type="button" className="btn btn-primary" disabled={finished.length === 0} onClick={() => setPrinting(finished)}>
          {t('cohorts.documents.allFinished', { count: finished.length })}
        </button>
        <button type="button" className="btn" disabled={stillIn.length === 0} onClick={() => setPrinting(stillIn)}>
          {t('cohorts.documents.all', { count: stillIn.length })}
        </button>
      </div>
      <DataTable
        caption={t('cohorts.documents.title')}
        rows={data.people}
        rowKey={(p) => p.enrolment.id}
        columns={[
          { id: 'name', header: t('cohorts.people.name'), rowHeader: true, minRem: 11, cell: (p) => p.name },
          { id: 'status', header: t('cohorts.people.status'), priority: 2, minRem: 8, cell: (p) => t(enrolmentStatusLabel[p.enrolment.status]) },
          {
            id: 'hours',
            header: t('cohorts.people.hours'),
            priority: 3,
            minRem: 9,
            cell: (p) => {
              const progress = data.progress.get(p.enrolment.animatorId);
              return hoursOfText(t, locale, progress);
            },
          },
          {
            // the attestation, or the sentence saying why there is none (not a pinned action: it wraps)
            id: 'document',
            header: t('cohorts.documents.document'),
            minRem: 16,
            cell: (p) => {
              const reason = noCertificateReason(data, p);
              return reason ? (
                <span className="muted">{t(reason, { name: p.name })}</span>
              ) : (
                <button type="button" className="btn btn-small" onClick={() => setPrinting([p])}>
                  {t('cohorts.documents.attestationOf', { name: p.name })}
                </button>
              );
            },
          },
        ]}
      />
      {printing ? (
        <PrintOverlay
          title={t('cohorts.attestation.title')}
          fileName={fileNameFrom(`${t('cohorts.attestation.file')} ${printing.length === 1 ? (printing[0]?.name ?? '') : cohortTitle(t, cohort)}`, 'pdf')}
          onClose={() => setPrinting(null)}
          paperwork={endDocumentOf(cohort)}
        >
          {printing.map((p) => (
            <Attestation key={p.enrolment.id} data={data} person={p} issuedOn={p.enrolment.completedAt ?? today} organisation={organisation} />
          ))}
        </PrintOverlay>
      ) : null}
    </>
  );
}

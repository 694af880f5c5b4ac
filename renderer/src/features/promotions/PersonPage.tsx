/**
 * One person in a promotion: hours attended against planned, modules attended,
 * assessments per module (the trainer's free criteria), and the path's end —
 * completed, certified or withdrawn — mirrored in the registry, with an undo.
 */
import { useState } from 'react';
import { Link } from 'wouter';
import { useI18n, type MessageKey } from '../../i18n';
import { PrintOverlay } from '../../shared/attendance/PrintOverlay';
import { fileNameFrom } from '../../shared/files';
import { Field } from '../../ui/Field';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { useOrganisation } from '../settings/MissingOrganisation';
import { Attestation, endDocumentOf, noCertificateReason } from './documents';
import { enrolmentStatusLabel, formatDate, formatHours, hoursOfText, riskLabel } from './labels';
import { complete, resume, setAssessment, withdraw, type Undo } from './repository';
import { FormError } from './validation';
import type { CohortData } from './useCohortData';

const today = () => new Date().toLocaleDateString('sv-SE');

export default function PersonPage({ data, enrolmentId }: { data: CohortData; enrolmentId: string }) {
  const { t, locale } = useI18n();
  const toast = useToast();
  const cohort = data.cohort!;
  const person = data.people.find((p) => p.enrolment.id === enrolmentId);
  const [undo, setUndo] = useState<{ message: string; action: Undo } | null>(null);
  const [completeDate, setCompleteDate] = useState(() => (today() > cohort.endDate ? cohort.endDate : today() < cohort.startDate ? cohort.startDate : today()));
  const [completeError, setCompleteError] = useState<MessageKey | null>(null);
  const [withdrawForm, setWithdrawForm] = useState({ date: completeDate, reason: '' });
  const [withdrawErrors, setWithdrawErrors] = useState<Partial<Record<'date' | 'reason', MessageKey>>>({});
  const [printing, setPrinting] = useState(false);
  const organisation = useOrganisation();
  // a ticked criterion shows at once; the stored enrolment catches up a moment later
  const [ticked, setTicked] = useState<Record<string, boolean>>({});

  if (!person)
    return (
      <>
        <p>{t('cohorts.person.notFound')}</p>
        <Link href="/personnes">{t('cohorts.tab.people')}</Link>
      </>
    );
  const { enrolment } = person;
  const progress = data.progress.get(enrolment.animatorId);
  const attendedModules = new Set(progress?.modulesAttended ?? []);

  async function finish(status: 'termine' | 'certifie') {
    setCompleteError(null);
    try {
      const action = await complete(enrolment.id, status, completeDate);
      setUndo({ message: t('cohorts.person.completed', { name: person!.name, status: t(enrolmentStatusLabel[status]) }), action });
    } catch (e) {
      if (e instanceof FormError) setCompleteError((Object.values(e.errors)[0] as MessageKey | undefined) ?? null);
      else toast(t('common.error.generic', { detail: errorMessage(e) }), { kind: 'error' });
    }
  }

  async function leave() {
    setWithdrawErrors({});
    try {
      const action = await withdraw(enrolment.id, withdrawForm.date, withdrawForm.reason);
      setUndo({ message: t('cohorts.person.withdrawn', { name: person!.name }), action });
    } catch (e) {
      if (e instanceof FormError) setWithdrawErrors(e.errors as typeof withdrawErrors);
      else toast(t('common.error.generic', { detail: errorMessage(e) }), { kind: 'error' });
    }
  }

  async function back() {
    try {
      const action = await resume(enrolment.id);
      setUndo({ message: t('cohorts.person.resumed', { name: person!.name }), action });
    } catch (e) {
      toast(t('common.error.generic', { detail: errorMessage(e) }), { kind: 'error' });
    }
  }

  return (
    <>
      <div className="toolbar" style={{ justifyContent: 'space-between' }}>
        <h2 style={{ margin: 0 }}>{person.name}</h2>
        <div className="toolbar no-print">
          <Link href={`~/annuaire/${enrolment.animatorId}`}>{t('cohorts.person.registry')}</Link>
          <button type="button" className="btn" disabled={noCertificateReason(data, person) !== null} aria-describedby={noCertificateReason(data, person) ? 'no-certificate' : undefined} onClick={() => setPrinting(true)}>
            {t('cohorts.person.attestation')}
          </button>
        </div>
        {noCertificateReason(data, person) ? (
          <p id="no-certificate" className="muted no-print">
            {t(noCertificateReason(data, person)!, { name: person.name })}
          </p>
        ) : null}
      </div>

      {undo ? (
        <div className="alert alert-ok toolbar" role="status">
          <span>{undo.message}</span>
          <button
            type="button"
            className="btn btn-small"
            onClick={() => {
              const action = undo.action;
              setUndo(null);
              void action.undo().then(() => toast(t('cohorts.person.undone')), (e: unknown) => toast(t('common.error.generic', { detail: errorMessage(e) }), { kind: 'error' }));
            }}
          >
            {t('cohorts.person.undo')}
          </button>
        </div>
      ) : null}

      <dl className="cohort-stats">
        <div>
          <dt>{t('cohorts.people.status')}</dt>
          <dd>{t(enrolmentStatusLabel[enrolment.status])}</dd>
        </div>
        <div>
          <dt>{t('cohorts.people.hours')}</dt>
          <dd>{hoursOfText(t, locale, progress)}</dd>
        </div>
        <div>
          <dt>{t('cohorts.people.modules')}</dt>
          <dd>{t('cohorts.people.modulesValue', { done: attendedModules.size, total: data.modules.length })}</dd>
        </div>
        <div>
          <dt>{t('cohorts.person.percent')}</dt>
          <dd>{formatHours(locale, progress?.percentOfPlanned ?? 0)} %</dd>
        </div>
      </dl>
      {progress && progress.risks.length > 0 ? <p className="alert alert-warn">{progress.risks.map((r) => t(riskLabel[r])).join(' ; ')}</p> : null}
      {enrolment.status === 'abandon' ? <p className="alert alert-warn">{t('cohorts.person.withdrawnInfo', { date: formatDate(locale, enrolment.withdrawnAt ?? ''), reason: enrolment.withdrawReason })}</p> : null}
      {enrolment.completedAt ? <p className="alert alert-ok">{t('cohorts.person.completedInfo', { date: formatDate(locale, enrolment.completedAt) })}</p> : null}

      <section aria-labelledby="person-assessments">
        <h3 id="person-assessments">{t('cohorts.person.assessments')}</h3>
        {data.modules.length === 0 ? <p className="muted">{t('cohorts.modules.empty')}</p> : null}
        {data.modules.map((m) => (
          <fieldset key={m.id}>
            <legend>
              {m.title} — {t(attendedModules.has(m.id) ? 'cohorts.person.moduleAttended' : 'cohorts.person.moduleNotAttended')}
            </legend>
            {m.criteria.length === 0 ? (
              <p className="muted" style={{ margin: 0 }}>
                {t('cohorts.person.noCriteria')}
              </p>
            ) : (
              m.criteria.map((c) => (
                <label key={c.id} style={{ display: 'block' }}>
                  <input
                    type="checkbox"
                    checked={ticked[c.id] ?? enrolment.assessments[c.id] === true}
                    onChange={(e) => {
                      const validated = e.target.checked;
                      setTicked((m) => ({ ...m, [c.id]: validated }));
                      setAssessment(enrolment.id, c.id, validated).catch((error: unknown) => {
                        setTicked(({ [c.id]: _failed, ...rest }) => rest);
                        toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
                      });
                    }}
                  />{' '}
                  {c.label}
                </label>
              ))
            )}
          </fieldset>
        ))}
      </section>

      <section aria-labelledby="person-path" className="card no-print" style={{ marginTop: '1rem' }}>
        <h3 id="person-path" style={{ marginTop: 0 }}>
          {t('cohorts.person.path')}
        </h3>
        {enrolment.status === 'en-cours' ? (
          <>
            <div className="toolbar" style={{ alignItems: 'flex-end' }}>
              <Field label={t('cohorts.person.completeDate')} error={completeError ? t(completeError) : undefined}>
                {(p) => <input {...p} type="date" value={completeDate} onChange={(e) => setCompleteDate(e.target.value)} />}
              </Field>
              <button type="button" className="btn btn-primary" style={{ marginBottom: '0.9rem' }} onClick={() => void finish('termine')}>
                {t('cohorts.person.complete')}
              </button>
              <button type="button" className="btn" style={{ marginBottom: '0.9rem' }} onClick={() => void finish('certifie')}>
                {t('cohorts.person.certify')}
              </button>
            </div>
            <p className="hint muted">{t('cohorts.person.registryHint')}</p>
            <form
              noValidate
              aria-label={t('cohorts.person.withdraw')}
              onSubmit={(e) => {
                e.preventDefault();
                void leave();
              }}
            >
              <fieldset>
                <legend>{t('cohorts.person.withdraw')}</legend>
                <div className="form-grid">
                  <Field label={t('cohorts.person.withdrawDate')} error={withdrawErrors.date ? t(withdrawErrors.date) : undefined} required>
                    {(p) => <input {...p} type="date" value={withdrawForm.date} onChange={(e) => setWithdrawForm((f) => ({ ...f, date: e.target.value }))} />}
                  </Field>
                  <Field label={t('cohorts.person.withdrawReason')} error={withdrawErrors.reason ? t(withdrawErrors.reason) : undefined} required>
                    {(p) => <input {...p} type="text" value={withdrawForm.reason} onChange={(e) => setWithdrawForm((f) => ({ ...f, reason: e.target.value }))} />}
                  </Field>
                </div>
                <button type="submit" className="btn btn-danger">
                  {t('cohorts.person.withdrawAction')}
                </button>
              </fieldset>
            </form>
          </>
        ) : (
          <>
            {enrolment.status === 'termine' ? (
              <button type="button" className="btn" onClick={() => void finish('certifie')}>
                {t('cohorts.person.certify')}
              </button>
            ) : null}{' '}
            <button type="button" className="btn" onClick={() => void back()}>
              {t('cohorts.person.resume')}
            </button>
          </>
        )}
      </section>

      {printing ? (
        <PrintOverlay title={t('cohorts.attestation.title')} fileName={fileNameFrom(`${t('cohorts.attestation.file')} ${person.name}`, 'pdf')} onClose={() => setPrinting(false)} paperwork={endDocumentOf(cohort)}>
          <Attestation data={data} person={person} issuedOn={enrolment.completedAt ?? today()} organisation={organisation} />
        </PrintOverlay>
      ) : null}
    </>
  );
}

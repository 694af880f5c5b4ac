/**
 * /ateliers/segments: pick who to invite (by attendance, by business type and
 * commune, or a workshop's waiting list), copy their addresses for a BCC field or
 * export them as CSV. Consent only, except a waiting list, which can also be
 * registered at once in the next session on the same subject.
 */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n } from '../../../i18n';
import { fileNameFrom, saveCsv } from '../../../shared/files';
import { DataTable } from '../../../ui/DataTable';
import { EmptyState, PageHeader } from '../../../ui/PageHeader';
import { useToast } from '../../../ui/Toast';
import { errorMessage } from '../../../ui/errors';
import { displayName } from '../../providers/repository';
import { applySegment, bccList, loadSegmentData, nextSessionsFor, segmentChoices, type SegmentFilters, type SegmentQuery } from './segments';
import { businessTypes } from '../../../domain/people';
import { businessTypeLabel } from '../../providers/labels';
import { CommunePicker, type PickedCommune } from '../../../ui/CommunePicker';
import { parisToday } from '../../../domain/date-rules';
import { listSessions } from './queries';
import { moveWaitingList } from './repository';
import { registrationModeOf } from './rules';
import { longDate } from '../labels';

type Kind = SegmentQuery['kind'];

export default function SegmentsPage() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const id = useId();
  const choices = useLiveQuery(() => segmentChoices(), []);
  const [kind, setKind] = useState<Kind>('attendedWorkshop');
  const [themeA, setThemeA] = useState('');
  const [themeB, setThemeB] = useState('');
  const [workshopId, setWorkshopId] = useState('');
  const [businessType, setBusinessType] = useState('');
  const [commune, setCommune] = useState<PickedCommune | null>(null);
  const [targetId, setTargetId] = useState('');
  const [targetSessionId, setTargetSessionId] = useState('');
  const filters: SegmentFilters = { businessType, communeInsee: commune?.insee ?? '' };

  const query: SegmentQuery | null =
    kind === 'themeNotTheme'
      ? themeA && themeB
        ? { kind, attendedTheme: themeA, notTheme: themeB }
        : null
      : kind === 'attendedWorkshop' || kind === 'waitingList'
        ? workshopId
          ? { kind, workshopId }
          : null
        : kind === 'directory'
          ? filters.businessType || filters.communeInsee
            ? { kind }
            : null
          : { kind, workshopId: workshopId || null };
  const today = parisToday(new Date());
  const result = useLiveQuery(async () => (query ? applySegment(query, await loadSegmentData(query, filters), today, filters) : null), [JSON.stringify(query), today, filters.businessType, filters.communeInsee]);
  const targets = useLiveQuery(() => (kind === 'waitingList' && workshopId ? nextSessionsFor(workshopId, today) : Promise.resolve([])), [kind, workshopId, today]);
  const target = (targets ?? []).find((w) => w.id === targetId) ?? targets?.[0];
  const targetSessions = useLiveQuery(() => (target && registrationModeOf(target) === 'session' ? listSessions(target.id) : Promise.resolve([])), [target?.id, target?.registrationMode]);
  const targetSession = (targetSessions ?? []).filter((s) => !s.cancelled).find((s) => s.id === targetSessionId) ?? (targetSessions ?? []).find((s) => !s.cancelled && s.start.slice(0, 10) >= today);

  async function invite() {
    if (!target || !workshopId) return;
    try {
      const outcome = await moveWaitingList(workshopId, target, { sessionId: targetSession?.id ?? null });
      toast(t('segments.invite.done', { registered: outcome.registered.length, waiting: outcome.waiting.length, title: target.title }));
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }
  const addresses = result ? bccList(result.people) : '';
  const date = (iso: string | null) => (iso ? new Date(`${iso}T12:00:00`).toLocaleDateString(locale) : '');

  async function copy() {
    try {
      await navigator.clipboard.writeText(addresses);
      toast(t('segments.copied', { count: result?.people.length ?? 0 }));
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  async function exportCsv() {
    if (!result) return;
    const outcome = await saveCsv(fileNameFrom(t('segments.file'), 'csv'), result.people, [
      { header: t('csv.lastName'), value: (p) => p.lastName },
      { header: t('csv.firstName'), value: (p) => p.firstName },
      { header: t('csv.structure'), value: (p) => p.structure },
      { header: t('csv.commune'), value: (p) => p.communeName },
      { header: t('csv.email'), value: (p) => p.email },
      { header: t('csv.consentDate'), value: (p) => p.consent.date ?? '' },
    ]);
    if (!outcome.ok) toast(t('common.error.generic', { detail: outcome.error }), { kind: 'error' });
  }

  const workshopSelect = (optional: boolean) => (
    <div className="field" style={{ maxWidth: 480 }}>
      <label htmlFor={`${id}-workshop`}>{t(optional ? 'segments.workshop.optional' : 'segments.workshop')}</label>
      <select id={`${id}-workshop`} value={workshopId} onChange={(e) => setWorkshopId(e.target.value)}>
        <option value="">{t(optional ? 'segments.workshop.all' : 'segments.choose')}</option>
        {(choices?.workshops ?? []).map((w) => (
          <option key={w.id} value={w.id}>
            {w.title} {w.firstDate ? `(${date(w.firstDate)})` : ''}
          </option>
        ))}
      </select>
    </div>
  );
  const themeSelect = (label: string, value: string, onChange: (v: string) => void, suffix: string) => (
    <div className="field" style={{ maxWidth: 320 }}>
      <label htmlFor={`${id}-${suffix}`}>{label}</label>
      <select id={`${id}-${suffix}`} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('segments.choose')}</option>
        {(choices?.themes ?? []).map((theme) => (
          <option key={theme} value={theme}>
            {theme}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <>
      <PageHeader title={t('segments.title')} intro={t('segments.intro')} />
      <p className="alert alert-warn">{t('segments.consentOnly')}</p>
      <fieldset>
        <legend>{t('segments.kind')}</legend>
        {(['attendedWorkshop', 'themeNotTheme', 'registeredAbsent', 'directory', 'waitingList'] as const).map((k) => (
          <label key={k} style={{ display: 'block' }}>
            <input type="radio" name={`${id}-kind`} checked={kind === k} onChange={() => setKind(k)} /> {t(`segments.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <div className="field" style={{ maxWidth: 320 }}>
          <label htmlFor={`${id}-business`}>{t('segments.filter.businessType')}</label>
          <select id={`${id}-business`} value={businessType} onChange={(e) => setBusinessType(e.target.value)}>
            <option value="">{t('segments.filter.any')}</option>
            {businessTypes.map((b) => (
              <option key={b} value={b}>
                {t(businessTypeLabel[b])}
              </option>
            ))}
          </select>
        </div>
        <CommunePicker label={t('segments.filter.commune')} value={commune} onChange={setCommune} />
      </div>
      {kind === 'directory' && !query ? <p className="muted">{t('segments.directory.pick')}</p> : null}
      {kind === 'waitingList' ? <p className="muted">{t('segments.waitingList.consent')}</p> : null}
      {kind === 'themeNotTheme' ? (
        <div className="form-grid">
          {themeSelect(t('segments.themeA'), themeA, setThemeA, 'theme-a')}
          {themeSelect(t('segments.themeB'), themeB, setThemeB, 'theme-b')}
        </div>
      ) : kind === 'directory' ? null : (
        workshopSelect(kind === 'registeredAbsent')
      )}
      {kind === 'waitingList' && workshopId && targets ? (
        <section className="card" aria-labelledby={`${id}-invite`} style={{ marginBottom: '1rem' }}>
          <h2 id={`${id}-invite`} style={{ fontSize: '1.1rem', marginTop: 0 }}>
            {t('segments.invite.title')}
          </h2>
          {targets.length === 0 ? (
            <p className="muted">{t('segments.invite.none')}</p>
          ) : (
            <>
              <div className="field" style={{ maxWidth: 480 }}>
                <label htmlFor={`${id}-target`}>{t('segments.invite.target')}</label>
                <select id={`${id}-target`} value={target?.id ?? ''} onChange={(e) => setTargetId(e.target.value)}>
                  {targets.map((w) => (
                    <option key={w.id} value={w.id}>
                      {w.title} {w.firstDate ? `(${date(w.firstDate)})` : ''}
                    </option>
                  ))}
                </select>
              </div>
              {targetSessions && targetSessions.length > 0 ? (
                <div className="field" style={{ maxWidth: 480 }}>
                  <label htmlFor={`${id}-target-session`}>{t('sessions.session')}</label>
                  <select id={`${id}-target-session`} value={targetSession?.id ?? ''} onChange={(e) => setTargetSessionId(e.target.value)}>
                    {targetSessions
                      .filter((s) => !s.cancelled)
                      .map((s) => (
                        <option key={s.id} value={s.id}>
                          {longDate(s.start.slice(0, 10), locale)} {s.start.slice(11, 16)}
                        </option>
                      ))}
                  </select>
                </div>
              ) : null}
              <button type="button" className="btn btn-primary" disabled={!target || !result || result.people.length === 0} onClick={() => void invite()}>
                {t('segments.invite.button', { title: target?.title ?? '' })}
              </button>
            </>
          )}
        </section>
      ) : null}
      {result ? (
        <section aria-labelledby={`${id}-result`}>
          <h2 id={`${id}-result`}>{t('segments.result', { count: result.people.length })}</h2>
          {result.withoutConsent > 0 ? <p className="muted">{t('segments.excluded', { count: result.withoutConsent })}</p> : null}
          <div className="toolbar" style={{ marginBottom: '0.75rem' }}>
            <button type="button" className="btn btn-primary" disabled={result.people.length === 0} onClick={() => void copy()}>
              {t('segments.copy')}
            </button>
            <button type="button" className="btn" disabled={result.people.length === 0} onClick={() => void exportCsv()}>
              {t('common.exportCsv')}
            </button>
          </div>
          <div className="field">
            <label htmlFor={`${id}-bcc`}>{t('segments.bcc')}</label>
            <textarea id={`${id}-bcc`} readOnly rows={3} value={addresses} />
          </div>
          {result.people.length === 0 ? (
            <EmptyState>{t('segments.none')}</EmptyState>
          ) : (
            <DataTable
              caption={t('segments.result', { count: result.people.length })}
              rows={result.people}
              rowKey={(p) => p.id}
              columns={[
                { id: 'name', header: t('provider.name'), rowHeader: true, minRem: 11, cell: (p) => displayName(p) },
                { id: 'structure', header: t('provider.structure'), minRem: 12, priority: 2, cell: (p) => p.structure },
                { id: 'email', header: t('provider.email'), minRem: 12, className: 'wrap-anywhere', cell: (p) => p.email },
              ]}
            />
          )}
        </section>
      ) : (
        <p className="muted">{t('segments.pick')}</p>
      )}
    </>
  );
}

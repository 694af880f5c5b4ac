/** /ateliers/segments: pick who to invite, copy their addresses for a BCC field or export them as CSV. Consent only. */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useI18n } from '../../../i18n';
import { fileNameFrom, saveCsv } from '../../../shared/files';
import { PageHeader } from '../../../ui/PageHeader';
import { useToast } from '../../../ui/Toast';
import { errorMessage } from '../../../ui/errors';
import { displayName } from '../../providers/repository';
import { applySegment, bccList, loadSegmentData, segmentChoices, type SegmentQuery } from './segments';

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

  const query: SegmentQuery | null =
    kind === 'themeNotTheme'
      ? themeA && themeB
        ? { kind, attendedTheme: themeA, notTheme: themeB }
        : null
      : kind === 'attendedWorkshop'
        ? workshopId
          ? { kind, workshopId }
          : null
        : { kind, workshopId: workshopId || null };
  const today = new Date().toISOString().slice(0, 10);
  const result = useLiveQuery(async () => (query ? applySegment(query, await loadSegmentData(query), today) : null), [JSON.stringify(query), today]);
  const addresses = result ? bccList(result.people) : '';
  const date = (iso: string | null) => (iso ? new Date(`${iso}T12:00:00`).toLocaleDateString(locale) : '');

  async function copy() {
    try {
      await navigator.clipboard.writeText(addresses);
      toast(t('segments.copied', { count: result?.people.length ?? 0 }));
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }));
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
    if (!outcome.ok) toast(t('common.error.generic', { detail: outcome.error }));
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
        {(['attendedWorkshop', 'themeNotTheme', 'registeredAbsent'] as const).map((k) => (
          <label key={k} style={{ display: 'block' }}>
            <input type="radio" name={`${id}-kind`} checked={kind === k} onChange={() => setKind(k)} /> {t(`segments.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'themeNotTheme' ? (
        <div className="form-grid">
          {themeSelect(t('segments.themeA'), themeA, setThemeA, 'theme-a')}
          {themeSelect(t('segments.themeB'), themeB, setThemeB, 'theme-b')}
        </div>
      ) : (
        workshopSelect(kind === 'registeredAbsent')
      )}
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
          <table className="data">
            <caption className="visually-hidden">{t('segments.result', { count: result.people.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('provider.name')}</th>
                <th scope="col">{t('provider.structure')}</th>
                <th scope="col">{t('provider.email')}</th>
              </tr>
            </thead>
            <tbody>
              {result.people.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{displayName(p)}</th>
                  <td>{p.structure}</td>
                  <td>{p.email}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : (
        <p className="muted">{t('segments.pick')}</p>
      )}
    </>
  );
}

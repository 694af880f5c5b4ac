/**
 * /ateliers/programme: the year's workshops month by month, built from templates;
 * printable, exportable as CSV and as an .ics calendar; copied into the next year;
 * published as a flyer (PDF), an agenda (.ics) and a table (CSV) for the public.
 */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { printView, fileNameFrom } from '../../shared/files';
import { Field } from '../../ui/Field';
import { DataTable } from '../../ui/DataTable';
import { EmptyState, PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { saveIcs, saveProgrammeCsv, savePublicProgrammeCsv, type ProgrammeRow } from './exports';
import { copyProgramme, draftCount, programmeRows, publicRows } from './programme';
import { ProgrammeFlyer } from './ProgrammeFlyer';
import { HolidayBadge, holidayLabel } from './HolidayWarning';
import { PrintOverlay } from '../../shared/attendance/PrintOverlay';
import { useOrganisation } from '../settings/MissingOrganisation';
import { FromTemplateForm } from './FromTemplateForm';
import { longDate, statusLabel, themeName } from './labels';
import { listTemplates } from './queries';
import './workshops.css';
import { capitalizeFirst, clockTime } from '../../i18n/format';

export default function ProgrammePage() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const rows = useLiveQuery(() => programmeRows(year), [year]);
  const templates = useLiveQuery(() => listTemplates(), []);
  const organisation = useOrganisation();
  const [flyer, setFlyer] = useState(false);
  const [copyNote, setCopyNote] = useState<string[] | null>(null);
  const published = useMemo(() => publicRows(rows ?? []), [rows]);
  const drafts = draftCount(rows ?? []);

  async function copyToNextYear() {
    try {
      const outcome = await copyProgramme(year);
      const lines = [t('programme.copy.done', { count: outcome.created.length, year: year + 1 })];
      if (outcome.skipped > 0) lines.push(t('programme.copy.skipped', { count: outcome.skipped }));
      for (const h of outcome.holidays) lines.push(t('programme.copy.holiday', { title: h.workshop.title, date: longDate(h.holiday.date, locale), name: t(holidayLabel[h.holiday.name]) }));
      setCopyNote(lines);
      toast(lines[0]!);
      if (outcome.created.length > 0) setYear(year + 1);
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  const months = useMemo(() => {
    const map = new Map<string, ProgrammeRow[]>();
    for (const r of rows ?? []) {
      const key = (r.session?.start ?? r.workshop.firstDate ?? `${year}-01`).slice(0, 7);
      map.set(key, [...(map.get(key) ?? []), r]);
    }
    return [...map];
  }, [rows, year]);

  async function run(action: () => Promise<{ ok: true; saved: boolean } | { ok: false; error: string }>, done?: string) {
    try {
      const result = await action();
      if (!result.ok) throw new Error(result.error);
      if (result.saved && done) toast(done);
    } catch (error) {
      toast(t('common.error.generic', { detail: errorMessage(error) }), { kind: 'error' });
    }
  }

  const entries = (rows ?? []).flatMap((r) => (r.session ? [{ workshop: r.workshop, session: r.session }] : []));
  const monthName = (key: string) => new Date(`${key}-15T12:00:00`).toLocaleDateString(locale, { month: 'long', year: 'numeric' });

  return (
    <>
      <PageHeader
        title={t('programme.title')}
        intro={t('programme.intro')}
        actions={
          <>
            <button type="button" className="btn" onClick={() => void run(() => printView(fileNameFrom(`programme-ateliers-${year}`, 'pdf')))}>
              {t('programme.print')}
            </button>
            <button type="button" className="btn" onClick={() => void run(() => saveProgrammeCsv(year, rows ?? [], t))}>
              {t('programme.exportCsv')}
            </button>
            <button type="button" className="btn" onClick={() => void run(() => saveIcs(`programme-ateliers-${year}`, entries, t('programme.heading', { year })), t('ics.saved'))}>
              {t('programme.exportIcs')}
            </button>
          </>
        }
      />
      <div className="no-print filters">
        <Field label={t('programme.year')}>
          {(p) => (
            <select {...p} value={year} onChange={(e) => setYear(Number(e.target.value))}>
              {[thisYear - 2, thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <section className="card no-print" aria-labelledby="programme-publish" style={{ marginBottom: '1rem' }}>
        <h2 id="programme-publish" style={{ fontSize: '1.1rem', marginTop: 0 }}>
          {t('programme.publish.title')}
        </h2>
        <p>{t('programme.publish.intro', { count: published.length })}</p>
        {drafts > 0 ? <p className="muted">{t('programme.publish.drafts', { count: drafts })}</p> : null}
        <div className="toolbar">
          <button type="button" className="btn btn-primary" disabled={published.length === 0} onClick={() => setFlyer(true)}>
            {t('programme.publish.pdf')}
          </button>
          <button type="button" className="btn" disabled={published.length === 0} onClick={() => void run(() => saveIcs(`programme-public-${year}`, published, t('flyer.title', { year })), t('ics.saved'))}>
            {t('programme.publish.ics')}
          </button>
          <button type="button" className="btn" disabled={published.length === 0} onClick={() => void run(() => savePublicProgrammeCsv(year, published, t))}>
            {t('programme.publish.csv')}
          </button>
        </div>
      </section>
      <section className="card no-print" aria-labelledby="programme-copy" style={{ marginBottom: '1rem' }}>
        <h2 id="programme-copy" style={{ fontSize: '1.1rem', marginTop: 0 }}>
          {t('programme.copy.title', { year: year + 1 })}
        </h2>
        <p>{t('programme.copy.intro', { from: year, to: year + 1 })}</p>
        <button type="button" className="btn" disabled={!rows || rows.length === 0} onClick={() => void copyToNextYear()}>
          {t('programme.copy.button', { year: year + 1 })}
        </button>
        {copyNote ? (
          <div role="status">
            <ul aria-label={t('programme.copy.report')}>
              {copyNote.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
      <section className="card no-print" aria-labelledby="programme-add" style={{ marginBottom: '1rem' }}>
        <h2 id="programme-add" style={{ fontSize: '1.1rem', marginTop: 0 }}>
          {t('programme.addTitle')}
        </h2>
        {templates && templates.length === 0 ? (
          <p className="muted">{t('programme.noTemplates')}</p>
        ) : (
          <FromTemplateForm
            templates={templates ?? []}
            defaultDate=""
            submitLabel={t('programme.add')}
            onCreated={(w) => {
              toast(t('programme.added', { title: w.title }));
              if (w.firstDate) setYear(Number(w.firstDate.slice(0, 4)));
            }}
          />
        )}
      </section>
      <h2>{t('programme.heading', { year })}</h2>
      {rows === undefined ? null : rows.length === 0 ? (
        <EmptyState>{t('programme.empty')}</EmptyState>
      ) : (
        months.map(([key, list]) => (
          <section key={key} className="programme-month" aria-labelledby={`month-${key}`}>
            <h3 id={`month-${key}`}>
              {capitalizeFirst(monthName(key), locale)}
            </h3>
            <DataTable
              caption={capitalizeFirst(monthName(key), locale)}
              rows={list}
              rowKey={(r) => `${r.workshop.id}-${r.session?.id ?? 'none'}`}
              columns={[
                {
                  id: 'date',
                  header: t('session.date'),
                  rowHeader: true,
                  minRem: 12,
                  share: 3,
                  cell: (r) => (
                    <>
                      {r.session ? (
                        <>
                          {longDate(r.session.start.slice(0, 10), locale)}, <span className="nowrap">{`${clockTime(r.session.start, locale)}–${clockTime(r.session.end, locale)}`}</span>
                        </>
                      ) : (
                        t('workshops.noDate')
                      )}
                      {r.session ? <HolidayBadge date={r.session.start} communeInsee={r.workshop.place.communeInsee} /> : null}
                    </>
                  ),
                },
                { id: 'title', header: t('workshops.col.title'), minRem: 12, share: 3, cell: (r) => <Link href={`/${r.workshop.id}`}>{r.workshop.title}</Link> },
                { id: 'theme', header: t('workshops.col.theme'), minRem: 9, share: 2, priority: 3, cell: (r) => themeName(t, r.workshop.theme) },
                { id: 'commune', header: t('workshops.col.commune'), minRem: 9, share: 2.5, priority: 2, cell: (r) => [r.workshop.place.communeName, r.workshop.place.room].filter(Boolean).join(' — ') },
                { id: 'status', header: t('workshops.col.status'), minRem: 7, share: 1.5, cell: (r) => (r.session?.cancelled ? t('session.cancelled') : t(statusLabel[r.workshop.status])) },
              ]}
            />
          </section>
        ))
      )}
      {flyer ? (
        <PrintOverlay title={t('flyer.title', { year })} fileName={fileNameFrom(`programme-public-${year}`, 'pdf')} onClose={() => setFlyer(false)} paperwork="programme">
          <ProgrammeFlyer year={year} rows={published} organisation={organisation} />
        </PrintOverlay>
      ) : null}
    </>
  );
}

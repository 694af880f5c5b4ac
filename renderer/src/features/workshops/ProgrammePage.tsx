/**
 * /ateliers/programme: the year's workshops month by month, built from templates;
 * printable, exportable as CSV and as an .ics calendar.
 */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { getDb } from '../../db/database';
import { useI18n } from '../../i18n';
import { printView, fileNameFrom } from '../../shared/files';
import { Field } from '../../ui/Field';
import { EmptyState, PageHeader } from '../../ui/PageHeader';
import { useToast } from '../../ui/Toast';
import { errorMessage } from '../../ui/errors';
import { saveIcs, saveProgrammeCsv, type ProgrammeRow } from './exports';
import { FromTemplateForm } from './FromTemplateForm';
import { longDate, statusLabel, themeName } from './labels';
import { listTemplates, listWorkshops } from './queries';
import { WorkshopsNav } from './WorkshopsNav';
import './workshops.css';
import { capitalizeFirst, clockTime } from '../../i18n/format';

/** Rows of a year's programme: one per session in the year (a workshop without session gets one row). */
async function programmeRows(year: number): Promise<ProgrammeRow[]> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const workshops = await listWorkshops({ from, to });
  const sessions = await getDb().sessions.where('workshopId').anyOf(workshops.map((w) => w.id)).toArray();
  const rows: ProgrammeRow[] = [];
  for (const workshop of workshops) {
    const mine = sessions.filter((s) => s.workshopId === workshop.id && s.deletedAt === null && s.start.slice(0, 10) >= from && s.start.slice(0, 10) <= to);
    if (mine.length === 0) rows.push({ workshop, session: null });
    for (const session of mine) rows.push({ workshop, session });
  }
  return rows.sort((a, b) => (a.session?.start ?? a.workshop.firstDate ?? '').localeCompare(b.session?.start ?? b.workshop.firstDate ?? ''));
}

export default function ProgrammePage() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const rows = useLiveQuery(() => programmeRows(year), [year]);
  const templates = useLiveQuery(() => listTemplates(), []);

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
      toast(t('common.error.generic', { detail: errorMessage(error) }));
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
      <WorkshopsNav />
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
            <table className="data">
              <thead>
                <tr>
                  <th scope="col">{t('session.date')}</th>
                  <th scope="col">{t('workshops.col.title')}</th>
                  <th scope="col">{t('workshops.col.theme')}</th>
                  <th scope="col">{t('workshops.col.commune')}</th>
                  <th scope="col">{t('workshops.col.status')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={`${r.workshop.id}-${r.session?.id ?? 'none'}`}>
                    <td>{r.session ? `${longDate(r.session.start.slice(0, 10), locale)}, ${clockTime(r.session.start, locale)}–${clockTime(r.session.end, locale)}` : t('workshops.noDate')}</td>
                    <td>
                      <Link href={`/${r.workshop.id}`}>{r.workshop.title}</Link>
                    </td>
                    <td>{themeName(t, r.workshop.theme)}</td>
                    <td>{[r.workshop.place.communeName, r.workshop.place.room].filter(Boolean).join(' — ')}</td>
                    <td>{r.session?.cancelled ? t('session.cancelled') : t(statusLabel[r.workshop.status])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
    </>
  );
}

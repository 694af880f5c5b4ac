/** /ateliers: the workshops with filters (status, theme, period, commune), and the bin. */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { Field } from '../../ui/Field';
import { DataTable } from '../../ui/DataTable';
import { EmptyState, PageHeader } from '../../ui/PageHeader';
import { errorMessage } from '../../ui/errors';
import { useToast } from '../../ui/Toast';
import { periodLabel, shortDate, statusLabel, themeName, workshopStatuses, workshopThemes } from './labels';
import { countsByWorkshop, listWorkshops } from './queries';
import { parisToday } from '../../domain/date-rules';
import { restoreWorkshop } from './repository';
import { listOrder, matchesFilters, periodPresets, periodRange, shownStatus, type PeriodPreset } from './rules';
import type { Workshop, WorkshopStatus } from '../../domain/workshops';
import './workshops.css';

const PAGE = 50;

export default function WorkshopList() {
  const { t, locale } = useI18n();
  const toast = useToast();
  const [status, setStatus] = useState<WorkshopStatus | ''>('');
  const [theme, setTheme] = useState('');
  const [communeInsee, setCommuneInsee] = useState('');
  const [preset, setPreset] = useState<PeriodPreset>('all');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [bin, setBin] = useState(false);
  const [shown, setShown] = useState(PAGE);

  const range = useMemo(() => periodRange(preset, new Date(), { from: from || null, to: to || null }), [preset, from, to]);
  const rows = useLiveQuery(() => listWorkshops(bin ? { from: null, to: null } : range, { deleted: bin }), [range.from, range.to, bin]);
  const today = parisToday(new Date());
  const filtered = useMemo(() => listOrder((rows ?? []).filter((w) => bin || matchesFilters(w, { status, theme, communeInsee, range, text })), today), [rows, bin, status, theme, communeInsee, range, text, today]);
  const page = filtered.slice(0, shown);
  // counts of the page shown only: the list stays bounded however many workshops there are
  const counts = useLiveQuery(() => countsByWorkshop(page), [page.map((w) => `${w.id}:${w.capacity}:${w.registrationMode ?? ''}`).join(',')]);
  // communes offered by the filter: those of the workshops in the period
  const communes = useMemo(() => {
    const map = new Map<string, string>();
    for (const w of rows ?? []) if (w.place.communeInsee) map.set(w.place.communeInsee, w.place.communeName);
    return [...map].sort((a, b) => a[1].localeCompare(b[1], 'fr'));
  }, [rows]);

  const dates = (w: Workshop) => {
    if (!w.firstDate) return t('workshops.noDate');
    const first = shortDate(w.firstDate, locale);
    return w.lastDate && w.lastDate !== w.firstDate ? `${first} → ${shortDate(w.lastDate, locale)}` : first;
  };

  function reset() {
    setStatus('');
    setTheme('');
    setCommuneInsee('');
    setPreset('all');
    setFrom('');
    setTo('');
    setText('');
  }

  return (
    <>
      <PageHeader
        title={t('workshops.title')}
        intro={t('workshops.intro')}
        actions={
          <>
            <Link href="/nouveau" className="btn btn-primary">
              {t('workshops.new')}
            </Link>
            <button type="button" className="btn" aria-pressed={bin} onClick={() => setBin((b) => !b)}>
              {bin ? t('workshops.bin.hide') : t('workshops.bin.show')}
            </button>
          </>
        }
      />
      {bin ? (
        <h2>{t('workshops.bin')}</h2>
      ) : (
        <section aria-label={t('workshops.filters')} className="filters">
          <Field label={t('workshops.filter.text')}>{(p) => <input {...p} type="search" value={text} onChange={(e) => setText(e.target.value)} />}</Field>
          <Field label={t('workshops.filter.status')}>
            {(p) => (
              <select {...p} value={status} onChange={(e) => setStatus(e.target.value as WorkshopStatus | '')}>
                <option value="">{t('workshops.filter.any', { gender: 'masculine' })}</option>
                {workshopStatuses.map((s) => (
                  <option key={s} value={s}>
                    {t(statusLabel[s])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('workshops.filter.theme')}>
            {(p) => (
              <select {...p} value={theme} onChange={(e) => setTheme(e.target.value)}>
                <option value="">{t('workshops.filter.any', { gender: 'masculine' })}</option>
                {workshopThemes.map((th) => (
                  <option key={th} value={th}>
                    {themeName(t, th)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('workshops.filter.period')}>
            {(p) => (
              <select {...p} value={preset} onChange={(e) => setPreset(e.target.value as PeriodPreset)}>
                {periodPresets.map((pr) => (
                  <option key={pr} value={pr}>
                    {t(periodLabel[pr])}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {preset === 'custom' ? (
            <>
              <Field label={t('workshops.filter.from')}>{(p) => <input {...p} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />}</Field>
              <Field label={t('workshops.filter.to')}>{(p) => <input {...p} type="date" value={to} onChange={(e) => setTo(e.target.value)} />}</Field>
            </>
          ) : null}
          <Field label={t('workshops.filter.commune')}>
            {(p) => (
              <select {...p} value={communeInsee} onChange={(e) => setCommuneInsee(e.target.value)}>
                <option value="">{t('workshops.filter.anyCommune')}</option>
                {communes.map(([insee, name]) => (
                  <option key={insee} value={insee}>
                    {name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <div className="field">
            <button type="button" className="btn" onClick={reset}>
              {t('workshops.filter.reset')}
            </button>
          </div>
        </section>
      )}
      {rows === undefined ? (
        <p>{t('app.loading')}</p>
      ) : filtered.length === 0 ? (
        <EmptyState>{bin ? t('workshops.bin.empty') : t('workshops.empty')}</EmptyState>
      ) : (
        <>
          <p role="status">{t('workshops.count', { count: filtered.length })}</p>
          <DataTable
            caption={bin ? t('workshops.bin') : t('workshops.title')}
            rows={page}
            rowKey={(w) => w.id}
            columns={[
              { id: 'title', header: t('workshops.col.title'), rowHeader: true, minRem: 14, cell: (w) => <Link href={`/${w.id}`}>{w.title}</Link> },
              { id: 'dates', header: t('workshops.col.dates'), minRem: 9, cell: dates },
              { id: 'commune', header: t('workshops.col.commune'), minRem: 8, priority: 2, cell: (w) => w.place.communeName },
              { id: 'theme', header: t('workshops.col.theme'), minRem: 9, priority: 3, cell: (w) => themeName(t, w.theme) },
              {
                id: 'status',
                header: t('workshops.col.status'),
                minRem: 7,
                cell: (w) => <span className="badge">{t(statusLabel[bin ? w.status : shownStatus(w, counts?.get(w.id)?.full ?? false)])}</span>,
              },
              ...(bin
                ? []
                : [
                    {
                      id: 'registered',
                      header: t('sessions.col.registered'),
                      minRem: 9,
                      priority: 2,
                      cell: (w: Workshop) => {
                        const c = counts?.get(w.id);
                        return c ? t('sessions.list.counts', { registered: c.registered, capacity: c.capacity, waiting: c.waiting, walkIns: c.walkIns, perSession: c.mode === 'session' ? 'yes' : 'no' }) : w.capacity;
                      },
                    },
                  ]),
            ]}
            actions={
              bin
                ? (w) => (
                    <button
                      type="button"
                      className="btn btn-small"
                      onClick={() =>
                        void restoreWorkshop(w.id).then(
                          () => toast(t('workshop.restored', { title: w.title })),
                          (e: unknown) => toast(t('common.error.generic', { detail: errorMessage(e) }), { kind: 'error' }),
                        )
                      }
                    >
                      {t('common.restore')} <span className="visually-hidden">{w.title}</span>
                    </button>
                  )
                : undefined
            }
            actionsLabel={t('workshops.col.actions')}
          />
          {filtered.length > shown ? (
            <button type="button" className="btn" onClick={() => setShown((s) => s + PAGE)}>
              {t('workshops.more')}
            </button>
          ) : null}
        </>
      )}
    </>
  );
}

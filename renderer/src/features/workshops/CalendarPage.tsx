/**
 * /ateliers/calendrier: sessions by month or week, weeks starting on Monday, in
 * the interface's language (date-fns locales). /calendrier/2026-03-10 opens the
 * month of a given day.
 */
import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { addMonths, addWeeks, eachDayOfInterval, endOfMonth, endOfWeek, format, isSameMonth, startOfMonth, startOfWeek } from 'date-fns';
import { enGB, fr } from 'date-fns/locale';
import { Link } from 'wouter';
import { useI18n } from '../../i18n';
import { PageHeader } from '../../ui/PageHeader';
import { bookingsBetween } from './queries';
import { findConflicts, type Booking } from './rules';
import './workshops.css';
import { capitalizeFirst, clockTime } from '../../i18n/format';

type View = 'month' | 'week';
const WEEK = { weekStartsOn: 1 } as const;

function parseDay(value: string | null): Date {
  if (value && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const d = new Date(`${value}T12:00:00`);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return new Date();
}

export default function CalendarPage({ date }: { date?: string | undefined }) {
  const { t, language } = useI18n();
  const [view, setView] = useState<View>('month');
  const [cursor, setCursor] = useState<Date>(() => parseDay(date ?? null));
  const locale = language === 'fr' ? fr : enGB;

  const days = useMemo(() => {
    const start = view === 'month' ? startOfWeek(startOfMonth(cursor), WEEK) : startOfWeek(cursor, WEEK);
    const end = view === 'month' ? endOfWeek(endOfMonth(cursor), WEEK) : endOfWeek(cursor, WEEK);
    return eachDayOfInterval({ start, end });
  }, [view, cursor]);
  const first = format(days[0]!, 'yyyy-MM-dd');
  const last = format(days.at(-1)!, 'yyyy-MM-dd');
  const bookings = useLiveQuery(() => bookingsBetween(`${first}T00:00`, `${last}T23:59`), [first, last]);
  const conflicted = useMemo(() => new Set(findConflicts(bookings ?? [], bookings ?? []).map((c) => c.sessionId)), [bookings]);
  const byDay = useMemo(() => {
    const map = new Map<string, Booking[]>();
    for (const b of bookings ?? []) {
      const day = b.session.start.slice(0, 10);
      map.set(day, [...(map.get(day) ?? []), b]);
    }
    return map;
  }, [bookings]);

  const today = format(new Date(), 'yyyy-MM-dd');
  const heading = view === 'month' ? capitalizeFirst(format(cursor, 'LLLL yyyy', { locale }), language) : t('calendar.weekOf', { date: format(days[0]!, 'd MMMM yyyy', { locale }) });
  const step = (direction: 1 | -1) => setCursor((c) => (view === 'month' ? addMonths(c, direction) : addWeeks(c, direction)));
  const weekdays = days.slice(0, 7);
  const weeks: Date[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));

  function events(day: Date) {
    const list = byDay.get(format(day, 'yyyy-MM-dd')) ?? [];
    if (list.length === 0) return null;
    return (
      <ul>
        {list.map((b) => {
          const cancelled = b.session.cancelled || b.workshop.status === 'annule';
          const conflict = conflicted.has(b.session.id);
          return (
            <li key={b.session.id}>
              <Link href={`/${b.workshop.id}`} className={`calendar-event${cancelled ? ' cancelled' : ''}${conflict ? ' conflict' : ''}`}>
                {clockTime(b.session.start, language)}–{clockTime(b.session.end, language)} {b.workshop.title}
                {b.workshop.place.communeName ? ` · ${b.workshop.place.communeName}` : ''}
                {cancelled ? ` (${t('calendar.cancelled')})` : ''}
                {conflict ? <span> ⚠ {t('calendar.conflict')}</span> : null}
              </Link>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <>
      <PageHeader
        title={t('calendar.title')}
        actions={
          <>
            <div role="group" aria-label={t('calendar.view')} className="toolbar">
              <button type="button" className="btn" aria-pressed={view === 'month'} onClick={() => setView('month')}>
                {t('calendar.month')}
              </button>
              <button type="button" className="btn" aria-pressed={view === 'week'} onClick={() => setView('week')}>
                {t('calendar.week')}
              </button>
            </div>
            <button type="button" className="btn" onClick={() => step(-1)}>
              ← {t('calendar.previous')}
            </button>
            <button type="button" className="btn" onClick={() => setCursor(new Date())}>
              {t('calendar.today')}
            </button>
            <button type="button" className="btn" onClick={() => step(1)}>
              {t('calendar.next')} →
            </button>
          </>
        }
      />
      <h2 aria-live="polite">
        {heading}
      </h2>
      <p className="muted">{bookings && bookings.length === 0 ? t('calendar.empty') : t('calendar.sessionCount', { count: bookings?.length ?? 0 })}</p>
      <table className="data calendar-grid">
        <caption className="visually-hidden">{heading}</caption>
        <thead>
          <tr>
            {weekdays.map((d) => (
              <th key={d.toISOString()} scope="col">
                <abbr title={format(d, 'EEEE', { locale })} style={{ textDecoration: 'none' }}>
                  {view === 'month' ? format(d, 'EEE', { locale }) : format(d, 'EEE d MMM', { locale })}
                </abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0]!.toISOString()}>
              {week.map((d) => {
                const iso = format(d, 'yyyy-MM-dd');
                const classes = [view === 'month' && !isSameMonth(d, cursor) ? 'other-month' : '', iso === today ? 'today' : ''].filter(Boolean).join(' ');
                return (
                  <td key={iso} className={classes || undefined} data-date={iso} style={view === 'week' ? { height: '14rem' } : undefined}>
                    <span className="day-number">
                      <span aria-hidden="true">{format(d, 'd')}</span>
                      <span className="visually-hidden">{format(d, 'EEEE d MMMM yyyy', { locale })}</span>
                    </span>
                    {events(d)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}


/**
 * The promotion's progress over time: cumulative hours held and average hours
 * attended, as an SVG line chart (described by its title and a summary) followed
 * by the same numbers in a table, for screen readers and for reading exact values.
 */
import { useId } from 'react';
import { useI18n } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import type { ProgressPoint } from './progress';
import { formatDate, formatHours } from './labels';
import { durationFromHours } from '../../i18n/format';

const W = 640;
const H = 220;
const PAD = { left: 44, right: 16, top: 14, bottom: 34 };

export function ProgressChart({ points }: { points: ProgressPoint[] }) {
  const { t, locale } = useI18n();
  const id = useId();
  if (points.length === 0) return <p className="muted">{t('cohorts.chart.empty')}</p>;
  const max = Math.max(...points.map((p) => p.heldHours), 1);
  const x = (i: number) => PAD.left + (points.length === 1 ? (W - PAD.left - PAD.right) / 2 : (i / (points.length - 1)) * (W - PAD.left - PAD.right));
  const y = (h: number) => H - PAD.bottom - (h / max) * (H - PAD.top - PAD.bottom);
  const path = (value: (p: ProgressPoint) => number) => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(value(p)).toFixed(1)}`).join(' ');
  const last = points[points.length - 1] as ProgressPoint;
  return (
    <figure className="progress-chart" style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`}>
        <title id={`${id}-title`}>{t('cohorts.chart.title')}</title>
        <desc id={`${id}-desc`}>{t('cohorts.chart.summary', { held: durationFromHours(last.heldHours, locale), attended: durationFromHours(last.averageAttendedHours, locale), percent: formatHours(locale, last.percent) })}</desc>
        <line className="axis" x1={PAD.left} y1={H - PAD.bottom} x2={W - PAD.right} y2={H - PAD.bottom} />
        <line className="axis" x1={PAD.left} y1={PAD.top} x2={PAD.left} y2={H - PAD.bottom} />
        {[0, max / 2, max].map((v) => (
          <text key={v} x={PAD.left - 6} y={y(v) + 4} textAnchor="end">
            {durationFromHours(v, locale)}
          </text>
        ))}
        {points.map((p, i) => (
          <text key={p.date} x={x(i)} y={H - PAD.bottom + 16} textAnchor="middle">
            {new Date(`${p.date}T12:00:00`).toLocaleDateString(locale, { day: '2-digit', month: '2-digit' })}
          </text>
        ))}
        <path className="line-held" d={path((p) => p.heldHours)} />
        <path className="line-attended" d={path((p) => p.averageAttendedHours)} />
        {points.map((p, i) => (
          <g key={p.date}>
            <circle cx={x(i)} cy={y(p.heldHours)} r={3} fill="var(--muted)" />
            <circle cx={x(i)} cy={y(p.averageAttendedHours)} r={4} fill="var(--accent)" />
          </g>
        ))}
      </svg>
      <figcaption className="muted">{t('cohorts.chart.legend')}</figcaption>
      <DataTable
        caption={t('cohorts.chart.table')}
        rows={points}
        rowKey={(p) => p.date}
        columns={[
          { id: 'date', header: t('cohorts.chart.date'), rowHeader: true, minRem: 8, cell: (p) => formatDate(locale, p.date) },
          { id: 'held', header: t('cohorts.chart.held'), align: 'end', minRem: 7, cell: (p) => durationFromHours(p.heldHours, locale) },
          { id: 'attended', header: t('cohorts.chart.attended'), align: 'end', minRem: 9, cell: (p) => durationFromHours(p.averageAttendedHours, locale) },
          { id: 'percent', header: t('cohorts.chart.percent'), align: 'end', minRem: 7, cell: (p) => `${formatHours(locale, p.percent)} %` },
        ]}
      />
    </figure>
  );
}

/**
 * A small horizontal bar chart in SVG. It is an image with a title and a
 * description; the same figures are always in a table next to it.
 */
import { useId } from 'react';

export function BarChart({ title, description, data, format = String }: { title: string; description: string; data: readonly { label: string; value: number }[]; format?: (n: number) => string }) {
  const id = useId();
  const max = Math.max(1, ...data.map((d) => d.value));
  const row = 26;
  const labelWidth = 200;
  const barWidth = 420;
  const width = labelWidth + barWidth + 60;
  const height = Math.max(row, data.length * row) + 8;
  const short = (s: string) => (s.length > 28 ? `${s.slice(0, 27)}…` : s);
  return (
    <svg className="bar-chart" role="img" aria-labelledby={`${id}-title ${id}-desc`} viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {data.map((d, i) => {
        const y = 4 + i * row;
        const w = Math.round((d.value / max) * barWidth);
        return (
          <g key={`${d.label}-${i}`}>
            <text x={labelWidth - 8} y={y + row / 2 + 4} textAnchor="end">
              {short(d.label)}
            </text>
            <rect className="bar" x={labelWidth} y={y + 3} width={Math.max(w, d.value > 0 ? 2 : 0)} height={row - 8} rx={3} />
            <text x={labelWidth + w + 6} y={y + row / 2 + 4}>
              {format(d.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

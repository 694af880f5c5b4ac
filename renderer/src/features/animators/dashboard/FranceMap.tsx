/**
 * Choropleth of the regions: the 13 metropolitan ones from @svg-maps/france.regions
 * (CC BY 4.0) and the five overseas regions as labelled inset boxes. Each region is
 * a link (keyboard focus, Enter opens the filtered list); hover/focus shows figures.
 */
import { memo, useMemo, useState, type ReactNode } from 'react';
import franceRegions from '@svg-maps/france.regions';
import { findRegion } from '../../../shared/geo';
import { useT, type MessageKey, type Translate } from '../../../i18n';
import { formatNumber } from '../../../i18n/format';
import { classBreaks, classOf, measureOf, type AreaStats, type Measure } from '../stats';

export const palette = ['#fde0c5', '#facba6', '#f8b58b', '#f59e72', '#e2683c'];
const EMPTY = '#e6e6e6';
const OVERSEAS = ['01', '02', '03', '04', '06'];

interface SvgMap {
  viewBox: string;
  locations: { id: string; name: string; path: string }[];
}
const svgMap = franceRegions as unknown as SvgMap;
const metro = svgMap.locations.map((l) => ({ ...l, code: findRegion(l.name)?.code ?? '' }));

const num = (n: number) => formatNumber(n, 'fr', 3);
const [x0, y0, w, h] = svgMap.viewBox.split(' ').map(Number) as [number, number, number, number];
const insetY = y0 + h + 10;
const insetW = (w - 20) / 5;

/**
 * The map's shapes: drawn when the figures or the measure change, not when the pointer or the focus moves
 * (the tip below says which region is pointed at). The paths' outlines are the module's constant strings.
 */
const Regions = memo(function Regions({ byCode, fill, label, onOpen, setFocus }: { byCode: ReadonlyMap<string, AreaStats>; fill: (code: string) => string; label: (s: AreaStats | undefined, name: string) => string; onOpen: (code: string) => void; setFocus: (code: string | null) => void }) {
  const area = (code: string, name: string, shape: ReactNode) => {
    const s = byCode.get(code);
    return (
      <a
        key={code || name}
        href={`#${code}`}
        aria-label={label(s, name)}
        data-region={code}
        onClick={(e) => {
          e.preventDefault();
          if (code) onOpen(code);
        }}
        onMouseEnter={() => setFocus(code)}
        onFocus={() => setFocus(code)}
        onMouseLeave={() => setFocus(null)}
        onBlur={() => setFocus(null)}
      >
        <title>{label(s, name)}</title>
        {shape}
      </a>
    );
  };
  return (
    <>
      {metro.map((l) => area(l.code, l.name, <path d={l.path} fill={fill(l.code)} />))}
      {OVERSEAS.map((code, i) => {
        const s = byCode.get(code);
        const x = x0 + 10 + i * insetW;
        const name = s?.name ?? code;
        return area(
          code,
          name,
          <g>
            <rect className="inset" x={x} y={insetY} width={insetW - 8} height={60} rx={6} fill={fill(code)} />
            <text x={x + (insetW - 8) / 2} y={insetY + 34} textAnchor="middle" fontSize="12" fill="#222">
              {name}
            </text>
          </g>,
        );
      })}
    </>
  );
});

function labelOf(t: Translate, s: AreaStats | undefined, name: string): string {
  return s ? t('animators.map.regionLabel', { name, total: s.total, perCapita: num(s.perCapita), certified: s.byStatus.certifie }) : name;
}

export function FranceMap({ stats, measure, onOpen }: { stats: readonly AreaStats[]; measure: Measure; onOpen: (code: string) => void }) {
  const t = useT();
  const [focus, setFocus] = useState<string | null>(null);
  const byCode = useMemo(() => new Map(stats.map((s) => [s.code, s])), [stats]);
  const breaks = useMemo(() => classBreaks(stats.map((s) => measureOf(s, measure))), [stats, measure]);
  const fill = useMemo(
    () => (code: string) => {
      const s = byCode.get(code);
      const c = s ? classOf(measureOf(s, measure), breaks) : -1;
      return c < 0 ? EMPTY : palette[c]!;
    },
    [byCode, measure, breaks],
  );
  const label = useMemo(() => (s: AreaStats | undefined, name: string) => labelOf(t, s, name), [t]);
  const current = focus ? byCode.get(focus) : undefined;

  return (
    <figure className="animators-map" aria-labelledby="animators-map-caption">
      <figcaption id="animators-map-caption">{t('animators.map.caption', { measure: t(`animators.measure.${measure}` as MessageKey) })}</figcaption>
      <svg viewBox={`${x0} ${y0} ${w} ${h + 80}`} role="group" aria-label={t('animators.map.label')}>
        <Regions byCode={byCode} fill={fill} label={label} onOpen={onOpen} setFocus={setFocus} />
      </svg>
      <p className="animators-tip" aria-live="polite">
        {current ? label(current, current.name) : t('animators.map.hint')}
      </p>
      <ul className="animators-legend" aria-label={t('animators.map.legend')}>
        <li>
          <span className="swatch" style={{ background: EMPTY }} />0
        </li>
        {breaks.length > 1 || (breaks[0] ?? 0) > 0
          ? breaks.map((b, i) => (
              <li key={i}>
                <span className="swatch" style={{ background: palette[i] }} />
                {i === 0 ? `≤ ${num(b)}` : `${num(breaks[i - 1]!)} – ${num(b)}`}
              </li>
            ))
          : null}
      </ul>
      <p className="muted">{t('animators.map.credit')}</p>
    </figure>
  );
}

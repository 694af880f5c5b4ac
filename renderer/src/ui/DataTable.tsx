/**
 * The one data table of the app: a real <table> with a sticky header, columns that give
 * way by priority when the window is narrow (their values then stand under the row's
 * first cell, so nothing is lost), horizontal scrolling inside the table only — with a
 * shadow on the side that has more — and row actions in a column pinned to the right edge,
 * always reachable.
 */
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { useT } from '../i18n';
import { fitColumns, type FitColumn } from './columns';

export interface Column<T> extends FitColumn {
  id: string;
  header: ReactNode;
  /** said when the column's value is shown under the row header (defaults to the header if it is text) */
  label?: string;
  cell: (row: T) => ReactNode;
  /** this column's cells are the rows' headers (<th scope="row">) */
  rowHeader?: boolean;
  /** pinned to the left or right edge while the table scrolls sideways */
  sticky?: 'start' | 'end';
  align?: 'start' | 'center' | 'end';
  /** the header's aria-sort, for sortable columns */
  sort?: 'ascending' | 'descending' | 'none';
  className?: string;
  /**
   * The column's share of the table's width. When the columns of a table all have one, the
   * table is laid out fixed, so several tables of the same columns (a programme's months)
   * line up whatever their contents.
   */
  share?: number;
}

/**
 * What a table's boxes measured the last time it was drawn in a window of this width (by the table's
 * test id and caption, or a list's columns), kept for the session: a screen opened again draws its table with the columns that
 * fit at once, instead of every column first, then again once measured (a second layout of the whole
 * page in the same task). Only a first guess: the box is measured as it is drawn, and a wrong guess costs
 * what having none does.
 */
const SESSION_KEY = 'fourmiliere.tableWidths';
let remembered: Map<string, number> | null = null;
function memory(): Map<string, number> {
  if (!remembered) {
    remembered = new Map();
    try {
      const stored = JSON.parse(globalThis.sessionStorage?.getItem(SESSION_KEY) ?? '[]') as unknown;
      if (Array.isArray(stored)) for (const [k, v] of stored) if (typeof k === 'string' && typeof v === 'number') remembered.set(k, v);
    } catch {
      // no session storage (or an unreadable value): measured as drawn
    }
  }
  return remembered;
}
const sessionKey = (key: string | undefined) => (key && typeof window !== 'undefined' ? `${window.innerWidth}|${key}` : null);
function recall(key: string | undefined): number {
  const k = sessionKey(key);
  return (k && memory().get(k)) || 0;
}
let saving: ReturnType<typeof setTimeout> | 0 = 0;
function remember(key: string | undefined, width: number): void {
  const k = sessionKey(key);
  const m = memory();
  if (!k || !(width > 0) || m.get(k) === width) return;
  m.set(k, width);
  // a session's worth of tables and window widths at most
  while (m.size > 200) m.delete(m.keys().next().value!);
  // written once things settle (a window being resized reports every width on its way)
  if (saving) return;
  saving = setTimeout(() => {
    saving = 0;
    try {
      globalThis.sessionStorage?.setItem(SESSION_KEY, JSON.stringify([...memory()]));
    } catch {
      // full or absent: kept in memory only
    }
  }, 500);
}

/**
 * Measures a box's inner width, whether it can scroll further left or right, and whether it is taller than it shows,
 * before the first paint and whenever the box or its content changes size (a ResizeObserver: after the browser's
 * own layout, so no layout is forced after each render) or scrolls. `side` is an element inside whose outer
 * width counts too (a table's actions column): measured in the same report, so both give one drawing, not two.
 * `memoryKey` names the box across screens (see `recall`): its first drawing uses the widths it had last time.
 */
export function useScrollBox(
  ref: RefObject<HTMLElement | null>,
  memoryKey?: string,
  side?: { ref: RefObject<HTMLElement | null>; memoryKey: string },
): { width: number; sideWidth: number; atStart: boolean; atEnd: boolean; tall: boolean; update: () => void } {
  const sideRef = side?.ref;
  const sideKey = side?.memoryKey;
  const [state, setState] = useState(() => ({ width: recall(memoryKey), sideWidth: recall(sideKey), atStart: true, atEnd: true, tall: false }));
  const update = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const width = el.clientWidth;
    const atStart = el.scrollLeft <= 1;
    const atEnd = el.scrollLeft + width >= el.scrollWidth - 1;
    const tall = el.scrollHeight > el.clientHeight + 1;
    const sideEl = sideRef?.current;
    remember(memoryKey, width);
    if (sideEl) remember(sideKey, sideEl.offsetWidth);
    setState((s) => {
      const sideWidth = sideEl ? sideEl.offsetWidth : s.sideWidth;
      return s.width === width && s.sideWidth === sideWidth && s.atStart === atStart && s.atEnd === atEnd && s.tall === tall ? s : { width, sideWidth, atStart, atEnd, tall };
    });
  }, [ref, memoryKey, sideRef, sideKey]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Measured after the browser's own layout of this drawing, not by forcing one here, inside the commit:
    // a ResizeObserver reports a box first after that layout and before the paint, and what it changes is
    // drawn at once (flushSync), still before the paint. One observer for all: one report, one drawing.
    const observer = new ResizeObserver(() => flushSync(update));
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    if (sideRef?.current) observer.observe(sideRef.current);
    el.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', update);
    };
  }, [ref, update, sideRef]);
  return { ...state, update };
}

/** The shadows saying there is more to the left or right; the box they sit on is `.scroll-frame`. */
export function ScrollCues({ atStart, atEnd }: { atStart: boolean; atEnd: boolean }) {
  return (
    <>
      <span className="scroll-cue scroll-cue-start" hidden={atStart} aria-hidden="true" />
      <span className="scroll-cue scroll-cue-end" hidden={atEnd} aria-hidden="true" />
    </>
  );
}

/**
 * An element's width, kept up to date: `inner` without its borders and scrollbar (clientWidth),
 * `outer` with them (offsetWidth). `present` says whether the element is drawn at all; `memoryKey`
 * gives its first drawing the width it had last time (see `recall`).
 */
function useWidth(ref: RefObject<HTMLElement | null>, box: 'inner' | 'outer', present = true, memoryKey?: string): number {
  const [width, setWidth] = useState(() => recall(memoryKey));
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const w = box === 'outer' ? el.offsetWidth : el.clientWidth;
      remember(memoryKey, w);
      setWidth(w);
    };
    // as useScrollBox: reported after the browser's layout, drawn again before the paint
    const observer = new ResizeObserver(() => flushSync(measure));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, box, present, memoryKey]);
  return width;
}

/** The root font size (the app sets it once, in px): read once, not on every render (getComputedStyle may recalculate styles). */
let rootFontPx = 0;
const remPx = () => {
  if (typeof document === 'undefined') return 16;
  if (!rootFontPx) rootFontPx = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  return rootFontPx;
};

export function DataTable<T>({
  caption,
  captionVisible = false,
  columns,
  rows,
  rowKey,
  rowClassName,
  actions,
  actionsLabel,
  className,
  maxHeight,
  testId,
}: {
  caption: string;
  captionVisible?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  /** each row's buttons, in a column pinned to the right edge */
  actions?: (row: T) => ReactNode;
  actionsLabel?: string;
  className?: string;
  /** a height past which the body scrolls under its sticky header (default: 75 % of the window) */
  maxHeight?: string;
  testId?: string;
}) {
  const t = useT();
  const scroller = useRef<HTMLDivElement>(null);
  // The actions column keeps its buttons on one line: the other columns share what it leaves
  // (measured with the box; 8 rem until then, or what it measured last time).
  const actionsHead = useRef<HTMLTableCellElement>(null);
  const name = `${testId ?? ''}|${caption}`;
  const box = useScrollBox(scroller, `table|${name}`, actions ? { ref: actionsHead, memoryKey: `actions|${name}` } : undefined);
  const actionsPx = box.sideWidth;
  const available = box.width - (actions ? actionsPx || 8 * remPx() : 0);
  const shown = fitColumns(columns, available, remPx());
  const shownKey = columns.map((c) => (shown.has(c.id) ? c.id : '')).join('|');
  const sideways = !(box.atStart && box.atEnd);
  // scrolled sideways or down (a long list under its sticky header)
  const scrolls = sideways || box.tall;
  // The table itself is drawn again only when what it shows changes: not when a scroll cue comes or goes,
  // nor when the box is measured to the width it was drawn for. (Hiding a column changes the scroll width:
  // the ResizeObserver on the table measures the cues again after the browser's layout.)
  const table = useMemo(() => {
    const visible = columns.filter((c) => shown.has(c.id));
    const hidden = columns.filter((c) => !shown.has(c.id));
    const labelOf = (c: Column<T>) => c.label ?? (typeof c.header === 'string' ? c.header : c.id);
    // Shared widths: every visible column has a share (the actions column keeps its measured width).
    const shares = visible.every((c) => c.share !== undefined) ? visible.reduce((sum, c) => sum + (c.share ?? 0), 0) : 0;
    const fixedMinRem = visible.reduce((sum, c) => sum + (c.minRem ?? 0), 0);
    const cellClass = (c: Column<T>) =>
      [c.sticky ? `sticky-${c.sticky}` : null, c.align && c.align !== 'start' ? `align-${c.align}` : null, c.className ?? null].filter(Boolean).join(' ') || undefined;
    return (
      <table className="data" style={shares > 0 ? { tableLayout: 'fixed', minWidth: `${fixedMinRem}rem` } : undefined}>
        <caption className={captionVisible ? undefined : 'visually-hidden'}>{caption}</caption>
        {shares > 0 ? (
          <colgroup>
            {visible.map((c) => (
              <col key={c.id} style={{ width: `${((c.share ?? 0) / shares) * 100}%` }} />
            ))}
            {actions ? <col style={{ width: `${actionsPx || 8 * remPx()}px` }} /> : null}
          </colgroup>
        ) : null}
        <thead>
          <tr>
            {visible.map((c) => (
              <th key={c.id} scope="col" className={cellClass(c)} aria-sort={c.sort} style={c.minRem ? { minWidth: `${c.minRem}rem` } : undefined}>
                {c.header}
              </th>
            ))}
            {actions ? (
              <th ref={actionsHead} scope="col" className="sticky-end data-table-actions no-print">
                {actionsLabel ?? t('ui.table.actions')}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} className={rowClassName?.(row)}>
              {visible.map((c, index) => {
                const content = c.cell(row);
                // The first visible column carries the values of the hidden ones.
                const more =
                  index === 0 && hidden.length > 0 ? (
                    <dl className="data-table-more">
                      {hidden.map((h) => (
                        <div key={h.id}>
                          <dt>{labelOf(h)}</dt>
                          <dd>{h.cell(row)}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : null;
                return c.rowHeader ? (
                  <th key={c.id} scope="row" className={cellClass(c)}>
                    {content}
                    {more}
                  </th>
                ) : (
                  <td key={c.id} className={cellClass(c)}>
                    {content}
                    {more}
                  </td>
                );
              })}
              {actions ? <td className="sticky-end data-table-actions no-print">{actions(row)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    );
    // `shown` is what shownKey says
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, caption, captionVisible, columns, rows, rowKey, rowClassName, actions, actionsLabel, shownKey, actionsPx]);

  return (
    <div className={`data-table scroll-frame${className ? ` ${className}` : ''}`} data-testid={testId}>
      <div
        ref={scroller}
        className="data-table-scroll scroll-x"
        style={maxHeight ? { maxHeight } : undefined}
        // A keyboard user can scroll it only if it takes focus, and only when there is something to scroll.
        tabIndex={scrolls ? 0 : undefined}
        role={scrolls ? 'region' : undefined}
        aria-label={scrolls ? `${caption} — ${t(sideways ? 'ui.table.scrollHint' : 'tables.scrollDown')}` : undefined}
      >
        {table}
      </div>
      <ScrollCues atStart={box.atStart} atEnd={box.atEnd} />
    </div>
  );
}

/**
 * The same column fitting for a table drawn with ARIA roles (a virtual list): the columns
 * to show in the box `ref` measures, and the CSS grid template that lines the header up
 * with every row (each column at least its narrowest width, sharing the rest by weight).
 */
export function useFittedColumns<C extends FitColumn & { weight?: number }>(columns: readonly C[]): { ref: RefObject<HTMLDivElement | null>; visible: C[]; template: string } {
  const ref = useRef<HTMLDivElement>(null);
  // Remembered by its columns: the list opened again draws the columns that fit at once.
  const width = useWidth(ref, 'inner', true, `grid|${columns.map((c) => c.id).join(',')}`);
  const shown = fitColumns(columns, width, remPx());
  const visible = columns.filter((c) => shown.has(c.id));
  const template = visible.map((c) => `minmax(${c.minRem ?? 6}rem, ${c.weight ?? 1}fr)`).join(' ');
  return { ref, visible, template };
}

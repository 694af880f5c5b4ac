/**
 * The one data table of the app: a real <table> with a sticky header, columns that give
 * way by priority when the window is narrow (their values then stand under the row's
 * first cell, so nothing is lost), horizontal scrolling inside the table only — with a
 * shadow on the side that has more — and row actions in a column pinned to the right edge,
 * always reachable.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
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

/** Measures a box's inner width, whether it can scroll further left or right, and whether it is taller than it shows. */
export function useScrollBox(ref: RefObject<HTMLElement | null>): { width: number; atStart: boolean; atEnd: boolean; tall: boolean; update: () => void } {
  const [state, setState] = useState({ width: 0, atStart: true, atEnd: true, tall: false });
  const update = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const atStart = el.scrollLeft <= 1;
    const atEnd = el.scrollLeft + el.clientWidth >= el.scrollWidth - 1;
    const tall = el.scrollHeight > el.clientHeight + 1;
    setState((s) => (s.width === el.clientWidth && s.atStart === atStart && s.atEnd === atEnd && s.tall === tall ? s : { width: el.clientWidth, atStart, atEnd, tall }));
  }, [ref]);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    el.addEventListener('scroll', update, { passive: true });
    return () => {
      observer.disconnect();
      el.removeEventListener('scroll', update);
    };
  }, [ref, update]);
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
 * `outer` with them (offsetWidth). `present` says whether the element is drawn at all.
 */
function useWidth(ref: RefObject<HTMLElement | null>, box: 'inner' | 'outer', present = true): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(box === 'outer' ? el.offsetWidth : el.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, box, present]);
  return width;
}

const remPx = () => (typeof document === 'undefined' ? 16 : parseFloat(getComputedStyle(document.documentElement).fontSize) || 16);

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
  const box = useScrollBox(scroller);
  // The actions column keeps its buttons on one line: the other columns share what it leaves
  // (measured once drawn; 8 rem until then).
  const actionsHead = useRef<HTMLTableCellElement>(null);
  const actionsPx = useWidth(actionsHead, 'outer', Boolean(actions));
  const shown = fitColumns(columns, box.width - (actions ? actionsPx || 8 * remPx() : 0), remPx());
  const visible = columns.filter((c) => shown.has(c.id));
  const hidden = columns.filter((c) => !shown.has(c.id));
  const { update } = box;
  const sideways = !(box.atStart && box.atEnd);
  // scrolled sideways or down (a long list under its sticky header)
  const scrolls = sideways || box.tall;
  // Hiding a column changes the scroll width: re-measure the cues after the paint.
  useEffect(update, [update, visible.length, rows.length]);
  const labelOf = (c: Column<T>) => c.label ?? (typeof c.header === 'string' ? c.header : c.id);
  // Shared widths: every visible column has a share (the actions column keeps its measured width).
  const shares = visible.every((c) => c.share !== undefined) ? visible.reduce((sum, c) => sum + (c.share ?? 0), 0) : 0;
  const fixedMinRem = visible.reduce((sum, c) => sum + (c.minRem ?? 0), 0);
  const cellClass = (c: Column<T>) =>
    [c.sticky ? `sticky-${c.sticky}` : null, c.align && c.align !== 'start' ? `align-${c.align}` : null, c.className ?? null].filter(Boolean).join(' ') || undefined;

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
  const width = useWidth(ref, 'inner');
  const shown = fitColumns(columns, width, remPx());
  const visible = columns.filter((c) => shown.has(c.id));
  const template = visible.map((c) => `minmax(${c.minRem ?? 6}rem, ${c.weight ?? 1}fr)`).join(' ');
  return { ref, visible, template };
}

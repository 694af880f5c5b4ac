/**
 * Which columns of a table fit the width it has. Columns carry a priority: 1 is always
 * shown; 2, 3… give way, the highest number first, when the table is narrower than the
 * sum of their narrowest widths. A column is never squeezed below that width (its header's
 * longest word must stay whole): what still does not fit scrolls inside the table.
 */
export interface FitColumn {
  id: string;
  /** 1 (default) is always shown; higher numbers hide first */
  priority?: number | undefined;
  /** the narrowest the column may be, in rem */
  minRem?: number | undefined;
}

export const DEFAULT_MIN_REM = 6;

/**
 * The ids of the columns to show in `availablePx` (rem = `remPx`), in their original order.
 * Lower priorities go first, and among equals the rightmost goes first; a lower-priority
 * column is never shown while a higher-priority one is hidden.
 */
export function fitColumns<C extends FitColumn>(columns: readonly C[], availablePx: number, remPx = 16): Set<string> {
  const width = (c: C) => (c.minRem ?? DEFAULT_MIN_REM) * remPx;
  const shown = new Set<string>();
  let used = 0;
  for (const c of columns)
    if ((c.priority ?? 1) <= 1) {
      shown.add(c.id);
      used += width(c);
    }
  // Unmeasured (0 or less): show everything rather than guess.
  if (!(availablePx > 0)) return new Set(columns.map((c) => c.id));
  const optional = columns
    .map((c, index) => ({ c, index }))
    .filter(({ c }) => (c.priority ?? 1) > 1)
    .sort((a, b) => (a.c.priority ?? 1) - (b.c.priority ?? 1) || a.index - b.index);
  for (const { c } of optional) {
    if (used + width(c) > availablePx) break;
    shown.add(c.id);
    used += width(c);
  }
  return new Set(columns.filter((c) => shown.has(c.id)).map((c) => c.id));
}

/** Remembering the window's size and position, safely across screen changes. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface WindowState extends Rect {
  maximized: boolean;
}

export const DEFAULT_STATE: WindowState = { x: -1, y: -1, width: 1280, height: 820, maximized: false };
export const MIN_WIDTH = 900;
export const MIN_HEIGHT = 600;

function isFiniteRect(v: unknown): v is Rect {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return ['x', 'y', 'width', 'height'].every((k) => typeof r[k] === 'number' && Number.isFinite(r[k]));
}

/** Parses what was stored on disk; anything odd falls back to the default. */
export function parseWindowState(raw: string | undefined): WindowState {
  if (!raw) return DEFAULT_STATE;
  try {
    const v: unknown = JSON.parse(raw);
    if (!isFiniteRect(v)) return DEFAULT_STATE;
    const maximized = (v as { maximized?: unknown }).maximized === true;
    return { x: Math.round(v.x), y: Math.round(v.y), width: Math.round(v.width), height: Math.round(v.height), maximized };
  } catch {
    return DEFAULT_STATE;
  }
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Fits a remembered state onto the displays present now: a window left on a
 * screen that was unplugged comes back centred on the primary work area, and a
 * window is never larger than the screen it stands on.
 */
export function fitToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, width: 1280, height: 800 };
  const remembered = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best: Rect | undefined;
  let bestOverlap = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(remembered, area);
    if (overlap > bestOverlap) {
      best = area;
      bestOverlap = overlap;
    }
  }
  const placed = state.x !== -1 || state.y !== -1;
  const host = placed && best && bestOverlap >= (state.width * state.height) / 3 ? best : undefined;
  const screenArea = host ?? primary;
  const width = Math.max(MIN_WIDTH, Math.min(state.width, screenArea.width));
  const height = Math.max(MIN_HEIGHT, Math.min(state.height, screenArea.height));
  if (host) return { x: state.x, y: state.y, width, height, maximized: state.maximized };
  return {
    x: Math.round(primary.x + (primary.width - width) / 2),
    y: Math.round(primary.y + (primary.height - height) / 2),
    width,
    height,
    maximized: state.maximized,
  };
}

import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, fitToDisplays, MIN_WIDTH, parseWindowState } from './window-state';

const laptop = { x: 0, y: 0, width: 1366, height: 740 };
const external = { x: 1366, y: 0, width: 1920, height: 1050 };

describe('window state', () => {
  it('parses what was stored and falls back on anything odd', () => {
    expect(parseWindowState(JSON.stringify({ x: 10, y: 20, width: 1000, height: 700, maximized: true }))).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
    expect(parseWindowState('not json')).toEqual(DEFAULT_STATE);
    expect(parseWindowState(JSON.stringify({ x: 'a' }))).toEqual(DEFAULT_STATE);
    expect(parseWindowState(JSON.stringify({ x: 1, y: 2, width: Infinity, height: 3 }))).toEqual(DEFAULT_STATE);
    expect(parseWindowState(undefined)).toEqual(DEFAULT_STATE);
  });

  it('keeps a window where it was when that place is visible', () => {
    expect(fitToDisplays({ x: 1500, y: 100, width: 1200, height: 800, maximized: false }, [laptop, external])).toEqual({ x: 1500, y: 100, width: 1200, height: 800, maximized: false });
    expect(fitToDisplays({ x: 1500, y: 100, width: 1200, height: 800, maximized: true }, [laptop, external]).maximized).toBe(true);
  });

  it('brings back a window left on an unplugged screen, centred and shrunk to fit', () => {
    const fitted = fitToDisplays({ x: 1500, y: 100, width: 1600, height: 900, maximized: false }, [laptop]);
    expect(fitted.width).toBe(1366);
    expect(fitted.height).toBe(740);
    expect(fitted.x).toBe(0);
    expect(fitted.y).toBe(0);
  });

  it('never goes below the minimum size and centres the default', () => {
    const fitted = fitToDisplays({ x: -1, y: -1, width: 300, height: 200, maximized: false }, [laptop]);
    expect(fitted.width).toBe(MIN_WIDTH);
    expect(fitted.height).toBe(600);
    expect(fitted.x).toBe(Math.round((1366 - MIN_WIDTH) / 2));
  });
});

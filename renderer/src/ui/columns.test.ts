import { describe, expect, it } from 'vitest';
import { fitColumns } from './columns';

const registry = [
  { id: 'name', priority: 1, minRem: 12 },
  { id: 'structure', priority: 2, minRem: 14 },
  { id: 'commune', priority: 2, minRem: 9 },
  { id: 'department', priority: 3, minRem: 8 },
  { id: 'region', priority: 3, minRem: 9 },
  { id: 'status', priority: 1, minRem: 9 },
  { id: 'year', priority: 4, minRem: 5 },
];

describe('fitColumns', () => {
  it('shows every column when they all fit', () => {
    expect([...fitColumns(registry, 66 * 16)]).toEqual(['name', 'structure', 'commune', 'department', 'region', 'status', 'year']);
  });

  it('drops the highest priority number first, then the rightmost of equals', () => {
    // 12 + 9 (priority 1) + 14 + 9 (priority 2) + 8 (first priority 3) = 52 rem
    expect([...fitColumns(registry, 52 * 16)]).toEqual(['name', 'structure', 'commune', 'department', 'status']);
    expect([...fitColumns(registry, 61 * 16)]).toEqual(['name', 'structure', 'commune', 'department', 'region', 'status']);
  });

  it('never shows a lower priority while a higher one is hidden, even if the small one would fit', () => {
    // room for name + status + structure (35 rem) + 4 rem: commune (9) does not fit, year (5) would but waits
    expect([...fitColumns(registry, 39 * 16)]).toEqual(['name', 'structure', 'status']);
  });

  it('keeps priority 1 even when it does not fit (the table then scrolls)', () => {
    expect([...fitColumns(registry, 100)]).toEqual(['name', 'status']);
  });

  it('shows everything before the table is measured', () => {
    expect(fitColumns(registry, 0).size).toBe(registry.length);
  });

  it('reads rem at the size given', () => {
    expect(fitColumns(registry, 52 * 20, 20).has('region')).toBe(false);
    expect(fitColumns(registry, 52 * 20, 16).has('region')).toBe(true);
  });
});

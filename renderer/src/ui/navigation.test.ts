import { describe, expect, it } from 'vitest';
import { isCurrent } from './SubNav';
import { nextActive } from './Combobox';

describe('isCurrent (sub-navigation and record tabs)', () => {
  it('marks the home link only on the home page', () => {
    expect(isCurrent('/', { href: '/' })).toBe(true);
    expect(isCurrent('/calendrier', { href: '/' })).toBe(false);
  });
  it('marks a section on its own page and on the pages below it', () => {
    expect(isCurrent('/modeles', { href: '/modeles' })).toBe(true);
    expect(isCurrent('/modeles/nouveau', { href: '/modeles' })).toBe(true);
    expect(isCurrent('/modelesx', { href: '/modeles' })).toBe(false);
  });
  it('keeps an exact link to its own address', () => {
    expect(isCurrent('/personnes/e1', { href: '/personnes', exact: true })).toBe(false);
  });
});

describe('nextActive (combobox keys)', () => {
  it('moves down and up within the list, stopping at its ends', () => {
    expect(nextActive('ArrowDown', 0, 3)).toBe(1);
    expect(nextActive('ArrowDown', 2, 3)).toBe(2);
    expect(nextActive('ArrowUp', 0, 3)).toBe(0);
    expect(nextActive('ArrowUp', 2, 3)).toBe(1);
  });
  it('has nothing to move in an empty list, and ignores other keys', () => {
    expect(nextActive('ArrowDown', 0, 0)).toBeNull();
    expect(nextActive('a', 0, 3)).toBeNull();
  });
});

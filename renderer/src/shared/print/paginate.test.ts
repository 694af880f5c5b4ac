import { describe, expect, it } from 'vitest';
import { paginate } from './paginate';

const people = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('sign-in sheet pages', () => {
  it('keeps up to 12 people on one page, with the trainer box', () => {
    expect(paginate(people(0))).toEqual([[]]);
    expect(paginate(people(8)).map((p) => p.length)).toEqual([8]);
    expect(paginate(people(12)).map((p) => p.length)).toEqual([12]);
  });
  it('never leaves the closing block alone on the last page', () => {
    expect(paginate(people(13)).map((p) => p.length)).toEqual([12, 1]);
    expect(paginate(people(15)).map((p) => p.length)).toEqual([14, 1]);
    expect(paginate(people(20)).map((p) => p.length)).toEqual([14, 6]);
    expect(paginate(people(30)).map((p) => p.length)).toEqual([14, 14, 2]);
    for (let n = 1; n <= 80; n++) {
      const pages = paginate(people(n));
      expect(pages.flat()).toEqual(people(n));
      expect(pages.at(-1)!.length).toBeGreaterThan(0);
      expect(pages.at(-1)!.length).toBeLessThanOrEqual(12);
      for (const page of pages.slice(0, -1)) expect(page.length).toBeLessThanOrEqual(14);
    }
  });
});

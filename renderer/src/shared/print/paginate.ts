/**
 * Rows of a sign-in sheet spread over A4 pages. The last page carries the trainer's
 * signature and the footnote, so it holds fewer rows; it always holds at least one
 * row, so no page is left with a signature box or a footnote alone.
 */
export interface PageCapacity {
  /** rows on a page that also carries the closing block */
  last: number;
  /** rows on any other page */
  other: number;
}

/** 12 participants fit on one page with the trainer's box; 14 on a page without it (checked in e2e/paperwork.spec.ts). */
export const SIGN_IN_CAPACITY: PageCapacity = { last: 12, other: 14 };

export function paginate<T>(rows: readonly T[], capacity: PageCapacity = SIGN_IN_CAPACITY): T[][] {
  const pages: T[][] = [];
  let rest = [...rows];
  while (rest.length > capacity.last) {
    // never leave the last page without a row
    const take = Math.min(capacity.other, rest.length - 1);
    pages.push(rest.slice(0, take));
    rest = rest.slice(take);
  }
  pages.push(rest);
  return pages;
}

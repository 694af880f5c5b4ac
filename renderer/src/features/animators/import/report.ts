/**
 * The import's dry run as the window receives it (session.ts makes it in the worker). Only
 * types and small pure functions: the window imports this without the worker's code.
 */
import type { ImportPlan, PlannedRow, RowAction } from './plan';

/** A row of the dry run as the window shows it: what would happen and why, without the records. */
export type ReportRowData = Omit<PlannedRow, 'record' | 'changes' | 'previous'>;
/** Which rows of the report: all, or those of one action. */
export type ReportFilter = RowAction | 'all';
/** A promotion the file names that the registry does not hold for the person's region. */
export interface UnknownCohort {
  value: string;
  region: string;
  number: string;
  nickname: string;
  people: number;
}
/**
 * The dry run as the window receives it: the counts, the first page of rows (of all rows),
 * and the unknown promotions; further rows are asked a page at a time ('rows'). A 10,000-row
 * report sent whole cost the window one 390 ms task to receive.
 */
export interface ImportReport {
  rows: ReportRowData[];
  /** rows in the report (the first page is `rows`) */
  total: number;
  counts: ImportPlan['counts'];
  unknownCohorts: UnknownCohort[];
}
/** Rows of the report sent at once. */
export const REPORT_PAGE = 1000;

/** What the screen shows of a planned row: the values only of rows it can correct, and no records. */
export function reportRow({ record: _record, changes: _changes, previous: _previous, values, ...shown }: PlannedRow): ReportRowData {
  return { ...shown, ...(shown.action === 'invalid' || shown.group ? { values } : {}) };
}

/** The promotions named by rows and not found, with how many rows name each. */
export function unknownCohorts(rows: readonly Pick<PlannedRow, 'reasons'>[]): UnknownCohort[] {
  const found = new Map<string, UnknownCohort>();
  for (const row of rows)
    for (const r of row.reasons) {
      if (r.key !== 'animators.import.reason.cohortUnknown' || !r.params) continue;
      const key = `${r.params.value}|${r.params.region}`;
      const u = found.get(key) ?? { value: String(r.params.value), region: String(r.params.region ?? ''), number: String(r.params.number ?? ''), nickname: String(r.params.nickname ?? ''), people: 0 };
      u.people++;
      found.set(key, u);
    }
  return [...found.values()];
}

/**
 * One import, from the file's bytes to the write, held beside the window (import.worker.ts):
 * the parsed rows, the dry run's records and the transaction never cross to the window's
 * thread, which only receives a preview, the report and progress. At national size
 * (10,000 rows checked against 100,000 stored people) receiving the rows, cloning the
 * records for the write and the garbage they leave cost the window tasks of 100-160 ms.
 * Pure, so it runs under Node in tests.
 */
import { FourmiliereDatabase } from '../../../db/database';
import { nextCounter, observeCounter, setDeviceId } from '../../../db/records';
import { errorMessage, storageProblem, type StorageProblem } from '../../../ui/errors';
import type { ColumnMapping } from './headers';
import { CsvInputError, parseCsv, type ParsedCsv } from './parse';
import { applyImport, planImport, type ImportPlan, type PlannedRow } from './plan';

/** What the mapping step shows of the file. */
export interface CsvPreview extends Omit<ParsedCsv, 'rows'> {
  rowCount: number;
  /** the first data rows */
  rows: ParsedCsv['rows'];
}
/** The dry run as the window shows it: per row what would happen and why, without the records. */
export interface ImportReport {
  rows: Omit<PlannedRow, 'record' | 'changes'>[];
  counts: ImportPlan['counts'];
}

const PREVIEW_ROWS = 5;

export type ImportIn =
  | { type: 'parse'; bytes: Uint8Array }
  /** `counter`: the window's clock, so records written here sort after its own */
  | { type: 'plan'; dbName: string; deviceId: string; counter: number; mapping: ColumnMapping }
  | { type: 'apply' };
export type ImportOut =
  | { type: 'progress'; done: number; total: number }
  | { type: 'parsed'; preview: CsvPreview }
  | { type: 'planned'; report: ImportReport }
  /** `counter`: this side's clock after the write, for the window to move past */
  | { type: 'applied'; created: number; updated: number; counter: number }
  /** `code`: a parse error's code (a message key's last part); `message`: anything else; `problem`: a full disk or I/O error */
  | { type: 'error'; code?: string; message: string; problem?: StorageProblem };

export class ImportSession {
  private parsed: ParsedCsv | null = null;
  private plan: ImportPlan | null = null;
  private db: FourmiliereDatabase | null = null;

  constructor(private readonly post: (message: ImportOut) => void) {}

  async handle(message: ImportIn): Promise<void> {
    try {
      if (message.type === 'parse') this.parse(message.bytes);
      else if (message.type === 'plan') await this.dryRun(message);
      else await this.write();
    } catch (error) {
      if (error instanceof CsvInputError) this.post({ type: 'error', code: error.code, message: error.code });
      else this.post({ type: 'error', message: errorMessage(error), problem: storageProblem(error) ?? undefined });
    }
  }

  private parse(bytes: Uint8Array): void {
    this.parsed = null;
    this.plan = null;
    // Progress of the parse in hundredths of the text read.
    const parsed = parseCsv(bytes, (share) => this.post({ type: 'progress', done: Math.round(share * 100), total: 100 }));
    this.parsed = parsed;
    this.post({ type: 'parsed', preview: { ...parsed, rowCount: parsed.rows.length, rows: parsed.rows.slice(0, PREVIEW_ROWS) } });
  }

  private async dryRun({ dbName, deviceId, counter, mapping }: Extract<ImportIn, { type: 'plan' }>): Promise<void> {
    if (!this.parsed) throw new Error('no file read');
    this.plan = null;
    setDeviceId(deviceId);
    observeCounter(counter);
    if (this.db?.name !== dbName) {
      this.db?.close();
      this.db = new FourmiliereDatabase(dbName);
    }
    const plan = await planImport(this.db, this.parsed, mapping, (p) => this.post({ type: 'progress', ...p }));
    this.plan = plan;
    const rows = plan.rows.map(({ line, action, name, reasons }) => ({ line, action, name, reasons }));
    this.post({ type: 'planned', report: { rows, counts: plan.counts } });
  }

  private async write(): Promise<void> {
    if (!this.plan || !this.db) throw new Error('no dry run');
    const written = await applyImport(this.db, this.plan, (p) => this.post({ type: 'progress', ...p }));
    // Done: importing the same plan twice would write it twice.
    this.plan = null;
    this.post({ type: 'applied', ...written, counter: nextCounter() });
  }

  close(): void {
    this.db?.close();
  }
}

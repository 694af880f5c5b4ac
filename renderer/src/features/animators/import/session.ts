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
import { abortReasonSince } from '../../../db/abort-reason';
import Papa from 'papaparse';
import { toXlsx } from '../../../shared/xlsx';
import { loadCommunes } from '../../../shared/geo';
import type { ColumnMapping, ImportField } from './headers';
import { CsvInputError, parseCsv, type ParsedCsv } from './parse';
import { isZip, isOleCompound, parseWorkbook, type ParsedWorkbook, type SheetInfo } from './workbook';
import { applyImport, planImport, registryPeople, type FindPeople, type ImportChoices, type ImportPlan } from './plan';
import { REPORT_PAGE, reportRow, unknownCohorts, type ReportFilter } from './report';
import { portPeople } from './people-port';

/** What the mapping step shows of the file. */
export interface CsvPreview extends Omit<ParsedCsv, 'rows'> {
  rowCount: number;
  /** the first data rows */
  rows: ParsedCsv['rows'];
  /** a workbook's sheets, and which one these rows come from (its index) */
  sheets?: SheetInfo[];
  sheetIndex?: number;
}
import type { ImportReport, ReportRowData } from './report';
export type { ImportReport, ReportFilter, ReportRowData, UnknownCohort } from './report';

/** A row corrected in the dry run: its new values by field. */
export type RowEdit = { line: number; values: Partial<Record<ImportField, string>> };

const PREVIEW_ROWS = 5;

export type ImportIn =
  | { type: 'parse'; bytes: Uint8Array }
  /** another sheet of the workbook read (answered by 'parsed'); the corrections and dry run start over */
  | { type: 'sheet'; index: number }
  /**
   * `counter`: the window's clock, so records written here sort after its own; `registry`: a port
   * to the registry's worker, which answers who the rows name (else a read-only copy is loaded here)
   */
  | { type: 'plan'; dbName: string; deviceId: string; counter: number; mapping: ColumnMapping; choices?: ImportChoices; registry?: MessagePort }
  /** corrects a row's cells (the next dry run reads them) */
  | { type: 'edit'; edit: RowEdit }
  /** the rejected rows as a file like the input (CSV, or a workbook for a workbook), with the reason given for each line */
  | { type: 'rejected'; reasons: Record<number, string>; reasonHeader: string }
  /** a page of the last dry run's rows (answered by 'reportRows') */
  | { type: 'rows'; show: ReportFilter; from: number; count: number }
  | { type: 'apply'; fileName?: string };
export type ImportOut =
  | { type: 'progress'; done: number; total: number }
  | { type: 'parsed'; preview: CsvPreview }
  | { type: 'planned'; report: ImportReport }
  /** `total`: the rows of that filter */
  | { type: 'reportRows'; rows: ReportRowData[]; total: number }
  | { type: 'edited' }
  /** `bytes`: an .xlsx when the input was a workbook (then `text` is empty) */
  | { type: 'rejectedFile'; text: string; bytes?: Uint8Array }
  /** `counter`: this side's clock after the write, for the window to move past */
  | { type: 'applied'; created: number; updated: number; batchId: string; counter: number }
  /** `code`: a parse error's code (a message key's last part); `message`: anything else; `problem`: a full disk or I/O error */
  | { type: 'error'; code?: string; message: string; problem?: StorageProblem };

export class ImportSession {
  private parsed: ParsedCsv | null = null;
  private plan: ImportPlan | null = null;
  private db: FourmiliereDatabase | null = null;

  constructor(private readonly post: (message: ImportOut) => void) {}

  async handle(message: ImportIn): Promise<void> {
    const started = Date.now();
    try {
      if (message.type === 'parse') await this.parse(message.bytes);
      else if (message.type === 'sheet') this.useSheet(message.index);
      else if (message.type === 'plan') await this.dryRun(message);
      else if (message.type === 'edit') this.edit(message.edit);
      else if (message.type === 'rows') this.page(message.show, message.from, message.count);
      else if (message.type === 'rejected') this.post(this.parsed?.format === 'xlsx' ? { type: 'rejectedFile', text: '', bytes: await this.rejectedWorkbook(message.reasons, message.reasonHeader) } : { type: 'rejectedFile', text: this.rejected(message.reasons, message.reasonHeader) });
      else await this.write(message.fileName ?? '');
    } catch (error) {
      if (error instanceof CsvInputError) this.post({ type: 'error', code: error.code, message: error.code });
      else this.post({ type: 'error', message: errorMessage(error), problem: storageProblem(error) ?? storageProblem(await abortReasonSince(started)) ?? undefined });
    }
  }

  private workbook: ParsedWorkbook | null = null;

  private async parse(bytes: Uint8Array): Promise<void> {
    // The communes the dry run needs, fetched meanwhile (read once per worker).
    void loadCommunes().catch(() => undefined);
    this.parsed = null;
    this.plan = null;
    this.workbook = null;
    // A workbook is known by its bytes (a zip, or Excel's password wrapper), whatever its name.
    if (isZip(bytes) || isOleCompound(bytes)) {
      this.workbook = await parseWorkbook(bytes);
      return this.useSheet(this.workbook.defaultSheet);
    }
    // Progress of the parse in hundredths of the text read.
    const parsed = parseCsv(bytes, (share) => this.post({ type: 'progress', done: Math.round(share * 100), total: 100 }));
    this.parsed = parsed;
    this.post({ type: 'parsed', preview: { ...parsed, rowCount: parsed.rows.length, rows: parsed.rows.slice(0, PREVIEW_ROWS) } });
  }

  private useSheet(index: number): void {
    const sheet = this.workbook?.parsed[index];
    if (!this.workbook || !sheet) throw new Error('no such sheet');
    if (sheet instanceof CsvInputError) throw sheet;
    // Each sheet is read afresh from the workbook: corrections made on another do not follow.
    const parsed: ParsedCsv = { ...sheet, rows: sheet.rows.map((r) => ({ line: r.line, cells: [...r.cells] })) };
    this.parsed = parsed;
    this.plan = null;
    this.post({ type: 'parsed', preview: { ...parsed, rowCount: parsed.rows.length, rows: parsed.rows.slice(0, PREVIEW_ROWS), sheets: this.workbook.sheets, sheetIndex: index } });
  }

  private mapping: ColumnMapping = [];

  private edit({ line, values }: RowEdit): void {
    const row = this.parsed?.rows.find((r) => r.line === line);
    if (!row) throw new Error('no such row');
    // Only the columns mapped to a field can be corrected; the row keeps the file's width.
    const cells = [...row.cells];
    while (cells.length < (this.parsed?.headers.length ?? 0)) cells.push('');
    this.mapping.forEach((field, i) => {
      if (field && values[field] !== undefined) cells[i] = String(values[field]).slice(0, 2000);
    });
    row.cells = cells.slice(0, Math.max(this.parsed!.headers.length, 1));
    this.plan = null;
    this.post({ type: 'edited' });
  }

  /** The invalid rows of the last dry run, as the file had them, with a reason column; UTF-8 with BOM. */
  private rejected(reasons: Record<number, string>, reasonHeader: string): string {
    if (!this.parsed) throw new Error('no file read');
    const lines = new Set(Object.keys(reasons).map(Number));
    const data = this.parsed.rows.filter((r) => lines.has(r.line)).map((r) => [...r.cells, reasons[r.line] ?? '']);
    return '\uFEFF' + Papa.unparse({ fields: [...this.parsed.headers, reasonHeader], data }, { delimiter: this.parsed.delimiter, newline: '\r\n' });
  }

  /** The same for a workbook: its sheet's columns and a reason column, every cell as text. */
  private rejectedWorkbook(reasons: Record<number, string>, reasonHeader: string): Promise<Uint8Array> {
    if (!this.parsed) throw new Error('no file read');
    const lines = new Set(Object.keys(reasons).map(Number));
    const width = this.parsed.headers.length;
    const data = this.parsed.rows.filter((r) => lines.has(r.line)).map((r) => [...Array.from({ length: width }, (_, i) => r.cells[i] ?? ''), reasons[r.line] ?? '']);
    const columns = [...this.parsed.headers, reasonHeader].map((header, i) => ({ header: header || `#${i + 1}`, value: (row: string[]) => row[i] ?? '' }));
    return toXlsx(data, columns, this.parsed.sheet ?? 'Lignes rejetées');
  }

  private async dryRun({ dbName, deviceId, counter, mapping, choices, registry }: Extract<ImportIn, { type: 'plan' }>): Promise<void> {
    if (!this.parsed) throw new Error('no file read');
    this.plan = null;
    this.mapping = mapping;
    setDeviceId(deviceId);
    observeCounter(counter);
    if (this.db?.name !== dbName) {
      this.db?.close();
      this.db = new FourmiliereDatabase(dbName);
      this.people = null;
    }
    if (registry) {
      this.port?.close();
      this.port = registry;
      this.people = portPeople(registry);
    }
    // Without a port to the registry's worker (tests, a worker that failed): its columns loaded
    // here once per session, read-only, and brought up to date at each dry run.
    this.people ??= registryPeople(this.db);
    const plan = await planImport(this.db, this.parsed, mapping, (p) => this.post({ type: 'progress', ...p }), choices, this.people);
    this.plan = plan;
    this.post({ type: 'planned', report: { rows: plan.rows.slice(0, REPORT_PAGE).map(reportRow), total: plan.rows.length, counts: plan.counts, unknownCohorts: unknownCohorts(plan.rows) } });
  }

  private people: FindPeople | null = null;
  private port: MessagePort | null = null;

  private page(show: ReportFilter, from: number, count: number): void {
    if (!this.plan) throw new Error('no dry run');
    const rows = show === 'all' ? this.plan.rows : this.plan.rows.filter((r) => r.action === show);
    this.post({ type: 'reportRows', rows: rows.slice(from, from + Math.min(count, REPORT_PAGE)).map(reportRow), total: rows.length });
  }

  private async write(fileName: string): Promise<void> {
    if (!this.plan || !this.db) throw new Error('no dry run');
    const written = await applyImport(this.db, this.plan, (p) => this.post({ type: 'progress', ...p }), fileName.slice(0, 200));
    // Done: importing the same plan twice would write it twice.
    this.plan = null;
    this.post({ type: 'applied', ...written, counter: nextCounter() });
  }

  close(): void {
    this.port?.close();
    this.db?.close();
  }
}

/** Import a spreadsheet: choose the file, check the mapping, read the dry run, confirm. */
import { useEffect, useId, useRef, useState } from 'react';
import { Link } from 'wouter';
import { getDb } from '../../../db/database';
import { isMessageKey, useT, type MessageKey } from '../../../i18n';
import { openFiles, saveBytes, saveText } from '../../../shared/files';
import { XLSX_MIME } from '../../../shared/xlsx';
import { DataTable } from '../../../ui/DataTable';
import { PageHeader } from '../../../ui/PageHeader';
import { Progress } from '../../../ui/Progress';
import { useToast } from '../../../ui/Toast';
import { errorMessage } from '../../../ui/errors';
import { largeWrite } from '../../safekeeping/large-write';
import { actionKey, failureText } from '../../safekeeping/failure';
import { detectMapping, importFields, missingRequired, type ColumnMapping, type ImportField } from './headers';
import { MAX_IMPORT_BYTES } from './parse';
import { importInWorker, ImportStepError, type ImportInWorker } from './importInWorker';
import type { ImportChoices, RowAction } from './plan';
import type { CsvPreview } from './session';
import { REPORT_PAGE, type ImportReport, type ReportFilter, type ReportRowData } from './report';
import { ReportReasons, type RowActions } from './ReportRow';
import { ImportHistory } from './ImportHistory';
import { UnknownCohorts } from './UnknownCohorts';
import { reasonsText } from './reason-text';

type Stage = { kind: 'choose' } | { kind: 'reading'; share: number; name: string } | { kind: 'mapping'; parsed: CsvPreview; name: string } | { kind: 'planning'; done: number; total: number } | { kind: 'plan'; plan: ImportReport } | { kind: 'writing'; done: number; total: number } | { kind: 'done'; created: number; updated: number };

const actions: RowAction[] = ['create', 'update', 'skip', 'invalid'];

export default function ImportPage() {
  const t = useT();
  const id = useId();
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [parsed, setParsed] = useState<CsvPreview | null>(null);
  const [error, setError] = useState('');
  const [show, setShow] = useState<RowAction | 'all'>('all');
  // The report's rows shown so far, asked of the worker a thousand at a time: a 10,000-row file stays quick to receive and display.
  const [reportPage, setReportPage] = useState<{ show: ReportFilter; rows: ReportRowData[]; total: number }>({ show: 'all', rows: [], total: 0 });
  // What the person chose in the dry run: another row of a group, steps back applied anyway.
  const [choices, setChoices] = useState<ImportChoices>({});
  const [fileName, setFileName] = useState('');
  // The file's rows, the dry run and the write live in a worker (session.ts): one per file chosen.
  const session = useRef<ImportInWorker | null>(null);
  /** the chosen file's size, to check the disk can hold what it becomes */
  const fileBytes = useRef(0);
  const toast = useToast();
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      // A write under way finishes (see close()); its outcome is then told in a toast.
      session.current?.close();
    };
  }, []);

  async function choose() {
    setError('');
    let files;
    try {
      files = await openFiles('CSV, Excel', ['csv', 'txt', 'tsv', 'xlsx']);
    } catch (e) {
      setError(errorMessage(e));
      return;
    }
    const file = files[0];
    if (!file) return;
    if (file.bytes.length > MAX_IMPORT_BYTES) {
      setError(t('animators.import.error.tooLarge'));
      return;
    }
    fileBytes.current = file.bytes.length;
    setStage({ kind: 'reading', share: 0, name: file.name });
    setChoices({});
    setFileName(file.name);
    session.current?.close();
    const current = importInWorker();
    session.current = current;
    try {
      const result = await current.parse(file.bytes, (p) => setStage({ kind: 'reading', share: p.done / p.total, name: file.name }));
      // A workbook is compressed: its rows weigh about five times the file once stored, as a CSV would.
      if (result.format === 'xlsx') fileBytes.current *= 5;
      setParsed(result);
      setMapping(detectMapping(result.headers));
      setStage({ kind: 'mapping', parsed: result, name: file.name });
    } catch (e) {
      const key = `animators.import.error.${e instanceof ImportStepError && e.code ? e.code : 'unreadable'}`;
      setError(isMessageKey(key) ? t(key) : t('animators.import.error.unreadable'));
      setStage({ kind: 'choose' });
    }
  }

  /** Another sheet of the workbook: its own columns, mapping proposed afresh. */
  async function chooseSheet(index: number, name: string) {
    if (!session.current) return;
    setError('');
    try {
      const result = await session.current.sheet(index);
      setParsed(result);
      setMapping(detectMapping(result.headers));
      setChoices({});
      setStage({ kind: 'mapping', parsed: result, name });
    } catch (e) {
      const key = `animators.import.error.${e instanceof ImportStepError && e.code ? e.code : 'unreadable'}`;
      setError(isMessageKey(key) ? t(key) : t('animators.import.error.unreadable'));
    }
  }

  async function simulate(next: ImportChoices = choices) {
    if (!parsed || !session.current) return;
    setChoices(next);
    setStage({ kind: 'planning', done: 0, total: parsed.rowCount });
    try {
      const plan = await session.current.plan(getDb().name, mapping, (p) => setStage({ kind: 'planning', ...p }), next);
      setReportPage({ show: 'all', rows: plan.rows, total: plan.total });
      setStage({ kind: 'plan', plan });
      if (show !== 'all') await loadRows(show, 0);
    } catch (e) {
      setError(t('animators.import.error.plan', { detail: errorMessage(e) }));
      setStage({ kind: 'choose' });
    }
  }

  async function confirm(plan: ImportReport) {
    if (!session.current) return;
    try {
      const current = session.current;
      const written = await largeWrite({ inputBytes: fileBytes.current, kind: 'csv', safetyCopy: true }, () => current.apply((p) => setStage({ kind: 'writing', ...p }), fileName));
      if (!mounted.current) toast(t('animators.import.done', written));
      setStage({ kind: 'done', created: written.created, updated: written.updated });
    } catch (e) {
      // The write is one transaction; the message says what the count found after the failure.
      const message = failureText(t, e, t(actionKey.import));
      if (!mounted.current) toast(message, { kind: 'error' });
      setError(message);
      // The dry run stays on screen to try again.
      setStage({ kind: 'plan', plan });
    }
  }

  /** The report's rows of this filter from `from` on: the first page replaces those shown, the next ones follow them. */
  async function loadRows(which: ReportFilter, from: number) {
    const current = session.current;
    if (!current) return;
    try {
      const page = await current.rows(which, from);
      setReportPage((p) => (from === 0 ? { show: which, rows: page.rows, total: page.total } : p.show === which && p.rows.length === from ? { show: which, rows: [...p.rows, ...page.rows], total: page.total } : p));
    } catch (e) {
      // A click while the worker answers another (a double click on « more »): that answer will do.
      if (!(e instanceof ImportStepError && (e.message === 'busy' || e.message === 'closed'))) setError(errorMessage(e));
    }
  }

  const reportRows = stage.kind === 'plan' && reportPage.show === show ? reportPage.rows : [];
  const reportTotal = stage.kind === 'plan' && reportPage.show === show ? reportPage.total : 0;
  const rowActions: RowActions = {
    pick: (group, line) => void simulate({ ...choices, pick: { ...choices.pick, [group]: line } }),
    allowDowngrade: (line, allowed) => {
      const lines = new Set(choices.allowDowngrade ?? []);
      if (allowed) lines.add(line);
      else lines.delete(line);
      void simulate({ ...choices, allowDowngrade: [...lines] });
    },
    correct: (line, values) => {
      const current = session.current;
      if (!current) return;
      void current.edit({ line, values }).then(
        () => simulate(),
        (e: unknown) => setError(errorMessage(e)),
      );
    },
  };

  async function downloadRejected(plan: ImportReport) {
    if (!session.current) return;
    try {
      // The invalid rows' reasons, read a page at a time from the worker.
      const reasons: Record<number, string> = {};
      for (let from = 0; from < plan.counts.invalid; from += REPORT_PAGE) for (const r of (await session.current.rows('invalid', from)).rows) reasons[r.line] = reasonsText(t, r.reasons);
      const file = await session.current.rejected(reasons, t('animators.import.rejected.reasonColumn'));
      const base = fileName.replace(/\.[^.]+$/, '') || 'import';
      // A workbook's rejected rows come back as a workbook, a CSV's as a CSV.
      const outcome = typeof file === 'string' ? await saveText(`${base}-lignes-rejetees.csv`, file, 'text/csv;charset=utf-8', 'csv', 'CSV') : await saveBytes(`${base}-lignes-rejetees.xlsx`, file, XLSX_MIME, 'xlsx', 'Excel');
      if (!outcome.ok) setError(outcome.error);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  function cancel() {
    session.current?.close();
    session.current = null;
    setStage({ kind: 'choose' });
  }

  const missing = missingRequired(mapping);
  return (
    <>
      <PageHeader title={t('animators.import.title')} intro={t('animators.import.intro')} />
      {error ? (
        <div className="alert alert-error" role="alert">
          {error}
        </div>
      ) : null}
      {stage.kind === 'choose' ? (
        <button type="button" className="btn btn-primary" onClick={() => void choose()}>
          {t('animators.import.choose')}
        </button>
      ) : null}
      {stage.kind === 'reading' ? <Progress label={t('animators.import.reading', { name: stage.name })} done={Math.round(stage.share * 100)} total={100} /> : null}
      {stage.kind === 'planning' ? <Progress label={t('animators.import.planning')} done={stage.done} total={stage.total} /> : null}
      {stage.kind === 'writing' ? <Progress label={t('animators.import.writing')} done={stage.done} total={stage.total} /> : null}
      {stage.kind === 'mapping' ? (
        <section aria-labelledby={`${id}-map`}>
          <h2 id={`${id}-map`}>{t('animators.import.mapping')}</h2>
          {stage.parsed.format === 'xlsx' ? (
            <p>{t('animators.import.workbookInfo', { name: stage.name, sheet: stage.parsed.sheet ?? '', rows: stage.parsed.rowCount })}</p>
          ) : (
            <p>{t('animators.import.fileInfo', { name: stage.name, rows: stage.parsed.rowCount, encoding: stage.parsed.encoding, delimiter: stage.parsed.delimiter === '\t' ? t('animators.import.tab') : stage.parsed.delimiter })}</p>
          )}
          {stage.parsed.sheets && stage.parsed.sheets.length > 1 ? (
            <p>
              <label htmlFor={`${id}-sheet`}>{t('animators.import.sheet')}</label>{' '}
              <select id={`${id}-sheet`} value={stage.parsed.sheetIndex ?? 0} onChange={(e) => void chooseSheet(Number(e.target.value), stage.name)}>
                {stage.parsed.sheets.map((sheet, i) => (
                  <option key={i} value={i} disabled={sheet.rowCount === 0}>
                    {sheet.rowCount ? t('animators.import.sheetOption', { name: sheet.name, rows: sheet.rowCount }) : t('animators.import.sheetEmpty', { name: sheet.name })}
                  </option>
                ))}
              </select>
            </p>
          ) : null}
          <DataTable
            caption={t('animators.import.preview')}
            captionVisible
            rows={stage.parsed.rows}
            rowKey={(r) => String(r.line)}
            columns={stage.parsed.headers.map((h, i) => ({
              id: String(i),
              label: h || `#${i + 1}`,
              minRem: 9,
              header: (
                <>
                  <label htmlFor={`${id}-col-${i}`}>{h || `#${i + 1}`}</label>
                  <br />
                  <select id={`${id}-col-${i}`} value={mapping[i] ?? ''} onChange={(e) => setMapping((m) => m.map((f, j) => (j === i ? ((e.target.value || null) as ImportField | null) : f)))}>
                    <option value="">{t('animators.import.ignore')}</option>
                    {importFields.map((f) => (
                      <option key={f} value={f}>
                        {t(`animators.import.field.${f}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                </>
              ),
              className: 'import-preview-cell',
              cell: (r: (typeof stage.parsed.rows)[number]) => r.cells[i] ?? '',
            }))}
          />
          {missing.length ? (
            <p className="alert alert-warn" role="alert">
              {t('animators.import.missing', { fields: missing.map((f) => t(`animators.import.field.${f}` as MessageKey)).join(', ') })}
            </p>
          ) : null}
          <div className="toolbar" style={{ marginTop: '1rem' }}>
            <button type="button" className="btn btn-primary" disabled={missing.length > 0} onClick={() => void simulate({})}>
              {t('animators.import.simulate')}
            </button>
            <button type="button" className="btn" onClick={cancel}>
              {t('animators.cancel')}
            </button>
          </div>
        </section>
      ) : null}
      {stage.kind === 'plan' ? (
        <section aria-labelledby={`${id}-plan`}>
          <h2 id={`${id}-plan`}>{t('animators.import.report')}</h2>
          <p role="status" data-testid="import-summary">
            {t('animators.import.summary', { create: stage.plan.counts.create, update: stage.plan.counts.update, skip: stage.plan.counts.skip, invalid: stage.plan.counts.invalid })}
          </p>
          {/* After a failed write, the error says what was checked; "nothing yet" would be a guess. */}
          {error ? null : <p>{t('animators.import.nothingYet')}</p>}
          <UnknownCohorts report={stage.plan} onCreated={() => void simulate()} />
          <div className="toolbar">
            <button type="button" className="btn btn-primary" disabled={stage.plan.counts.create + stage.plan.counts.update === 0} onClick={() => void confirm(stage.plan)}>
              {t('animators.import.confirm', { count: stage.plan.counts.create + stage.plan.counts.update })}
            </button>
            <button type="button" className="btn" onClick={cancel}>
              {t('animators.cancel')}
            </button>
            {stage.plan.counts.invalid > 0 ? (
              <button type="button" className="btn" onClick={() => void downloadRejected(stage.plan)}>
                {t('animators.import.rejected')}
              </button>
            ) : null}
            <label htmlFor={`${id}-show`}>{t('animators.import.show')}</label>
            <select
              id={`${id}-show`}
              value={show}
              onChange={(e) => {
                setShow(e.target.value as RowAction | 'all');
                void loadRows(e.target.value as ReportFilter, 0);
              }}
            >
              <option value="all">{t('animators.any', { gender: 'feminine' })}</option>
              {actions.map((a) => (
                <option key={a} value={a}>
                  {t(`animators.import.action.${a}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <DataTable
            testId="import-report"
            caption={t('animators.import.report')}
            rows={reportRows}
            rowKey={(r) => String(r.line)}
            columns={[
              { id: 'line', header: t('animators.import.line'), align: 'end', minRem: 4, cell: (r) => r.line },
              { id: 'name', header: t('animators.col.name'), rowHeader: true, minRem: 10, cell: (r) => r.name },
              { id: 'result', header: t('animators.import.result'), minRem: 8, cell: (r) => t(`animators.import.action.${r.action}` as MessageKey) },
              { id: 'why', header: t('animators.import.why'), minRem: 22, cell: (r) => <ReportReasons row={r} allowed={choices.allowDowngrade?.includes(r.line) ?? false} mapping={mapping} actions={rowActions} /> },
            ]}
          />
          {reportTotal > reportRows.length ? (
            <p className="toolbar" role="status">
              <span>{t('animators.import.shownRows', { shown: reportRows.length, total: reportTotal })}</span>
              <button type="button" className="btn" onClick={() => void loadRows(show, reportRows.length)}>
                {t('animators.import.moreRows', { count: Math.min(REPORT_PAGE, reportTotal - reportRows.length) })}
              </button>
            </p>
          ) : null}
        </section>
      ) : null}
      {stage.kind === 'done' ? (
        <div className="alert alert-ok" role="status">
          <p>{t('animators.import.done', { created: stage.created, updated: stage.updated })}</p>
          <Link href="/">{t('animators.import.toList')}</Link> · <Link href="/tableau-de-bord">{t('animators.import.toDashboard')}</Link>
        </div>
      ) : null}
      {stage.kind === 'choose' || stage.kind === 'done' ? <ImportHistory /> : null}
    </>
  );
}

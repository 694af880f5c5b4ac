/** The last imports, each undoable: « Annuler cet import » puts back the state before it. */
import { useId, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../../db/database';
import { useI18n } from '../../../i18n';
import { formatDateTime } from '../../../i18n/format';
import { DataTable } from '../../../ui/DataTable';
import { ConfirmDialog } from '../../../ui/Dialog';
import { errorMessage } from '../../../ui/errors';
import { listImportBatches, undoImport, type ImportBatchSummary, type UndoOutcome } from './batches';

export function ImportHistory() {
  const { t, locale } = useI18n();
  const id = useId();
  const db = getDb();
  const batches = useLiveQuery(() => listImportBatches(db), [db]);
  const [asked, setAsked] = useState<ImportBatchSummary | null>(null);
  const [outcome, setOutcome] = useState<UndoOutcome | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  if (!batches?.length) return null;
  const when = (iso: string) => formatDateTime(iso, locale);

  async function undo(batch: ImportBatchSummary) {
    setAsked(null);
    setBusy(true);
    setError('');
    try {
      setOutcome(await undoImport(db, batch.id));
    } catch (e) {
      setError(t('animators.import.undo.failed', { detail: errorMessage(e) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('animators.import.history')}</h2>
      {outcome ? (
        <div className="alert alert-ok" role="status">
          <p>{t('animators.import.undo.done', { removed: outcome.removed, restored: outcome.restored })}</p>
          {outcome.kept.length ? <p>{t('animators.import.undo.kept', { names: outcome.kept.map((k) => k.name).join(', ') })}</p> : null}
        </div>
      ) : null}
      {error ? (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      ) : null}
      <DataTable
        caption={t('animators.import.history')}
        rows={batches}
        rowKey={(b) => b.id}
        columns={[
          { id: 'when', header: t('tables.importHistory.when'), rowHeader: true, minRem: 11, cell: (b) => when(b.at) },
          { id: 'file', header: t('tables.importHistory.file'), minRem: 10, className: 'wrap-anywhere', cell: (b) => b.fileName || '—' },
          { id: 'created', header: t('tables.importHistory.created'), align: 'end', priority: 2, minRem: 6, cell: (b) => b.created },
          { id: 'updated', header: t('tables.importHistory.updated'), align: 'end', priority: 2, minRem: 7, cell: (b) => b.updated },
        ]}
        actionsLabel={t('tables.importHistory.undo')}
        actions={(b) =>
          b.undoneAt ? (
            <em>{t('animators.import.history.undone', { when: when(b.undoneAt) })}</em>
          ) : (
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => setAsked(b)}>
              {t('animators.import.undo')}
            </button>
          )
        }
      />
      <ConfirmDialog open={asked !== null} title={t('animators.import.undo.title')} confirmLabel={t('animators.import.undo')} danger onConfirm={() => asked && void undo(asked)} onCancel={() => setAsked(null)}>
        <p>{asked ? t('animators.import.undo.explain', { file: asked.fileName || '—', when: when(asked.at) }) : null}</p>
      </ConfirmDialog>
    </section>
  );
}

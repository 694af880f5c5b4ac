/**
 * Each import is a batch that can be undone: what it created and, for what it updated, the
 * record as it was before. Undoing puts back the state before the import for every record
 * not edited since, and lists the others (they are left as they are: nothing edited after the
 * import is lost). Kept in the settings table, beside the records, written in the import's
 * own transaction.
 */
import type { FourmiliereDatabase } from '../../../db/database';
import { historyBatchRows, type HistoryBatchEntry } from '../../../db/history';
import { getDeviceId, softDelete, touchRecord } from '../../../db/records';
import type { Animator } from '../../../domain/registry';
import { diffFields, displayName } from '../repository';

const PREFIX = 'importBatch:';
/** batches kept; older ones can no longer be undone */
export const KEPT_BATCHES = 10;

type Rev = Animator['rev'];
export interface ImportBatch {
  id: string;
  at: string;
  fileName: string;
  created: { id: string; rev: Rev }[];
  updated: { before: Animator; rev: Rev }[];
  undoneAt: string | null;
}
export interface ImportBatchSummary {
  id: string;
  at: string;
  fileName: string;
  created: number;
  updated: number;
  undoneAt: string | null;
}
export interface UndoOutcome {
  removed: number;
  restored: number;
  /** records edited (or deleted) since the import: left untouched */
  kept: { id: string; name: string }[];
}

export const batchKey = (id: string) => `${PREFIX}${id}`;
/** The batches' summaries, newest first, in one small row: listing them never reads the records kept for undoing. */
const INDEX_KEY = 'importBatches';

const summaryOf = (b: ImportBatch): ImportBatchSummary => ({ id: b.id, at: b.at, fileName: b.fileName, created: b.created.length, updated: b.updated.length, undoneAt: b.undoneAt });

export async function listImportBatches(db: FourmiliereDatabase): Promise<ImportBatchSummary[]> {
  return ((await db.settings.get(INDEX_KEY))?.value as ImportBatchSummary[] | undefined) ?? [];
}

/** Stores a new batch and its summary, dropping the batches beyond the last KEPT_BATCHES; inside the import's transaction. */
export async function storeBatch(db: FourmiliereDatabase, batch: ImportBatch): Promise<void> {
  const index = [summaryOf(batch), ...(await listImportBatches(db))];
  await db.settings.bulkDelete(index.slice(KEPT_BATCHES).map((b) => batchKey(b.id)));
  await db.settings.bulkPut([
    { key: batchKey(batch.id), value: batch },
    { key: INDEX_KEY, value: index.slice(0, KEPT_BATCHES) },
  ]);
}

const sameRev = (a: Rev, b: Rev) => a.device === b.device && a.counter === b.counter;

/** Puts back the state before an import, for every record not edited since. */
export async function undoImport(db: FourmiliereDatabase, id: string, now = new Date()): Promise<UndoOutcome> {
  const batch = (await db.settings.get(batchKey(id)))?.value as ImportBatch | undefined;
  if (!batch) throw new Error('import batch not found');
  if (batch.undoneAt) return { removed: 0, restored: 0, kept: [] };
  const outcome: UndoOutcome = { removed: 0, restored: 0, kept: [] };
  // Bulk reads and writes only: awaiting anything but the database inside the transaction
  // (a pause for the window, say) would end it half-way.
  await db.transaction('rw', db.animators, db.history, db.settings, async () => {
    const created = await db.animators.bulkGet(batch.created.map((c) => c.id));
    const updated = await db.animators.bulkGet(batch.updated.map((u) => u.before.id));
    const puts: Animator[] = [];
    const history: HistoryBatchEntry[] = [];
    for (const [i, c] of batch.created.entries()) {
      const current = created[i];
      if (!current || current.deletedAt !== null) continue;
      if (!sameRev(current.rev, c.rev)) {
        outcome.kept.push({ id: c.id, name: displayName(current) });
        continue;
      }
      // Into the bin, like any deletion: recoverable, and it travels to the other machines.
      puts.push(softDelete(current, now));
      history.push({ recordId: c.id, action: 'delete', changes: {}, summary: 'fiche retirée : import annulé' });
      outcome.removed++;
    }
    for (const [i, u] of batch.updated.entries()) {
      const current = updated[i];
      if (!current) continue;
      if (!sameRev(current.rev, u.rev)) {
        outcome.kept.push({ id: current.id, name: displayName(current) });
        continue;
      }
      const { id: _id, createdAt: _c, updatedAt: _u, deletedAt: _d, rev: _r, ...fields } = u.before;
      const back = touchRecord(current, fields, now);
      puts.push(back);
      history.push({ recordId: current.id, action: 'update', changes: diffFields(current, back), summary: 'import annulé : fiche remise dans son état d’avant' });
      outcome.restored++;
    }
    await db.animators.bulkPut(puts);
    // Like the import, a few batch rows rather than one row per person.
    await db.history.bulkAdd(historyBatchRows('animators', history, now.toISOString(), getDeviceId()));
    const undoneAt = now.toISOString();
    const index = (await listImportBatches(db)).map((b) => (b.id === id ? { ...b, undoneAt } : b));
    await db.settings.bulkPut([
      { key: batchKey(id), value: { ...batch, undoneAt } },
      { key: INDEX_KEY, value: index },
    ]);
  });
  return outcome;
}

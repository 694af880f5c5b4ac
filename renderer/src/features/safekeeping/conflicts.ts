/** The conflict inbox: pick or combine field by field, keep the loser, undo. */
import type { FourmiliereDatabase, SyncTableName } from '../../db/database';
import { foldText, searchTokens, touchRecord, type BaseRecord } from '../../db/records';
import { deleteWithTombstones } from '../../db/tombstones';
import type { ConflictRow } from './exchange';

const META = new Set(['id', 'createdAt', 'updatedAt', 'rev']);
/** Search words and sort keys follow other fields: never shown, recomputed when fields are combined. */
const DERIVED = new Set(['tokens', 'sortName']);
type Row = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');
/** Same formulas as the registry and providers repositories. */
export const REDERIVE: Partial<Record<SyncTableName, (r: Row) => Row>> = {
  animators: (a) => ({
    tokens: searchTokens(text(a.firstName), text(a.lastName), text(a.structureName), text(a.communeName), text(a.email).split('@')[0] ?? ''),
    sortName: foldText(`${text(a.lastName)} ${text(a.firstName)}`.trim()),
  }),
  providers: (p) => ({
    tokens: searchTokens(text(p.firstName), text(p.lastName), text(p.structure), text(p.communeName), text(p.email)),
    sortName: foldText(`${text(p.lastName)} ${text(p.firstName)}`.trim()),
  }),
};

/** Fields whose values differ between the two versions (metadata aside). */
export function differingFields(local: BaseRecord | null, incoming: BaseRecord | null): string[] {
  if (!local || !incoming) return [];
  const keys = new Set([...Object.keys(local), ...Object.keys(incoming)]);
  return [...keys].filter((k) => !META.has(k) && !DERIVED.has(k) && JSON.stringify((local as unknown as Record<string, unknown>)[k]) !== JSON.stringify((incoming as unknown as Record<string, unknown>)[k])).sort();
}

export type Choice = 'local' | 'incoming' | Record<string, 'local' | 'incoming'>;

/** Hard-deletes a record and leaves a tombstone so other machines learn of it. */
export async function eraseWithTombstone(db: FourmiliereDatabase, table: SyncTableName, recordId: string): Promise<void> {
  await deleteWithTombstones(db, table, [recordId]);
}

export async function openConflicts(db: FourmiliereDatabase): Promise<ConflictRow[]> {
  return (await db.conflicts.where('resolvedAt').equals('').sortBy('createdAt')) as unknown as ConflictRow[];
}

export async function resolveConflict(db: FourmiliereDatabase, conflictId: string, choice: Choice): Promise<void> {
  await db.transaction('rw', [db.conflicts, db.tombstones, ...db.tables.filter((t) => t.name !== 'settings')], async () => {
    const conflict = (await db.conflicts.get(conflictId)) as unknown as ConflictRow | undefined;
    if (!conflict || conflict.resolvedAt) return;
    const table = db.syncTable(conflict.table);
    const current = (await table.get(conflict.recordId)) ?? null;
    let result: BaseRecord | null;
    if (conflict.local && conflict.incoming) {
      const base = choice === 'incoming' ? conflict.incoming : conflict.local;
      const merged: Record<string, unknown> = { ...base };
      if (typeof choice === 'object') {
        for (const [field, side] of Object.entries(choice)) merged[field] = (side === 'incoming' ? conflict.incoming : conflict.local)[field as keyof BaseRecord];
        Object.assign(merged, REDERIVE[conflict.table]?.(merged));
      }
      result = touchRecord(merged as unknown as BaseRecord);
    } else {
      const keep = choice === 'incoming' ? conflict.incoming : conflict.local;
      result = keep ? touchRecord(keep) : null;
    }
    if (result) {
      await table.put(result);
      await db.tombstones.delete(`${conflict.table}:${conflict.recordId}`);
    } else if (current) {
      await eraseWithTombstone(db, conflict.table, conflict.recordId);
    }
    await db.conflicts.put({ ...conflict, resolvedAt: new Date().toISOString(), previous: current, result } as unknown as Record<string, unknown> & { id: string });
  });
}

/** Puts back the version that was in place before the choice, and reopens the conflict. */
export async function undoResolution(db: FourmiliereDatabase, conflictId: string): Promise<void> {
  await db.transaction('rw', [db.conflicts, db.tombstones, ...db.tables.filter((t) => t.name !== 'settings')], async () => {
    const conflict = (await db.conflicts.get(conflictId)) as unknown as ConflictRow | undefined;
    if (!conflict || !conflict.resolvedAt) return;
    const table = db.syncTable(conflict.table);
    if (conflict.previous) {
      await table.put(touchRecord(conflict.previous));
      await db.tombstones.delete(`${conflict.table}:${conflict.recordId}`);
    } else {
      await eraseWithTombstone(db, conflict.table, conflict.recordId);
    }
    await db.conflicts.put({ ...conflict, resolvedAt: '', previous: null, result: null, id: conflict.id } as unknown as Record<string, unknown> & { id: string });
  });
}


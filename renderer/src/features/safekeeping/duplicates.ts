/**
 * People found on both machines under different ids (same e-mail), merged after an
 * exchange: one record is kept, the other soft-deleted (so the merge travels to the
 * other machine as an ordinary change), and everything pointing to it follows.
 */
import type { FourmiliereDatabase, SyncTableName } from '../../db/database';
import { foldText, newId, getDeviceId, searchTokens, softDelete, touchRecord, type BaseRecord } from '../../db/records';

export type PersonTable = 'animators' | 'providers';

/** Records pointing to a person: table and field. */
const POINTERS: Record<PersonTable, [SyncTableName, string][]> = {
  animators: [
    ['enrolments', 'animatorId'],
    ['attendance', 'personId'],
    ['evaluations', 'personId'],
  ],
  providers: [
    ['registrations', 'personId'],
    ['attendance', 'personId'],
    ['evaluations', 'personId'],
  ],
};

/** A pointer that may appear only once per group: the kept person's own row wins. */
const UNIQUE_PER: Partial<Record<SyncTableName, string>> = { enrolments: 'cohortId', registrations: 'workshopId' };

type Row = BaseRecord & Record<string, unknown>;
const isEmpty = (v: unknown) => v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0);
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** Same search words and sort key as the registry and providers repositories. */
function rederive(table: PersonTable, r: Row): Row {
  const tokens =
    table === 'animators'
      ? searchTokens(text(r.firstName), text(r.lastName), text(r.structureName), text(r.communeName), text(r.email).split('@')[0] ?? '')
      : searchTokens(text(r.firstName), text(r.lastName), text(r.structure), text(r.communeName), text(r.email));
  return { ...r, tokens, sortName: foldText(`${text(r.lastName)} ${text(r.firstName)}`.trim()) };
}

export interface DuplicateMergeResult {
  moved: number;
  dropped: number;
}

/** Keeps `keepId`, fills its empty fields from `dropId`, moves what pointed to `dropId`, all or nothing. */
export async function mergeDuplicatePeople(db: FourmiliereDatabase, table: PersonTable, keepId: string, dropId: string): Promise<DuplicateMergeResult> {
  const pointers = POINTERS[table];
  const tables = [db.table(table), db.history, ...pointers.map(([t]) => db.table(t))];
  return db.transaction('rw', tables, async () => {
    const people = db.syncTable(table);
    const [keep, drop] = (await people.bulkGet([keepId, dropId])) as (Row | undefined)[];
    if (!keep || !drop || keep.deletedAt !== null) throw new Error('fiche introuvable');
    const filled: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(drop)) if (!['id', 'createdAt', 'updatedAt', 'deletedAt', 'rev'].includes(field) && isEmpty(keep[field]) && !isEmpty(value)) filled[field] = value;
    await people.put(rederive(table, touchRecord(keep, filled) as Row));
    if (drop.deletedAt === null) await people.put(softDelete(drop));
    let moved = 0;
    let dropped = 0;
    for (const [target, field] of pointers) {
      const rows = (await db.syncTable(target).where(field).equals(dropId).toArray()) as Row[];
      const group = UNIQUE_PER[target];
      const taken = group ? new Set(((await db.syncTable(target).where(field).equals(keepId).toArray()) as Row[]).map((r) => r[group])) : new Set();
      for (const row of rows) {
        if (group && taken.has(row[group])) {
          await db.syncTable(target).put(softDelete(row));
          dropped++;
        } else {
          await db.syncTable(target).put(touchRecord(row, { [field]: keepId }));
          moved++;
        }
      }
    }
    const at = new Date().toISOString();
    const summary = `fusion de deux fiches en double (${dropId} → ${keepId})`;
    await db.history.bulkAdd([
      { id: newId(), table, recordId: keepId, at, device: getDeviceId(), action: 'merge', changes: Object.fromEntries(Object.entries(filled).map(([k, v]) => [k, [keep[k], v]])), summary },
      { id: newId(), table, recordId: dropId, at, device: getDeviceId(), action: 'merge', changes: {}, summary },
    ]);
    return { moved, dropped };
  });
}

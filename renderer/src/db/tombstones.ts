/**
 * Permanent deletions of synced records. A record removed for good leaves a
 * tombstone (table, id, date, revision: no content) so exchanges carry the
 * deletion to other machines instead of bringing the record back. Every hard
 * delete of a synced table goes through here (tombstones.test.ts checks the code).
 */
import type { FourmiliereDatabase, SyncTableName } from './database';
import { getDeviceId, nextCounter } from './records';

export interface Tombstone {
  id: string;
  table: SyncTableName;
  recordId: string;
  deletedAt: string;
  rev: { device: string; counter: number };
}

export const tombstoneId = (table: SyncTableName, recordId: string) => `${table}:${recordId}`;

export function makeTombstone(table: SyncTableName, recordId: string, now = new Date()): Tombstone {
  return { id: tombstoneId(table, recordId), table, recordId, deletedAt: now.toISOString(), rev: { device: getDeviceId(), counter: nextCounter(now.getTime()) } };
}

/** Hard-deletes records and leaves their tombstones; run it inside a transaction holding both tables. */
export async function deleteWithTombstones(db: FourmiliereDatabase, table: SyncTableName, recordIds: readonly string[], now = new Date()): Promise<void> {
  if (recordIds.length === 0) return;
  await db.syncTable(table).bulkDelete([...recordIds]);
  await db.tombstones.bulkPut(recordIds.map((id) => makeTombstone(table, id, now)) as unknown as (Record<string, unknown> & { id: string })[]);
}

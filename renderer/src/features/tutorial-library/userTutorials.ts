/** The user's own tutorials: create, edit, duplicate a bundled one, bin and restore. */
import { getDb } from '../../db/database';
import { assertRevision, createRecord, restoreDeleted, softDelete, touchRecord, type Revision } from '../../db/records';
import { deleteWithTombstones } from '../../db/tombstones';
import type { TutorialMeta, UserTutorial } from '../../domain/tutorials';
import type { Tutorial } from './catalog';

/**
 * Creates or saves a user tutorial. With `existing.expected` (the revision the editor
 * opened from), a tutorial saved meanwhile elsewhere is not overwritten: StaleRecordError
 * carries the stored version.
 */
export async function saveUserTutorial(meta: TutorialMeta, body: string, existing?: { recordId: string | null; basedOn: string | null; expected?: Revision }): Promise<UserTutorial> {
  const db = getDb();
  return db.transaction('rw', db.tutorials, async () => {
    const current = existing?.recordId ? await db.tutorials.get(existing.recordId) : undefined;
    if (current) assertRevision(current, existing?.expected);
    const record = current ? touchRecord(current, { meta, body }) : createRecord<UserTutorial>({ meta, body, basedOn: existing?.basedOn ?? null });
    await db.tutorials.put(record);
    return record;
  });
}

/** The user's own copy of a bundled tutorial; the bundled one stays untouched underneath. */
export function duplicateAsOwn(t: Tutorial): Promise<UserTutorial> {
  return saveUserTutorial({ ...t.meta, changes: '' }, t.body, { recordId: null, basedOn: t.meta.id });
}

export async function moveToBin(recordId: string): Promise<void> {
  const db = getDb();
  const r = await db.tutorials.get(recordId);
  if (r) await db.tutorials.put(softDelete(r));
}

export async function restoreFromBin(recordId: string): Promise<void> {
  const db = getDb();
  const r = await db.tutorials.get(recordId);
  if (r) await db.tutorials.put(restoreDeleted(r));
}

/** Deletes the binned tutorials for good; their tombstones tell other machines (exchanges). */
export async function emptyBin(): Promise<number> {
  const db = getDb();
  return db.transaction('rw', db.tutorials, db.tombstones, async () => {
    const binned = (await db.tutorials.toArray()).filter((r) => r.deletedAt !== null);
    await deleteWithTombstones(db, 'tutorials', binned.map((r) => r.id));
    return binned.length;
  });
}

/** Installs the chosen entries of a pack in one transaction: all or nothing. */
export async function installPackEntries(entries: { meta: TutorialMeta; body: string; existing: Tutorial | undefined }[]): Promise<number> {
  const db = getDb();
  await db.transaction('rw', db.tutorials, async () => {
    for (const { meta, body, existing } of entries) {
      await saveUserTutorial(meta, body, existing?.source === 'user' ? { recordId: existing.recordId, basedOn: existing.basedOn } : { recordId: null, basedOn: existing ? existing.meta.id : null });
    }
  });
  return entries.length;
}

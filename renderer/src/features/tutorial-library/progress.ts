/** Reading progress per tutorial: status, favourite ("mon kit"), private notes, last read. */
import { getDb } from '../../db/database';
import { createRecord, touchRecord } from '../../db/records';
import type { TutorialProgress } from '../../domain/tutorials';

export async function progressOf(tutorialId: string): Promise<TutorialProgress | undefined> {
  return getDb().tutorialProgress.where('tutorialId').equals(tutorialId).first();
}

export async function updateProgress(tutorialId: string, changes: Partial<Pick<TutorialProgress, 'status' | 'favourite' | 'notes' | 'lastReadAt' | 'seenVersion'>>): Promise<TutorialProgress> {
  const db = getDb();
  return db.transaction('rw', db.tutorialProgress, async () => {
    const current = await progressOf(tutorialId);
    const next = current
      ? touchRecord(current, changes)
      : createRecord<TutorialProgress>({ tutorialId, status: 'non-lu', favourite: false, notes: '', lastReadAt: null, seenVersion: 0, ...changes });
    await db.tutorialProgress.put(next);
    return next;
  });
}

export async function allProgress(): Promise<Map<string, TutorialProgress>> {
  const rows = await getDb().tutorialProgress.toArray();
  return new Map(rows.map((r) => [r.tutorialId, r]));
}

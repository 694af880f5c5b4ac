/**
 * After a restore the records are older than what this machine told its team, so
 * its replicated states no longer describe them. They are forgotten, and the
 * machine takes a new replica id in the folder: its restored records then count as
 * new edits that saw nothing of the team's, concurrent with everything, so each
 * value that differs from the team's goes to the conflict inbox — the restore
 * neither silently overwrites the team's newer work nor is silently undone by it.
 * (Reusing the old id would claim to have seen this machine's own later edits.)
 * Kept small: the backup code and its worker import it.
 */
import type { FourmiliereDatabase } from '../../db/database';

/** Runs inside the restore's transaction (which must hold syncClocks and syncState). */
export async function resetTeamSyncAfterRestore(db: FourmiliereDatabase, deviceId: string): Promise<void> {
  const config = await db.syncState.get('~config');
  await db.syncClocks.clear();
  await db.syncState.clear();
  if (config) await db.syncState.put({ ...config, replica: `${deviceId}-${crypto.randomUUID().slice(0, 8)}` });
}

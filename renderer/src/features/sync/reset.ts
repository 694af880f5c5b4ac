/**
 * After a restore the records are older than what this machine told its team, so
 * its replicated states no longer describe them. They are forgotten, and the
 * machine takes a new replica id in the folder: its restored records then count as
 * new edits that saw nothing of the team's, concurrent with everything, so each
 * value that differs from the team's goes to the conflict inbox — the restore
 * neither silently overwrites the team's newer work nor is silently undone by it.
 * (Reusing the old id would claim to have seen this machine's own later edits.)
 * The old id's folder is remembered (`retiring`): the engine retires it once the
 * new id's snapshot holds all of it (engine.ts, retireFormer).
 * Kept small: the backup code and its worker import it.
 */
import type { FourmiliereDatabase } from '../../db/database';

/** One of this machine's former ids in the folder, with the last log it wrote there. */
export interface FormerId {
  id: string;
  seq: number;
}

/** syncState row: when the last restore happened (a record deleted after it, before any run, still has its deletion published). */
export const RESTORED_ROW = '~restored';

/** Runs inside the restore's transaction (which must hold syncClocks and syncState). */
export async function resetTeamSyncAfterRestore(db: FourmiliereDatabase, deviceId: string): Promise<void> {
  const config = await db.syncState.get('~config');
  await db.syncClocks.clear();
  if (!config) return void (await db.syncState.clear());
  const c = config as { teamId?: string; replica?: string; retiring?: FormerId[] };
  // The old id's last log, as this machine remembers it: the new id reads its old folder up to there before retiring it.
  const self = (await db.syncState.get('~self')) as { teamId?: string; seq?: number } | undefined;
  const former: FormerId = { id: c.replica ?? deviceId, seq: self?.teamId === c.teamId ? (self?.seq ?? 0) : 0 };
  const retiring = [...(c.retiring ?? []).filter((f) => f.id !== former.id), former].slice(-20);
  await db.syncState.clear();
  await db.syncState.put({ ...config, replica: `${deviceId}-${crypto.randomUUID().slice(0, 8)}`, retiring });
  await db.syncState.put({ id: RESTORED_ROW, at: new Date().toISOString() });
}

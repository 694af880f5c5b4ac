/**
 * The one way into a large write (import, restore, merge, pack install): the disk is
 * checked for room, a safety copy of the current data is made where asked, closing the
 * window is warned against while it runs, and a failure says what a count found after it.
 */
import { getDb } from '../../db/database';
import { writeAutomaticBackup } from './backup-service';
import { checkedWrite, syncTotal, takeCensus } from './census';
import { bytesNeeded, ensureSpace, type GROWTH } from './space';
import { holdUnload } from './unload-guard';

export interface LargeWrite {
  /** the size of what is written, as read (file bytes) */
  inputBytes: number;
  kind: keyof typeof GROWTH;
  /** copy the current data aside first (kept with the copies "before restore") */
  safetyCopy: boolean;
}

export async function largeWrite<T>(plan: LargeWrite, write: () => Promise<T>): Promise<T> {
  const release = holdUnload();
  try {
    await ensureSpace(bytesNeeded(plan.inputBytes, plan.kind));
    if (plan.safetyCopy) {
      const census = await takeCensus(getDb());
      // Nothing worth a copy in an empty database (and an empty copy would push out a real one).
      if (!census || syncTotal(census) > 0) await writeAutomaticBackup('before-restore');
    }
    return await checkedWrite(getDb(), write);
  } finally {
    release();
  }
}

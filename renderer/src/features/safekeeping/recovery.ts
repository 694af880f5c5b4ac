/**
 * At start-up: did the database vanish or shrink since it was last counted (see
 * census.ts)? If so, find the latest copy worth restoring — a file copy on the
 * desktop, a private-file-system copy in the browser — and offer it.
 */
import { getDb, type FourmiliereDatabase } from '../../db/database';
import { SettingKeys } from '../../db/settings';
import { getBridge, type BackupInfo, type Bridge } from '../../platform';
import type { RememberedCensus } from '../../db/boot';
import { parseAndValidateBackup, restoreBackup, type OnProgress, type ParsedBackup } from './backup';
import { hasShrunk, readRememberedCensus, rememberCensus, syncTotal, takeCensus } from './census';
import { largeWrite } from './large-write';
import { SYNC_TABLES } from '../../db/database';

export interface RecoveryOffer {
  remembered: RememberedCensus;
  /** records of the synced tables found now */
  now: number;
  /** the copy offered, with what it holds; null when none was found */
  copy: { info: BackupInfo; parsed: ParsedBackup; records: number } | null;
}

/** How many copies are opened, newest first, to find one that is not itself shrunk. */
const COPIES_TRIED = 4;

const copyRecords = (parsed: ParsedBackup) => SYNC_TABLES.reduce((sum, name) => sum + (parsed.summary.counts[name] ?? 0), 0);

/**
 * Null when all is well (the counts are then remembered afresh). Otherwise the offer:
 * the newest copy holding at least half of what was remembered, else the fullest copy
 * that holds more than the database now.
 */
export async function checkAtStartup(db: FourmiliereDatabase = getDb(), bridge: Bridge = getBridge()): Promise<RecoveryOffer | null> {
  const remembered = await readRememberedCensus();
  const census = await takeCensus(db);
  const now = census ? syncTotal(census) : 0;
  const profile = census ? (await db.settings.get(SettingKeys.profile).catch(() => undefined)) !== undefined : false;
  if (!hasShrunk(remembered, { total: now, profile })) {
    if (census && profile) await rememberCensus(db, census);
    return null;
  }
  const listed = await bridge.listBackups();
  let best: RecoveryOffer['copy'] = null;
  for (const info of (listed.ok ? listed.value : []).slice(0, COPIES_TRIED)) {
    const text = await bridge.readBackup(info.name);
    if (!text.ok) continue;
    const parsed = await parseAndValidateBackup(text.value).catch(() => null);
    if (!parsed?.ok) continue;
    const records = copyRecords(parsed.value);
    if (records >= remembered!.total / 2) {
      best = { info, parsed: parsed.value, records };
      break;
    }
    if (records > now && records > (best?.records ?? 0)) best = { info, parsed: parsed.value, records };
  }
  return { remembered: remembered!, now, copy: best };
}

/**
 * Restores the offered copy as any restore: the space is checked first, what is left of
 * the database is copied aside when anything is, then one transaction replaces it.
 */
export async function acceptRecovery(offer: RecoveryOffer, onProgress: OnProgress, db: FourmiliereDatabase = getDb()): Promise<void> {
  if (!offer.copy) return;
  const { parsed, info } = offer.copy;
  await largeWrite({ inputBytes: info.size, kind: 'json', safetyCopy: true }, () => restoreBackup(db, parsed, onProgress));
}

/** The person says the deletions were meant: today's counts become the reference. */
export async function dismissRecovery(db: FourmiliereDatabase = getDb()): Promise<void> {
  await rememberCensus(db);
}

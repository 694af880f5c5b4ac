/**
 * At start-up: did the database vanish or shrink since it was last counted (see
 * census.ts)? If so, find the latest copy worth restoring — a file copy on the
 * desktop, a private-file-system copy in the browser — and offer it. Each copy is
 * parsed and checked, and the chosen one restored, beside the window (write.worker.ts,
 * like any restore): a copy of tens of megabytes never freezes the first screen.
 */
import { getDb, type FourmiliereDatabase } from '../../db/database';
import { SettingKeys } from '../../db/settings';
import { getBridge, type BackupInfo, type Bridge } from '../../platform';
import type { RememberedCensus } from '../../db/boot';
import type { OnProgress, ParsedBackup } from './backup';
import { hasShrunk, readRememberedCensus, rememberCensus, syncTotal, takeCensus } from './census';
import { largeWrite } from './large-write';
import { fileWrite, type FileWrite } from './write-client';
import { SYNC_TABLES } from '../../db/database';

/** What checks a copy and restores it: a write worker (write-client.ts); in Node tests, the same session in process. */
export type CopyCheck = Pick<FileWrite, 'checkBackup' | 'restore' | 'close'>;

export interface RecoveryOffer {
  remembered: RememberedCensus;
  /** records of the synced tables found now */
  now: number;
  /** the copy offered, with what it holds (checked, held by `session` until restored or dismissed); null when none was found */
  copy: { info: BackupInfo; summary: ParsedBackup['summary']; records: number; session: CopyCheck } | null;
}

/** How many copies are opened, newest first, to find one that is not itself shrunk. */
const COPIES_TRIED = 4;

const copyRecords = (summary: ParsedBackup['summary']) => SYNC_TABLES.reduce((sum, name) => sum + (summary.counts[name] ?? 0), 0);

/**
 * Null when all is well (the counts are then remembered afresh). Otherwise the offer:
 * the newest copy holding at least half of what was remembered, else the fullest copy
 * that holds more than the database now.
 */
export async function checkAtStartup(db: FourmiliereDatabase = getDb(), bridge: Bridge = getBridge(), open: () => CopyCheck = fileWrite): Promise<RecoveryOffer | null> {
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
    const session = open();
    const checked = await session.checkBackup(db.name, text.value).catch(() => null);
    if (!checked?.ok) {
      session.close();
      continue;
    }
    const records = copyRecords(checked.summary);
    const candidate = { info, summary: checked.summary, records, session };
    if (records >= remembered!.total / 2) {
      best?.session.close();
      best = candidate;
      break;
    }
    if (records > now && records > (best?.records ?? 0)) {
      best?.session.close();
      best = candidate;
    } else session.close();
  }
  return { remembered: remembered!, now, copy: best };
}

/**
 * The start-up check, bounded for the first screen but never thrown away: when it has not
 * answered within `giveUpMs` (a stuck storage call, or many large copies to check on a slow
 * machine) the app goes on (`deliver(null)`), and an offer found later is still delivered, so
 * the person is told their data shrank instead of starting over on top of it. A check that
 * fails is told as null.
 */
export function boundedStartupCheck(check: () => Promise<RecoveryOffer | null>, deliver: (offer: RecoveryOffer | null) => void, giveUpMs = 10_000): () => void {
  let answered = false;
  const timer = setTimeout(() => {
    if (!answered) deliver(null);
  }, giveUpMs);
  let stopped = false;
  check().then(
    (offer) => {
      answered = true;
      clearTimeout(timer);
      // Nobody to tell any more: the checked copy's worker is closed.
      if (stopped) offer?.copy?.session.close();
      // A late null changes nothing (null was told already); a late offer is told.
      else deliver(offer);
    },
    (e: unknown) => {
      answered = true;
      clearTimeout(timer);
      console.warn('start-up check failed', e);
      if (!stopped) deliver(null);
    },
  );
  // Unmounted before the answer: the offer's worker is closed, nothing is delivered.
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * Restores the offered copy as any restore: the space is checked first, what is left of
 * the database is copied aside when anything is, then one transaction replaces it.
 */
export async function acceptRecovery(offer: RecoveryOffer, onProgress: OnProgress): Promise<void> {
  if (!offer.copy) return;
  const { session, info } = offer.copy;
  await largeWrite({ inputBytes: info.size, kind: 'json', safetyCopy: true }, () => session.restore(onProgress));
  session.close();
}

/** The person says the deletions were meant: today's counts become the reference. */
export async function dismissRecovery(offer: RecoveryOffer | null = null, db: FourmiliereDatabase = getDb()): Promise<void> {
  offer?.copy?.session.close();
  await rememberCensus(db);
}

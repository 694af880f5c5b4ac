/**
 * A merge (exchange file) or a restore (backup file), from the file's bytes to the write,
 * held beside the window (write.worker.ts): the parsed file, the plan and the transaction
 * never cross to the window's thread, which receives a summary, progress and the outcome.
 * Run in the window, planning a 10k-record merge was one task of over a second and each
 * page of the write cloned its records there. Every safeguard is the same code as before
 * (planMerge/applyMerge, parseAndValidateBackup/restoreBackup): conflicts to the inbox,
 * tombstones, erasures re-applied, the registry's log in the writers' transactions (the
 * database class installs it), the team sync state reset on restore.
 * Pure, so it runs under Node in tests.
 */
import { FourmiliereDatabase } from '../../db/database';
import { nextCounter, observeCounter, setDeviceId } from '../../db/records';
import { abortReasonSince } from '../../db/abort-reason';
import { errorMessage, storageProblem, type StorageProblem } from '../../ui/errors';
import { applyMerge, parseExchange, planMerge, WORKER_PAGE, type ExchangeError, type MergePlan } from './exchange';
import { parseAndValidateBackup, restoreBackup, WORKER_RESTORE_CHUNK, type BackupError, type ParsedBackup } from './backup';
import type { SignatureCheck } from './signing';

/** What the window shows of a merge's dry run: counts, the first invalid records, the people on both sides. */
export interface MergeSummary {
  peer: MergePlan['peer'];
  added: number;
  updated: number;
  deleted: number;
  conflicts: number;
  unchanged: number;
  invalidCount: number;
  /** the first invalid records */
  invalid: MergePlan['invalid'];
  duplicates: MergePlan['duplicates'];
  signature: SignatureCheck;
}
const SHOWN_INVALID = 20;

export type WriteIn =
  /** `counter`: the window's clock, so records written here sort after its own */
  | { type: 'planMerge'; dbName: string; deviceId: string; counter: number; bytes: Uint8Array }
  | { type: 'applyMerge' }
  /** the file's bytes, or its text as a stored copy is read */
  | { type: 'checkBackup'; dbName: string; deviceId: string; counter: number; bytes: Uint8Array | string }
  | { type: 'restore' };
export type WriteOut =
  | { type: 'progress'; done: number; total: number }
  | { type: 'mergePlanned'; result: { ok: true; summary: MergeSummary } | { ok: false; error: ExchangeError } }
  | { type: 'backupChecked'; result: { ok: true; summary: ParsedBackup['summary'] } | { ok: false; error: BackupError } }
  /** `counter`: this side's clock after the write, for the window to move past */
  | { type: 'written'; counter: number }
  | { type: 'error'; message: string; problem?: StorageProblem };

export function mergeSummary(plan: MergePlan, signature: SignatureCheck): MergeSummary {
  return {
    peer: plan.peer,
    added: plan.added.length,
    updated: plan.updated.length,
    deleted: plan.deleted.length,
    conflicts: plan.conflicts.length,
    unchanged: plan.unchanged,
    invalidCount: plan.invalid.length,
    invalid: plan.invalid.slice(0, SHOWN_INVALID),
    duplicates: plan.duplicates,
    signature,
  };
}

export class WriteSession {
  private db: FourmiliereDatabase | null = null;
  private merge: MergePlan | null = null;
  private backup: ParsedBackup | null = null;

  constructor(private readonly post: (message: WriteOut) => void) {}

  async handle(message: WriteIn): Promise<void> {
    const started = Date.now();
    try {
      if (message.type === 'planMerge' || message.type === 'checkBackup') {
        this.merge = null;
        this.backup = null;
        this.open(message.dbName, message.deviceId, message.counter);
      }
      if (message.type === 'planMerge') await this.planMerge(message.bytes);
      else if (message.type === 'checkBackup') await this.checkBackup(message.bytes);
      else if (message.type === 'applyMerge') await this.applyMerge();
      else await this.restore();
    } catch (error) {
      this.post({ type: 'error', message: errorMessage(error), problem: storageProblem(error) ?? storageProblem(await abortReasonSince(started)) ?? undefined });
    }
  }

  private open(dbName: string, deviceId: string, counter: number): void {
    setDeviceId(deviceId);
    observeCounter(counter);
    if (this.db?.name !== dbName) {
      this.db?.close();
      this.db = new FourmiliereDatabase(dbName);
    }
  }

  private async planMerge(bytes: Uint8Array): Promise<void> {
    const parsed = await parseExchange(new TextDecoder().decode(bytes));
    if (!parsed.ok) return this.post({ type: 'mergePlanned', result: parsed });
    const plan = await planMerge(this.db!, parsed.value);
    this.merge = plan;
    this.post({ type: 'mergePlanned', result: { ok: true, summary: mergeSummary(plan, parsed.signature) } });
  }

  private async applyMerge(): Promise<void> {
    const plan = this.merge;
    if (!plan || !this.db) throw new Error('no dry run');
    await applyMerge(this.db, plan, (p) => this.post({ type: 'progress', ...p }), WORKER_PAGE);
    // Done: merging the same plan twice changes nothing, but is not asked for.
    this.merge = null;
    this.post({ type: 'written', counter: nextCounter() });
  }

  private async checkBackup(bytes: Uint8Array | string): Promise<void> {
    const parsed = await parseAndValidateBackup(typeof bytes === 'string' ? bytes : new TextDecoder().decode(bytes));
    if (!parsed.ok) return this.post({ type: 'backupChecked', result: parsed });
    this.backup = parsed.value;
    this.post({ type: 'backupChecked', result: { ok: true, summary: parsed.value.summary } });
  }

  private async restore(): Promise<void> {
    const backup = this.backup;
    if (!backup || !this.db) throw new Error('no backup checked');
    await restoreBackup(this.db, backup, (p) => this.post({ type: 'progress', ...p }), WORKER_RESTORE_CHUNK);
    this.backup = null;
    this.post({ type: 'written', counter: nextCounter() });
  }

  close(): void {
    this.db?.close();
  }
}

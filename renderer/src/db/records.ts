/**
 * What every stored record carries, and the clock that stamps revisions.
 * A revision names the device that made the change and a hybrid logical counter
 * (milliseconds, bumped past anything seen), so two machines can merge later.
 */
import { z } from 'zod';
import { getDeviceId, setDeviceId } from './device';

export const revisionSchema = z.object({
  device: z.string().min(1).max(64),
  counter: z.number().int().nonnegative(),
});
export type Revision = z.infer<typeof revisionSchema>;

export const baseRecordSchema = z.object({
  id: z.string().min(1).max(64),
  createdAt: z.string().datetime(),
  updatedAt: z.string().datetime(),
  deletedAt: z.string().datetime().nullable(),
  rev: revisionSchema,
});
export type BaseRecord = z.infer<typeof baseRecordSchema>;

/** Fields a caller never sets by hand. */
export type RecordInput<T extends BaseRecord> = Omit<T, keyof BaseRecord> & Partial<Pick<T, 'id'>>;

let lastCounter = 0;

export { getDeviceId, setDeviceId };

/** Next counter of this device's clock: never below wall time, never repeating. */
export function nextCounter(now = Date.now()): number {
  lastCounter = Math.max(now, lastCounter + 1);
  return lastCounter;
}

/** Moves the clock past a counter seen from another device (on merge). */
export function observeCounter(counter: number): void {
  if (counter > lastCounter) lastCounter = counter;
}

export function newId(): string {
  return crypto.randomUUID();
}

/** A brand-new record with its identity, dates and first revision. */
export function createRecord<T extends BaseRecord>(input: RecordInput<T>, now = new Date()): T {
  const iso = now.toISOString();
  return {
    ...input,
    id: input.id ?? newId(),
    createdAt: iso,
    updatedAt: iso,
    deletedAt: null,
    rev: { device: getDeviceId(), counter: nextCounter(now.getTime()) },
  } as T;
}

/** The same record after a local change: new updatedAt and revision. */
export function touchRecord<T extends BaseRecord>(record: T, changes: Partial<Omit<T, keyof BaseRecord>> = {}, now = new Date()): T {
  return {
    ...record,
    ...changes,
    updatedAt: now.toISOString(),
    rev: { device: getDeviceId(), counter: nextCounter(now.getTime()) },
  };
}

export function softDelete<T extends BaseRecord>(record: T, now = new Date()): T {
  return { ...touchRecord(record, {}, now), deletedAt: now.toISOString() };
}

export function restoreDeleted<T extends BaseRecord>(record: T, now = new Date()): T {
  return { ...touchRecord(record, {}, now), deletedAt: null };
}

// eslint-disable-next-line no-control-regex -- every ASCII character, control characters included
const ASCII = /^[\x00-\x7f]*$/;

/** Lower-case, accents and ligatures folded: "Œuvre Évaluée" -> "oeuvre evaluee". */
export function foldText(text: string): string {
  // Plain ASCII has no accent or ligature to fold: lower case is all (most names and e-mails;
  // the normalisation below is most of the cost of an import's dry run otherwise).
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** Words of a text, folded, for prefix search indexes. */
export function searchTokens(...parts: (string | null | undefined)[]): string[] {
  const tokens = new Set<string>();
  for (const part of parts) {
    if (!part) continue;
    for (const word of foldText(part).split(/[^a-z0-9]+/)) if (word.length > 0) tokens.add(word);
  }
  return [...tokens];
}

export const sameRevision = (a: Revision, b: Revision) => a.device === b.device && a.counter === b.counter;

/**
 * A save started from a revision that is no longer the stored one: another window,
 * tab or merge changed the record meanwhile. Nothing was written; `current` is the
 * stored version, to show beside the person's own so they can choose.
 */
export class StaleRecordError<T extends BaseRecord = BaseRecord> extends Error {
  constructor(
    readonly current: T,
    readonly expected: Revision,
  ) {
    super('record changed since it was opened');
    this.name = 'StaleRecordError';
  }
}

/**
 * The revision check of every save that edits a stored record: call it inside the
 * save's transaction, with the revision the form was opened from. Without one
 * (programmatic changes that read and write in one transaction) it passes.
 */
export function assertRevision<T extends BaseRecord>(current: T, expected: Revision | undefined): void {
  if (expected && !sameRevision(current.rev, expected)) throw new StaleRecordError(current, expected);
}

/** Picks, field by field, the stored value ('theirs') or the person's ('mine'); unlisted fields keep mine. */
export function combineVersions<F extends object>(mine: F, theirs: F, choice: Partial<Record<keyof F, 'mine' | 'theirs'>>): F {
  const out = { ...mine };
  for (const key of Object.keys(choice) as (keyof F)[]) if (choice[key] === 'theirs') out[key] = theirs[key];
  return out;
}

/** Keys whose values differ between two flat versions (a form, typically). */
export function differingKeys<F extends object>(a: F, b: F): (keyof F)[] {
  return (Object.keys({ ...a, ...b }) as (keyof F)[]).filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

/**
 * Which tables a backup carries and how each record is checked on the way in.
 * Syncable tables are validated with their domain schema; bookkeeping tables
 * with a minimal shape.
 */
import { z } from 'zod';
import { SYNC_TABLES, type FourmiliereDatabase, type SyncTableName } from '../../db/database';
import { attendanceSchema } from '../../domain/attendance';
import { cohortSchema, enrolmentSchema, moduleSchema, moduleSessionSchema } from '../../domain/cohorts';
import { providerSchema } from '../../domain/people';
import { animatorSchema } from '../../domain/registry';
import { tutorialProgressSchema, userTutorialSchema } from '../../domain/tutorials';
import { evaluationSchema, registrationSchema, sessionSchema, workshopSchema } from '../../domain/workshops';

export const syncSchemas: Record<SyncTableName, z.ZodType> = {
  tutorials: userTutorialSchema,
  tutorialProgress: tutorialProgressSchema,
  workshops: workshopSchema,
  sessions: sessionSchema,
  providers: providerSchema,
  registrations: registrationSchema,
  attendance: attendanceSchema,
  evaluations: evaluationSchema,
  animators: animatorSchema,
  cohorts: cohortSchema,
  modules: moduleSchema,
  moduleSessions: moduleSessionSchema,
  enrolments: enrolmentSchema,
};

const withId = z.object({ id: z.string().min(1).max(200) }).passthrough();
export const bookkeepingTables = ['history', 'conflicts', 'exchanges', 'tombstones'] as const;
export type BookkeepingTable = (typeof bookkeepingTables)[number];

/** Every table a backup holds, in a fixed order. */
export const BACKUP_TABLES = ['settings', ...SYNC_TABLES, ...bookkeepingTables] as const;
export type BackupTable = (typeof BACKUP_TABLES)[number];

export const recordSchemaOf = (table: BackupTable): z.ZodType =>
  table === 'settings' ? z.object({ key: z.string().min(1).max(200), value: z.unknown() }) : table in syncSchemas ? syncSchemas[table as SyncTableName] : withId;

/**
 * Settings that belong to this machine and are never restored or exchanged: its id, its
 * signing key (the private key never leaves the machine) and the signers it trusts (a
 * backup must not be able to plant one).
 */
export const MACHINE_SETTINGS = new Set(['deviceId', 'signing.key', 'signing.trusted']);

export const tableOf = (db: FourmiliereDatabase, name: BackupTable) => db.table(name);

/** French messages for zod's own checks; a schema's custom messages (already French) win. */
const frenchErrors = z.locales.fr().localeError;

/** Checks one incoming record against its table's schema; null when valid, else why, in French. */
export function recordProblem(table: BackupTable, record: unknown): string | null {
  const checked = recordSchemaOf(table).safeParse(record, { error: frenchErrors });
  if (checked.success) return null;
  const issue = checked.error.issues[0];
  return `${issue?.path.join('.') || 'fiche'} : ${issue?.message ?? 'invalide'}`;
}

/**
 * Checks a new version of a stored record: only the fields whose value differs from the
 * stored one go through their schema (the others are the stored values, already there);
 * the same verdict as recordProblem for what changes, at a fraction of the cost of
 * walking every field. `changed`: the names of the fields that differ.
 */
export function changedFieldsProblem(table: SyncTableName, record: Record<string, unknown>, changed: readonly string[]): string | null {
  const schema = syncSchemas[table];
  if (!(schema instanceof z.ZodObject)) return recordProblem(table, record);
  const shape = schema.shape as Record<string, z.ZodType>;
  for (const k of changed) {
    const field = shape[k];
    // keys the schema does not name pass, as they do through the whole schema
    if (!field) continue;
    const checked = field.safeParse(record[k], { error: frenchErrors });
    if (checked.success) continue;
    const issue = checked.error.issues[0];
    return `${[k, ...(issue?.path ?? [])].join('.')} : ${issue?.message ?? 'invalide'}`;
  }
  return null;
}

/** Foreign keys: a record must point to something, in the same file or already stored. */
export const REFERENCES: Partial<Record<SyncTableName, [string, SyncTableName][]>> = {
  sessions: [['workshopId', 'workshops']],
  registrations: [['workshopId', 'workshops'], ['personId', 'providers']],
  modules: [['cohortId', 'cohorts']],
  moduleSessions: [['moduleId', 'modules']],
  enrolments: [['cohortId', 'cohorts'], ['animatorId', 'animators']],
};

/** More than a day ahead of this machine's clock: a wrong clock or a forged file. */
export const isFutureDate = (iso: unknown, now = Date.now()) => typeof iso === 'string' && Date.parse(iso) > now + 24 * 3600_000;

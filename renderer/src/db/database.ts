/**
 * The one local database. Every table and index is declared here, with numbered
 * versions; a new version comes with an upgrade step and a fixture test
 * (renderer/src/db/upgrades.test.ts).
 */
import Dexie, { type EntityTable, type Table } from 'dexie';
import type { UserTutorial, TutorialProgress } from '../domain/tutorials';
import type { Workshop, WorkshopSession, Registration, Evaluation } from '../domain/workshops';
import type { Provider } from '../domain/people';
import type { Attendance } from '../domain/attendance';
import type { Animator } from '../domain/registry';
import type { Cohort, CohortModule, ModuleSession, Enrolment } from '../domain/cohorts';
import type { BaseRecord } from './records';
import { abortReasonMiddleware } from './abort-reason';
import { registryLogMiddleware } from './registry-log';
import type { RecordState } from '../features/sync/state';
import type { StoredHistoryRow } from './history';

/** A shared record's replicated state, and the revision the table held when it was last read or written by the sync. */
export interface SyncClockRow {
  id: string;
  state: RecordState;
  rev: { device: string; counter: number } | null;
  /** 1 while a local change folded in during a merge waits to be published */
  dirty?: 1;
}
/** A SyncClockRow as `syncClocks` keeps it: the state packed (features/sync/clock-rows.ts), or as objects (rows written before). */
export interface StoredClockRow {
  id: string;
  rev: SyncClockRow['rev'];
  dirty?: 1;
  p?: unknown[];
  state?: RecordState;
}

export const DATABASE_NAME = 'fourmiliere';

export interface SettingRow {
  key: string;
  value: unknown;
}

/** A change kept for the person's history page and the sign-in audit trail (a bulk write keeps its changes in batch rows instead: db/history.ts). */
export interface HistoryRow {
  id: string;
  table: string;
  recordId: string;
  at: string;
  device: string;
  action: 'create' | 'update' | 'delete' | 'restore' | 'merge' | 'import' | 'erase';
  /** changed fields: name -> [before, after] */
  changes: Record<string, [unknown, unknown]>;
  summary: string;
}

/** Records of the syncable tables: the ones exchanged, backed up and merged. */
export interface SyncTables {
  tutorials: EntityTable<UserTutorial, 'id'>;
  tutorialProgress: EntityTable<TutorialProgress, 'id'>;
  workshops: EntityTable<Workshop, 'id'>;
  sessions: EntityTable<WorkshopSession, 'id'>;
  providers: EntityTable<Provider, 'id'>;
  registrations: EntityTable<Registration, 'id'>;
  attendance: EntityTable<Attendance, 'id'>;
  evaluations: EntityTable<Evaluation, 'id'>;
  animators: EntityTable<Animator, 'id'>;
  cohorts: EntityTable<Cohort, 'id'>;
  modules: EntityTable<CohortModule, 'id'>;
  moduleSessions: EntityTable<ModuleSession, 'id'>;
  enrolments: EntityTable<Enrolment, 'id'>;
}
export type SyncTableName = keyof SyncTables;

export const SYNC_TABLES: readonly SyncTableName[] = [
  'tutorials',
  'tutorialProgress',
  'workshops',
  'sessions',
  'providers',
  'registrations',
  'attendance',
  'evaluations',
  'animators',
  'cohorts',
  'modules',
  'moduleSessions',
  'enrolments',
] as const;

/** Version 1 of the schema. Index strings: primary key first, then indexes. */
export const SCHEMA_V1 = {
  settings: 'key',
  history: 'id, [table+recordId], at',
  tutorials: 'id, meta.id, basedOn, updatedAt',
  tutorialProgress: 'id, &tutorialId, status, lastReadAt',
  workshops: 'id, status, theme, firstDate, place.communeInsee, updatedAt',
  sessions: 'id, workshopId, start, updatedAt',
  providers: 'id, email, sortName, *tokens, communeInsee, updatedAt',
  registrations: 'id, workshopId, personId, [workshopId+status], updatedAt',
  attendance: 'id, sessionId, personId, [sessionId+halfDay], updatedAt',
  evaluations: 'id, subjectId, personId, kind, dueDate, updatedAt',
  animators:
    'id, email, sortName, *tokens, regionCode, departmentCode, status, cohortId, structureType, *specialities, trainedYear, communeName, structureName, [regionCode+sortName], deletedAt, updatedAt',
  cohorts: 'id, regionCode, status, startDate, number, updatedAt',
  modules: 'id, cohortId, updatedAt',
  moduleSessions: 'id, moduleId, cohortId, date, updatedAt',
  enrolments: 'id, cohortId, animatorId, &[cohortId+animatorId], updatedAt',
  // data safety: merge bookkeeping
  conflicts: 'id, table, recordId, createdAt, resolvedAt',
  exchanges: 'id, at',
  tombstones: 'id, table, recordId, deletedAt',
} as const;

/**
 * Version 2: the registry's list, search, filters, baromètre and duplicates answer from
 * memory (features/animators/registry.ts), so `animators` keeps only the indexes that
 * lookups by value need (e-mail and name for imports and duplicate checks, region for
 * exchanges, updatedAt for changes since a date); the 11 others, one of them multi-entry
 * over search words, cost every write dozens of index entries. The registry's snapshot
 * lives in `registrySnapshot` (a few large values), and every write to `animators` leaves
 * the ids it touched in `registryLog` (registry-log.ts), so the snapshot is brought up to
 * date instead of rebuilt.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  animators: 'id, email, sortName, regionCode, updatedAt',
  registrySnapshot: 'id',
  registryLog: '++seq',
} as const;

/** The registry's snapshot (features/animators/registry-live.ts): 'meta' says its format, parts and which log entry it includes; 'part:<name>:<k>' rows hold the parts' bytes. */
export type RegistrySnapshotRow = { id: 'meta'; format: number; seq: number; savedAt: string; [detail: string]: unknown } | { id: string; bytes: ArrayBuffer };
/** The ids one write to `animators` touched (null: all of them, a clear). */
export interface RegistryLogRow {
  seq?: number;
  ids: string[] | null;
}

/**
 * Version 3 (team sync through a shared folder, features/sync): the replicated state
 * of each shared record (`syncClocks`, keyed "table:recordId") and the engine's own
 * bookkeeping (`syncState`: this device's log position, what was read from each
 * other device). Both are this machine's: never in a backup or an exchange file.
 */
export const SCHEMA_V3_ADDED = {
  syncClocks: 'id, dirty',
  syncState: 'id',
} as const;

/**
 * Version 4: a bulk write (an import, a team sync's chunk, an import's undo) keeps its
 * history in batch rows, one per bucket of record ids (db/history.ts), instead of one row
 * per record; a batch row has no `recordId`, so it is in no index but the primary key.
 * The `at` index goes: nothing ever read history by date (it cost every row an entry).
 * Rows written before stay as they are, read beside the batch rows.
 */
export const SCHEMA_V4_CHANGED = {
  history: 'id, [table+recordId]',
} as const;

/** Every declared version, in order (the upgrade test wants a fixture for each). */
export const SCHEMA_VERSIONS = [1, 2, 3, 4] as const;
export const CURRENT_SCHEMA_VERSION = 4;

export class FourmiliereDatabase extends Dexie {
  settings!: Table<SettingRow, string>;
  /** per-record rows and batch rows: read them through db/history.ts */
  history!: Table<StoredHistoryRow, string>;
  tutorials!: SyncTables['tutorials'];
  tutorialProgress!: SyncTables['tutorialProgress'];
  workshops!: SyncTables['workshops'];
  sessions!: SyncTables['sessions'];
  providers!: SyncTables['providers'];
  registrations!: SyncTables['registrations'];
  attendance!: SyncTables['attendance'];
  evaluations!: SyncTables['evaluations'];
  animators!: SyncTables['animators'];
  cohorts!: SyncTables['cohorts'];
  modules!: SyncTables['modules'];
  moduleSessions!: SyncTables['moduleSessions'];
  enrolments!: SyncTables['enrolments'];
  conflicts!: Table<Record<string, unknown> & { id: string }, string>;
  exchanges!: Table<Record<string, unknown> & { id: string }, string>;
  tombstones!: Table<Record<string, unknown> & { id: string }, string>;
  registrySnapshot!: Table<RegistrySnapshotRow, string>;
  registryLog!: Table<RegistryLogRow, number>;
  syncClocks!: Table<StoredClockRow, string>;
  syncState!: Table<{ id: string } & Record<string, unknown>, string>;

  constructor(name = DATABASE_NAME) {
    super(name);
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      // No snapshot exists yet: one entry saying « everything » makes the first window build it from the records.
      .upgrade((tx) => tx.table('registryLog').add({ ids: null } satisfies RegistryLogRow));
    this.version(3).stores(SCHEMA_V3_ADDED);
    this.version(4).stores(SCHEMA_V4_CHANGED);
    // Every write to animators says which records it touched (the in-memory registry follows them).
    this.use(registryLogMiddleware);
    // Keeps why a write transaction aborted (a full disk…), which Dexie's errors do not say.
    this.use(abortReasonMiddleware);
  }

  syncTable(name: SyncTableName): Table<BaseRecord, string> {
    return this.table(name);
  }
}

let instance: FourmiliereDatabase | null = null;

/** The app's database, opened lazily. Tests may swap it with setDatabase(). */
export function getDb(): FourmiliereDatabase {
  instance ??= new FourmiliereDatabase();
  return instance;
}

export function setDatabase(db: FourmiliereDatabase): void {
  instance = db;
}

/**
 * The app's own code each scenario measures, behind one small adapter per
 * feature. A feature that has not landed yet is null: its scenario reports
 * "not available yet" (and still measures its raw baseline).
 */
import type { Animator } from '../domain/registry';
import { getDb } from '../db/database';
import { getDeviceId, nextCounter, type BaseRecord } from '../db/records';
import { exportBackup } from '../features/safekeeping/backup';
import { fileWrite } from '../features/safekeeping/write-client';
import { EXCHANGE_FORMAT, EXCHANGE_FORMAT_VERSION, type ExchangeFile } from '../features/safekeeping/exchange';
import { sha256Hex } from '../features/safekeeping/hashing';
import { bundledTutorials } from '../features/tutorial-library/catalog';
import { defaultSort, emptyFilter } from '../features/animators/query';
import { registryClient } from '../features/animators/registry-client';
import { importInWorker } from '../features/animators/import/importInWorker';
import { detectMapping } from '../features/animators/import/headers';
import { createTutorialSearch } from '../features/tutorial-library/search';
import { CURRENT_SCHEMA_VERSION, SYNC_TABLES, type SyncTableName } from '../db/database';

/** A registry query as the list screen issues it: filter, sort, first page. */
export interface RegistryQuery {
  label: string;
  text: string;
  regionCode: string | null;
  status: Animator['status'] | null;
  pageSize: number;
}

export interface TutorialSearchAdapter {
  /** builds the index (not timed per keystroke) */
  prepare(): Promise<void>;
  /** ids of the tutorials found for what is typed */
  search(query: string): Promise<string[]> | string[];
}

export interface RegistryAdapter {
  /** ids of the first page, in display order */
  firstPage(query: RegistryQuery): Promise<string[]>;
}

export interface CsvImportAdapter {
  /** the CSV a user would import, for these animators */
  toCsv(rows: readonly Animator[]): string;
  /** parse, validate, write; returns how many records were written */
  importCsv(csv: string): Promise<number>;
  /** how long the last import's steps took (ms), when the adapter knows */
  lastPhases?: () => Record<string, number>;
}

export interface BackupAdapter {
  /** the full backup file's bytes, as the app hands them to the save dialog (what is timed) */
  exportBackup(): Promise<Uint8Array>;
  /** how many records of the syncable tables a backup file holds (the check, not timed) */
  countRecords(file: Uint8Array): number;
  /** validates and restores (all or nothing); returns records written */
  restoreBackup(text: string): Promise<number>;
}

export interface MergeAdapter {
  /** an exchange file carrying these changed records */
  /** the file's bytes, as the file picker hands them to the app */
  exchangeFile(changed: Record<string, readonly unknown[]>): Promise<Uint8Array>;
  /** plans and applies the merge; returns records changed locally */
  merge(file: Uint8Array): Promise<number>;
}

export interface Features {
  tutorials: TutorialSearchAdapter | null;
  registry: RegistryAdapter | null;
  csvImport: CsvImportAdapter | null;
  backup: BackupAdapter | null;
  merge: MergeAdapter | null;
}

/** The last import's steps as the window waited for them: parse, dry run, write (all in the import's worker). */
let importPhases: Record<string, number> = {};

export const features: Features = {
  tutorials: (() => {
    let index: ReturnType<typeof createTutorialSearch> | null = null;
    return {
      async prepare() {
        index = createTutorialSearch(await bundledTutorials());
      },
      search: (query: string) => index!.search(query).map((hit) => hit.id),
    };
  })(),
  registry: {
    async firstPage(query) {
      const filter = { ...emptyFilter, text: query.text, regionCode: query.regionCode ?? '', status: query.status ?? ('' as const) };
      // What the list paints first, with its count: the registry's worker answers both at once.
      const { rows } = await registryClient(getDb().name).ask({ type: 'search', filter, sort: defaultSort, limit: query.pageSize });
      return rows.map((r) => r.id);
    },
  },
  csvImport: {
    toCsv(rows) {
      const STATUS: Record<Animator['status'], string> = { 'en-formation': 'En formation', forme: 'Formé', certifie: 'Certifié', abandon: 'Abandon', parti: 'A quitté le réseau' };
      const cell = (v: string) => (/[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
      const lines = rows.map((a) => [a.lastName, a.firstName, a.email, a.structureName, a.communeName, a.postalCode, STATUS[a.status]].map(cell).join(';'));
      return ['Nom;Prénom;Courriel;Structure;Commune;Code postal;Statut', ...lines].join('\r\n');
    },
    /** As the import screen does it: in the import's worker, parse, map, dry run, one transaction. */
    async importCsv(csv) {
      const session = importInWorker();
      const t0 = performance.now();
      try {
        const preview = await session.parse(new TextEncoder().encode(csv), () => undefined);
        const t1 = performance.now();
        await session.plan(getDb().name, detectMapping(preview.headers), () => undefined);
        const t2 = performance.now();
        const { created, updated } = await session.apply(() => undefined);
        importPhases = { parse: t1 - t0, dryRun: t2 - t1, write: performance.now() - t2 };
        return created + updated;
      } finally {
        session.close();
      }
    },
    lastPhases: () => importPhases,
  },
  backup: {
    exportBackup: () => exportBackup(getDb()),
    countRecords(file) {
      // Records of the syncable tables, as a JSON parser reads them back from the file.
      const parsed = JSON.parse(new TextDecoder().decode(file)) as { tables: Record<string, { records: unknown[] }> };
      let records = 0;
      for (const table of SYNC_TABLES) records += parsed.tables[table]?.records.length ?? NaN;
      return records;
    },
    /** As the backup panel does it: checked and restored in the write worker. */
    async restoreBackup(text) {
      const session = fileWrite();
      try {
        const checked = await session.checkBackup(getDb().name, text);
        if (!checked.ok) throw new Error(`${checked.error.key} ${checked.error.detail}`);
        await session.restore();
        return checked.summary.total;
      } finally {
        session.close();
      }
    },
  },
  merge: {
    /** A file as another machine would send it: its own device, a clock past every record. */
    async exchangeFile(changed) {
      const tables = changed as Partial<Record<SyncTableName, BaseRecord[]>>;
      const clock = Math.max(Date.now(), ...Object.values(tables).flatMap((rows) => (rows ?? []).map((r) => r.rev.counter))) + 1;
      const file: ExchangeFile = {
        format: EXCHANGE_FORMAT,
        formatVersion: EXCHANGE_FORMAT_VERSION,
        schemaVersion: CURRENT_SCHEMA_VERSION,
        createdAt: new Date().toISOString(),
        // A new peer each time, which has already merged everything from this machine:
        // its changes apply as updates, as after a routine exchange.
        device: `bench-peer-${clock}`,
        deviceName: 'bench',
        clock,
        scope: { kind: 'all' },
        tables,
        tombstones: [],
        seen: { [getDeviceId()]: nextCounter() },
        checksum: await sha256Hex(JSON.stringify([tables, []])),
      };
      return new TextEncoder().encode(JSON.stringify(file));
    },
    /** As the exchange panel does it: the file's bytes to the write worker, which checks, plans and applies. */
    async merge(bytes) {
      const session = fileWrite();
      try {
        const planned = await session.planMerge(getDb().name, bytes);
        if (!planned.ok) throw new Error(`${planned.error.key} ${planned.error.detail}`);
        await session.applyMerge();
        return planned.summary.added + planned.summary.updated + planned.summary.deleted;
      } finally {
        session.close();
      }
    },
  },
};

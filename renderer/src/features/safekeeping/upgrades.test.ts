/**
 * Every schema version leaves a fixture (fixtures/vN.json: its stores and sample
 * rows, written by that version). Each must open with the current schema, every
 * record still there. A version bump adds an upgrade step in database.ts and the
 * new version's fixture here; fixtures are never edited afterwards.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Dexie from 'dexie';
import { CURRENT_SCHEMA_VERSION, FourmiliereDatabase, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3_ADDED, SCHEMA_V4_CHANGED, SCHEMA_VERSIONS } from '../../db/database';
import { BACKUP_FORMAT, migrateTables, parseAndValidateBackup, restoreBackup } from './backup';
import { sha256Hex } from './hashing';
import { BACKUP_TABLES, MACHINE_SETTINGS, type BackupTable } from './tables';

/** The backup file that version would have written for these tables. */
async function backupWrittenBy(fixture: Fixture): Promise<string> {
  const tables: Record<string, { count: number; sha256: string; records: unknown[] }> = {};
  const sums: string[] = [];
  for (const name of BACKUP_TABLES) {
    const records = (fixture.tables[name] ?? []).filter((r) => !MACHINE_SETTINGS.has(String(r.key)));
    const sha256 = await sha256Hex(JSON.stringify(records));
    tables[name] = { count: records.length, sha256, records };
    sums.push(`${name}:${sha256}`);
  }
  const header = { format: BACKUP_FORMAT, formatVersion: 1, schemaVersion: fixture.schemaVersion, appVersion: `fixture v${fixture.schemaVersion}`, createdAt: '2026-01-01T00:00:00.000Z', device: 'fixture', checksum: await sha256Hex(sums.join('\n')) };
  return JSON.stringify({ ...header, tables });
}

interface Fixture {
  schemaVersion: number;
  stores: Record<string, string>;
  tables: Record<string, Record<string, unknown>[]>;
}

const dir = join(__dirname, 'fixtures');
const fixtures = readdirSync(dir)
  .filter((f) => /^v\d+\.json$/.test(f))
  .map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture] as const);

describe('schema upgrades', () => {
  it('has a fixture for every version up to the current one', () => {
    const versions = fixtures.map(([, f]) => f.schemaVersion).sort((a, b) => a - b);
    expect(versions).toEqual([...SCHEMA_VERSIONS]);
    expect(SCHEMA_VERSIONS.at(-1)).toBe(CURRENT_SCHEMA_VERSION);
  });

  it.each(fixtures)('%s holds records in every table, so an upgrade of any table is tested', (_file, fixture) => {
    const empty = Object.keys(fixture.stores).filter((table) => (fixture.tables[table] ?? []).length === 0);
    expect(empty).toEqual([]);
  });

  it('the current version fixture matches the declared schema (refresh it before a release changes v1)', () => {
    const current = fixtures.find(([, f]) => f.schemaVersion === CURRENT_SCHEMA_VERSION)?.[1];
    const declared: Record<number, object> = { 1: SCHEMA_V1, 2: SCHEMA_V2, 3: { ...SCHEMA_V2, ...SCHEMA_V3_ADDED }, 4: { ...SCHEMA_V2, ...SCHEMA_V3_ADDED, ...SCHEMA_V4_CHANGED } };
    expect(current?.stores).toEqual(declared[CURRENT_SCHEMA_VERSION] ?? current?.stores);
  });

  it.each(fixtures)('opens a database written by %s with nothing lost', async (_file, fixture) => {
    const name = `upgrade-${fixture.schemaVersion}-${Date.now()}`;
    const old = new Dexie(name);
    old.version(fixture.schemaVersion).stores(fixture.stores);
    await old.open();
    for (const [table, rows] of Object.entries(fixture.tables)) await old.table(table).bulkPut(rows);
    old.close();

    const db = new FourmiliereDatabase(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    const expected = structuredClone(fixture.tables) as Partial<Record<BackupTable, unknown[]>>;
    migrateTables(expected, fixture.schemaVersion);
    for (const [table, rows] of Object.entries(expected)) {
      const stored = await db.table(table).toArray();
      expect(stored.length, table).toBe(rows?.length ?? 0);
      for (const row of rows ?? []) {
        const keyPath = db.table(table).schema.primKey.keyPath as string;
        const key = (row as Record<string, string>)[keyPath]!;
        expect(await db.table(table).get(key), `${table} ${key}`).toEqual(row);
      }
    }
    db.close();
  });

  it.each(fixtures)('restores a backup file written by %s, migrated on the way in', async (_file, fixture) => {
    const parsed = await parseAndValidateBackup(await backupWrittenBy(fixture));
    if (!parsed.ok) throw new Error(`${parsed.error.key} ${parsed.error.detail}`);
    const db = new FourmiliereDatabase(`restore-${fixture.schemaVersion}-${Date.now()}`);
    await restoreBackup(db, parsed.value);
    const expected = structuredClone(fixture.tables) as Partial<Record<BackupTable, unknown[]>>;
    migrateTables(expected, fixture.schemaVersion);
    // A backup holds the tables of record, not what is derived from them (the registry's snapshot and log).
    for (const [table, rows] of Object.entries(expected).filter(([name]) => (BACKUP_TABLES as readonly string[]).includes(name))) {
      const kept = (rows ?? []).filter((r) => !MACHINE_SETTINGS.has(String((r as { key?: string }).key)));
      expect(await db.table(table).count(), table).toBe(kept.length);
      for (const row of kept) {
        const keyPath = db.table(table).schema.primKey.keyPath as string;
        const key = (row as Record<string, string>)[keyPath]!;
        expect(await db.table(table).get(key), `${table} ${key}`).toEqual(row);
      }
    }
    db.close();
  });
});

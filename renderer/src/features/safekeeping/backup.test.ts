import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { newId, touchRecord } from '../../db/records';
import { exportBackup, FileWriter, hashDatabase, parseAndValidateBackup, restoreBackup } from './backup';
import { fillSample } from './test-data';

let db: FourmiliereDatabase;

async function validOrThrow(text: string) {
  const parsed = await parseAndValidateBackup(text);
  if (!parsed.ok) throw new Error(`${parsed.error.key} ${parsed.error.detail}`);
  return parsed.value;
}

describe('backup and restore', () => {
  beforeEach(async () => {
    db = freshDb();
    await fillSample(db);
  });

  it('round-trips: export, wipe, restore gives identical content by hash', async () => {
    const before = await hashDatabase(db);
    const progress: number[] = [];
    const text = new TextDecoder().decode(await exportBackup(db, (p) => progress.push(p.done)));
    expect(progress.at(-1)).toBeGreaterThan(0);
    const parsed = await validOrThrow(text);
    expect(parsed.summary.counts.animators).toBe(60);
    expect(parsed.summary.counts.settings).toBe(1); // the device id stays with the machine
    await Promise.all(db.tables.map((t) => (t.name === 'settings' ? t.where('key').notEqual('deviceId').delete() : t.clear())));
    expect(await db.animators.count()).toBe(0);
    await restoreBackup(db, parsed);
    expect(await hashDatabase(db)).toBe(before);
    expect((await db.settings.get('deviceId'))?.value).toBe('machine-a');
  });

  it('writes a table read in several chunks, with a non-ASCII version before the checksum, as a valid file', async () => {
    const model = (await db.animators.toCollection().first())!;
    const clones = Array.from({ length: 5_050 }, (_, i) => ({ ...model, id: newId(), lastName: `Clône ${i}` }));
    await db.animators.bulkPut(clones);
    const text = new TextDecoder().decode(await exportBackup(db, undefined, 'version-été'));
    const parsed = await validOrThrow(text); // every table's checksum and the file's, recomputed from the records
    expect(parsed.summary.appVersion).toBe('version-été');
    expect(parsed.summary.counts.animators).toBe(60 + 5_050);
    expect(JSON.parse(text).tables.animators.records.map((a: { id: string }) => a.id)).toEqual((await db.animators.toCollection().primaryKeys()).map(String));
  });

  it('restores the old state over newer changes', async () => {
    const text = new TextDecoder().decode(await exportBackup(db));
    const first = (await db.animators.toCollection().first())!;
    await db.animators.put(touchRecord(first, { lastName: 'Changé' }));
    await restoreBackup(db, await validOrThrow(text));
    expect((await db.animators.get(first.id))?.lastName).toBe(first.lastName);
  });

  describe('refuses bad files and leaves the database untouched', () => {
    let good: string;
    let before: string;
    beforeEach(async () => {
      good = new TextDecoder().decode(await exportBackup(db));
      before = await hashDatabase(db);
    });

    const cases: [string, (g: string) => string, string][] = [
      ['truncated', (g) => g.slice(0, Math.floor(g.length / 2)), 'backup.error.notJson'],
      ['not JSON at all', () => '\u0000\u0001PK\u0003binary', 'backup.error.notJson'],
      ['foreign JSON', () => JSON.stringify({ hello: 'world' }), 'backup.error.foreign'],
      ['newer version', (g) => g.replace(/"schemaVersion":\d+/, '"schemaVersion":99'), 'backup.error.newer'],
      ['a changed record', (g) => g.replace(/"lastName":"[^"]+"/, '"lastName":"Pirate"'), 'backup.error.checksum'],
      ['wrong header shape', (g) => g.replace('"createdAt":"', '"createdAt":"x'), 'backup.error.shape'],
    ];
    it.each(cases)('%s', async (_name, corrupt, key) => {
      const result = await parseAndValidateBackup(corrupt(good));
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.key).toBe(key);
      expect(await hashDatabase(db)).toBe(before);
    });

    it('a record with a wrong shape, even with recomputed checksums', async () => {
      const file = JSON.parse(good);
      file.tables.animators.records[0].email = 'pas-un-email';
      const { resumBackup } = await import('./test-forgery');
      // checksums recomputed and signed with another key: only the record check is left to catch it
      const result = await parseAndValidateBackup(await resumBackup(file, 'forger'));
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.key).toBe('backup.error.record');
        expect(result.error.detail).toContain('animators n°1');
      }
      expect(await hashDatabase(db)).toBe(before);
    });

    it('random bytes and huge strings (fuzz)', async () => {
      let seed = 7;
      const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      for (let i = 0; i < 40; i++) {
        const cut = Math.floor(rnd() * good.length);
        // (a character equal to the one it replaces would change nothing: the next one is taken)
        const code = Math.floor(rnd() * 256);
        const char = String.fromCharCode(good.charCodeAt(cut) === code ? (code + 1) % 256 : code);
        const mutated = good.slice(0, cut) + char + good.slice(cut + 1);
        const result = await parseAndValidateBackup(mutated);
        // A single changed byte either breaks JSON, the shape, or a checksum: never accepted
        // unless it hit insignificant whitespace (there is none in our output).
        expect(result.ok, `mutation at ${cut}`).toBe(false);
      }
      expect((await parseAndValidateBackup('x'.repeat(2_000_000))).ok).toBe(false);
      expect(await hashDatabase(db)).toBe(before);
    });
  });
});

describe('the backup file writer', () => {
  it('writes the same bytes as TextEncoder whatever the block size, characters split across blocks included', () => {
    const pieces = ['{"nom":"Hélène', ' Lefèvre"}', '🐜🐜', 'x', '', '\ud83d', 'œuvre – « citation »', 'a'.repeat(40), '日本語'];
    for (const blockSize of [4, 5, 7, 16, 1 << 10]) {
      const out = new FileWriter(blockSize);
      const offsets: number[] = [];
      for (const piece of pieces) {
        out.write(piece);
        offsets.push(out.size);
      }
      const expected = new TextEncoder().encode(pieces.join(''));
      expect(Array.from(out.finish()), `block ${blockSize}`).toEqual(Array.from(expected));
      // size is the byte offset of what comes next
      expect(offsets).toEqual(pieces.map((_, i) => new TextEncoder().encode(pieces.slice(0, i + 1).join('')).byteLength));
    }
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FourmiliereDatabase, SYNC_TABLES, setDatabase } from './database';
import { setDeviceId } from './records';
import { applyMerge, exportExchange, parseExchange, planMerge } from '../features/safekeeping/exchange';
import { emptyBin, moveToBin, saveUserTutorial } from '../features/tutorial-library/userTutorials';
import type { TutorialMeta } from '../domain/tutorials';

const meta: TutorialMeta = { id: 'mon-tuto', title: 'Mon tutoriel', summary: 'Un résumé assez long.', theme: 'site-web', level: 'debutant', duration: 30, audience: 'both', tags: ['web'], reviewed: '2026-10-01', version: 1, changes: '' };

let n = 0;
const opened: FourmiliereDatabase[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.delete();
  setDeviceId('test-device');
});

async function on<T>(device: string, db: FourmiliereDatabase, work: () => Promise<T>): Promise<T> {
  setDeviceId(device);
  setDatabase(db);
  return work();
}
async function merge(from: [string, FourmiliereDatabase], to: [string, FourmiliereDatabase]) {
  const text = await on(...from, () => exportExchange(from[1], { kind: 'all' }, `machine ${from[0]}`));
  return on(...to, async () => {
    const parsed = await parseExchange(text);
    if (!parsed.ok) throw new Error(parsed.error.key);
    const plan = await planMerge(to[1], parsed.value);
    await applyMerge(to[1], plan);
    return plan;
  });
}

describe('permanent deletions leave tombstones', () => {
  it('« Vider la corbeille » of tutorials travels: the other machine loses the tutorial and does not send it back', async () => {
    const a = new FourmiliereDatabase(`tomb-a-${n}`);
    const b = new FourmiliereDatabase(`tomb-b-${n++}`);
    opened.push(a, b);
    const A: [string, FourmiliereDatabase] = ['A', a];
    const B: [string, FourmiliereDatabase] = ['B', b];
    const record = await on(...A, () => saveUserTutorial(meta, '## Objectifs\n\nApprendre.\n'));
    await merge(A, B);
    expect(await b.tutorials.get(record.id)).toBeDefined();
    await merge(B, A);

    await on(...A, async () => {
      await moveToBin(record.id);
      expect(await emptyBin()).toBe(1);
    });
    expect(await a.tutorials.get(record.id)).toBeUndefined();
    expect(await a.tombstones.get(`tutorials:${record.id}`)).toMatchObject({ table: 'tutorials', recordId: record.id });

    // B, not yet told, sends its copy to A: nothing comes back (no « Ajouts 1 »).
    const back = await merge(B, A);
    expect(back.added).toHaveLength(0);
    expect(await a.tutorials.get(record.id)).toBeUndefined();

    // A's file deletes B's copy.
    const there = await merge(A, B);
    expect(there.added).toHaveLength(0);
    expect(there.deleted).toEqual([expect.objectContaining({ table: 'tutorials', recordId: record.id })]);
    expect(await b.tutorials.get(record.id)).toBeUndefined();
  });

  it('no code path hard-deletes a synced record without a tombstone', () => {
    // Allowed: the helper itself; merges applying a peer's tombstones (stored with them); restores replacing everything.
    const allowed = new Set(['db/tombstones.ts', 'features/safekeeping/exchange.ts', 'features/safekeeping/backup.ts']);
    const root = join(__dirname, '..');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f) && !f.startsWith('bench'));
    const tables = SYNC_TABLES.join('|');
    const pattern = new RegExp(`\\b(?:db\\.(?:${tables})|syncTable\\([^)]*\\)|table\\((?:'|")(?:${tables})(?:'|")\\))\\s*\\.\\s*(?:delete|bulkDelete|clear)\\(`, 'g');
    const offenders: string[] = [];
    for (const file of files) {
      const path = relative(root, join(root, file)).split('\\').join('/');
      if (allowed.has(path)) continue;
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(pattern)) offenders.push(`${path}: ${m[0]}`);
      if (/\.where\([^)]*\)[^;]*\.delete\(\)/.test(text) && SYNC_TABLES.some((t) => text.includes(`db.${t}.where`))) offenders.push(`${path}: where(...).delete()`);
    }
    expect(offenders).toEqual([]);
  });
});

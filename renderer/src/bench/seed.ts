/**
 * Fills the app's database with the seeded demo data at a given size, once per
 * browser profile: a marker in the settings says which size is stored.
 */
import { getDb, SYNC_TABLES } from '../db/database';
import { ensureDeviceId, getSetting, saveProfile, setSetting } from '../db/settings';
import { generateDemoData, type DemoData, type DemoSizes } from '../demo/generator';
import { loadCommunes } from '../shared/geo';
import { count } from './raw-idb';

const MARKER = 'bench.seed';

export interface SeedRequest {
  sizes: DemoSizes;
  seed: number;
  force?: boolean;
}

export interface SeedInfo {
  reused: boolean;
  ms: number;
  counts: Record<string, number>;
}

let generated: { key: string; data: DemoData } | null = null;

/** The demo data for a size, generated in memory (cached for the page's lifetime). */
export async function demoData(sizes: DemoSizes, seed: number): Promise<DemoData> {
  const key = JSON.stringify({ sizes, seed });
  if (generated?.key === key) return generated.data;
  const { communes } = await loadCommunes();
  generated = { key, data: generateDemoData(communes, sizes, seed) };
  return generated.data;
}

export async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of SYNC_TABLES) counts[table] = await count(table);
  return counts;
}

export async function seed(request: SeedRequest): Promise<SeedInfo> {
  const start = performance.now();
  await ensureDeviceId();
  const key = JSON.stringify({ sizes: request.sizes, seed: request.seed });
  const counts = await tableCounts();
  const stored = await getSetting<string>(MARKER);
  if (!request.force && stored === key && counts.animators === request.sizes.animators) {
    return { reused: true, ms: performance.now() - start, counts };
  }
  const data = await demoData(request.sizes, request.seed);
  const db = getDb();
  await db.transaction('rw', db.tables, async () => {
    for (const table of db.tables) if (table.name !== 'settings') await table.clear();
    await db.cohorts.bulkPut(data.cohorts);
    await db.animators.bulkPut(data.animators);
    await db.providers.bulkPut(data.providers);
    await db.workshops.bulkPut(data.workshops);
    await db.sessions.bulkPut(data.sessions);
    await db.registrations.bulkPut(data.registrations);
  });
  await saveProfile({ name: 'Camille Etcheverry', role: 'animateur', structure: 'Office de tourisme du Pays basque', regionCode: '75' });
  await setSetting(MARKER, key);
  return { reused: false, ms: performance.now() - start, counts: await tableCounts() };
}

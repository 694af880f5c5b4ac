/** Writes demo data into the database in one transaction. */
import { getDb } from '../db/database';
import { loadCommunes } from '../shared/geo';
import { DEMO_SMALL, generateDemoData, type DemoSizes } from './generator';

export async function seedDemoData(sizes: DemoSizes = DEMO_SMALL, seed = 42): Promise<number> {
  const { communes } = await loadCommunes();
  const data = generateDemoData(communes, sizes, seed);
  const db = getDb();
  await db.transaction('rw', [db.animators, db.cohorts, db.providers, db.workshops, db.sessions, db.registrations], async () => {
    await db.cohorts.bulkPut(data.cohorts);
    await db.animators.bulkPut(data.animators);
    await db.providers.bulkPut(data.providers);
    await db.workshops.bulkPut(data.workshops);
    await db.sessions.bulkPut(data.sessions);
    await db.registrations.bulkPut(data.registrations);
  });
  return data.cohorts.length + data.animators.length + data.providers.length + data.workshops.length + data.sessions.length + data.registrations.length;
}

/** A small but complete database for data-safety tests. */
import type { FourmiliereDatabase } from '../../db/database';
import { generateDemoData } from '../../demo/generator';
import { loadCommunes } from '../../shared/geo';

export async function fillSample(db: FourmiliereDatabase, seed = 1): Promise<void> {
  const { communes } = await loadCommunes();
  const data = generateDemoData(communes, { animators: 60, cohorts: 3, providers: 20, workshops: 4, registrationsPerWorkshop: 12 }, seed);
  await db.animators.bulkPut(data.animators);
  await db.cohorts.bulkPut(data.cohorts);
  await db.providers.bulkPut(data.providers);
  await db.workshops.bulkPut(data.workshops);
  await db.sessions.bulkPut(data.sessions);
  await db.registrations.bulkPut(data.registrations);
  await db.settings.put({ key: 'profile', value: { name: 'Léa Martin', role: 'formateur', structure: 'MONA', regionCode: '75' } });
  await db.settings.put({ key: 'deviceId', value: 'machine-a' });
}

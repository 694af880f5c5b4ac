/** Writes demo data into the database in one transaction. */
import { getDb } from '../db/database';
import { loadCommunes } from '../shared/geo';
import { DEMO_SMALL, generateDemoData, type DemoSizes } from './generator';
import { generateTraining } from './training';

export async function seedDemoData(sizes: DemoSizes = DEMO_SMALL, seed = 42, today = new Date()): Promise<number> {
  const { communes } = await loadCommunes();
  const data = generateDemoData(communes, sizes, seed);
  // Two promotions with their modules, people and attendance, dated around today.
  const training = generateTraining(data.animators, data.cohorts.length + 1, today, seed);
  const enrolled = new Map(training.animators.map((a) => [a.id, a]));
  const animators = data.animators.map((a) => enrolled.get(a.id) ?? a);
  const db = getDb();
  const tables = [db.animators, db.cohorts, db.providers, db.workshops, db.sessions, db.registrations, db.modules, db.moduleSessions, db.enrolments, db.attendance];
  await db.transaction('rw', tables, async () => {
    await db.cohorts.bulkPut([...data.cohorts, ...training.cohorts]);
    await db.animators.bulkPut(animators);
    await db.providers.bulkPut(data.providers);
    await db.workshops.bulkPut(data.workshops);
    await db.sessions.bulkPut(data.sessions);
    await db.registrations.bulkPut(data.registrations);
    await db.modules.bulkPut(training.modules);
    await db.moduleSessions.bulkPut(training.moduleSessions);
    await db.enrolments.bulkPut(training.enrolments);
    await db.attendance.bulkPut(training.attendance);
  });
  return (
    data.cohorts.length + training.cohorts.length + animators.length + data.providers.length + data.workshops.length + data.sessions.length + data.registrations.length +
    training.modules.length + training.moduleSessions.length + training.enrolments.length + training.attendance.length
  );
}

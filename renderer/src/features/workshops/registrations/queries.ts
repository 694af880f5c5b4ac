/** Reads of the participants side: sessions of a workshop and the people of its registrations. */
import { getDb } from '../../../db/database';
import type { Provider } from '../../../domain/people';
import type { Registration, WorkshopSession } from '../../../domain/workshops';
import { listRegistrations } from './repository';

export async function listSessions(workshopId: string): Promise<WorkshopSession[]> {
  const rows = await getDb().sessions.where('workshopId').equals(workshopId).toArray();
  return rows.filter((s) => s.deletedAt === null).sort((a, b) => a.start.localeCompare(b.start));
}

export interface RegistrationRow {
  registration: Registration;
  person: Provider | null;
}

export async function registrationRows(workshopId: string): Promise<RegistrationRow[]> {
  const registrations = await listRegistrations(workshopId);
  const people = await getDb().providers.bulkGet(registrations.map((r) => r.personId));
  return registrations.map((registration, i) => ({ registration, person: people[i] ?? null }));
}

/** "HH:MM" of a local date-time. */
export const timeOf = (localDateTime: string) => localDateTime.slice(11, 16);

/** Records for unit tests of the participants side: a workshop with a session, and people. */
import { getDb } from '../../../db/database';
import { createRecord } from '../../../db/records';
import type { Workshop, WorkshopSession } from '../../../domain/workshops';
import type { Provider } from '../../../domain/people';
import { emptyProviderForm, saveProvider } from '../../providers/repository';

/** An instant during the default fixture session (10 March 2026, 09:00–12:00 Paris): attendance is open. */
export const DURING_SESSION = new Date('2026-03-10T09:30:00+01:00');

export async function seedWorkshop(overrides: Partial<Workshop> = {}, sessionSlot: [string, string] = ['2026-03-10T09:00', '2026-03-10T12:00']): Promise<{ workshop: Workshop; session: WorkshopSession }> {
  const workshop = createRecord<Workshop>({
    title: 'Google Business Profile',
    theme: 'google',
    description: '',
    objectives: '',
    audience: [],
    prerequisites: '',
    format: 'collectif',
    place: { communeInsee: '64445', communeName: 'Pau', address: '1 place Royale', room: 'Salle A' },
    capacity: 2,
    animators: ['Camille Etcheverry'],
    status: 'publie',
    accessibility: '',
    contact: '',
    agenda: [],
    materials: [],
    materialsNotes: '',
    evaluationQuestions: [],
    isTemplate: false,
    templateId: null,
    firstDate: sessionSlot[0].slice(0, 10),
    lastDate: sessionSlot[1].slice(0, 10),
    ...overrides,
  });
  const session = createRecord<WorkshopSession>({ workshopId: workshop.id, start: sessionSlot[0], end: sessionSlot[1], sequence: 0, cancelled: false });
  await getDb().workshops.put(workshop);
  await getDb().sessions.put(session);
  return { workshop, session };
}

export async function seedPerson(lastName: string, options: { consent?: boolean; email?: string; structure?: string } = {}): Promise<Provider> {
  return saveProvider({
    ...emptyProviderForm(),
    firstName: 'Alex',
    lastName,
    structure: options.structure ?? `Gîte ${lastName}`,
    email: options.email ?? `${lastName.toLowerCase()}@exemple.fr`,
    consentGiven: options.consent ?? true,
    consentDate: options.consent === false ? '' : '2026-01-15',
  });
}

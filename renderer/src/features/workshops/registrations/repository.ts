/**
 * Registrations of a workshop: inscrit, liste d'attente (ordered), annulé, excusé.
 * Every change is dated in the record's history. When a place frees up the first
 * person waiting is promoted automatically if the setting says so.
 */
import { getDb } from '../../../db/database';
import { createRecord, touchRecord } from '../../../db/records';
import { getSetting, setSetting } from '../../../db/settings';
import { registrationSchema, type Registration, type RegistrationStatus, type Workshop } from '../../../domain/workshops';
import { admission, placesLeft, toPromote, waitingList } from './rules';

export const AUTO_PROMOTE_KEY = 'registrations.autoPromote';

export async function getAutoPromote(): Promise<boolean> {
  return (await getSetting<boolean>(AUTO_PROMOTE_KEY)) ?? true;
}
export async function setAutoPromote(value: boolean): Promise<void> {
  await setSetting(AUTO_PROMOTE_KEY, value);
}

export class RegistrationError extends Error {
  constructor(readonly key: 'registration.error.already' | 'registration.error.full' | 'registration.error.notWaiting') {
    super(key);
  }
}

export async function listRegistrations(workshopId: string): Promise<Registration[]> {
  const rows = await getDb().registrations.where('workshopId').equals(workshopId).toArray();
  return rows.filter((r) => r.deletedAt === null);
}

function withStatus(r: Registration, status: RegistrationStatus, now: Date, waitRank = r.waitRank): Registration {
  return registrationSchema.parse(touchRecord(r, { status, waitRank, history: [...r.history, { status, at: now.toISOString() }] }, now));
}

async function capacityOf(workshopId: string): Promise<number> {
  const w = await getDb().workshops.get(workshopId);
  if (!w) throw new Error('workshop not found');
  return w.capacity;
}

/** Moves the first people waiting into free places. Returns who was promoted. */
async function fillPlaces(workshopId: string, now: Date): Promise<Registration[]> {
  const capacity = await capacityOf(workshopId);
  const promoted = toPromote(capacity, await listRegistrations(workshopId)).map((r) => withStatus(r, 'inscrit', now, 0));
  await getDb().registrations.bulkPut(promoted);
  return promoted;
}

/**
 * Registers a person: a place if one is left, the waiting list otherwise.
 * `force` gives a place even beyond capacity (someone who came without registering).
 */
export async function register(workshop: Pick<Workshop, 'id'>, personId: string, options: { force?: boolean } = {}, now = new Date()): Promise<Registration> {
  const db = getDb();
  return db.transaction('rw', db.registrations, db.workshops, async () => {
    const capacity = await capacityOf(workshop.id);
    const current = await listRegistrations(workshop.id);
    const existing = current.find((r) => r.personId === personId);
    const { status, waitRank } = options.force ? { status: 'inscrit' as const, waitRank: 0 } : admission(capacity, current);
    if (existing) {
      if (existing.status === 'inscrit' || existing.status === 'attente') throw new RegistrationError('registration.error.already');
      // cancelled or excused earlier: the same record comes back, its history kept
      const back = withStatus(existing, status, now, waitRank);
      await db.registrations.put(back);
      return back;
    }
    const record = registrationSchema.parse(createRecord<Registration>({ workshopId: workshop.id, personId, status, waitRank, history: [{ status, at: now.toISOString() }] }, now));
    await db.registrations.put(record);
    return record;
  });
}

/** Changes a status (annulé, excusé…). A freed place goes to the first person waiting when auto-promotion is on. */
export async function changeStatus(registrationId: string, status: RegistrationStatus, now = new Date()): Promise<{ registration: Registration; promoted: Registration[] }> {
  const db = getDb();
  const auto = await getAutoPromote();
  return db.transaction('rw', db.registrations, db.workshops, async () => {
    const r = await db.registrations.get(registrationId);
    if (!r) throw new Error('registration not found');
    if (r.status === status) return { registration: r, promoted: [] };
    let waitRank = 0;
    if (status === 'attente') waitRank = (waitingList(await listRegistrations(r.workshopId)).at(-1)?.waitRank ?? 0) + 1;
    if (status === 'inscrit') {
      const capacity = await capacityOf(r.workshopId);
      if (placesLeft(capacity, await listRegistrations(r.workshopId)) === 0) throw new RegistrationError('registration.error.full');
    }
    const next = withStatus(r, status, now, waitRank);
    await db.registrations.put(next);
    const promoted = auto && r.status === 'inscrit' ? await fillPlaces(r.workshopId, now) : [];
    return { registration: next, promoted };
  });
}

/** Promotes someone from the waiting list by hand (any position), if a place is left. */
export async function promote(registrationId: string, now = new Date()): Promise<Registration> {
  const db = getDb();
  return db.transaction('rw', db.registrations, db.workshops, async () => {
    const r = await db.registrations.get(registrationId);
    if (!r || r.status !== 'attente') throw new RegistrationError('registration.error.notWaiting');
    const capacity = await capacityOf(r.workshopId);
    if (placesLeft(capacity, await listRegistrations(r.workshopId)) === 0) throw new RegistrationError('registration.error.full');
    const next = withStatus(r, 'inscrit', now, 0);
    await db.registrations.put(next);
    return next;
  });
}

/** After the capacity grew: fill the new places from the waiting list (when auto-promotion is on). */
export async function promoteIntoFreePlaces(workshopId: string, now = new Date()): Promise<Registration[]> {
  if (!(await getAutoPromote())) return [];
  const db = getDb();
  return db.transaction('rw', db.registrations, db.workshops, () => fillPlaces(workshopId, now));
}

/** Moves someone up (-1) or down (+1) the waiting list by swapping ranks with the neighbour. */
export async function moveInWaitingList(registrationId: string, direction: -1 | 1, now = new Date()): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.registrations, async () => {
    const r = await db.registrations.get(registrationId);
    if (!r || r.status !== 'attente') return;
    const list = waitingList(await listRegistrations(r.workshopId));
    const index = list.findIndex((x) => x.id === r.id);
    const other = list[index + direction];
    if (!other) return;
    // ranks are renumbered 1..n so equal ranks (merged from two machines) still swap cleanly
    const reordered = [...list];
    reordered[index] = other;
    reordered[index + direction] = r;
    const changed = reordered.map((x, i) => (x.waitRank === i + 1 ? null : registrationSchema.parse(touchRecord(x, { waitRank: i + 1 }, now)))).filter((x): x is Registration => x !== null);
    await db.registrations.bulkPut(changed);
  });
}

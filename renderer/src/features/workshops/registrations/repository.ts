/**
 * Registrations of a workshop: inscrit, liste d'attente (ordered), annulé, excusé.
 * Every change is dated in the record's history. When a place frees up the first
 * person waiting is promoted automatically if the setting says so. A workshop
 * taking registrations session by session keeps a capacity and a waiting list per
 * session (the scope of each registration, see rules.ts).
 */
import { getDb } from '../../../db/database';
import { createRecord, touchRecord } from '../../../db/records';
import { getSetting, setSetting } from '../../../db/settings';
import { registrationSchema, type Registration, type RegistrationStatus, type Workshop } from '../../../domain/workshops';
import type { Provider } from '../../../domain/people';
import { findDuplicates, providerFormErrors, saveProvider, type Duplicate, type ProviderForm } from '../../providers/repository';
import { admission, inScope, placesLeft, registrationModeOf, scopeOf, toPromote, waitingList, type Scope } from './rules';

export const AUTO_PROMOTE_KEY = 'registrations.autoPromote';

export async function getAutoPromote(): Promise<boolean> {
  return (await getSetting<boolean>(AUTO_PROMOTE_KEY)) ?? true;
}
export async function setAutoPromote(value: boolean): Promise<void> {
  await setSetting(AUTO_PROMOTE_KEY, value);
}

export class RegistrationError extends Error {
  constructor(readonly key: 'registration.error.already' | 'registration.error.full' | 'registration.error.notWaiting' | 'sessions.error.chooseSession' | 'sessions.error.modeLocked') {
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

/** The registrations of one scope of a workshop (the whole workshop, or one session). */
async function scopeRegistrations(workshopId: string, scope: Scope): Promise<Registration[]> {
  return inScope(await listRegistrations(workshopId), scope);
}

/** Moves the first people waiting into the free places of a scope. Returns who was promoted. */
async function fillPlaces(workshopId: string, scope: Scope, now: Date): Promise<Registration[]> {
  const capacity = await capacityOf(workshopId);
  const promoted = toPromote(capacity, await scopeRegistrations(workshopId, scope)).map((r) => withStatus(r, 'inscrit', now, 0));
  await getDb().registrations.bulkPut(promoted);
  return promoted;
}

export interface RegisterOptions {
  /** the session chosen, for a workshop taking registrations session by session */
  sessionId?: string | null;
  /** came on the day without registering: present beyond capacity, counted apart */
  walkIn?: boolean;
}

/**
 * Registers a person: a place if one is left, the waiting list otherwise. Session
 * by session, the place is in the session chosen. A walk-in is given a place even
 * beyond capacity, marked so it is counted apart (« 8 + 1 sur place »).
 */
export async function register(workshop: Pick<Workshop, 'id'>, personId: string, options: RegisterOptions = {}, now = new Date()): Promise<Registration> {
  const db = getDb();
  return db.transaction('rw', db.registrations, db.workshops, async () => {
    const stored = await db.workshops.get(workshop.id);
    if (!stored) throw new Error('workshop not found');
    const scope: Scope = registrationModeOf(stored) === 'session' ? (options.sessionId ?? null) : null;
    if (registrationModeOf(stored) === 'session' && scope === null) throw new RegistrationError('sessions.error.chooseSession');
    const current = await scopeRegistrations(workshop.id, scope);
    const existing = current.find((r) => r.personId === personId);
    const walkIn = options.walkIn === true;
    const { status, waitRank } = walkIn ? { status: 'inscrit' as const, waitRank: 0 } : admission(stored.capacity, current);
    if (existing) {
      // someone on the waiting list who comes anyway is present on the day
      const comesAnyway = walkIn && existing.status === 'attente';
      if (existing.status === 'inscrit' || (existing.status === 'attente' && !comesAnyway)) throw new RegistrationError('registration.error.already');
      // cancelled or excused earlier: the same record comes back, its history kept
      const back = registrationSchema.parse({ ...withStatus(existing, status, now, waitRank), walkIn });
      await db.registrations.put(back);
      return back;
    }
    const record = registrationSchema.parse(
      createRecord<Registration>({ workshopId: workshop.id, personId, status, waitRank, history: [{ status, at: now.toISOString() }], sessionId: scope, ...(walkIn ? { walkIn: true } : {}) }, now),
    );
    await db.registrations.put(record);
    return record;
  });
}

/**
 * Chooses between one registration for the whole workshop and registration session
 * by session. Refused while anyone is registered or waiting: their places would
 * have no meaning in the other mode.
 */
export async function setRegistrationMode(workshopId: string, mode: 'cycle' | 'session', now = new Date()): Promise<Workshop> {
  const db = getDb();
  return db.transaction('rw', db.registrations, db.workshops, async () => {
    const w = await db.workshops.get(workshopId);
    if (!w) throw new Error('workshop not found');
    if (registrationModeOf(w) === mode) return w;
    const active = (await listRegistrations(workshopId)).some((r) => r.status === 'inscrit' || r.status === 'attente');
    if (active) throw new RegistrationError('sessions.error.modeLocked');
    const next = touchRecord(w, { registrationMode: mode }, now);
    await db.workshops.put(next);
    return next;
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
    const scope = scopeOf(r);
    let waitRank = 0;
    if (status === 'attente') waitRank = (waitingList(await scopeRegistrations(r.workshopId, scope)).at(-1)?.waitRank ?? 0) + 1;
    if (status === 'inscrit' && r.walkIn !== true) {
      const capacity = await capacityOf(r.workshopId);
      if (placesLeft(capacity, await scopeRegistrations(r.workshopId, scope)) === 0) throw new RegistrationError('registration.error.full');
    }
    const next = withStatus(r, status, now, waitRank);
    await db.registrations.put(next);
    const promoted = auto && r.status === 'inscrit' ? await fillPlaces(r.workshopId, scope, now) : [];
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
    if (placesLeft(capacity, await scopeRegistrations(r.workshopId, scopeOf(r))) === 0) throw new RegistrationError('registration.error.full');
    const next = withStatus(r, 'inscrit', now, 0);
    await db.registrations.put(next);
    return next;
  });
}

/** After the capacity grew: fill the new places of every scope from its waiting list (when auto-promotion is on). */
export async function promoteIntoFreePlaces(workshopId: string, now = new Date()): Promise<Registration[]> {
  if (!(await getAutoPromote())) return [];
  const db = getDb();
  return db.transaction('rw', db.registrations, db.workshops, async () => {
    const scopes = [...new Set((await listRegistrations(workshopId)).map(scopeOf))];
    const promoted: Registration[] = [];
    for (const scope of scopes) promoted.push(...(await fillPlaces(workshopId, scope, now)));
    return promoted;
  });
}

/** Moves someone up (-1) or down (+1) the waiting list by swapping ranks with the neighbour. */
export async function moveInWaitingList(registrationId: string, direction: -1 | 1, now = new Date()): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.registrations, async () => {
    const r = await db.registrations.get(registrationId);
    if (!r || r.status !== 'attente') return;
    const list = waitingList(await scopeRegistrations(r.workshopId, scopeOf(r)));
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

export type NewPersonResult = { kind: 'duplicates'; duplicates: Duplicate[] } | { kind: 'registered'; person: Provider; registration: Registration };

/**
 * « Nouvelle personne… » from a workshop: the directory's own checks (the form,
 * then the duplicate check of Annuaire › Ajouter), then the person is created and
 * registered in one go. Possible duplicates are handed back unless confirmed, and
 * nothing is written then.
 */
export async function registerNewPerson(workshop: Pick<Workshop, 'id'>, form: ProviderForm, options: RegisterOptions & { confirmedDuplicate?: boolean } = {}, now = new Date()): Promise<NewPersonResult> {
  if (Object.keys(providerFormErrors(form)).length > 0) throw new Error('invalid person form');
  if (!options.confirmedDuplicate) {
    const duplicates = await findDuplicates(form);
    if (duplicates.length > 0) return { kind: 'duplicates', duplicates };
  }
  const person = await saveProvider(form, undefined, now);
  const registration = await register(workshop, person.id, options, now);
  return { kind: 'registered', person, registration };
}

export interface InviteOutcome {
  registered: Registration[];
  waiting: Registration[];
  /** already registered or waiting there */
  already: number;
}

/**
 * « Inviter la liste d'attente à la prochaine séance »: everyone waiting for one
 * workshop is registered in another (a place while there are places, its waiting
 * list after), and leaves the first waiting list (dated in their history).
 * Session by session, the target's session must be given.
 */
export async function moveWaitingList(fromWorkshopId: string, to: Pick<Workshop, 'id'>, options: { sessionId?: string | null } = {}, now = new Date()): Promise<InviteOutcome> {
  const db = getDb();
  return db.transaction('rw', db.registrations, db.workshops, async () => {
    const waiting = waitingList(await listRegistrations(fromWorkshopId));
    const outcome: InviteOutcome = { registered: [], waiting: [], already: 0 };
    const target = await db.workshops.get(to.id);
    if (!target) throw new Error('workshop not found');
    const scope: Scope = registrationModeOf(target) === 'session' ? (options.sessionId ?? null) : null;
    for (const r of waiting) {
      // checked here: a refusal inside the nested transaction would abort this one
      const there = (await scopeRegistrations(to.id, scope)).some((x) => x.personId === r.personId && (x.status === 'inscrit' || x.status === 'attente'));
      if (there) outcome.already++;
      else {
        const placed = await register(to, r.personId, { sessionId: scope }, now);
        (placed.status === 'inscrit' ? outcome.registered : outcome.waiting).push(placed);
      }
      await db.registrations.put(withStatus(r, 'annule', now));
    }
    return outcome;
  });
}

/**
 * Registration rules, pure: capacity, waiting-list order and promotion, per
 * scope. A scope is the whole workshop (a cycle: `null`) or one session when the
 * workshop takes registrations session by session (« matin ou après-midi, 8 places
 * chacun »). Walk-ins (« sur place ») are present but never take one of the places
 * offered, so they neither fill the workshop nor block a later save of its capacity.
 * The repository applies these rules inside transactions.
 */
import type { Registration, RegistrationStatus, Workshop, WorkshopSession } from '../../../domain/workshops';

/** The session a registration is for, `null` for the whole workshop. */
export type Scope = string | null;

export const registrationModeOf = (w: Pick<Workshop, 'registrationMode'>): 'cycle' | 'session' => w.registrationMode ?? 'cycle';
export const scopeOf = (r: Pick<Registration, 'sessionId'>): Scope => r.sessionId ?? null;
export const isWalkIn = (r: Pick<Registration, 'walkIn'>) => r.walkIn === true;

/** Registrations that hold one of the places offered (walk-ins are counted apart). */
export const holdsPlace = (r: Registration) => r.status === 'inscrit' && r.deletedAt === null && !isWalkIn(r);
export const isWaiting = (r: Registration) => r.status === 'attente' && r.deletedAt === null;
export const isWalkInPresent = (r: Registration) => r.status === 'inscrit' && r.deletedAt === null && isWalkIn(r);

/** The registrations of one scope. */
export function inScope(registrations: readonly Registration[], scope: Scope): Registration[] {
  return registrations.filter((r) => scopeOf(r) === scope);
}

/** Whether a registration brings its person to a session: the whole workshop, or that session. */
export const expectedAt = (r: Pick<Registration, 'sessionId'>, sessionId: string) => scopeOf(r) === null || scopeOf(r) === sessionId;

export function registeredCount(registrations: readonly Registration[]): number {
  return registrations.filter(holdsPlace).length;
}

export function walkInCount(registrations: readonly Registration[]): number {
  return registrations.filter(isWalkInPresent).length;
}

export function placesLeft(capacity: number, registrations: readonly Registration[]): number {
  return Math.max(0, capacity - registeredCount(registrations));
}

/** The waiting list in order: lowest rank first, then earliest. */
export function waitingList(registrations: readonly Registration[]): Registration[] {
  return registrations.filter(isWaiting).sort((a, b) => a.waitRank - b.waitRank || a.createdAt.localeCompare(b.createdAt));
}

/** Status of a new registration: a place if one is left, else the end of the waiting list. */
export function admission(capacity: number, registrations: readonly Registration[]): { status: RegistrationStatus; waitRank: number } {
  if (placesLeft(capacity, registrations) > 0) return { status: 'inscrit', waitRank: 0 };
  const last = waitingList(registrations).at(-1);
  return { status: 'attente', waitRank: (last?.waitRank ?? 0) + 1 };
}

/** Who moves up when places free: the first ones of the waiting list, as many as places left. */
export function toPromote(capacity: number, registrations: readonly Registration[]): Registration[] {
  return waitingList(registrations).slice(0, placesLeft(capacity, registrations));
}

/** The most places taken in any one scope: what the capacity may not go below. */
export function busiestScopeCount(registrations: readonly Registration[]): number {
  const counts = new Map<Scope, number>();
  for (const r of registrations) if (holdsPlace(r)) counts.set(scopeOf(r), (counts.get(scopeOf(r)) ?? 0) + 1);
  return Math.max(0, ...counts.values());
}

/** Capacity may not go below the people already holding a place in one scope (walk-ins apart). */
export function capacityError(capacity: number, registrations: readonly Registration[]): 'registration.error.capacityBelow' | 'registration.error.capacityMin' | null {
  if (!Number.isInteger(capacity) || capacity < 1) return 'registration.error.capacityMin';
  return capacity < busiestScopeCount(registrations) ? 'registration.error.capacityBelow' : null;
}

export interface ScopeCounts {
  scope: Scope;
  capacity: number;
  registered: number;
  waiting: number;
  walkIns: number;
  full: boolean;
}

export function countsOf(capacity: number, registrations: readonly Registration[], scope: Scope): ScopeCounts {
  const mine = inScope(registrations, scope);
  const registered = registeredCount(mine);
  return { scope, capacity, registered, waiting: waitingList(mine).length, walkIns: walkInCount(mine), full: registered >= capacity };
}

export interface WorkshopCounts {
  mode: 'cycle' | 'session';
  /** one line for a cycle, one per session (not cancelled) otherwise */
  scopes: ScopeCounts[];
  registered: number;
  capacity: number;
  waiting: number;
  walkIns: number;
  /** every place offered is taken */
  full: boolean;
}

/**
 * The counts a list or a report shows: for a cycle, the workshop's; session by
 * session, the sum over the sessions still held (each offering `capacity` places).
 */
export function workshopCounts(workshop: Pick<Workshop, 'capacity' | 'registrationMode'>, sessions: readonly Pick<WorkshopSession, 'id' | 'cancelled'>[], registrations: readonly Registration[]): WorkshopCounts {
  const mode = registrationModeOf(workshop);
  const scopes = mode === 'cycle' ? [countsOf(workshop.capacity, registrations, null)] : sessions.filter((s) => !s.cancelled).map((s) => countsOf(workshop.capacity, registrations, s.id));
  const sum = (f: (c: ScopeCounts) => number) => scopes.reduce((n, c) => n + f(c), 0);
  return { mode, scopes, registered: sum((c) => c.registered), capacity: sum((c) => c.capacity), waiting: sum((c) => c.waiting), walkIns: sum((c) => c.walkIns), full: scopes.length > 0 && scopes.every((c) => c.full) };
}

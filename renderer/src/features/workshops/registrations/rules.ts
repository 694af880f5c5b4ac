/**
 * Registration rules, pure: capacity, waiting-list order and promotion. The
 * repository applies them inside transactions.
 */
import type { Registration, RegistrationStatus } from '../../../domain/workshops';

/** Registrations that hold a place. */
export const holdsPlace = (r: Registration) => r.status === 'inscrit' && r.deletedAt === null;
export const isWaiting = (r: Registration) => r.status === 'attente' && r.deletedAt === null;

export function registeredCount(registrations: readonly Registration[]): number {
  return registrations.filter(holdsPlace).length;
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

/** Capacity may not go below the people already holding a place. */
export function capacityError(capacity: number, registrations: readonly Registration[]): 'registration.error.capacityBelow' | 'registration.error.capacityMin' | null {
  if (!Number.isInteger(capacity) || capacity < 1) return 'registration.error.capacityMin';
  return capacity < registeredCount(registrations) ? 'registration.error.capacityBelow' : null;
}

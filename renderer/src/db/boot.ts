/**
 * The boot snapshot. Opening a large IndexedDB database costs the browser a few
 * hundred milliseconds before the first read. The shell needs only the profile and
 * the device id, so a copy of both is kept in localStorage (synchronous) and the
 * window paints at once; the database is opened beside it and has the last word
 * (App re-reads the profile, checked by its schema, and replaces this copy).
 *
 * This module loads neither zod nor Dexie: it is on the window's first script, and
 * those two cost a cold start tens of milliseconds to evaluate. The copy is only
 * ever written from a profile the schema accepted, so reading it checks its shape,
 * enough for a damaged or foreign value never to reach the screen.
 */
import type { Profile } from './settings';

const BOOT_KEY = 'fourmiliere.boot';

export interface BootSnapshot {
  deviceId: string;
  profile: Profile;
}

/** What is stored, unchecked (an object, or nothing). */
export function storedBoot(): { deviceId?: string } & Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(BOOT_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return {};
    const deviceId = (value as { deviceId?: unknown }).deviceId;
    return { ...value, deviceId: typeof deviceId === 'string' && deviceId ? deviceId : undefined };
  } catch {
    return {};
  }
}

const text = (value: unknown, min: number, max: number): value is string =>
  typeof value === 'string' && value.trim().length >= min && value.trim().length <= max;

function isProfile(value: unknown): value is Profile {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return text(p.name, 2, 120) && text(p.structure, 2, 200) && (p.role === 'animateur' || p.role === 'formateur') && typeof p.regionCode === 'string' && /^\d{2}$/.test(p.regionCode);
}

export function readBootSnapshot(): BootSnapshot | null {
  const { deviceId, profile } = storedBoot();
  if (!deviceId || !isProfile(profile)) return null;
  return { deviceId, profile: { name: profile.name.trim(), role: profile.role, structure: profile.structure.trim(), regionCode: profile.regionCode } };
}

export function writeBootSnapshot(change: { deviceId?: string; profile?: Profile | null }): void {
  try {
    const next = { ...storedBoot(), ...change };
    if (next.profile === null) delete next.profile;
    localStorage.setItem(BOOT_KEY, JSON.stringify(next));
  } catch {
    // No storage (private window, tests): the app simply waits for the database.
  }
}

/**
 * How much the database held, remembered outside it (here in localStorage, and as a
 * file in the private file system by features/safekeeping/census.ts): at start-up a
 * database that vanished or shrank unexpectedly is noticed and a copy offered.
 */
export interface RememberedCensus {
  at: string;
  /** records of the synced tables (people, workshops, tutorials…) */
  total: number;
  /** whether a profile was set */
  profile: boolean;
}
const CENSUS_KEY = 'fourmiliere.census';

export function isRememberedCensus(value: unknown): value is RememberedCensus {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return typeof c.at === 'string' && !Number.isNaN(Date.parse(c.at)) && typeof c.total === 'number' && Number.isInteger(c.total) && c.total >= 0 && typeof c.profile === 'boolean';
}

export function readCensusSnapshot(): RememberedCensus | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(CENSUS_KEY) ?? 'null');
    return isRememberedCensus(value) ? value : null;
  } catch {
    return null;
  }
}

export function writeCensusSnapshot(census: RememberedCensus): void {
  try {
    localStorage.setItem(CENSUS_KEY, JSON.stringify(census));
  } catch {
    // No storage: the copy in the private file system remains.
  }
}

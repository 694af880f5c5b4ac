/** Local settings and the user's profile: per machine, never merged. */
import { z } from 'zod';
import { getDb } from './database';
import { newId, setDeviceId } from './records';

export const profileSchema = z.object({
  name: z.string({ error: 'profile.error.name' }).trim().min(2, 'profile.error.name').max(120, 'profile.error.tooLong'),
  role: z.enum(['animateur', 'formateur'], { message: 'profile.error.role' }),
  structure: z.string({ error: 'profile.error.structure' }).trim().min(2, 'profile.error.structure').max(200, 'profile.error.tooLong'),
  regionCode: z.string({ error: 'profile.error.region' }).regex(/^\d{2}$/, 'profile.error.region'),
});
export type Profile = z.infer<typeof profileSchema>;

export const SettingKeys = {
  profile: 'profile',
  deviceId: 'deviceId',
  language: 'language',
} as const;

export async function getSetting<T>(key: string): Promise<T | undefined> {
  const row = await getDb().settings.get(key);
  return row?.value as T | undefined;
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await getDb().settings.put({ key, value });
}

export async function getProfile(): Promise<Profile | undefined> {
  const raw = await getSetting<unknown>(SettingKeys.profile);
  const parsed = profileSchema.safeParse(raw);
  writeBootSnapshot({ profile: parsed.success ? parsed.data : null });
  return parsed.success ? parsed.data : undefined;
}

export async function saveProfile(profile: Profile): Promise<Profile> {
  const checked = profileSchema.parse(profile);
  await setSetting(SettingKeys.profile, checked);
  writeBootSnapshot({ profile: checked });
  return checked;
}

/** This machine's id, created once: names the device in every revision. */
export async function ensureDeviceId(): Promise<string> {
  let id = await getSetting<string>(SettingKeys.deviceId);
  if (!id) {
    id = storedBoot().deviceId ?? newId();
    await setSetting(SettingKeys.deviceId, id);
  }
  setDeviceId(id);
  writeBootSnapshot({ deviceId: id });
  return id;
}

// ---- boot snapshot ----
// Opening a large IndexedDB database costs the browser a few hundred milliseconds
// before the first read. The shell needs only the profile and the device id, so a
// copy of both is kept in localStorage (synchronous) and the window paints at once;
// the database is opened beside it and has the last word (App re-reads the profile).

const BOOT_KEY = 'fourmiliere.boot';
const bootSchema = z.object({ deviceId: z.string().min(1), profile: profileSchema });
export type BootSnapshot = z.infer<typeof bootSchema>;

/** What is stored, unchecked (an object, or nothing). */
function storedBoot(): { deviceId?: string } & Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(BOOT_KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return {};
    const deviceId = (value as { deviceId?: unknown }).deviceId;
    return { ...value, deviceId: typeof deviceId === 'string' && deviceId ? deviceId : undefined };
  } catch {
    return {};
  }
}

export function readBootSnapshot(): BootSnapshot | null {
  const parsed = bootSchema.safeParse(storedBoot());
  return parsed.success ? parsed.data : null;
}

function writeBootSnapshot(change: { deviceId?: string; profile?: Profile | null }): void {
  try {
    const next = { ...storedBoot(), ...change };
    if (next.profile === null) delete next.profile;
    localStorage.setItem(BOOT_KEY, JSON.stringify(next));
  } catch {
    // No storage (private window, tests): the app simply waits for the database.
  }
}

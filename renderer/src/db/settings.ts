/** Local settings and the user's profile: per machine, never merged. */
import { z } from 'zod';
import { getDb } from './database';
import { newId, setDeviceId } from './records';
import { storedBoot, writeBootSnapshot } from './boot';

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

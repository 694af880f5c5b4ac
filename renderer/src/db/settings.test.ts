import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../test/db';
import { ensureDeviceId, getProfile, saveProfile } from './settings';
import { getDeviceId } from './records';

describe('settings', () => {
  beforeEach(() => {
    freshDb();
  });

  it('stores and reads back the profile, refusing incomplete ones', async () => {
    expect(await getProfile()).toBeUndefined();
    await expect(saveProfile({ name: '', role: 'animateur', structure: 'OT', regionCode: '75' })).rejects.toThrow();
    expect(await getProfile()).toBeUndefined();
    await saveProfile({ name: 'Léa Martin', role: 'formateur', structure: 'MONA', regionCode: '75' });
    expect(await getProfile()).toEqual({ name: 'Léa Martin', role: 'formateur', structure: 'MONA', regionCode: '75' });
  });

  it('creates the device id once', async () => {
    const a = await ensureDeviceId();
    const b = await ensureDeviceId();
    expect(a).toBe(b);
    expect(getDeviceId()).toBe(a);
  });
});

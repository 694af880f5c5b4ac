import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from '../test/db';
import { ensureDeviceId, getProfile, readBootSnapshot, saveProfile } from './settings';
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

describe('the boot snapshot (the shell painted before the database opens)', () => {
  let store: Map<string, string>;
  beforeEach(() => {
    freshDb();
    store = new Map();
    vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('mirrors the device id and the profile, and forgets a profile the database no longer has', async () => {
    expect(readBootSnapshot()).toBeNull();
    const id = await ensureDeviceId();
    // A device id alone does not make a snapshot: the first run still needs the database.
    expect(readBootSnapshot()).toBeNull();
    const profile = await saveProfile({ name: 'Léa Martin', role: 'formateur', structure: 'MONA', regionCode: '75' });
    expect(readBootSnapshot()).toEqual({ deviceId: id, profile });

    freshDb(); // the database was emptied (another profile, cleared data)
    expect(await getProfile()).toBeUndefined();
    expect(readBootSnapshot()).toBeNull();
    // The new database keeps this machine's id rather than inventing another.
    expect(await ensureDeviceId()).toBe(id);
  });

  it('ignores a damaged snapshot', () => {
    store.set('fourmiliere.boot', '{not json');
    expect(readBootSnapshot()).toBeNull();
    store.set('fourmiliere.boot', JSON.stringify({ deviceId: 'x', profile: { name: '' } }));
    expect(readBootSnapshot()).toBeNull();
  });
});

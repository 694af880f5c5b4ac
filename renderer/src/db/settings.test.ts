import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { freshDb } from '../test/db';
import { ensureDeviceId, getProfile, profileSchema, saveProfile } from './settings';
import { readBootSnapshot } from './boot';
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

  it('accepts exactly the profiles the schema accepts (its own check loads no zod)', () => {
    const good = { name: 'Léa Martin', role: 'formateur', structure: 'MONA', regionCode: '75' };
    const samples: unknown[] = [
      good,
      { ...good, name: '  Léa  ' },
      { ...good, name: ' L ' },
      { ...good, name: 'x'.repeat(121) },
      { ...good, name: ` ${'x'.repeat(120)} ` },
      { ...good, structure: 'x'.repeat(200) },
      { ...good, structure: 'x'.repeat(201) },
      { ...good, role: 'admin' },
      { ...good, regionCode: '7' },
      { ...good, regionCode: 75 },
      { ...good, name: undefined },
      'Léa',
      null,
    ];
    for (const profile of samples) {
      store.set('fourmiliere.boot', JSON.stringify({ deviceId: 'device-1', profile }));
      const parsed = profileSchema.safeParse(profile);
      expect(readBootSnapshot(), JSON.stringify(profile)).toEqual(parsed.success ? { deviceId: 'device-1', profile: parsed.data } : null);
    }
    store.set('fourmiliere.boot', JSON.stringify({ deviceId: '', profile: good }));
    expect(readBootSnapshot()).toBeNull();
  });
});

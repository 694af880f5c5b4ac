import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { createWalkIn, emptyProviderForm, findDuplicates, formOf, providerFormErrors, providerHistory, saveProvider, searchProviders } from './repository';
import { StaleRecordError } from '../../db/records';
import { DURING_SESSION, seedWorkshop } from '../workshops/registrations/fixtures';
import { register } from '../workshops/registrations/repository';
import { setAttendanceStatus } from '../../shared/attendance/repository';

let db: FourmiliereDatabase;
beforeEach(() => {
  db = freshDb();
});

const form = (over: Partial<ReturnType<typeof emptyProviderForm>> = {}) => ({ ...emptyProviderForm(), firstName: 'Maïté', lastName: 'Arrieta', structure: 'Gîte du Moulin', email: 'maite@moulin.fr', ...over });

describe('providers directory', () => {
  it('a save from a stale form (two tabs) writes nothing and hands back the stored version', async () => {
    const opened = await saveProvider(form());
    const afterNote = await saveProvider({ ...formOf(opened), notes: 'Vient avec sa fille' }, opened);
    const stale = saveProvider({ ...formOf(opened), phone: '05 59 00 00 00' }, opened);
    await expect(stale).rejects.toBeInstanceOf(StaleRecordError);
    expect(((await stale.catch((e: unknown) => e)) as StaleRecordError).current.rev).toEqual(afterNote.rev);
    expect(await db.providers.get(opened.id)).toMatchObject({ notes: 'Vient avec sa fille', phone: '' });
    // From the current revision, the save goes through and keeps fields the form does not edit.
    await db.providers.put({ ...afterNote, lastContactAt: '2026-11-01T00:00:00.000Z' });
    const current = (await db.providers.get(opened.id))!;
    const saved = await saveProvider({ ...formOf(current), phone: '05 59 00 00 00' }, current);
    expect(saved).toMatchObject({ notes: 'Vient avec sa fille', phone: '05 59 00 00 00', lastContactAt: '2026-11-01T00:00:00.000Z' });
  });

  it('refuses an e-mail that is not one, a consent without date, and saves nothing', async () => {
    expect(providerFormErrors(form({ email: 'maite@' }))).toEqual({ email: 'provider.error.email' });
    expect(providerFormErrors(form({ lastName: ' ' }))).toEqual({ lastName: 'provider.error.lastName' });
    expect(providerFormErrors(form({ consentGiven: true, consentDate: '' }))).toEqual({ consentDate: 'provider.error.consentDate' });
    await expect(saveProvider(form({ email: 'pas-une-adresse' }))).rejects.toThrow();
    expect(await db.providers.count()).toBe(0);
  });

  it('detects duplicates on the e-mail or on name and structure, accents and case ignored', async () => {
    const saved = await saveProvider(form());
    expect(saved.email).toBe('maite@moulin.fr');
    expect((await findDuplicates(form({ firstName: 'Autre', lastName: 'Personne', structure: 'X', email: 'MAITE@moulin.fr' }))).map((d) => d.reason)).toEqual(['email']);
    expect((await findDuplicates(form({ firstName: 'MAITE', structure: 'gite du moulin', email: '' }))).map((d) => d.reason)).toEqual(['name']);
    expect(await findDuplicates(form({ structure: 'Autre gîte', email: '' }))).toEqual([]);
    expect(await findDuplicates(form(), saved.id)).toEqual([]);
  });

  it('finds people by the start of their words', async () => {
    await saveProvider(form());
    await saveProvider(form({ firstName: 'Jon', lastName: 'Bordes', structure: 'Camping du Lac', email: 'jon@lac.fr' }));
    expect((await searchProviders('moul')).map((p) => p.lastName)).toEqual(['Arrieta']);
    expect((await searchProviders('camp lac')).map((p) => p.lastName)).toEqual(['Bordes']);
    expect(await searchProviders('zzz')).toEqual([]);
  });

  it('creates a walk-in from a full name and tells each person’s workshop history', async () => {
    const walkIn = await createWalkIn('Marie Dupont-Laval');
    expect([walkIn.firstName, walkIn.lastName, walkIn.consent.given]).toEqual(['Marie', 'Dupont-Laval', false]);
    const { workshop, session } = await seedWorkshop({ title: 'Instagram' });
    await register(workshop, walkIn.id, { walkIn: true });
    await setAttendanceStatus({ context: 'workshop', sessionId: session.id, halfDay: 'matin', personId: walkIn.id, personName: 'Marie Dupont-Laval', role: 'participant' }, 'present', '', DURING_SESSION);
    const history = await providerHistory(walkIn.id);
    expect(history.map((h) => [h.workshop.title, h.registration?.status, h.present])).toEqual([['Instagram', 'inscrit', 1]]);
  });
});

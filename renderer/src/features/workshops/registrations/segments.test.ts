import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/db';
import { setAttendanceStatus } from '../../../shared/attendance/repository';
import type { WorkshopSession } from '../../../domain/workshops';
import type { Provider } from '../../../domain/people';
import { DURING_SESSION, seedPerson, seedWorkshop } from './fixtures';
import { register } from './repository';
import { applySegment, bccList, loadSegmentData, type SegmentQuery } from './segments';

beforeEach(() => {
  freshDb();
});

const TODAY = '2026-06-01';
const present = (session: WorkshopSession, p: Provider, status: 'present' | 'absent' = 'present') =>
  setAttendanceStatus({ context: 'workshop', sessionId: session.id, halfDay: 'matin', personId: p.id, personName: p.lastName, role: 'participant' }, status, '', DURING_SESSION);

async function run(query: SegmentQuery) {
  return applySegment(query, await loadSegmentData(query), TODAY);
}

describe('segments for invitations', () => {
  it('finds who attended a theme but not another, and leaves out people without consent', async () => {
    const facebook = await seedWorkshop({ theme: 'facebook', capacity: 10 });
    const google = await seedWorkshop({ theme: 'google', capacity: 10 });
    const both = await seedPerson('Both');
    const onlyFb = await seedPerson('OnlyFb');
    const noConsent = await seedPerson('NoConsent', { consent: false });
    const absentFb = await seedPerson('AbsentFb');
    await present(facebook.session, both);
    await present(google.session, both);
    await present(facebook.session, onlyFb);
    await present(facebook.session, noConsent);
    await present(facebook.session, absentFb, 'absent');

    const result = await run({ kind: 'themeNotTheme', attendedTheme: 'facebook', notTheme: 'google' });
    expect(result.people.map((p) => p.lastName)).toEqual(['OnlyFb']);
    expect(result.withoutConsent).toBe(1);
    expect(bccList(result.people)).toBe('onlyfb@exemple.fr');
  });

  it('finds who registered but did not come, only for workshops already held', async () => {
    const past = await seedWorkshop({ capacity: 10 }, ['2026-03-10T09:00', '2026-03-10T12:00']);
    const future = await seedWorkshop({ capacity: 10 }, ['2026-09-10T09:00', '2026-09-10T12:00']);
    const came = await seedPerson('Came');
    const stayedHome = await seedPerson('StayedHome');
    const notYet = await seedPerson('NotYet');
    const hidden = await seedPerson('Hidden', { consent: false });
    for (const p of [came, stayedHome, hidden]) await register(past.workshop, p.id);
    await register(future.workshop, notYet.id);
    await present(past.session, came);

    const all = await run({ kind: 'registeredAbsent', workshopId: null });
    expect(all.people.map((p) => p.lastName)).toEqual(['StayedHome']);
    expect(all.withoutConsent).toBe(1);
    const one = await run({ kind: 'registeredAbsent', workshopId: future.workshop.id });
    expect(one.people).toEqual([]);
  });

  it('finds who attended a given workshop, with their addresses ready for a BCC field', async () => {
    const w = await seedWorkshop({ capacity: 10 });
    const a = await seedPerson('Arrieta', { email: 'Arrieta@Gite.fr' });
    const b = await seedPerson('Bordes');
    const other = await seedPerson('Other');
    await present(w.session, a);
    await present(w.session, b);
    await register(w.workshop, other.id);
    const result = await run({ kind: 'attendedWorkshop', workshopId: w.workshop.id });
    expect(result.people.map((p) => p.lastName)).toEqual(['Arrieta', 'Bordes']);
    expect(bccList(result.people)).toBe('arrieta@gite.fr; bordes@exemple.fr');
  });
});

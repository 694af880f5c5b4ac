import { beforeEach, describe, expect, it } from 'vitest';
import { freshDb } from '../../test/db';
import type { FourmiliereDatabase } from '../../db/database';
import { createRecord } from '../../db/records';
import type { WorkshopSession } from '../../domain/workshops';
import { translate, type MessageKey, type Params } from '../../i18n';
import { toFrenchCsv } from '../../shared/csv';
import { setAttendanceStatus } from '../../shared/attendance/repository';
import { publicProgrammeColumns } from './exports';
import { copyProgramme, draftCount, programmeRows, publicRows, sameWeekdayNextYear, shiftedSlot } from './programme';
import { DURING_SESSION, seedPerson, seedWorkshop } from './registrations/fixtures';
import { listRegistrations, register } from './registrations/repository';
import { teaser } from './ProgrammeFlyer';

let db: FourmiliereDatabase;
beforeEach(() => {
  db = freshDb();
});
const t = (key: MessageKey, params?: Params) => translate('fr', key, params);
const weekday = (iso: string) => new Date(`${iso}T12:00:00Z`).getUTCDay();

describe('the same weekday one year later', () => {
  it('keeps the weekday, nearest the same date', () => {
    // 2nd Tuesday of March 2026 → Tuesday 9 March 2027
    expect(sameWeekdayNextYear('2026-03-10')).toBe('2027-03-09');
    expect(sameWeekdayNextYear('2026-06-04')).toBe('2027-06-03');
    // 29 February counts from 28 February
    expect(sameWeekdayNextYear('2028-02-29')).toBe('2029-02-27');
    for (const day of ['2026-01-01', '2026-04-30', '2026-09-15', '2026-12-31', '2027-07-04']) {
      const next = sameWeekdayNextYear(day);
      expect(weekday(next)).toBe(weekday(day));
      const gap = (Date.parse(`${next}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000;
      expect(gap).toBeGreaterThanOrEqual(365 - 3);
      expect(gap).toBeLessThanOrEqual(366 + 3);
    }
    expect(shiftedSlot({ start: '2026-03-10T09:00', end: '2026-03-10T12:30' })).toEqual({ start: '2027-03-09T09:00', end: '2027-03-09T12:30' });
  });
});

describe('copying a year’s programme into the next', () => {
  it('copies workshops as drafts on the same weekdays, with nothing registered, once', async () => {
    const { workshop, session } = await seedWorkshop({ title: 'Instagram', capacity: 8, registrationMode: 'session' }, ['2026-03-10T09:00', '2026-03-10T12:00']);
    await db.sessions.put(createRecord<WorkshopSession>({ workshopId: workshop.id, start: '2026-03-10T14:00', end: '2026-03-10T17:00', sequence: 3, cancelled: false }));
    await db.sessions.put(createRecord<WorkshopSession>({ workshopId: workshop.id, start: '2026-03-17T14:00', end: '2026-03-17T17:00', sequence: 0, cancelled: true }));
    await seedWorkshop({ title: 'Annulé', status: 'annule' }, ['2026-04-14T09:00', '2026-04-14T12:00']);
    const person = await seedPerson('Arrieta');
    await register(workshop, person.id, { sessionId: session.id });
    await setAttendanceStatus({ context: 'workshop', sessionId: session.id, halfDay: 'matin', personId: person.id, personName: 'Alex Arrieta', role: 'participant' }, 'present', '', DURING_SESSION);

    const outcome = await copyProgramme(2026);
    expect(outcome.created.map((w) => [w.title, w.status, w.registrationMode, w.firstDate])).toEqual([['Instagram', 'brouillon', 'session', '2027-03-09']]);
    const copy = outcome.created[0]!;
    const rows = await programmeRows(2027);
    expect(rows.map((r) => [r.session?.start, r.session?.end, r.session?.sequence, r.session?.cancelled])).toEqual([
      ['2027-03-09T09:00', '2027-03-09T12:00', 0, false],
      ['2027-03-09T14:00', '2027-03-09T17:00', 0, false],
    ]);
    expect(await listRegistrations(copy.id)).toEqual([]);
    const copiedSessions = rows.map((r) => r.session!.id);
    expect(await db.attendance.where('sessionId').anyOf(copiedSessions).count()).toBe(0);
    // the source year is untouched, and a second copy makes nothing new
    expect((await listRegistrations(workshop.id)).length).toBe(1);
    const again = await copyProgramme(2026);
    expect(again).toMatchObject({ created: [], skipped: 1 });
    expect((await programmeRows(2027)).length).toBe(2);
  });

  it('says which copied sessions fall on a public holiday', async () => {
    // Thursday 22 May 2025 → Thursday 21 May 2026 … and Thursday 15 May 2025 → Ascension 14 May 2026
    await seedWorkshop({ title: 'Avis en ligne' }, ['2025-05-15T09:00', '2025-05-15T12:00']);
    const outcome = await copyProgramme(2025);
    expect(outcome.holidays.map((h) => [h.workshop.title, h.holiday.date, h.holiday.name])).toEqual([['Avis en ligne', '2026-05-14', 'ascension']]);
  });
});

describe('the public programme', () => {
  it('keeps published sessions only, and its CSV carries no internal status', async () => {
    const { workshop } = await seedWorkshop({ title: 'Facebook', status: 'publie', objectives: 'Animer sa page.' }, ['2026-05-12T09:00', '2026-05-12T12:00']);
    await db.sessions.put(createRecord<WorkshopSession>({ workshopId: workshop.id, start: '2026-05-19T09:00', end: '2026-05-19T12:00', sequence: 0, cancelled: true }));
    await seedWorkshop({ title: 'Brouillon', status: 'brouillon' }, ['2026-06-09T09:00', '2026-06-09T12:00']);
    const rows = await programmeRows(2026);
    const published = publicRows(rows);
    expect(published.map((r) => [r.workshop.title, r.session.start])).toEqual([['Facebook', '2026-05-12T09:00']]);
    expect(draftCount(rows)).toBe(1);
    const csv = toFrenchCsv(published, publicProgrammeColumns(t));
    const [header, line] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(header).not.toMatch(/Statut/);
    expect(line).toContain('Facebook');
    expect(line).toContain('Animer sa page.');
    expect(line).toContain('12/05/2026');
    expect(line).not.toMatch(/Publié|Camille/);
  });

  it('cuts a long presentation at a word', () => {
    expect(teaser('Court.')).toBe('Court.');
    const long = 'Mettre à jour sa fiche Google, répondre aux avis, publier des photos et des actualités, suivre les statistiques de consultation et les appels reçus depuis la fiche, comprendre comment les clients trouvent votre établissement en ligne.';
    const cut = teaser(long, 80);
    expect(cut.length).toBeLessThanOrEqual(81);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.startsWith(cut.slice(0, -1))).toBe(true);
  });
});

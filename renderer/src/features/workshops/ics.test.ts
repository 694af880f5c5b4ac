import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecord, touchRecord } from '../../db/records';
import type { Workshop, WorkshopSession } from '../../domain/workshops';
import { buildCalendar, sessionUid } from './ics';

function workshop(changes: Partial<Workshop> = {}): Workshop {
  return createRecord<Workshop>({
    title: 'Google Business Profile',
    theme: 'google-business-profile',
    description: 'Mettre à jour sa fiche; avec virgules, et retours\nà la ligne.',
    objectives: 'Publier une actualité.',
    audience: [],
    prerequisites: '',
    format: 'collectif',
    place: { communeInsee: '64445', communeName: 'Pau', address: '1 place Royale', room: 'Salle des fêtes' },
    capacity: 10,
    animators: ['Camille Etcheverry'],
    status: 'publie',
    accessibility: '',
    contact: 'accueil@ot-pau.fr',
    agenda: [],
    materials: [],
    materialsNotes: '',
    evaluationQuestions: [],
    isTemplate: false,
    templateId: null,
    firstDate: '2026-03-10',
    lastDate: '2026-07-02',
    ...changes,
  });
}
const session = (w: Workshop, start: string, end: string, changes: Partial<WorkshopSession> = {}) =>
  createRecord<WorkshopSession>({ workshopId: w.id, start, end, sequence: 0, cancelled: false, ...changes });

function events(ics: string) {
  const vcalendar = new ICAL.Component(ICAL.parse(ics));
  // resolve TZID=Europe/Paris with the VTIMEZONE the file itself carries, not with ical.js' knowledge
  for (const zone of vcalendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { vcalendar, events: vcalendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c)) };
}

describe('iCalendar export', () => {
  afterEach(() => ICAL.TimezoneService.reset());
  let w: Workshop;
  let winter: WorkshopSession;
  let summer: WorkshopSession;
  beforeEach(() => {
    w = workshop();
    winter = session(w, '2026-03-10T09:00', '2026-03-10T12:00');
    summer = session(w, '2026-07-02T14:00', '2026-07-02T17:30');
  });

  it('is read back by ical.js with Europe/Paris times, a VTIMEZONE and UTC DTSTAMP', () => {
    const ics = buildCalendar([{ workshop: w, session: summer }, { workshop: w, session: winter }], 'Ateliers');
    const { vcalendar, events: [first, second] } = events(ics);
    expect(vcalendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
    expect(first?.uid).toBe(sessionUid(winter));
    expect(first?.component.getFirstProperty('dtstart')?.getParameter('tzid')).toBe('Europe/Paris');
    expect(first?.startDate.zone.tzid).toBe('Europe/Paris');
    expect(first?.startDate.toString()).toBe('2026-03-10T09:00:00');
    // 09:00 in Paris in March (CET) is 08:00 UTC; 14:00 in July (CEST) is 12:00 UTC
    expect(first?.startDate.toJSDate().toISOString()).toBe('2026-03-10T08:00:00.000Z');
    expect(second?.startDate.toJSDate().toISOString()).toBe('2026-07-02T12:00:00.000Z');
    expect(second?.endDate.toJSDate().toISOString()).toBe('2026-07-02T15:30:00.000Z');
    expect(first?.summary).toBe('Google Business Profile');
    expect(first?.location).toBe('Salle des fêtes, 1 place Royale, Pau');
    expect(first?.description).toContain('avec virgules, et retours\nà la ligne.');
    const stamp = first?.component.getFirstProperty('dtstamp')?.getFirstValue() as ICAL.Time;
    expect(stamp.zone).toBe(ICAL.Timezone.utcTimezone);
    expect(ics).toMatch(/DTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(first?.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
  });

  it('keeps the UID stable across exports and grows SEQUENCE on change', () => {
    const before = events(buildCalendar([{ workshop: w, session: winter }], 'A')).events[0]!;
    const moved = touchRecord(winter, { start: '2026-03-11T09:00', end: '2026-03-11T12:00', sequence: winter.sequence + 1 });
    const after = events(buildCalendar([{ workshop: w, session: moved }], 'A')).events[0]!;
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.startDate.toString()).toBe('2026-03-11T09:00:00');
  });

  it('writes a cancelled session, or every session of a cancelled workshop, as STATUS:CANCELLED', () => {
    const cancelled = touchRecord(winter, { cancelled: true, sequence: 1 });
    const [a, b] = events(buildCalendar([{ workshop: w, session: cancelled }, { workshop: w, session: summer }], 'A')).events;
    expect(a?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(b?.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    const off = workshop({ status: 'annule' });
    const [c] = events(buildCalendar([{ workshop: off, session: session(off, '2026-04-01T09:00', '2026-04-01T12:00') }], 'A')).events;
    expect(c?.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

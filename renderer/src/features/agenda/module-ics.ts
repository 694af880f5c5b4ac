/**
 * iCalendar of a promotion module's half-day sessions, the same way as the workshops'
 * (features/workshops/ics.ts): wall-clock Europe/Paris times with the zone's
 * VTIMEZONE, a UID derived from the session id (so a later export updates the same
 * event), DTSTAMP in UTC, and the session's SEQUENCE, raised when its slot changes.
 */
import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import parisZone from '@touch4it/ical-timezones/zones/Europe/Paris.ics?raw';
import type { Cohort, CohortModule, ModuleSession } from '../../domain/cohorts';
import { sessionUid, TIME_ZONE } from '../workshops/ics';

const vtimezone = (zone: string) => (zone === TIME_ZONE ? parisZone.slice(parisZone.indexOf('BEGIN:VTIMEZONE'), parisZone.indexOf('END:VCALENDAR')) : null);

export function buildModuleCalendar(input: { cohort: Cohort; module: CohortModule; sessions: readonly ModuleSession[]; cohortName: string }): string {
  const { cohort, module } = input;
  const calendar = new ICalCalendar({ prodId: { company: 'Fourmiliere', product: 'Promotions', language: 'FR' }, name: `${input.cohortName} — ${module.title}` });
  calendar.timezone({ name: null, generator: vtimezone });
  const place = module.place || cohort.places[0] || '';
  const description = [module.objectives.trim(), module.trainer ? `Formation : ${module.trainer}` : '', cohort.contact ? `Contact : ${cohort.contact}` : ''].filter(Boolean).join('\n\n');
  for (const s of [...input.sessions].sort((a, b) => `${a.date}T${a.start}`.localeCompare(`${b.date}T${b.start}`))) {
    calendar.createEvent({
      id: sessionUid(s),
      // a Date built from the wall-clock string: ical-generator writes its local fields with TZID
      start: new Date(`${s.date}T${s.start}:00`),
      end: new Date(`${s.date}T${s.end}:00`),
      timezone: TIME_ZONE,
      stamp: new Date(s.updatedAt > module.updatedAt ? s.updatedAt : module.updatedAt),
      sequence: s.sequence ?? 0,
      summary: `${module.title} — ${input.cohortName}`,
      description: description || null,
      location: place || null,
      status: ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}

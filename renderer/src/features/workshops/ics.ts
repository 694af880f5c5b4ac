/**
 * iCalendar (RFC 5545) export of sessions with ical-generator. Times are wall-clock
 * Europe/Paris with the zone's VTIMEZONE (from @touch4it/ical-timezones' data file:
 * its loader reads files with node:fs, so the renderer imports the file itself).
 * One event per session: a stable UID, DTSTAMP in UTC, the session's SEQUENCE,
 * STATUS:CANCELLED for a cancelled session or workshop.
 */
import { ICalCalendar, ICalEventStatus } from 'ical-generator';
import parisZone from '@touch4it/ical-timezones/zones/Europe/Paris.ics?raw';
import type { Workshop, WorkshopSession } from '../../domain/workshops';

export const TIME_ZONE = 'Europe/Paris';
const UID_DOMAIN = 'fourmiliere.app';

/** The UID of a session's event: derived from its id, so every export says "the same event". */
export const sessionUid = (session: Pick<WorkshopSession, 'id'>) => `${session.id}@${UID_DOMAIN}`;

function vtimezone(zone: string): string | null {
  if (zone !== TIME_ZONE) return null;
  return parisZone.slice(parisZone.indexOf('BEGIN:VTIMEZONE'), parisZone.indexOf('END:VCALENDAR'));
}

export interface IcsEntry {
  workshop: Workshop;
  session: WorkshopSession;
}

function location(w: Workshop): string {
  return [w.place.room, w.place.address, w.place.communeName].map((p) => p.trim()).filter(Boolean).join(', ');
}

function description(w: Workshop): string {
  return [w.description, w.objectives ? `Objectifs : ${w.objectives}` : '', w.accessibility ? `Accessibilité : ${w.accessibility}` : '', w.contact ? `Contact : ${w.contact}` : '', w.animators.length ? `Animation : ${w.animators.join(', ')}` : '']
    .map((p) => p.trim())
    .filter(Boolean)
    .join('\n\n');
}

const latest = (a: string, b: string) => (a > b ? a : b);

/**
 * A calendar of sessions. `name` is the calendar's display name. The calendar
 * itself gets no time zone (ical-generator would then write DTSTAMP as local
 * time); each event carries TZID=Europe/Paris and the VTIMEZONE is emitted once.
 */
export function buildCalendar(entries: readonly IcsEntry[], name: string): string {
  const calendar = new ICalCalendar({ prodId: { company: 'Fourmiliere', product: 'Ateliers', language: 'FR' }, name });
  calendar.timezone({ name: null, generator: vtimezone });
  for (const { workshop, session } of [...entries].sort((a, b) => a.session.start.localeCompare(b.session.start))) {
    const cancelled = session.cancelled || workshop.status === 'annule';
    calendar.createEvent({
      id: sessionUid(session),
      // ical-generator formats a Date with the machine's local fields when an event has a
      // time zone, so a Date built from the wall-clock string keeps 09:00 as 09:00 Paris time.
      start: new Date(`${session.start}:00`),
      end: new Date(`${session.end}:00`),
      timezone: TIME_ZONE,
      stamp: new Date(latest(session.updatedAt, workshop.updatedAt)),
      sequence: session.sequence,
      summary: cancelled ? `ANNULÉ — ${workshop.title}` : workshop.title,
      description: description(workshop) || null,
      location: location(workshop) || null,
      status: cancelled ? ICalEventStatus.CANCELLED : workshop.status === 'brouillon' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED,
      categories: workshop.theme ? [{ name: workshop.theme }] : [],
    });
  }
  return calendar.toString();
}

export const ICS_MIME = 'text/calendar;charset=utf-8';

/**
 * Segments for invitations: who attended a theme but not another, who registered
 * but did not come, who attended a given workshop. Only people who consented to
 * be contacted are returned; the others are counted so the UI can say so.
 */
import { getDb } from '../../../db/database';
import type { Attendance } from '../../../domain/attendance';
import type { Provider } from '../../../domain/people';
import type { Registration, Workshop, WorkshopSession } from '../../../domain/workshops';

export type SegmentQuery =
  | { kind: 'themeNotTheme'; attendedTheme: string; notTheme: string }
  | { kind: 'registeredAbsent'; workshopId: string | null }
  | { kind: 'attendedWorkshop'; workshopId: string };

export interface SegmentData {
  workshops: Workshop[];
  sessions: WorkshopSession[];
  registrations: Registration[];
  attendance: Attendance[];
  providers: Provider[];
}

export interface SegmentResult {
  /** people with consent, sorted by name */
  people: Provider[];
  /** people matching the criteria but without consent: left out */
  withoutConsent: number;
}

/** person ids present at least one half-day of each workshop: workshopId -> Set(personId) */
function attendedByWorkshop(data: SegmentData): Map<string, Set<string>> {
  const workshopOfSession = new Map(data.sessions.map((s) => [s.id, s.workshopId]));
  const map = new Map<string, Set<string>>();
  for (const a of data.attendance) {
    if (a.context !== 'workshop' || a.role !== 'participant' || a.status !== 'present' || a.deletedAt !== null) continue;
    const w = workshopOfSession.get(a.sessionId);
    if (!w) continue;
    if (!map.has(w)) map.set(w, new Set());
    map.get(w)!.add(a.personId);
  }
  return map;
}

export function matchingPersonIds(query: SegmentQuery, data: SegmentData, today: string): Set<string> {
  const attended = attendedByWorkshop(data);
  const live = data.workshops.filter((w) => w.deletedAt === null && !w.isTemplate);
  const attendedTheme = (theme: string) => new Set(live.filter((w) => w.theme === theme).flatMap((w) => [...(attended.get(w.id) ?? [])]));
  switch (query.kind) {
    case 'themeNotTheme': {
      const no = attendedTheme(query.notTheme);
      return new Set([...attendedTheme(query.attendedTheme)].filter((id) => !no.has(id)));
    }
    case 'attendedWorkshop':
      return new Set(attended.get(query.workshopId) ?? []);
    case 'registeredAbsent': {
      // only workshops already held: before that, nobody is absent yet
      const held = new Set(live.filter((w) => (query.workshopId ? w.id === query.workshopId : true) && w.lastDate !== null && w.lastDate < today).map((w) => w.id));
      return new Set(data.registrations.filter((r) => r.deletedAt === null && r.status === 'inscrit' && held.has(r.workshopId) && !(attended.get(r.workshopId)?.has(r.personId) ?? false)).map((r) => r.personId));
    }
  }
}

export function applySegment(query: SegmentQuery, data: SegmentData, today: string): SegmentResult {
  const ids = matchingPersonIds(query, data, today);
  const matching = data.providers.filter((p) => ids.has(p.id) && p.deletedAt === null);
  const people = matching.filter((p) => p.consent.given && p.email !== '').sort((a, b) => a.sortName.localeCompare(b.sortName));
  return { people, withoutConsent: matching.filter((p) => !p.consent.given).length };
}

/** Addresses ready for a BCC field: "a@x.fr; b@y.fr" (the separator both Outlook and Thunderbird accept). */
export function bccList(people: readonly Provider[]): string {
  return [...new Set(people.map((p) => p.email.trim().toLowerCase()).filter(Boolean))].join('; ');
}

/** Loads only what a segment needs, through indexes. */
export async function loadSegmentData(query: SegmentQuery): Promise<SegmentData> {
  const db = getDb();
  let workshops: Workshop[];
  if (query.kind === 'themeNotTheme') workshops = await db.workshops.where('theme').anyOf([query.attendedTheme, query.notTheme]).toArray();
  else if (query.workshopId) workshops = (await db.workshops.bulkGet([query.workshopId])).filter((w): w is Workshop => w !== undefined);
  else workshops = await db.workshops.where('status').anyOf(['publie', 'complet', 'realise']).toArray();
  const ids = workshops.map((w) => w.id);
  const sessions = ids.length ? await db.sessions.where('workshopId').anyOf(ids).toArray() : [];
  const [registrations, attendance] = await Promise.all([
    query.kind === 'registeredAbsent' && ids.length ? db.registrations.where('workshopId').anyOf(ids).toArray() : Promise.resolve([]),
    sessions.length ? db.attendance.where('sessionId').anyOf(sessions.map((s) => s.id)).toArray() : Promise.resolve([]),
  ]);
  const personIds = new Set([...registrations.map((r) => r.personId), ...attendance.map((a) => a.personId)]);
  const providers = (await db.providers.bulkGet([...personIds])).filter((p): p is Provider => p !== undefined);
  return { workshops, sessions, registrations, attendance, providers };
}

/** Themes and workshops to choose from (bounded: workshops are a few hundred a year at most). */
export async function segmentChoices(): Promise<{ themes: string[]; workshops: Pick<Workshop, 'id' | 'title' | 'firstDate'>[] }> {
  const all = (await getDb().workshops.orderBy('firstDate').reverse().limit(500).toArray()).filter((w) => w.deletedAt === null && !w.isTemplate);
  const themes = [...new Set(all.map((w) => w.theme).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'fr'));
  return { themes, workshops: all.map((w) => ({ id: w.id, title: w.title, firstDate: w.firstDate })) };
}

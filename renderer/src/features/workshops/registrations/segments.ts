/**
 * Segments for invitations: who attended a theme but not another, who registered
 * but did not come, who attended a given workshop, the directory by business type
 * and commune, the waiting list of a workshop (to invite to its next session).
 * Only people who consented to be contacted are returned; the others are counted
 * so the UI can say so. The waiting list is the exception: those people asked for
 * a place themselves, so telling them about the next session needs no marketing
 * consent.
 */
import { getDb } from '../../../db/database';
import type { Attendance } from '../../../domain/attendance';
import type { Provider } from '../../../domain/people';
import type { Registration, Workshop, WorkshopSession } from '../../../domain/workshops';

export type SegmentQuery =
  | { kind: 'themeNotTheme'; attendedTheme: string; notTheme: string }
  | { kind: 'registeredAbsent'; workshopId: string | null }
  | { kind: 'attendedWorkshop'; workshopId: string }
  | { kind: 'directory' }
  | { kind: 'waitingList'; workshopId: string };

/** Narrowing of any segment: a business type and a commune (INSEE), '' for any. */
export interface SegmentFilters {
  businessType: string;
  communeInsee: string;
}
export const NO_FILTERS: SegmentFilters = { businessType: '', communeInsee: '' };

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
  if (query.kind === 'directory') return new Set(data.providers.map((p) => p.id));
  if (query.kind === 'waitingList') return new Set(data.registrations.filter((r) => r.deletedAt === null && r.status === 'attente' && r.workshopId === query.workshopId).map((r) => r.personId));
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

export function applySegment(query: SegmentQuery, data: SegmentData, today: string, filters: SegmentFilters = NO_FILTERS): SegmentResult {
  const ids = matchingPersonIds(query, data, today);
  const matching = data.providers.filter((p) => ids.has(p.id) && p.deletedAt === null && (!filters.businessType || p.businessType === filters.businessType) && (!filters.communeInsee || p.communeInsee === filters.communeInsee));
  const consentNeeded = query.kind !== 'waitingList';
  const people = matching.filter((p) => (p.consent.given || !consentNeeded) && p.email !== '').sort((a, b) => a.sortName.localeCompare(b.sortName));
  return { people, withoutConsent: consentNeeded ? matching.filter((p) => !p.consent.given).length : 0 };
}

/** Addresses ready for a BCC field: "a@x.fr; b@y.fr" (the separator both Outlook and Thunderbird accept). */
export function bccList(people: readonly Provider[]): string {
  return [...new Set(people.map((p) => p.email.trim().toLowerCase()).filter(Boolean))].join('; ');
}

/** Loads only what a segment needs, through indexes. */
export async function loadSegmentData(query: SegmentQuery, filters: SegmentFilters = NO_FILTERS): Promise<SegmentData> {
  const db = getDb();
  if (query.kind === 'directory') {
    // the commune index when there is one; a business type alone reads the directory once
    const providers = filters.communeInsee
      ? await db.providers.where('communeInsee').equals(filters.communeInsee).toArray()
      : filters.businessType
        ? await db.providers.filter((p) => p.businessType === filters.businessType).toArray()
        : [];
    return { workshops: [], sessions: [], registrations: [], attendance: [], providers };
  }
  if (query.kind === 'waitingList') {
    const registrations = await db.registrations.where('[workshopId+status]').equals([query.workshopId, 'attente']).toArray();
    // session by session, one person may wait for two sessions: read them once
    const providers = (await db.providers.bulkGet([...new Set(registrations.map((r) => r.personId))])).filter((p): p is Provider => p !== undefined);
    return { workshops: [], sessions: [], registrations, attendance: [], providers };
  }
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

/**
 * Where a waiting list can be invited: the workshops still to come on the same
 * subject (the same model or title first, then the same theme), soonest first.
 */
export async function nextSessionsFor(workshopId: string, today: string): Promise<Workshop[]> {
  const db = getDb();
  const source = await db.workshops.get(workshopId);
  if (!source) return [];
  const later = (await db.workshops.where('firstDate').aboveOrEqual(today).toArray()).filter((w) => w.id !== source.id && w.deletedAt === null && !w.isTemplate && w.status !== 'annule' && w.status !== 'realise');
  const closeness = (w: Workshop) => ((source.templateId && w.templateId === source.templateId) || w.title === source.title ? 0 : w.theme === source.theme && source.theme ? 1 : 2);
  return later.filter((w) => closeness(w) < 2).sort((a, b) => closeness(a) - closeness(b) || (a.firstDate ?? '').localeCompare(b.firstDate ?? ''));
}

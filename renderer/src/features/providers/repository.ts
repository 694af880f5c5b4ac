/**
 * The local directory of providers/participants: validation with messages at the
 * field, duplicate detection (same e-mail, or same name and structure), search by
 * word prefixes, and each person's history of workshops.
 */
import { z } from 'zod';
import { getDb } from '../../db/database';
import { assertRevision, createRecord, foldText, searchTokens, touchRecord } from '../../db/records';
import { isoDate } from '../../domain/common';
import { businessTypes, providerSchema, type Provider } from '../../domain/people';
import type { Registration, Workshop } from '../../domain/workshops';
import type { Attendance } from '../../domain/attendance';

/** What the form edits. Messages are message keys, translated at the field. */
export const providerFormSchema = z
  .object({
    firstName: z.string().trim().max(100, 'provider.error.tooLong'),
    lastName: z.string().trim().min(1, 'provider.error.lastName').max(100, 'provider.error.tooLong'),
    structure: z.string().trim().max(200, 'provider.error.tooLong'),
    businessType: z.enum(businessTypes, { message: 'provider.error.businessType' }),
    communeInsee: z.string().max(5),
    communeName: z.string().max(200),
    email: z.union([z.literal(''), z.string().trim().max(254, 'provider.error.tooLong').email('provider.error.email')]),
    phone: z
      .string()
      .trim()
      .max(40, 'provider.error.tooLong')
      .regex(/^[0-9+().\s-]*$/, 'provider.error.phone'),
    consentGiven: z.boolean(),
    consentDate: z.union([z.literal(''), isoDate]),
    consentPurpose: z.string().trim().max(200, 'provider.error.tooLong'),
    notes: z.string().max(10_000, 'provider.error.tooLong'),
  })
  .superRefine((v, ctx) => {
    if (v.consentGiven && !v.consentDate) ctx.addIssue({ code: 'custom', path: ['consentDate'], message: 'provider.error.consentDate' });
  });
export type ProviderForm = z.input<typeof providerFormSchema>;

export function emptyProviderForm(): ProviderForm {
  return { firstName: '', lastName: '', structure: '', businessType: 'hebergement', communeInsee: '', communeName: '', email: '', phone: '', consentGiven: false, consentDate: '', consentPurpose: 'invitations aux ateliers', notes: '' };
}

export function formOf(p: Provider): ProviderForm {
  return {
    firstName: p.firstName,
    lastName: p.lastName,
    structure: p.structure,
    businessType: p.businessType,
    communeInsee: p.communeInsee,
    communeName: p.communeName,
    email: p.email,
    phone: p.phone,
    consentGiven: p.consent.given,
    consentDate: p.consent.date ?? '',
    consentPurpose: p.consent.purpose,
    notes: p.notes,
  };
}

/** Field -> message key of every problem, empty when the form is valid. */
export function providerFormErrors(form: ProviderForm): Record<string, string> {
  const parsed = providerFormSchema.safeParse(form);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '_form');
    errors[field] ??= issue.message;
  }
  return errors;
}

export function displayName(p: Pick<Provider, 'firstName' | 'lastName'>): string {
  return `${p.firstName} ${p.lastName}`.trim();
}

function fields(form: ProviderForm) {
  const v = providerFormSchema.parse(form);
  return {
    firstName: v.firstName,
    lastName: v.lastName,
    structure: v.structure,
    businessType: v.businessType,
    communeInsee: v.communeInsee,
    communeName: v.communeName,
    email: v.email.toLowerCase(),
    phone: v.phone,
    consent: { given: v.consentGiven, date: v.consentDate || null, purpose: v.consentPurpose },
    notes: v.notes,
    tokens: searchTokens(v.firstName, v.lastName, v.structure, v.communeName, v.email),
    sortName: foldText(`${v.lastName} ${v.firstName}`.trim()),
  };
}

export interface Duplicate {
  provider: Provider;
  reason: 'email' | 'name';
}

/** Others with the same e-mail, or the same name and structure (accents and case ignored). */
export async function findDuplicates(form: ProviderForm, excludeId?: string): Promise<Duplicate[]> {
  const db = getDb();
  const email = form.email.trim().toLowerCase();
  const sortName = foldText(`${form.lastName.trim()} ${form.firstName.trim()}`.trim());
  const structure = foldText(form.structure.trim());
  const [byEmail, byName] = await Promise.all([email ? db.providers.where('email').equals(email).toArray() : Promise.resolve([]), db.providers.where('sortName').equals(sortName).toArray()]);
  const found = new Map<string, Duplicate>();
  for (const p of byEmail) if (p.id !== excludeId && p.deletedAt === null) found.set(p.id, { provider: p, reason: 'email' });
  for (const p of byName) if (p.id !== excludeId && p.deletedAt === null && foldText(p.structure) === structure && !found.has(p.id)) found.set(p.id, { provider: p, reason: 'name' });
  return [...found.values()];
}

/**
 * Creates or updates a provider; throws on an invalid form (the UI checks first).
 * An update starts from `existing`'s revision: if the stored record changed since
 * (another tab saved it), nothing is written and a StaleRecordError carries it.
 */
export async function saveProvider(form: ProviderForm, existing?: Provider, now = new Date()): Promise<Provider> {
  const db = getDb();
  if (!existing) {
    const created = providerSchema.parse(createRecord<Provider>({ ...fields(form), lastContactAt: null }, now));
    await db.providers.put(created);
    return created;
  }
  return db.transaction('rw', db.providers, async () => {
    const current = await db.providers.get(existing.id);
    if (!current) throw new Error('cette fiche a été supprimée entre-temps');
    assertRevision(current, existing.rev);
    const checked = providerSchema.parse(touchRecord(current, fields(form), now));
    await db.providers.put(checked);
    return checked;
  });
}

/** A participant who came without registering: "Marie Dupont" -> first name Marie, last name Dupont. */
export async function createWalkIn(fullName: string, now = new Date()): Promise<Provider> {
  const words = fullName.trim().split(/\s+/);
  const lastName = words.length > 1 ? words.slice(1).join(' ') : (words[0] ?? '');
  const firstName = words.length > 1 ? (words[0] ?? '') : '';
  return saveProvider({ ...emptyProviderForm(), firstName, lastName, businessType: 'autre', notes: '' }, undefined, now);
}

/** A page of the directory: by name, or the people whose words start with every typed word. */
export async function searchProviders(query: string, limit = 50): Promise<Provider[]> {
  const db = getDb();
  const words = searchTokens(query);
  if (words.length === 0) return (await db.providers.orderBy('sortName').filter((p) => p.deletedAt === null).limit(limit).toArray());
  const [first, ...rest] = words.sort((a, b) => b.length - a.length);
  const candidates = await db.providers
    .where('tokens')
    .startsWith(first ?? '')
    .distinct()
    .filter((p) => p.deletedAt === null && rest.every((w) => p.tokens.some((t) => t.startsWith(w))))
    .limit(limit)
    .toArray();
  return candidates.sort((a, b) => a.sortName.localeCompare(b.sortName));
}

export async function countProviders(): Promise<number> {
  // deleted rows are few (soft deletion is rare here): a plain count stays cheap
  return getDb().providers.count();
}

export async function getProvider(id: string): Promise<Provider | undefined> {
  const p = await getDb().providers.get(id);
  return p && p.deletedAt === null ? p : undefined;
}

export interface HistoryLine {
  workshop: Workshop;
  registration: Registration | null;
  /** half-days present, absent, excused over the workshop's sessions */
  present: number;
  absent: number;
  excused: number;
}

/** The workshops a person registered for or attended, latest first. */
export async function providerHistory(personId: string): Promise<HistoryLine[]> {
  const db = getDb();
  const [registrations, attendance] = await Promise.all([
    db.registrations.where('personId').equals(personId).filter((r) => r.deletedAt === null).toArray(),
    db.attendance.where('personId').equals(personId).filter((a: Attendance) => a.deletedAt === null && a.context === 'workshop' && a.role === 'participant').toArray(),
  ]);
  const sessions = await db.sessions.bulkGet([...new Set(attendance.map((a) => a.sessionId))]);
  const workshopOfSession = new Map(sessions.filter((s) => s !== undefined).map((s) => [s.id, s.workshopId]));
  const workshopIds = new Set([...registrations.map((r) => r.workshopId), ...workshopOfSession.values()]);
  const workshops = (await db.workshops.bulkGet([...workshopIds])).filter((w): w is Workshop => w !== undefined && w.deletedAt === null);
  return workshops
    .map((workshop) => {
      const rows = attendance.filter((a) => workshopOfSession.get(a.sessionId) === workshop.id);
      return {
        workshop,
        registration: registrations.find((r) => r.workshopId === workshop.id) ?? null,
        present: rows.filter((a) => a.status === 'present').length,
        absent: rows.filter((a) => a.status === 'absent').length,
        excused: rows.filter((a) => a.status === 'excuse').length,
      };
    })
    .sort((a, b) => (b.workshop.firstDate ?? '').localeCompare(a.workshop.firstDate ?? ''));
}

/**
 * The animators registry: validation with messages at the field, derived search
 * fields, writes that leave a trace in the history table, and duplicate detection.
 * Screens and other features go through this module, never through Dexie.
 */
import { z } from 'zod';
import { getDb, type FourmiliereDatabase, type HistoryRow } from '../../db/database';
import { historyOfRecords } from '../../db/history';
import { assertRevision, createRecord, foldText, getDeviceId, newId, restoreDeleted, softDelete, touchRecord, type Revision } from '../../db/records';
import { isoDate } from '../../domain/common';
import { animatorSearchWords } from './search-words';
import { animatorSchema, structureTypes, trainingStatuses, type Animator, type TrainingStatus } from '../../domain/registry';

/** What the form edits. Messages are message keys, translated at the field. */
export const animatorFormSchema = z
  .object({
    firstName: z.string().trim().min(1, 'animators.error.firstName').max(100, 'animators.error.tooLong'),
    lastName: z.string().trim().min(1, 'animators.error.lastName').max(100, 'animators.error.tooLong'),
    email: z.union([z.literal(''), z.string().trim().max(254, 'animators.error.tooLong').email('animators.error.email')]),
    phone: z
      .string()
      .trim()
      .max(40, 'animators.error.tooLong')
      .regex(/^[0-9+().\s-]*$/, 'animators.error.phone'),
    structureName: z.string().trim().max(200, 'animators.error.tooLong'),
    structureType: z.enum(structureTypes, { message: 'animators.error.structureType' }),
    jobTitle: z.string().trim().max(200, 'animators.error.tooLong'),
    communeInsee: z.string().max(5),
    communeName: z.string().max(200),
    postalCode: z.string().max(5),
    departmentCode: z.string().max(3),
    regionCode: z.string().max(3),
    status: z.enum(trainingStatuses, { message: 'animators.error.status' }),
    cohortId: z.string(),
    trainingStart: z.union([z.literal(''), isoDate]),
    trainingEnd: z.union([z.literal(''), isoDate]),
    trainedYear: z.string().regex(/^$|^(20\d\d|2100)$/, 'animators.error.year'),
    specialities: z.string().max(3000, 'animators.error.tooLong'),
    languages: z.string().max(800, 'animators.error.tooLong'),
    notes: z.string().max(20_000, 'animators.error.tooLong'),
    consentGiven: z.boolean(),
    consentDate: z.union([z.literal(''), isoDate]),
    lastContactAt: z.union([z.literal(''), isoDate]),
  })
  .superRefine((v, ctx) => {
    if (v.trainingStart && v.trainingEnd && v.trainingEnd < v.trainingStart)
      ctx.addIssue({ code: 'custom', path: ['trainingEnd'], message: 'animators.error.endBeforeStart' });
    if (v.consentGiven && !v.consentDate) ctx.addIssue({ code: 'custom', path: ['consentDate'], message: 'animators.error.consentDate' });
  });
export type AnimatorForm = z.input<typeof animatorFormSchema>;

export function emptyAnimatorForm(): AnimatorForm {
  return {
    firstName: '', lastName: '', email: '', phone: '', structureName: '', structureType: 'office-tourisme', jobTitle: '',
    communeInsee: '', communeName: '', postalCode: '', departmentCode: '', regionCode: '',
    status: 'en-formation', cohortId: '', trainingStart: '', trainingEnd: '', trainedYear: '',
    specialities: '', languages: '', notes: '', consentGiven: false, consentDate: '', lastContactAt: '',
  };
}

export function formOf(a: Animator): AnimatorForm {
  return {
    firstName: a.firstName, lastName: a.lastName, email: a.email, phone: a.phone, structureName: a.structureName,
    structureType: a.structureType, jobTitle: a.jobTitle, communeInsee: a.communeInsee, communeName: a.communeName,
    postalCode: a.postalCode, departmentCode: a.departmentCode, regionCode: a.regionCode, status: a.status,
    cohortId: a.cohortId ?? '', trainingStart: a.trainingStart ?? '', trainingEnd: a.trainingEnd ?? '',
    trainedYear: a.trainedYear === null ? '' : String(a.trainedYear), specialities: a.specialities.join(', '),
    languages: a.languages.join(', '), notes: a.notes, consentGiven: a.consent.given, consentDate: a.consent.date ?? '',
    lastContactAt: a.lastContactAt ?? '',
  };
}

/** Field -> message key of every problem, empty when the form is valid. */
export function animatorFormErrors(form: AnimatorForm): Record<string, string> {
  const parsed = animatorFormSchema.safeParse(form);
  if (parsed.success) return {};
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? '_form')] ??= issue.message;
  return errors;
}

const splitList = (text: string) => [...new Set(text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean))];

/** Record fields (without identity) from a valid form. */
export function fieldsOf(form: AnimatorForm): AnimatorFields {
  const v = animatorFormSchema.parse(form);
  const trainedYear = v.trainedYear ? Number(v.trainedYear) : v.trainingEnd ? Number(v.trainingEnd.slice(0, 4)) : null;
  return withDerived({
    firstName: v.firstName, lastName: v.lastName, email: v.email.toLowerCase(), phone: v.phone, structureName: v.structureName,
    structureType: v.structureType, jobTitle: v.jobTitle, communeInsee: v.communeInsee, communeName: v.communeName,
    postalCode: v.postalCode, departmentCode: v.departmentCode, regionCode: v.regionCode, status: v.status,
    cohortId: v.cohortId || null, trainingStart: v.trainingStart || null, trainingEnd: v.trainingEnd || null, trainedYear,
    specialities: splitList(v.specialities), languages: splitList(v.languages), notes: v.notes,
    consent: { given: v.consentGiven, date: v.consentDate || null, purpose: 'annuaire régional des ANT' },
    lastContactAt: v.lastContactAt || null,
  });
}

export type AnimatorFields = Omit<Animator, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'rev'>;

/** Search words and sort key follow the names, structure and commune. */
export function withDerived<T extends Omit<AnimatorFields, 'tokens' | 'sortName'>>(a: T): T & Pick<Animator, 'tokens' | 'sortName'> {
  return {
    ...a,
    tokens: animatorSearchWords(a),
    sortName: foldText(`${a.lastName} ${a.firstName}`.trim()),
  };
}

export function displayName(a: Pick<Animator, 'firstName' | 'lastName'>): string {
  return `${a.firstName} ${a.lastName}`.trim();
}

/** The fields that differ between two versions: name -> [before, after]. */
export function diffFields(before: Partial<Animator>, after: Partial<Animator>): Record<string, [unknown, unknown]> {
  const changes: Record<string, [unknown, unknown]> = {};
  const skip = new Set(['updatedAt', 'rev', 'tokens', 'sortName', 'createdAt']);
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (skip.has(key)) continue;
    const b = (before as Record<string, unknown>)[key];
    const a = (after as Record<string, unknown>)[key];
    if (JSON.stringify(b) !== JSON.stringify(a)) changes[key] = [b ?? null, a ?? null];
  }
  return changes;
}

export function historyRow(recordId: string, action: HistoryRow['action'], changes: HistoryRow['changes'], summary: string, at = new Date()): HistoryRow {
  return { id: newId(), table: 'animators', recordId, at: at.toISOString(), device: getDeviceId(), action, changes, summary };
}

export async function getAnimator(id: string, db: FourmiliereDatabase = getDb()): Promise<Animator | undefined> {
  return db.animators.get(id);
}

export async function createAnimator(fields: AnimatorFields, db: FourmiliereDatabase = getDb()): Promise<Animator> {
  const record = animatorSchema.parse(createRecord<Animator>(fields));
  await db.transaction('rw', db.animators, db.history, async () => {
    await db.animators.add(record);
    await db.history.add(historyRow(record.id, 'create', {}, 'fiche créée'));
  });
  return record;
}

/**
 * Saves changed fields. `expected` is the revision the form was opened from: when
 * the stored record has moved on (another tab saved meanwhile), nothing is written
 * and a StaleRecordError carries the stored version.
 */
export async function updateAnimator(id: string, fields: Partial<AnimatorFields>, summary = 'fiche modifiée', db: FourmiliereDatabase = getDb(), expected?: Revision): Promise<Animator> {
  return db.transaction('rw', db.animators, db.history, async () => {
    const before = await db.animators.get(id);
    if (!before) throw new Error('animator not found');
    assertRevision(before, expected);
    const merged = { ...before, ...fields };
    const after = animatorSchema.parse(touchRecord(before, withDerived(merged)));
    await db.animators.put(after);
    const changes = diffFields(before, after);
    if (Object.keys(changes).length > 0) await db.history.add(historyRow(id, 'update', changes, summary));
    return after;
  });
}

export async function deleteAnimator(id: string, db: FourmiliereDatabase = getDb()): Promise<void> {
  await db.transaction('rw', db.animators, db.history, async () => {
    const a = await db.animators.get(id);
    if (!a || a.deletedAt) return;
    await db.animators.put(softDelete(a));
    await db.history.add(historyRow(id, 'delete', {}, 'fiche mise à la corbeille'));
  });
}

export async function restoreAnimator(id: string, db: FourmiliereDatabase = getDb()): Promise<void> {
  await db.transaction('rw', db.animators, db.history, async () => {
    const a = await db.animators.get(id);
    if (!a?.deletedAt) return;
    await db.animators.put(restoreDeleted(a));
    await db.history.add(historyRow(id, 'restore', {}, 'fiche restaurée'));
  });
}

/** A person's history, newest first: their own rows and their entries in imports' and syncs' batch rows. */
export async function historyOf(id: string, db: FourmiliereDatabase = getDb()): Promise<HistoryRow[]> {
  return (await historyOfRecords(db, 'animators', [id])).sort((a, b) => b.at.localeCompare(a.at));
}

export interface QuickAnimatorInput {
  firstName: string;
  lastName: string;
  email?: string;
  structureName?: string;
  communeInsee?: string;
  regionCode?: string;
}

/** A minimal record, for the cohorts screen enrolling someone not yet in the registry. */
export async function createAnimatorQuick(input: QuickAnimatorInput, db: FourmiliereDatabase = getDb()): Promise<Animator> {
  const { communeByInsee } = await import('../../shared/geo');
  const commune = input.communeInsee ? await communeByInsee(input.communeInsee) : undefined;
  const form: AnimatorForm = {
    ...emptyAnimatorForm(),
    firstName: input.firstName,
    lastName: input.lastName,
    email: input.email ?? '',
    structureName: input.structureName ?? '',
    communeInsee: commune?.insee ?? '',
    communeName: commune?.name ?? '',
    postalCode: commune?.postalCodes[0] ?? '',
    departmentCode: commune?.departmentCode ?? '',
    regionCode: commune?.regionCode ?? input.regionCode ?? '',
  };
  const errors = animatorFormErrors(form);
  const first = Object.entries(errors)[0];
  if (first) throw new Error(`${first[0]}: ${first[1]}`);
  return createAnimator(fieldsOf(form), db);
}

export interface TrainingChanges {
  status?: TrainingStatus;
  cohortId?: string | null;
  trainingStart?: string | null;
  trainingEnd?: string | null;
  trainedYear?: number | null;
}

/** Training fields set by the cohorts feature; the change is kept in the history and can be undone. */
export async function updateAnimatorTraining(id: string, changes: TrainingChanges, db: FourmiliereDatabase = getDb()): Promise<{ undo(): Promise<void> }> {
  const before = await db.animators.get(id);
  if (!before) throw new Error('animator not found');
  const previous: TrainingChanges = {};
  for (const key of Object.keys(changes) as (keyof TrainingChanges)[]) (previous as Record<string, unknown>)[key] = before[key];
  await updateAnimator(id, changes as Partial<AnimatorFields>, 'formation mise à jour', db);
  return {
    async undo() {
      await updateAnimator(id, previous as Partial<AnimatorFields>, 'modification de formation annulée', db);
    },
  };
}

/** Key for "same name in the same structure". */
export function nameStructureKey(a: Pick<Animator, 'firstName' | 'lastName' | 'structureName'>): string {
  return `${foldText(`${a.lastName} ${a.firstName}`).trim()}|${foldText(a.structureName).trim()}`;
}

export interface Duplicate {
  animator: Animator;
  reason: 'email' | 'name';
}

/** People already in the registry that a new or edited record would duplicate. */
export async function findDuplicates(fields: Pick<Animator, 'email' | 'firstName' | 'lastName' | 'structureName'>, excludeId?: string, db: FourmiliereDatabase = getDb()): Promise<Duplicate[]> {
  const found = new Map<string, Duplicate>();
  const email = fields.email.trim().toLowerCase();
  if (email) for (const a of await db.animators.where('email').equals(email).toArray()) if (!a.deletedAt && a.id !== excludeId) found.set(a.id, { animator: a, reason: 'email' });
  const key = nameStructureKey(fields);
  const sameName = await db.animators.where('sortName').equals(foldText(`${fields.lastName} ${fields.firstName}`.trim())).toArray();
  for (const a of sameName) if (!a.deletedAt && a.id !== excludeId && !found.has(a.id) && nameStructureKey(a) === key) found.set(a.id, { animator: a, reason: 'name' });
  return [...found.values()];
}

/** Every pair of live records sharing an e-mail, or a name in the same structure (one cursor pass, ids only). */
export async function duplicatePairs(db: FourmiliereDatabase = getDb()): Promise<{ a: string; b: string; reason: 'email' | 'name' }[]> {
  const byEmail = new Map<string, string>();
  const byKey = new Map<string, string>();
  const pairs: { a: string; b: string; reason: 'email' | 'name' }[] = [];
  await db.animators.each((r) => {
    if (r.deletedAt) return;
    const key = nameStructureKey(r);
    const sameMail = r.email ? byEmail.get(r.email) : undefined;
    const sameKey = byKey.get(key);
    if (sameMail) pairs.push({ a: sameMail, b: r.id, reason: 'email' });
    else if (sameKey) pairs.push({ a: sameKey, b: r.id, reason: 'name' });
    if (r.email && !sameMail) byEmail.set(r.email, r.id);
    if (!sameKey) byKey.set(key, r.id);
  });
  return pairs;
}

/**
 * Merges `drop` into `keep` with the values chosen field by field; the dropped
 * record goes to the bin and its cohort enrolments move to the kept one.
 */
export async function mergeAnimators(keepId: string, dropId: string, chosen: Partial<AnimatorFields>, db: FourmiliereDatabase = getDb()): Promise<Animator> {
  return db.transaction('rw', [db.animators, db.history, db.enrolments], async () => {
    const [keep, drop] = await Promise.all([db.animators.get(keepId), db.animators.get(dropId)]);
    if (!keep || !drop) throw new Error('animator not found');
    const merged = withDerived({ ...keep, ...chosen, specialities: [...new Set([...(chosen.specialities ?? keep.specialities), ...drop.specialities])] });
    const after = animatorSchema.parse(touchRecord(keep, merged));
    await db.animators.put(after);
    await db.animators.put(softDelete(drop));
    const enrolments = await db.enrolments.where('animatorId').equals(dropId).toArray();
    const taken = new Set((await db.enrolments.where('animatorId').equals(keepId).toArray()).map((e) => e.cohortId));
    for (const e of enrolments) if (!taken.has(e.cohortId)) await db.enrolments.put(touchRecord(e, { animatorId: keepId }));
    await db.history.bulkAdd([
      historyRow(keepId, 'merge', diffFields(keep, after), `fusion avec la fiche de ${displayName(drop)}`),
      historyRow(dropId, 'merge', {}, `fusionnée dans la fiche de ${displayName(keep)}`),
    ]);
    return after;
  });
}

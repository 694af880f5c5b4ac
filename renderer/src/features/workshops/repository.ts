/**
 * Writes of workshop planning. Every change is validated whole before anything is
 * written, and runs in one transaction (workshop + sessions), so nothing is ever
 * saved half-valid.
 */
import { z } from 'zod';
import { getDb } from '../../db/database';
import { assertRevision, createRecord, newId, restoreDeleted, softDelete, touchRecord, type Revision } from '../../db/records';
import { agendaStepSchema, materialItemSchema, sessionSchema, workshopSchema, type AgendaStep, type MaterialItem, type Workshop, type WorkshopSession } from '../../domain/workshops';
import type { MessageKey } from '../../i18n';
import { canBeDone } from '../../domain/date-rules';
import { datesOf } from './rules';
import { sessionFormErrors, sessionSlot, workshopFieldsOf, workshopFormErrors, type SessionForm, type SessionFormErrors, type WorkshopForm, type WorkshopFormErrors } from './validation';
import { sessionsOf } from './queries';
import { busiestScopeCount } from './registrations/rules';

/** Thrown with the errors to show at each field. */
export class FormError<K extends string> extends Error {
  constructor(readonly errors: Partial<Record<K, MessageKey>>) {
    super(Object.values(errors).join(', '));
  }
}
export type WorkshopFormError = FormError<keyof WorkshopForm>;
export type SessionFormError = FormError<keyof SessionForm>;

/** Default checklist items (data in French, edited per workshop). */
export const DEFAULT_MATERIALS = ['Vidéoprojecteur', 'Écran ou mur blanc', 'Multiprise et rallonge', 'Wi-Fi ou partage 4G', 'Ordinateurs portables', 'Paperboard et feutres', 'Feuilles d’émargement', 'Supports imprimés'];

export function defaultMaterials(): MaterialItem[] {
  return DEFAULT_MATERIALS.map((label) => ({ id: newId(), label, checked: false, note: '' }));
}

function blankWorkshop(fields: ReturnType<typeof workshopFieldsOf>): Omit<Workshop, 'id' | 'createdAt' | 'updatedAt' | 'deletedAt' | 'rev'> {
  return { ...fields, agenda: [], materials: defaultMaterials(), materialsNotes: '', evaluationQuestions: [], isTemplate: false, templateId: null, firstDate: null, lastDate: null };
}

export async function createWorkshop(form: WorkshopForm, options: { isTemplate?: boolean } = {}): Promise<Workshop> {
  const errors = workshopFormErrors(form);
  // a new workshop has no session yet: it cannot have been held
  if (!errors.status && form.status === 'realise') errors.status = 'dates.status.realiseNoSession';
  if (Object.keys(errors).length > 0) throw new FormError<keyof WorkshopForm>(errors);
  const record = workshopSchema.parse(createRecord<Workshop>({ ...blankWorkshop(workshopFieldsOf(form)), isTemplate: options.isTemplate ?? false }));
  await getDb().workshops.add(record);
  return record;
}

/** Changes that make calendar copies of the sessions out of date (RFC 5545 "significant revisions"). */
function calendarFieldsChanged(before: Workshop, after: Workshop): boolean {
  return (
    before.title !== after.title ||
    before.place.communeName !== after.place.communeName ||
    before.place.address !== after.place.address ||
    before.place.room !== after.place.room ||
    before.description !== after.description ||
    (before.status === 'annule') !== (after.status === 'annule')
  );
}

/**
 * Saves the workshop's fields. « Réalisé » is refused until its last session (not
 * cancelled) has started, Paris time: nothing in the future counts as held.
 * With `expected` (the revision the form opened from), a record changed meanwhile
 * is not overwritten (StaleRecordError).
 */
export async function updateWorkshop(id: string, form: WorkshopForm, now = new Date(), expected?: Revision): Promise<Workshop> {
  const db = getDb();
  const errors: WorkshopFormErrors = workshopFormErrors(form);
  return db.transaction('rw', db.workshops, db.sessions, db.registrations, async () => {
    const before = await db.workshops.get(id);
    if (!before) throw new Error(`workshop ${id} not found`);
    assertRevision(before, expected);
    const fields = workshopFieldsOf(form);
    // Only a lowered capacity is judged: walk-ins never count, and a workshop already
    // over its places (older records) can still be saved for its other fields.
    if (!errors.capacity && fields.capacity < before.capacity) {
      const taken = busiestScopeCount(await db.registrations.where('workshopId').equals(id).toArray());
      if (fields.capacity < taken) errors.capacity = 'workshop.error.capacityBelowRegistered';
    }
    const sessions = await sessionsOf(id);
    if (!errors.periodStart && !errors.periodEnd) {
      const outside = sessions.some((s) => (fields.periodStart && s.start.slice(0, 10) < fields.periodStart) || (fields.periodEnd && s.start.slice(0, 10) > fields.periodEnd));
      if (outside) errors.periodEnd = 'workshop.error.sessionsOutsidePeriod';
    }
    if (!errors.status && fields.status === 'realise' && before.status !== 'realise') {
      const starts = sessions.filter((s) => !s.cancelled).map((s) => s.start).sort();
      if (starts.length === 0) errors.status = 'dates.status.realiseNoSession';
      else if (!canBeDone(starts.at(-1) ?? null, now)) errors.status = 'dates.status.realiseRefused';
    }
    if (Object.keys(errors).length > 0) throw new FormError<keyof WorkshopForm>(errors);
    const after = workshopSchema.parse(touchRecord(before, fields));
    await db.workshops.put(after);
    if (calendarFieldsChanged(before, after)) await db.sessions.bulkPut(sessions.map((s) => touchRecord(s, { sequence: s.sequence + 1 })));
    return after;
  });
}

/** Saves the déroulé; with `expected` (the revision the tab started from), a workshop saved meanwhile elsewhere is not overwritten (StaleRecordError). */
export async function saveAgenda(id: string, steps: readonly AgendaStep[], expected?: Revision): Promise<Workshop> {
  const parsed = z.array(agendaStepSchema).parse(steps.map((s) => ({ ...s, title: s.title.trim() })));
  const db = getDb();
  return db.transaction('rw', db.workshops, async () => {
    const before = await db.workshops.get(id);
    if (!before) throw new Error(`workshop ${id} not found`);
    assertRevision(before, expected);
    const after = touchRecord(before, { agenda: parsed });
    await db.workshops.put(after);
    return after;
  });
}

/** Saves the checklist; with `expected` (the revision the tab started from), a workshop saved meanwhile elsewhere is not overwritten (StaleRecordError). */
export async function saveMaterials(id: string, items: readonly MaterialItem[], notes: string, expected?: Revision): Promise<Workshop> {
  const parsed = z.array(materialItemSchema).parse(items.map((i) => ({ ...i, label: i.label.trim() })));
  const db = getDb();
  return db.transaction('rw', db.workshops, async () => {
    const before = await db.workshops.get(id);
    if (!before) throw new Error(`workshop ${id} not found`);
    assertRevision(before, expected);
    const after = touchRecord(before, { materials: parsed, materialsNotes: notes.slice(0, 5000) });
    await db.workshops.put(after);
    return after;
  });
}

/** Keeps the workshop's firstDate/lastDate in step with its sessions (inside the caller's transaction). */
async function refreshDates(workshopId: string): Promise<void> {
  const db = getDb();
  const workshop = await db.workshops.get(workshopId);
  if (!workshop) return;
  const dates = datesOf(await sessionsOf(workshopId));
  if (dates.firstDate !== workshop.firstDate || dates.lastDate !== workshop.lastDate) await db.workshops.put(touchRecord(workshop, dates));
}

function checkSession(form: SessionForm, workshop: Workshop): void {
  const errors: SessionFormErrors = sessionFormErrors(form, workshop);
  if (Object.keys(errors).length > 0) throw new FormError<keyof SessionForm>(errors);
}

export async function addSession(workshopId: string, form: SessionForm): Promise<WorkshopSession> {
  const db = getDb();
  return db.transaction('rw', db.workshops, db.sessions, async () => {
    const workshop = await db.workshops.get(workshopId);
    if (!workshop) throw new Error(`workshop ${workshopId} not found`);
    checkSession(form, workshop);
    const session = sessionSchema.parse(createRecord<WorkshopSession>({ workshopId, ...sessionSlot(form), sequence: 0, cancelled: false }));
    await db.sessions.add(session);
    await refreshDates(workshopId);
    return session;
  });
}

/** A new slot for a session: SEQUENCE grows so calendars replace their copy. */
/** Moves a session; with `expected` (the revision its form opened from), a session saved meanwhile elsewhere is not overwritten (StaleRecordError). */
export async function updateSession(sessionId: string, form: SessionForm, expected?: Revision): Promise<WorkshopSession> {
  const db = getDb();
  return db.transaction('rw', db.workshops, db.sessions, async () => {
    const before = await db.sessions.get(sessionId);
    if (!before) throw new Error(`session ${sessionId} not found`);
    assertRevision(before, expected);
    const workshop = await db.workshops.get(before.workshopId);
    if (!workshop) throw new Error(`workshop ${before.workshopId} not found`);
    checkSession(form, workshop);
    const slot = sessionSlot(form);
    if (slot.start === before.start && slot.end === before.end) return before;
    const after = sessionSchema.parse(touchRecord(before, { ...slot, sequence: before.sequence + 1 }));
    await db.sessions.put(after);
    await refreshDates(before.workshopId);
    return after;
  });
}

export async function setSessionCancelled(sessionId: string, cancelled: boolean): Promise<WorkshopSession> {
  const db = getDb();
  return db.transaction('rw', db.sessions, async () => {
    const before = await db.sessions.get(sessionId);
    if (!before) throw new Error(`session ${sessionId} not found`);
    if (before.cancelled === cancelled) return before;
    const after = touchRecord(before, { cancelled, sequence: before.sequence + 1 });
    await db.sessions.put(after);
    return after;
  });
}

export async function deleteSession(sessionId: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.workshops, db.sessions, async () => {
    const before = await db.sessions.get(sessionId);
    if (!before) return;
    await db.sessions.put(softDelete(before));
    await refreshDates(before.workshopId);
  });
}

/** Soft delete: the workshop goes to the bin with its sessions and registrations untouched. */
export async function deleteWorkshop(id: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.workshops, async () => {
    const before = await db.workshops.get(id);
    if (before && before.deletedAt === null) await db.workshops.put(softDelete(before));
  });
}

export async function restoreWorkshop(id: string): Promise<void> {
  const db = getDb();
  await db.transaction('rw', db.workshops, async () => {
    const before = await db.workshops.get(id);
    if (before && before.deletedAt !== null) await db.workshops.put(restoreDeleted(before));
  });
}

/** A copy of the plan (déroulé, checklist unticked, questions) without dates, sessions or registrations. */
export function copyOf(source: Workshop, changes: Partial<Workshop>): Workshop {
  const { id: _id, createdAt: _c, updatedAt: _u, deletedAt: _d, rev: _r, ...fields } = source;
  return workshopSchema.parse(
    createRecord<Workshop>({
      ...fields,
      agenda: source.agenda.map((step) => ({ ...step, id: newId(), tutorialIds: [...step.tutorialIds] })),
      materials: source.materials.map((m) => ({ ...m, id: newId(), checked: false })),
      evaluationQuestions: source.evaluationQuestions.map((q) => ({ ...q })),
      status: 'brouillon',
      firstDate: null,
      lastDate: null,
      periodStart: null,
      periodEnd: null,
      ...changes,
    }),
  );
}

export async function duplicateWorkshop(id: string, titleSuffix: string): Promise<Workshop> {
  const source = await getDb().workshops.get(id);
  if (!source) throw new Error(`workshop ${id} not found`);
  const copy = copyOf(source, { title: `${source.title} ${titleSuffix}`.slice(0, 200) });
  await getDb().workshops.add(copy);
  return copy;
}

export async function saveAsTemplate(id: string): Promise<Workshop> {
  const source = await getDb().workshops.get(id);
  if (!source) throw new Error(`workshop ${id} not found`);
  const template = copyOf(source, { isTemplate: true, templateId: null });
  await getDb().workshops.add(template);
  return template;
}

/** A workshop of the programme from a template, with its first session when a slot is given. */
export async function createFromTemplate(templateId: string, slot: SessionForm | null): Promise<Workshop> {
  const db = getDb();
  const template = await db.workshops.get(templateId);
  if (!template || !template.isTemplate) throw new Error(`template ${templateId} not found`);
  if (slot) {
    const errors = sessionFormErrors(slot, {});
    if (Object.keys(errors).length > 0) throw new FormError<keyof SessionForm>(errors);
  }
  return db.transaction('rw', db.workshops, db.sessions, async () => {
    const workshop = copyOf(template, { isTemplate: false, templateId });
    await db.workshops.add(workshop);
    if (!slot) return workshop;
    const session = sessionSchema.parse(createRecord<WorkshopSession>({ workshopId: workshop.id, ...sessionSlot(slot), sequence: 0, cancelled: false }));
    await db.sessions.add(session);
    await refreshDates(workshop.id);
    return (await db.workshops.get(workshop.id)) ?? workshop;
  });
}

/**
 * Forms of the planning screens as the user types them (strings), and their
 * checks. Every error is a message key shown at its field; nothing is saved
 * until the whole form is valid.
 */
import { z } from 'zod';
import { email, isoDate } from '../../domain/common';
import { workshopStatusSchema, type Workshop, type WorkshopSession } from '../../domain/workshops';
import type { MessageKey } from '../../i18n';
import { minutesBetween } from './rules';

export interface WorkshopForm {
  title: string;
  theme: string;
  description: string;
  objectives: string;
  audience: string[];
  prerequisites: string;
  format: Workshop['format'];
  communeInsee: string;
  communeName: string;
  postalCode: string;
  address: string;
  room: string;
  capacity: string;
  /** one name per line */
  animators: string;
  status: Workshop['status'];
  accessibility: string;
  contact: string;
  periodStart: string;
  periodEnd: string;
}

export type WorkshopFormErrors = Partial<Record<keyof WorkshopForm, MessageKey>>;

export function emptyWorkshopForm(animator = ''): WorkshopForm {
  return {
    title: '',
    theme: '',
    description: '',
    objectives: '',
    audience: [],
    prerequisites: '',
    format: 'collectif',
    communeInsee: '',
    communeName: '',
    postalCode: '',
    address: '',
    room: '',
    // DOMAIN.md: group size not found in sources; 8-12 people is the usual default
    capacity: '12',
    animators: animator,
    status: 'brouillon',
    accessibility: '',
    contact: '',
    periodStart: '',
    periodEnd: '',
  };
}

export function formOfWorkshop(w: Workshop): WorkshopForm {
  return {
    title: w.title,
    theme: w.theme,
    description: w.description,
    objectives: w.objectives,
    audience: [...w.audience],
    prerequisites: w.prerequisites,
    format: w.format,
    communeInsee: w.place.communeInsee,
    communeName: w.place.communeName,
    postalCode: '',
    address: w.place.address,
    room: w.place.room,
    capacity: String(w.capacity),
    animators: w.animators.join('\n'),
    status: w.status,
    accessibility: w.accessibility,
    contact: w.contact,
    periodStart: w.periodStart ?? '',
    periodEnd: w.periodEnd ?? '',
  };
}

/** Every word with an "@" in the contact must be an e-mail address ("OT Pau, accueil@ot-pau.fr, 05…"). */
export function contactHasBadEmail(contact: string): boolean {
  return contact
    .split(/[\s,;]+/)
    .map((word) => word.replace(/^[<(]+|[>).:]+$/g, ''))
    .filter((word) => word.includes('@'))
    .some((word) => !email.safeParse(word).success);
}

const capacityNumber = z.coerce.number().int().min(1).max(1000);

/** The synchronous checks of the workshop form. */
export function workshopFormErrors(form: WorkshopForm): WorkshopFormErrors {
  const errors: WorkshopFormErrors = {};
  if (!form.title.trim()) errors.title = 'workshop.error.title';
  else if (form.title.trim().length > 200) errors.title = 'workshop.error.titleLong';
  if (!/^\d+$/.test(form.capacity.trim()) || !capacityNumber.safeParse(form.capacity.trim()).success) errors.capacity = 'workshop.error.capacity';
  if (!workshopStatusSchema.safeParse(form.status).success) errors.status = 'workshop.error.status';
  if (contactHasBadEmail(form.contact)) errors.contact = 'workshop.error.contactEmail';
  if (form.periodStart && !isoDate.safeParse(form.periodStart).success) errors.periodStart = 'workshop.error.date';
  if (form.periodEnd && !isoDate.safeParse(form.periodEnd).success) errors.periodEnd = 'workshop.error.date';
  if (!errors.periodStart && !errors.periodEnd && form.periodStart && form.periodEnd && form.periodEnd < form.periodStart) errors.periodEnd = 'workshop.error.periodOrder';
  return errors;
}

/** The fields of a workshop record from a valid form. */
export function workshopFieldsOf(form: WorkshopForm): Pick<
  Workshop,
  'title' | 'theme' | 'description' | 'objectives' | 'audience' | 'prerequisites' | 'format' | 'place' | 'capacity' | 'animators' | 'status' | 'accessibility' | 'contact' | 'periodStart' | 'periodEnd'
> {
  return {
    title: form.title.trim(),
    theme: form.theme,
    description: form.description.trim(),
    objectives: form.objectives.trim(),
    audience: form.audience,
    prerequisites: form.prerequisites.trim(),
    format: form.format,
    place: { communeInsee: form.communeInsee, communeName: form.communeName, address: form.address.trim(), room: form.room.trim() },
    capacity: Number(form.capacity.trim()),
    animators: form.animators
      .split(/\n|,/)
      .map((n) => n.trim())
      .filter(Boolean),
    status: form.status,
    accessibility: form.accessibility.trim(),
    contact: form.contact.trim(),
    periodStart: form.periodStart || null,
    periodEnd: form.periodEnd || null,
  };
}

export interface SessionForm {
  date: string;
  startTime: string;
  endTime: string;
}
export type SessionFormErrors = Partial<Record<keyof SessionForm, MessageKey>>;

const time = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Checks of a session slot, including the workshop's optional date range. */
export function sessionFormErrors(form: SessionForm, period: { periodStart?: string | null | undefined; periodEnd?: string | null | undefined }): SessionFormErrors {
  const errors: SessionFormErrors = {};
  if (!isoDate.safeParse(form.date).success) errors.date = 'session.error.date';
  if (!time.test(form.startTime)) errors.startTime = 'session.error.time';
  if (!time.test(form.endTime)) errors.endTime = 'session.error.time';
  if (!errors.startTime && !errors.endTime && form.endTime <= form.startTime) errors.endTime = 'session.error.endBeforeStart';
  if (!errors.date) {
    if (period.periodStart && form.date < period.periodStart) errors.date = 'session.error.outsidePeriod';
    if (period.periodEnd && form.date > period.periodEnd) errors.date = 'session.error.outsidePeriod';
  }
  return errors;
}

export function sessionSlot(form: SessionForm): Pick<WorkshopSession, 'start' | 'end'> {
  return { start: `${form.date}T${form.startTime}`, end: `${form.date}T${form.endTime}` };
}

export function formOfSession(s: Pick<WorkshopSession, 'start' | 'end'>): SessionForm {
  return { date: s.start.slice(0, 10), startTime: s.start.slice(11, 16), endTime: s.end.slice(11, 16) };
}

/** Sanity for slots coming from elsewhere (templates, programme): positive length. */
export const isValidSlot = (s: Pick<WorkshopSession, 'start' | 'end'>) => minutesBetween(s.start, s.end) > 0;

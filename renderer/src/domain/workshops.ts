/** Workshops (ateliers), their sessions, registrations and evaluations. */
import { z } from 'zod';
import { baseRecordSchema } from '../db/records';
import { isoDate, localDateTime, placeSchema } from './common';
import { contactsField } from './contacts';

export const workshopStatusSchema = z.enum(['brouillon', 'publie', 'complet', 'realise', 'annule']);
export type WorkshopStatus = z.infer<typeof workshopStatusSchema>;

export const agendaStepSchema = z.object({
  id: z.string(),
  title: z.string().min(1).max(200),
  minutes: z.number().int().min(0).max(24 * 60),
  objective: z.string().max(2000),
  method: z.string().max(2000),
  material: z.string().max(2000),
  tutorialIds: z.array(z.string()),
});
export type AgendaStep = z.infer<typeof agendaStepSchema>;

export const materialItemSchema = z.object({
  id: z.string(),
  label: z.string().min(1).max(200),
  checked: z.boolean(),
  /** e.g. "demander la clé du placard à la mairie" */
  note: z.string().max(500).optional(),
});
export type MaterialItem = z.infer<typeof materialItemSchema>;

export const evaluationQuestionSchema = z.object({
  id: z.string(),
  label: z.string().min(1).max(300),
  kind: z.enum(['scale', 'text']),
});
export type EvaluationQuestion = z.infer<typeof evaluationQuestionSchema>;

export const workshopSchema = baseRecordSchema.extend({
  title: z.string().min(1, 'titre obligatoire').max(200),
  theme: z.string().max(60),
  description: z.string().max(20_000),
  objectives: z.string().max(5000),
  audience: z.array(z.string().max(60)),
  prerequisites: z.string().max(5000),
  format: z.enum(['collectif', 'individuel']),
  place: placeSchema,
  capacity: z.number().int().min(1, 'au moins une place').max(1000),
  animators: z.array(z.string().max(200)),
  status: workshopStatusSchema,
  accessibility: z.string().max(5000),
  contact: z.string().max(500),
  agenda: z.array(agendaStepSchema),
  materials: z.array(materialItemSchema),
  materialsNotes: z.string().max(5000),
  evaluationQuestions: z.array(evaluationQuestionSchema),
  /** a template is a model to build programmes from, never scheduled itself */
  isTemplate: z.boolean(),
  templateId: z.string().nullable(),
  /** first and last session dates, kept in step with the sessions for indexed period filters */
  firstDate: isoDate.nullable(),
  lastDate: isoDate.nullable(),
  /** optional date range the sessions must fall in (e.g. a funded programme's dates) */
  periodStart: isoDate.nullable().optional(),
  periodEnd: isoDate.nullable().optional(),
  /** 'cycle' (default, also when absent): one registration for every session; 'session': people choose sessions, `capacity` places each */
  registrationMode: z.enum(['cycle', 'session']).optional(),
});
export type Workshop = z.infer<typeof workshopSchema>;

export const sessionSchema = baseRecordSchema.extend({
  workshopId: z.string(),
  start: localDateTime,
  end: localDateTime,
  /** RFC 5545 SEQUENCE: grows on every change to the slot */
  sequence: z.number().int().nonnegative(),
  cancelled: z.boolean(),
});
export type WorkshopSession = z.infer<typeof sessionSchema>;

export const registrationStatusSchema = z.enum(['inscrit', 'attente', 'annule', 'excuse']);
export type RegistrationStatus = z.infer<typeof registrationStatusSchema>;
export const registrationSchema = baseRecordSchema.extend({
  workshopId: z.string(),
  personId: z.string(),
  status: registrationStatusSchema,
  /** convocations and reminders sent, dated, oldest first */
  contacts: contactsField,
  /** order on the waiting list (lower first) */
  waitRank: z.number().int().nonnegative(),
  history: z.array(z.object({ status: registrationStatusSchema, at: z.string().datetime() })),
  /** per-session registration: the session chosen; null or absent = the whole workshop (cycle) */
  sessionId: z.string().nullable().optional(),
  /** came on the day without registering (« sur place »): counted apart from the capacity */
  walkIn: z.boolean().optional(),
});
export type Registration = z.infer<typeof registrationSchema>;

/** 'telephone': collected on the participants' phones over the local network (electron/lib/collect-server.ts) */
export const evaluationSourceSchema = z.enum(['ecran', 'papier', 'telephone']);
export type EvaluationSource = z.infer<typeof evaluationSourceSchema>;

export const evaluationSchema = baseRecordSchema.extend({
  /** 'workshop' or 'module' (cohorts reuse the same evaluations) */
  context: z.enum(['workshop', 'module', 'cohort']),
  /** workshop id, module id or cohort id */
  subjectId: z.string(),
  personId: z.string().nullable(),
  kind: z.enum(['chaud', 'froid']),
  answers: z.record(z.string(), z.union([z.number(), z.string()])),
  submittedAt: z.string().datetime().nullable(),
  /** filled on the laptop passed around, typed in from a paper form, or sent from the person's own phone */
  source: evaluationSourceSchema.default('ecran'),
  /** the name a person absent from the session's list typed on their phone (personId is then null) */
  respondentName: z.string().max(120).optional(),
  /** for à froid follow-ups: when it is due and the reminders sent */
  dueDate: isoDate.nullable(),
  remindersSent: z.array(z.string().datetime()),
  /** the same reminders with their channel (drafts, mailto:), oldest first */
  contacts: contactsField,
  /** earlier answers of this person's form, kept when it is corrected (oldest first) */
  history: z
    .array(
      z.object({
        answers: z.record(z.string(), z.union([z.number(), z.string()])),
        submittedAt: z.string().datetime().nullable(),
        source: evaluationSourceSchema,
        replacedAt: z.string().datetime(),
      }),
    )
    .optional(),
});
export type Evaluation = z.infer<typeof evaluationSchema>;

/** Promotions (cohorts), their modules, sessions and enrolments. */
import { z } from 'zod';
import { baseRecordSchema } from '../db/records';
import { halfDaySchema, isoDate } from './common';
import { contactsField } from './contacts';

export const cohortStatusSchema = z.enum(['prevue', 'en-cours', 'terminee']);

export type CohortStatus = z.infer<typeof cohortStatusSchema>;

export const cohortSchema = baseRecordSchema.extend({
  number: z.number().int().min(1),
  nickname: z.string().max(200),
  /** current region code (18 regions) */
  regionCode: z.string().max(3),
  /** pre-2016 region code when the cohort ran in an old region, else null */
  oldRegionCode: z.string().max(3).nullable(),
  organiser: z.string().max(200),
  trainingBody: z.string().max(200),
  trainers: z.array(z.string().max(200)),
  startDate: isoDate,
  endDate: isoDate,
  places: z.array(z.string().max(300)),
  status: cohortStatusSchema,
  targetPath: z.string().max(300),
  /** percentage of planned hours under which a person is flagged at risk */
  riskThresholdPercent: z.number().min(0).max(100),
  /** nature of the training on the attestation (e.g. "Action de formation"); the default text is used when absent */
  nature: z.string().max(300).optional(),
  /** who to contact, printed on convocations */
  contact: z.string().max(500).optional(),
  /** access rules and accessibility, printed on convocations */
  accessInfo: z.string().max(2000).optional(),
  /**
   * run by a declared training body: the end document is the certificat de réalisation
   * (Ministry model, NDA required); false: a plain attestation de fin de formation.
   * Absent means true.
   */
  legalForm: z.boolean().optional(),
});
export type Cohort = z.infer<typeof cohortSchema>;

export const moduleSchema = baseRecordSchema.extend({
  cohortId: z.string(),
  order: z.number().int().nonnegative(),
  title: z.string().min(1).max(200),
  objectives: z.string().max(5000),
  place: z.string().max(300),
  trainer: z.string().max(200),
  tutorialIds: z.array(z.string()),
  /** free assessment criteria set by the trainer */
  criteria: z.array(z.object({ id: z.string(), label: z.string().max(300) })),
  evaluationPlanned: z.boolean(),
});
export type CohortModule = z.infer<typeof moduleSchema>;

export const moduleSessionSchema = baseRecordSchema.extend({
  moduleId: z.string(),
  cohortId: z.string(),
  date: isoDate,
  halfDay: halfDaySchema,
  start: z.string().regex(/^\d{2}:\d{2}$/),
  end: z.string().regex(/^\d{2}:\d{2}$/),
  hours: z.number().min(0).max(12),
  /** RFC 5545 SEQUENCE of the session's event: raised when its day or times change (absent: 0) */
  sequence: z.number().int().nonnegative().optional(),
});
export type ModuleSession = z.infer<typeof moduleSessionSchema>;

export const enrolmentStatusSchema = z.enum(['en-cours', 'termine', 'certifie', 'abandon']);
export type EnrolmentStatus = z.infer<typeof enrolmentStatusSchema>;

export const enrolmentSchema = baseRecordSchema.extend({
  cohortId: z.string(),
  animatorId: z.string(),
  status: enrolmentStatusSchema,
  withdrawnAt: isoDate.nullable(),
  withdrawReason: z.string().max(1000),
  /** criterion id -> validated */
  assessments: z.record(z.string(), z.boolean()),
  completedAt: isoDate.nullable(),
  /** convocations (per module) and reminders (per session) sent, dated, oldest first */
  contacts: contactsField,
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

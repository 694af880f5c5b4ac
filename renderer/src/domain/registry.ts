/** Animators (ANT) of the regional registry. */
import { z } from 'zod';
import { baseRecordSchema } from '../db/records';
import { consentSchema, isoDate, optionalEmail } from './common';

export const structureTypes = ['office-tourisme', 'pays-touristique', 'cdt-adt', 'crt', 'cci', 'autre'] as const;
export const structureTypeSchema = z.enum(structureTypes);
export type StructureType = z.infer<typeof structureTypeSchema>;

export const trainingStatuses = ['en-formation', 'forme', 'certifie', 'abandon', 'parti'] as const;
export const trainingStatusSchema = z.enum(trainingStatuses);
export type TrainingStatus = z.infer<typeof trainingStatusSchema>;

export const animatorSchema = baseRecordSchema.extend({
  firstName: z.string().min(1, 'prénom obligatoire').max(100),
  lastName: z.string().min(1, 'nom obligatoire').max(100),
  email: optionalEmail,
  phone: z.string().max(40),
  structureName: z.string().max(200),
  structureType: structureTypeSchema,
  jobTitle: z.string().max(200),
  communeInsee: z.string().max(5),
  communeName: z.string().max(200),
  postalCode: z.string().max(5),
  departmentCode: z.string().max(3),
  regionCode: z.string().max(3),
  status: trainingStatusSchema,
  cohortId: z.string().nullable(),
  trainingStart: isoDate.nullable(),
  trainingEnd: isoDate.nullable(),
  /** year the person was trained (end of training), for the trend per year */
  trainedYear: z.number().int().min(2000).max(2100).nullable(),
  specialities: z.array(z.string().max(60)).max(50),
  languages: z.array(z.string().max(40)).max(20),
  notes: z.string().max(20_000),
  consent: consentSchema,
  lastContactAt: isoDate.nullable(),
  /** folded words of names, structure and commune, for prefix search (multi-entry index) */
  tokens: z.array(z.string()),
  /** folded "lastname firstname", for sorting and duplicate detection */
  sortName: z.string(),
});
export type Animator = z.infer<typeof animatorSchema>;

/** Providers and participants of workshops (the local directory). */
import { z } from 'zod';
import { baseRecordSchema } from '../db/records';
import { consentSchema, optionalEmail } from './common';

export const businessTypes = [
  'hebergement',
  'camping',
  'meuble-gite',
  'chambre-hotes',
  'restauration',
  'site-visite',
  'activite-loisir',
  'commerce',
  'office-tourisme',
  'collectivite',
  'autre',
] as const;

export const providerSchema = baseRecordSchema.extend({
  firstName: z.string().max(100),
  lastName: z.string().min(1, 'nom obligatoire').max(100),
  structure: z.string().max(200),
  businessType: z.enum(businessTypes),
  communeInsee: z.string().max(5),
  communeName: z.string().max(200),
  email: optionalEmail,
  phone: z.string().max(40),
  consent: consentSchema,
  notes: z.string().max(10_000),
  lastContactAt: z.string().datetime().nullable(),
  /** folded words of names, structure and commune, for prefix search */
  tokens: z.array(z.string()),
  /** folded "lastname firstname" for sorting and duplicate detection */
  sortName: z.string(),
});
export type Provider = z.infer<typeof providerSchema>;

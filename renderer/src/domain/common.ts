/** Small schemas shared by several aggregates. */
import { z } from 'zod';

/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date attendue au format AAAA-MM-JJ')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
  }, 'date inexistante');

/** A local date-time in Europe/Paris, YYYY-MM-DDTHH:mm. */
export const localDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'date et heure attendues (AAAA-MM-JJTHH:MM)')
  .refine((s) => isoDate.safeParse(s.slice(0, 10)).success && Number(s.slice(11, 13)) < 24 && Number(s.slice(14, 16)) < 60, 'date ou heure inexistante');

export const email = z.string().trim().max(254).email('adresse e-mail invalide');
export const optionalEmail = z.union([z.literal(''), email]);

/** Where something happens or someone works: a commune from the official list. */
export const placeSchema = z.object({
  communeInsee: z.string().regex(/^(\d{5}|2[AB]\d{3})$/).or(z.literal('')),
  communeName: z.string().max(200),
  address: z.string().max(300).default(''),
  room: z.string().max(200).default(''),
});
export type Place = z.infer<typeof placeSchema>;

export const consentSchema = z.object({
  given: z.boolean(),
  /** ISO date of consent or of its withdrawal */
  date: isoDate.nullable(),
  /** legal basis or purpose, e.g. "invitations aux ateliers" */
  purpose: z.string().max(200).default(''),
});
export type Consent = z.infer<typeof consentSchema>;

export const halfDaySchema = z.enum(['matin', 'apres-midi']);
export type HalfDay = z.infer<typeof halfDaySchema>;

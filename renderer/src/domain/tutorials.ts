import { z } from 'zod';
import { baseRecordSchema } from '../db/records';
import { isoDate } from './common';

export const tutorialThemes = [
  'reseaux-sociaux',
  'e-reputation',
  'google-business-profile',
  'photo-image',
  'site-web',
  'newsletter',
  'reservation',
  'donnees-ouvertes',
  'mesure-audience',
  'ia-generative',
  'cybersecurite',
  'wifi-territorial',
  'metier-ant',
] as const;
export const tutorialThemeSchema = z.enum(tutorialThemes);
export type TutorialTheme = z.infer<typeof tutorialThemeSchema>;
export const tutorialLevelSchema = z.enum(['debutant', 'intermediaire', 'avance']);
export const tutorialAudienceSchema = z.enum(['animateur', 'prestataire', 'both']);

/** The front matter of a tutorial file (bundled or user-written). */
export const tutorialMetaSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'identifiant en minuscules et tirets').max(80),
  title: z.string().min(3).max(160),
  summary: z.string().min(10).max(400),
  theme: tutorialThemeSchema,
  level: tutorialLevelSchema,
  duration: z.number().int().min(5).max(600),
  audience: tutorialAudienceSchema,
  tags: z.array(z.string().min(1).max(40)).min(1).max(12),
  reviewed: isoDate,
  version: z.number().int().min(1),
  changes: z.string().max(2000),
});
export type TutorialMeta = z.infer<typeof tutorialMetaSchema>;

/** A tutorial written by the user, or the user's own version of a bundled one. */
export const userTutorialSchema = baseRecordSchema.extend({
  meta: tutorialMetaSchema,
  body: z.string().max(2_000_000),
  /** id of the bundled tutorial this one overrides, if any */
  basedOn: z.string().nullable(),
});
export type UserTutorial = z.infer<typeof userTutorialSchema>;

export const readingStatusSchema = z.enum(['non-lu', 'lu', 'a-pratiquer']);
export const tutorialProgressSchema = baseRecordSchema.extend({
  tutorialId: z.string(),
  status: readingStatusSchema,
  favourite: z.boolean(),
  notes: z.string().max(100_000),
  lastReadAt: z.string().datetime().nullable(),
  /** bundled version last seen, for the "nouveau / mis à jour" badge */
  seenVersion: z.number().int().nonnegative(),
});
export type TutorialProgress = z.infer<typeof tutorialProgressSchema>;

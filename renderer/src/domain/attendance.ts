/** Attendance and signatures per half-day, shared by workshops and cohorts. */
import { z } from 'zod';
import { baseRecordSchema } from '../db/records';
import { halfDaySchema } from './common';

export const attendanceStatusSchema = z.enum(['present', 'absent', 'excuse']);
export type AttendanceStatus = z.infer<typeof attendanceStatusSchema>;

export const signatureSchema = z.object({
  /** PNG data URL of the drawn signature */
  image: z.string().startsWith('data:image/png;base64,').max(2_000_000),
  signedAt: z.string().datetime(),
  /** drawn on the screen, or a typed-name attestation for people who cannot draw (keyboard users) */
  method: z.enum(['drawn', 'typed']).default('drawn'),
});
export type Signature = z.infer<typeof signatureSchema>;

export const auditEntrySchema = z.object({
  at: z.string().datetime(),
  device: z.string(),
  action: z.enum(['status', 'signature', 'signature-replaced', 'signature-cleared', 'anonymised']),
  from: z.string().nullable(),
  to: z.string().nullable(),
  reason: z.string().max(500),
  /** the signature replaced or cleared by this change, kept whole as proof */
  previous: signatureSchema.nullable().default(null),
  /** entered after the session's day (a « saisie a posteriori »); `reason` says why */
  aPosteriori: z.boolean().optional(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const attendanceSchema = baseRecordSchema.extend({
  context: z.enum(['workshop', 'module']),
  /** a workshop session id or a module session id */
  sessionId: z.string(),
  halfDay: halfDaySchema,
  /** provider id (workshops) or animator id (cohorts); 'animateur' rows use the signer's name */
  personId: z.string(),
  role: z.enum(['participant', 'animateur']),
  personName: z.string().max(200),
  /** null: « non renseigné » (a mark taken back; the audit trail keeps it) */
  status: attendanceStatusSchema.nullable(),
  signature: signatureSchema.nullable(),
  /** the current mark or signature was entered after the session's day, for this reason */
  aPosteriori: z.object({ at: z.string().datetime(), reason: z.string().min(1).max(500) }).nullable().optional(),
  /** every change, never silently overwritten */
  audit: z.array(auditEntrySchema),
});
export type Attendance = z.infer<typeof attendanceSchema>;

/**
 * What was sent to a person about a workshop or a promotion module: the convocation,
 * the J-2 reminder, the à froid follow-up, each dated with its channel. Kept as a
 * list on the registration, enrolment or follow-up it concerns, never overwritten,
 * so « convocation envoyée le … » has its history.
 */
import { z } from 'zod';

export const contactKindSchema = z.enum(['convocation', 'rappel', 'relance']);
export type ContactKind = z.infer<typeof contactKindSchema>;

/** an .eml draft saved, a mailto: link opened, or marked by hand (a letter, a phone call) */
export const contactChannelSchema = z.enum(['eml', 'mailto', 'manuel']);
export type ContactChannel = z.infer<typeof contactChannelSchema>;

export const contactEntrySchema = z.object({
  kind: contactKindSchema,
  channel: contactChannelSchema,
  at: z.string().datetime(),
  /** what it was about: a workshop, a module, or one session (reminders) */
  subjectId: z.string().min(1).max(64),
});
export type ContactEntry = z.infer<typeof contactEntrySchema>;

/** The optional field carried by registrations, enrolments and follow-ups. */
export const contactsField = z.array(contactEntrySchema).max(500).optional();

/**
 * The latest entry of a kind about a subject, made at or before `now`: an entry
 * dated in the future (a machine's clock ahead) does not count as sent.
 */
export function lastContact(entries: readonly ContactEntry[] | undefined, kind: ContactKind, subjectId: string, now: Date): ContactEntry | null {
  const limit = now.toISOString();
  let found: ContactEntry | null = null;
  for (const e of entries ?? []) if (e.kind === kind && e.subjectId === subjectId && e.at <= limit && (!found || e.at > found.at)) found = e;
  return found;
}

export function withContact<T extends { contacts?: ContactEntry[] }>(record: T, entry: ContactEntry): ContactEntry[] {
  return [...(record.contacts ?? []), entry];
}

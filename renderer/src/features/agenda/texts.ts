/**
 * The words of the e-mails, as plain text: the convocation (the same facts as the
 * printed one: dates and clock times, place and access, prerequisites, contact,
 * objectives, programme with clock times), the J-2 reminder, for a workshop or a
 * promotion module. Every sentence comes from the message files.
 */
import type { Cohort, CohortModule, ModuleSession } from '../../domain/cohorts';
import type { Workshop, WorkshopSession } from '../../domain/workshops';
import type { Translate } from '../../i18n';
import { clockTime, longDay } from '../../shared/attendance/dateRuleText';
import type { Organisation } from '../settings/organisation';
import { cohortTitle } from '../promotions/labels';
import { placeText, timedAgenda } from '../workshops/registrations/Convocation';

export interface MailText {
  subject: string;
  body: string;
}

const timeOf = (localDateTime: string) => localDateTime.slice(11, 16);

function field(t: Translate, label: string, value: string): string {
  return t('agenda.mail.field', { label, value });
}

/** « Camille Etcheverry, animatrice » / the organisation's name. */
function signature(organisation: Organisation, fallback: string): string {
  const who = [organisation.signatoryName, organisation.signatoryRole].filter(Boolean).join(', ');
  return [who || fallback, organisation.name].filter(Boolean).join('\n');
}

function contactOf(explicit: string | undefined, organisation: Organisation): string {
  return explicit?.trim() || [organisation.phone, organisation.email].filter(Boolean).join(' · ') || '—';
}

export function workshopConvocationText(t: Translate, locale: string, input: { workshop: Workshop; sessions: readonly WorkshopSession[]; name: string; organisation: Organisation; sender: string }): MailText {
  const { workshop: w, organisation } = input;
  const held = input.sessions.filter((s) => !s.cancelled);
  const first = held[0];
  const lines: string[] = [t('print.convocation.salutation', { name: input.name }), '', t('convocation.intro', { title: w.title }), '', `${t('convocation.when')}${t('agenda.mail.colon')}`];
  for (const s of held) lines.push(`- ${t('print.convocation.slot', { day: longDay(locale, s.start), start: clockTime(locale, timeOf(s.start)), end: clockTime(locale, timeOf(s.end)) })}`);
  lines.push(field(t, t('sheet.place'), placeText(w) || '—'));
  if (w.accessibility.trim()) lines.push(field(t, t('print.convocation.access'), w.accessibility.trim()));
  if (w.prerequisites.trim()) lines.push(field(t, t('convocation.prerequisites'), w.prerequisites.trim()));
  lines.push(field(t, t('convocation.contact'), contactOf(w.contact, organisation)));
  if (w.objectives.trim()) lines.push('', `${t('convocation.objectives')}${t('agenda.mail.colon')}`, w.objectives.trim());
  if (w.agenda.length > 0 && first) {
    lines.push('', `${t('convocation.programme')}${t('agenda.mail.colon')}`);
    for (const { step, from, to } of timedAgenda(w.agenda, timeOf(first.start))) lines.push(`${t('print.convocation.clock', { start: clockTime(locale, from), end: clockTime(locale, to) })}  ${step.title}`);
  } else if (w.description.trim()) lines.push('', `${t('convocation.programme')}${t('agenda.mail.colon')}`, w.description.trim());
  lines.push('', t('agenda.mail.icsJoined'), '', t('print.convocation.closing'), '', signature(organisation, input.sender));
  const day = first ? longDay(locale, first.start) : '';
  return { subject: t('agenda.mail.convocation.subject', { title: w.title, day }), body: lines.join('\n') };
}

export function workshopReminderText(t: Translate, locale: string, input: { workshop: Workshop; session: WorkshopSession; name: string; organisation: Organisation; sender: string }): MailText {
  const { workshop: w, session: s, organisation } = input;
  const day = longDay(locale, s.start);
  const start = clockTime(locale, timeOf(s.start));
  const lines = [
    t('print.convocation.salutation', { name: input.name }),
    '',
    t('agenda.mail.reminder.intro', { title: w.title, day, start, end: clockTime(locale, timeOf(s.end)) }),
    field(t, t('sheet.place'), placeText(w) || '—'),
    '',
    t('agenda.mail.reminder.excuse', { contact: contactOf(w.contact, organisation) }),
    '',
    t('agenda.mail.icsJoined'),
    '',
    t('agenda.mail.reminder.closing'),
    '',
    signature(organisation, input.sender),
  ];
  return { subject: t('agenda.mail.reminder.subject', { title: w.title, day, start }), body: lines.join('\n') };
}

export interface ModuleMailInput {
  cohort: Cohort;
  module: CohortModule;
  /** the module's sessions, in order */
  sessions: readonly ModuleSession[];
  name: string;
  organisation: Organisation;
  sender: string;
}

const modulePlace = (input: Pick<ModuleMailInput, 'cohort' | 'module'>) => input.module.place || input.cohort.places[0] || '—';
const moduleTrainer = (input: Pick<ModuleMailInput, 'cohort' | 'module' | 'sender'>) => input.module.trainer || input.cohort.trainers[0] || input.sender;

function moduleSlotLine(t: Translate, locale: string, s: ModuleSession): string {
  return `- ${t('agenda.mail.moduleSlot', { day: longDay(locale, s.date), halfDay: t(s.halfDay === 'matin' ? 'attendance.halfDay.matin' : 'attendance.halfDay.apres-midi'), start: clockTime(locale, s.start), end: clockTime(locale, s.end) })}`;
}

export function moduleConvocationText(t: Translate, locale: string, input: ModuleMailInput): MailText {
  const { cohort, module, organisation } = input;
  const lines = [
    t('print.convocation.salutation', { name: input.name }),
    '',
    t('cohorts.convocation.intro', { cohort: cohortTitle(t, cohort), module: module.title }),
    '',
    `${t('convocation.when')}${t('agenda.mail.colon')}`,
    ...input.sessions.map((s) => moduleSlotLine(t, locale, s)),
    field(t, t('cohorts.convocation.place'), modulePlace(input)),
    field(t, t('cohorts.module.trainer'), moduleTrainer(input)),
    field(t, t('cohorts.convocation.access'), cohort.accessInfo?.trim() || t('cohorts.convocation.accessDefault')),
    field(t, t('cohorts.convocation.contact'), contactOf(cohort.contact, organisation) === '—' ? cohort.organiser || '—' : contactOf(cohort.contact, organisation)),
  ];
  if (module.objectives.trim()) lines.push('', `${t('convocation.objectives')}${t('agenda.mail.colon')}`, module.objectives.trim());
  lines.push('', t('agenda.mail.icsJoined'), '', t('cohorts.convocation.closing'), '', signature(organisation, input.sender));
  const first = input.sessions[0];
  return { subject: t('agenda.mail.moduleConvocation.subject', { cohort: cohortTitle(t, cohort), module: module.title, day: first ? longDay(locale, first.date) : '' }), body: lines.join('\n') };
}

export function moduleReminderText(t: Translate, locale: string, input: Omit<ModuleMailInput, 'sessions'> & { session: ModuleSession }): MailText {
  const { cohort, module, session: s, organisation } = input;
  const day = longDay(locale, s.date);
  const start = clockTime(locale, s.start);
  const lines = [
    t('print.convocation.salutation', { name: input.name }),
    '',
    t('agenda.mail.moduleReminder.intro', { module: module.title, cohort: cohortTitle(t, cohort), day, start, end: clockTime(locale, s.end) }),
    field(t, t('cohorts.convocation.place'), modulePlace(input)),
    field(t, t('cohorts.module.trainer'), moduleTrainer(input)),
    '',
    t('agenda.mail.reminder.excuse', { contact: contactOf(cohort.contact, organisation) }),
    '',
    t('agenda.mail.icsJoined'),
    '',
    t('cohorts.convocation.closing'),
    '',
    signature(organisation, input.sender),
  ];
  return { subject: t('agenda.mail.reminder.subject', { title: module.title, day, start }), body: lines.join('\n') };
}

import type { sessions as fr } from '../fr/sessions';

/** UI strings of registration per session, walk-ins, the public programme, reports that add up and public holidays. */
export const sessions: Record<keyof typeof fr, string> = {
  'field.registrationMode': 'registration mode',
  'field.walkIn': 'walk-in',

  'sessions.mode.legend': 'Registrations',
  'sessions.mode.cycle': 'For the whole workshop (every session)',
  'sessions.mode.session': 'Session by session ({capacity, plural, one {# place} other {# places}} each)',
  'sessions.mode.locked': 'To change the mode, nobody may be registered or waiting.',
  'sessions.mode.saved': 'Registration mode saved.',
  'sessions.session': 'Session',
  'sessions.sessionOption': '{day}, {start} – {end}: {registered} / {capacity}{waiting, plural, =0 {} other {, # waiting}}',
  'sessions.summary': "{registered, plural, one {# registered} other {# registered}}{walkIns, plural, =0 {} other { + # walk-ins}} for {capacity, plural, one {# place} other {# places}} — {left, plural, one {# place left} other {# places left}}, {waiting} on the waiting list.",
  'sessions.walkIn.badge': 'walk-in',
  'sessions.error.chooseSession': 'Choose the session: this workshop takes registrations session by session.',
  'sessions.error.modeLocked': 'People are registered or waiting: the registration mode can no longer change.',
};

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
  'sessions.walkIn.known': 'Already in the directory',
  'sessions.walkIn.addKnown': 'Add {name} and mark present',
  'sessions.walkIn.addKnown.short': 'Add and mark present',
  'sessions.walkIn.sameName': "{count, plural, one {Someone named {name} is already in the directory: pick them in the list below} other {# people named {name} are already in the directory: pick the right one in the list below}}, or create another record if it is not the same person.",
  'sessions.walkIn.createAnyway': 'Not the same person: create a new record',
  'sessions.newPerson.title': 'New person, registered for the workshop',
  'sessions.newPerson.submit': 'Create and register',
  'sessions.newPerson.createAnyway': 'Not the same person: create and register anyway',
  'sessions.col.registered': 'Registered / places',
  'sessions.list.counts': '{registered} / {capacity}{walkIns, plural, =0 {} other { + # walk-ins}}{waiting, plural, =0 {} other {, # waiting}}{perSession, select, yes { (per session)} other {}}',
};

/** UI strings of registration per session, walk-ins, the public programme, reports that add up and public holidays. */
export const sessions = {
  'field.registrationMode': 'mode d’inscription',
  'field.walkIn': 'venu sur place',

  'sessions.mode.legend': 'Inscriptions',
  'sessions.mode.cycle': 'À l’atelier entier (toutes les séances)',
  'sessions.mode.session': 'Séance par séance ({capacity, plural, one {# place} other {# places}} chacune)',
  'sessions.mode.locked': 'Pour changer de mode, il ne doit rester personne d’inscrit ni en liste d’attente.',
  'sessions.mode.saved': 'Mode d’inscription enregistré.',
  'sessions.session': 'Séance',
  'sessions.sessionOption': '{day}, {start} – {end} : {registered} / {capacity}{waiting, plural, =0 {} other {, # en attente}}',
  'sessions.summary': "{registered, plural, one {# inscrit} other {# inscrits}}{walkIns, plural, =0 {} other { + # sur place}} pour {capacity, plural, one {# place} other {# places}} — {left, plural, one {# place libre} other {# places libres}}, {waiting} en liste d’attente.",
  'sessions.walkIn.badge': 'sur place',
  'sessions.error.chooseSession': 'Choisissez la séance : cet atelier prend les inscriptions séance par séance.',
  'sessions.error.modeLocked': 'Des personnes sont inscrites ou en liste d’attente : le mode d’inscription ne peut plus changer.',
} as const;

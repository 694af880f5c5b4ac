/** UI strings of the save check on the remaining editors (French). */
export const revisions = {
  'revisions.agendaOrder': 'Ordre des étapes',
} as const;

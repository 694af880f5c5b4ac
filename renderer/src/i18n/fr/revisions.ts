/** UI strings of the save check on the remaining editors (French). */
export const revisions = {
  'revisions.materialsOrder': 'Ordre de la liste',
  'revisions.materialItem': 'Élément « {label} »',
  'revisions.checked': 'coché',
  'revisions.unchecked': 'non coché',
  'revisions.questionsOrder': 'Ordre des questions',
  'revisions.agendaOrder': 'Ordre des étapes',
} as const;

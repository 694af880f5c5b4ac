import type { revisions as fr } from '../fr/revisions';

/** UI strings of the save check on the remaining editors (English). */
export const revisions: Record<keyof typeof fr, string> = {
  'revisions.materialsOrder': 'Order of the list',
  'revisions.materialItem': 'Item « {label} »',
  'revisions.checked': 'ticked',
  'revisions.unchecked': 'not ticked',
  'revisions.questionsOrder': 'Order of the questions',
  'revisions.agendaOrder': 'Order of the steps',
};

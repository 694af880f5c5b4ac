import type { screenTables as fr } from '../fr/screenTables';

/** Column headers and captions of the tables moved onto ui/DataTable (import, promotions, safekeeping, settings) (English). */
export const screenTables: Record<keyof typeof fr, string> = {
  'tables.scrollDown': 'Scroll the table down',
  'tables.exchange.plan.caption': 'What the merge would change',
  'tables.exchange.plan.what': 'Change',
  'tables.exchange.plan.count': 'Count',
  'tables.shortcuts.keys': 'Keys',
  'tables.shortcuts.action': 'Action',
  'tables.conflict.caption': 'Both versions of “{title}”, field by field',
  'tables.importHistory.when': 'Date',
  'tables.importHistory.file': 'File',
  'tables.importHistory.created': 'Records created',
  'tables.importHistory.updated': 'Records updated',
  'tables.importHistory.undo': 'Undo',
};

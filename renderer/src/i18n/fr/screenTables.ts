/** Column headers and captions of the tables moved onto ui/DataTable (import, promotions, safekeeping, settings) (French). */
export const screenTables = {
  'tables.scrollDown': 'Faire défiler le tableau vers le bas',
  'tables.exchange.plan.caption': 'Ce que la fusion changerait',
  'tables.exchange.plan.what': 'Changement',
  'tables.exchange.plan.count': 'Nombre',
  'tables.shortcuts.keys': 'Touches',
  'tables.shortcuts.action': 'Action',
  'tables.conflict.caption': 'Les deux versions de « {title} », champ par champ',
  'tables.importHistory.when': 'Date',
  'tables.importHistory.file': 'Fichier',
  'tables.importHistory.created': 'Fiches créées',
  'tables.importHistory.updated': 'Fiches mises à jour',
  'tables.importHistory.undo': 'Annulation',
};

/** UI strings of the shared screen parts in renderer/src/ui (French). */
export const uiKit = {
  'ui.table.scrollHint': 'Faire défiler le tableau horizontalement',
  'ui.table.more': 'Autres colonnes',
  'ui.table.actions': 'Actions',
  'ui.toast.dismiss': 'Masquer le message',
  'ui.toast.region': 'Messages',
  'ui.combobox.more': 'Afficher plus ({count, number} sur {total, number})',
  'ui.combobox.none': 'Aucun résultat',
  'ui.tabs.label': 'Onglets de la fiche',
  'ui.print.page': 'Page {page, number} sur {pages, number}',
  // columns of screens moved onto the kit
  'animators.dup.pair': 'Fiches',
  'animators.dup.reason': 'Motif',
  'cohorts.nav.label': 'Sections des promotions',
  'cohorts.nav.list': 'Liste',
  'tl.nav.label': 'Sections des tutoriels',
  'tl.nav.library': 'Bibliothèque',
  'tl.nav.packs': 'Packs',
  'settings.nav.label': 'Sections des réglages',
} as const;

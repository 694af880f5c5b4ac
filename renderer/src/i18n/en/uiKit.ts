import type { uiKit as fr } from '../fr/uiKit';

/** UI strings of the shared screen parts in renderer/src/ui (English). */
export const uiKit: Record<keyof typeof fr, string> = {
  'ui.table.scrollHint': 'Scroll the table sideways',
  'ui.table.more': 'Other columns',
  'ui.table.actions': 'Actions',
  'ui.toast.dismiss': 'Dismiss the message',
  'ui.toast.region': 'Messages',
  'ui.combobox.more': 'Show more ({count, number} of {total, number})',
  'ui.combobox.none': 'No results',
  'ui.tabs.label': 'Record tabs',
  'ui.print.page': 'Page {page, number} of {pages, number}',
  // columns of screens moved onto the kit
  'animators.dup.pair': 'Records',
  'animators.dup.reason': 'Reason',
  'cohorts.nav.label': 'Cohort sections',
  'cohorts.nav.list': 'List',
  'tl.nav.label': 'Tutorial sections',
  'tl.nav.library': 'Library',
  'tl.nav.packs': 'Packs',
  'settings.nav.label': 'Settings sections',
} as const;

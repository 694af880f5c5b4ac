/** Message keys of the planning side's enumerations. */
import { tutorialThemes } from '../../domain/tutorials';
import { workshopStatusSchema, type WorkshopStatus } from '../../domain/workshops';
import { isMessageKey, type MessageKey, type Translate } from '../../i18n';
import type { PeriodPreset } from './rules';

export const workshopStatuses = workshopStatusSchema.options;

export const statusLabel: Record<WorkshopStatus, MessageKey> = {
  brouillon: 'workshop.status.brouillon',
  publie: 'workshop.status.publie',
  complet: 'workshop.status.complet',
  realise: 'workshop.status.realise',
  annule: 'workshop.status.annule',
};

/**
 * Workshop themes are the tutorial themes, named by the one list of theme labels
 * (the tutorial library's), so linked tutorials and workshops speak alike.
 */
export const workshopThemes: readonly string[] = tutorialThemes;

export function themeName(t: Translate, theme: string): string {
  if (!theme) return t('workshop.theme.none');
  const key = `tl.theme.${theme}`;
  return isMessageKey(key) ? t(key) : theme;
}

export const periodLabel: Record<PeriodPreset, MessageKey> = {
  all: 'workshops.period.all',
  upcoming: 'workshops.period.upcoming',
  past: 'workshops.period.past',
  thisMonth: 'workshops.period.thisMonth',
  thisQuarter: 'workshops.period.thisQuarter',
  thisYear: 'workshops.period.thisYear',
  custom: 'workshops.period.custom',
};

/** "mardi 10 mars 2026" in the interface's language. */
export function longDate(isoDay: string, locale: string): string {
  return new Date(`${isoDay}T12:00:00`).toLocaleDateString(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

export function shortDate(isoDay: string, locale: string): string {
  return new Date(`${isoDay}T12:00:00`).toLocaleDateString(locale, { day: '2-digit', month: '2-digit', year: 'numeric' });
}

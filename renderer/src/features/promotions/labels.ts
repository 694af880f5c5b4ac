/** Message keys of the promotions' enumerations, and small formatting helpers. */
import type { CohortStatus, EnrolmentStatus, Cohort } from '../../domain/cohorts';
import type { MessageKey, Translate } from '../../i18n';
import { durationFromHours } from '../../i18n/format';
import { getOldRegion, getRegion } from '../../shared/geo';
import type { RiskReason } from './progress';

export const cohortStatusLabel: Record<CohortStatus, MessageKey> = {
  prevue: 'cohorts.status.prevue',
  'en-cours': 'cohorts.status.en-cours',
  terminee: 'cohorts.status.terminee',
};

export const enrolmentStatusLabel: Record<EnrolmentStatus, MessageKey> = {
  'en-cours': 'cohorts.enrolment.en-cours',
  termine: 'cohorts.enrolment.termine',
  certifie: 'cohorts.enrolment.certifie',
  abandon: 'cohorts.enrolment.abandon',
};

export const riskLabel: Record<RiskReason, MessageKey> = {
  consecutive: 'cohorts.risk.consecutive',
  'below-threshold': 'cohorts.risk.below',
};

/** "n° 1 — Promotion Jimdo" */
export function cohortTitle(t: Translate, c: Pick<Cohort, 'number' | 'nickname'>): string {
  return c.nickname ? t('cohorts.title', { number: c.number, nickname: c.nickname }) : t('cohorts.titleNoNickname', { number: c.number });
}

/** "Nouvelle-Aquitaine (ex-Aquitaine)" for a cohort run in an old region. */
export function regionText(t: Translate, c: Pick<Cohort, 'regionCode' | 'oldRegionCode'>): string {
  const current = getRegion(c.regionCode)?.name ?? c.regionCode;
  const old = c.oldRegionCode ? getOldRegion(c.oldRegionCode) : undefined;
  return old && old.oldName !== current ? t('cohorts.region.old', { region: current, old: old.oldName }) : current;
}

export function formatDate(locale: string, iso: string, long = false): string {
  return new Date(`${iso}T12:00:00`).toLocaleDateString(locale, long ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } : { day: '2-digit', month: '2-digit', year: 'numeric' });
}

export function formatHours(locale: string, hours: number): string {
  return hours.toLocaleString(locale, { maximumFractionDigits: 2 });
}

/** « 7 h sur 10 h 30 »: the hours a person attended out of those planned (none known: 0 h). */
export function hoursOfText(t: Translate, locale: string, progress: { attendedHours: number; plannedHours: number } | undefined): string {
  return t('cohorts.hoursOf', { done: durationFromHours(progress?.attendedHours ?? 0, locale), planned: durationFromHours(progress?.plannedHours ?? 0, locale) });
}

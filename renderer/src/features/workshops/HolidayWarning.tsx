/** The warning of a session set on a French public holiday (see domain/holidays.ts). */
import { holidayOn, type HolidayName } from '../../domain/holidays';
import { useI18n, type MessageKey } from '../../i18n';
import { longDate } from './labels';

export const holidayLabel: Record<HolidayName, MessageKey> = {
  jourDeLAn: 'sessions.holiday.jourDeLAn',
  lundiDePaques: 'sessions.holiday.lundiDePaques',
  feteDuTravail: 'sessions.holiday.feteDuTravail',
  victoire1945: 'sessions.holiday.victoire1945',
  ascension: 'sessions.holiday.ascension',
  lundiDePentecote: 'sessions.holiday.lundiDePentecote',
  feteNationale: 'sessions.holiday.feteNationale',
  assomption: 'sessions.holiday.assomption',
  toussaint: 'sessions.holiday.toussaint',
  armistice: 'sessions.holiday.armistice',
  noel: 'sessions.holiday.noel',
  vendrediSaint: 'sessions.holiday.vendrediSaint',
  saintEtienne: 'sessions.holiday.saintEtienne',
  abolitionEsclavage: 'sessions.holiday.abolitionEsclavage',
};

/** A short badge beside a session's date: « ⚠ Férié : Ascension ». */
export function HolidayBadge({ date, communeInsee }: { date: string; communeInsee: string }) {
  const { t } = useI18n();
  const holiday = /^\d{4}-\d{2}-\d{2}/.test(date) ? holidayOn(date, communeInsee) : null;
  if (!holiday) return null;
  return (
    <>
      {' '}
      <span className="badge" title={t('sessions.holiday.hint')}>
        ⚠ {t('sessions.holiday.badge', { name: t(holidayLabel[holiday.name]) })}
      </span>
    </>
  );
}

/** The sentence under a session's date field while a holiday is chosen. */
export function HolidayWarning({ date, communeInsee }: { date: string; communeInsee: string }) {
  const { t, locale } = useI18n();
  const holiday = /^\d{4}-\d{2}-\d{2}$/.test(date) ? holidayOn(date, communeInsee) : null;
  if (!holiday) return null;
  return (
    <p className="alert alert-warn" role="status" style={{ gridColumn: '1 / -1' }}>
      {t('sessions.holiday.warning', { date: longDate(holiday.date, locale), name: t(holidayLabel[holiday.name]) })}
    </p>
  );
}

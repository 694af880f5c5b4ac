/** Files out of the planning side: .ics calendars and the programme's CSV. */
import type { Workshop, WorkshopSession } from '../../domain/workshops';
import type { Translate } from '../../i18n';
import { frenchDate, type CsvColumn } from '../../shared/csv';
import { fileNameFrom, saveCsv, saveText, type SaveOutcome } from '../../shared/files';
import { buildCalendar, ICS_MIME, type IcsEntry } from './ics';
import { statusLabel, themeName } from './labels';

export function saveIcs(baseName: string, entries: readonly IcsEntry[], calendarName: string): Promise<SaveOutcome> {
  return saveText(fileNameFrom(baseName, 'ics'), buildCalendar(entries, calendarName), ICS_MIME, 'ics', 'iCalendar');
}

export interface ProgrammeRow {
  workshop: Workshop;
  session: WorkshopSession | null;
}

export function programmeColumns(t: Translate): CsvColumn<ProgrammeRow>[] {
  return [
    { header: t('session.date'), value: (r) => (r.session ? frenchDate(r.session.start.slice(0, 10)) : '') },
    { header: t('session.start'), value: (r) => r.session?.start.slice(11, 16) ?? '' },
    { header: t('session.end'), value: (r) => r.session?.end.slice(11, 16) ?? '' },
    { header: t('workshops.col.title'), value: (r) => r.workshop.title },
    { header: t('workshops.col.theme'), value: (r) => themeName(t, r.workshop.theme) },
    { header: t('workshops.col.commune'), value: (r) => r.workshop.place.communeName },
    { header: t('workshop.field.room'), value: (r) => [r.workshop.place.room, r.workshop.place.address].filter(Boolean).join(', ') },
    { header: t('workshop.field.animators'), value: (r) => r.workshop.animators.join(', ') },
    { header: t('workshops.col.capacity'), value: (r) => r.workshop.capacity },
    { header: t('workshops.col.status'), value: (r) => (r.session?.cancelled ? t('session.cancelled') : t(statusLabel[r.workshop.status])) },
  ];
}

export function saveProgrammeCsv(year: number, rows: readonly ProgrammeRow[], t: Translate): Promise<SaveOutcome> {
  return saveCsv(fileNameFrom(`programme-ateliers-${year}`, 'csv'), rows, programmeColumns(t));
}

/** The programme as published (a website, an agenda): no status, no capacity left, no internal names. */
export function publicProgrammeColumns(t: Translate): CsvColumn<ProgrammeRow>[] {
  return [
    { header: t('session.date'), value: (r) => (r.session ? frenchDate(r.session.start.slice(0, 10)) : '') },
    { header: t('session.start'), value: (r) => r.session?.start.slice(11, 16) ?? '' },
    { header: t('session.end'), value: (r) => r.session?.end.slice(11, 16) ?? '' },
    { header: t('workshops.col.title'), value: (r) => r.workshop.title },
    { header: t('workshops.col.theme'), value: (r) => themeName(t, r.workshop.theme) },
    { header: t('flyer.csv.about'), value: (r) => (r.workshop.objectives || r.workshop.description).replace(/\s+/g, ' ').trim() },
    { header: t('flyer.csv.place'), value: (r) => [r.workshop.place.room, r.workshop.place.address].filter(Boolean).join(', ') },
    { header: t('workshops.col.commune'), value: (r) => r.workshop.place.communeName },
    { header: t('flyer.csv.access'), value: (r) => r.workshop.accessibility.replace(/\s+/g, ' ').trim() },
    { header: t('flyer.csv.places'), value: (r) => r.workshop.capacity },
    { header: t('flyer.csv.register'), value: (r) => r.workshop.contact },
  ];
}

export function savePublicProgrammeCsv(year: number, rows: readonly ProgrammeRow[], t: Translate): Promise<SaveOutcome> {
  return saveCsv(fileNameFrom(`programme-public-${year}`, 'csv'), rows, publicProgrammeColumns(t));
}

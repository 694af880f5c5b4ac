/**
 * The filtered list as files: CSV for French Excel/LibreOffice, an Excel workbook, and JSON.
 * Made in the registry's worker (registry.worker.ts), which holds the list's order and reads
 * the records a chunk at a time: nothing here touches the window (no saving, no DOM).
 */
import type { CsvColumn } from '../../shared/csv';
import { frenchDate, toFrenchCsv, toFrenchCsvBytes } from '../../shared/csv';
import { toXlsx } from '../../shared/xlsx';
import type { Animator, StructureType, TrainingStatus } from '../../domain/registry';
import { getRegion, getDepartment } from '../../shared/geo';
import { statusLabel, structureTypeLabel } from './labels';
import type { ExportRecord } from './registry';
import type { Translate } from '../../i18n';

export type ExportKind = 'csv' | 'xlsx' | 'json';

/** A lookup made once per distinct value (a national file asks the same few labels 100,000 times). */
function remembered<K>(f: (key: K) => string): (key: K) => string {
  const known = new Map<K, string>();
  return (key) => {
    let v = known.get(key);
    if (v === undefined) known.set(key, (v = f(key)));
    return v;
  };
}

export function animatorColumns(t: Translate, cohortName: (id: string | null) => string): CsvColumn<ExportRecord>[] {
  const typeLabel = remembered((type: StructureType) => structureTypeLabel(t, type));
  const department = remembered((code: string) => getDepartment(code)?.name ?? code);
  const region = remembered((code: string) => getRegion(code)?.name ?? code);
  const status = remembered((s: TrainingStatus) => statusLabel(t, s));
  const cohort = remembered(cohortName);
  return [
    { header: 'Nom', value: (a) => a.lastName },
    { header: 'Prénom', value: (a) => a.firstName },
    { header: 'Courriel', value: (a) => a.email },
    { header: 'Téléphone', value: (a) => a.phone },
    { header: 'Structure', value: (a) => a.structureName },
    { header: 'Type de structure', value: (a) => typeLabel(a.structureType) },
    { header: 'Fonction', value: (a) => a.jobTitle },
    { header: 'Commune', value: (a) => a.communeName },
    { header: 'Code postal', value: (a) => a.postalCode },
    { header: 'Département', value: (a) => department(a.departmentCode) },
    { header: 'Région', value: (a) => region(a.regionCode) },
    { header: 'Statut', value: (a) => status(a.status) },
    { header: 'Promotion', value: (a) => cohort(a.cohortId) },
    { header: 'Début de formation', value: (a) => frenchDate(a.trainingStart), xlsx: 'date' },
    { header: 'Fin de formation', value: (a) => frenchDate(a.trainingEnd), xlsx: 'date' },
    { header: 'Année de formation', value: (a) => (a.trainedYear === null ? '' : String(a.trainedYear)), xlsx: 'number' },
    { header: 'Spécialités', value: (a) => a.specialities.join(', ') },
    { header: 'Langues', value: (a) => a.languages.join(', ') },
    { header: 'Notes', value: (a) => a.notes },
  ];
}

/** The same columns as the CSV in a workbook: postcodes and phones as text, dates as dates. */
export function animatorsXlsx(rows: readonly ExportRecord[], t: Translate, cohortName: (id: string | null) => string): Promise<Uint8Array> {
  return toXlsx(rows, animatorColumns(t, cohortName), 'Annuaire');
}

export const animatorsCsv = (rows: readonly ExportRecord[], t: Translate, cohortName: (id: string | null) => string): string => toFrenchCsv(rows, animatorColumns(t, cohortName));
/** The same file as its UTF-8 bytes (what the registry's worker hands the window). */
export const animatorsCsvBytes = (rows: readonly ExportRecord[], t: Translate, cohortName: (id: string | null) => string): Uint8Array => toFrenchCsvBytes(rows, animatorColumns(t, cohortName));

// Search helpers are derived: left out of the exchanged file.
export const animatorsJson = (rows: readonly Animator[]): string =>
  JSON.stringify({ kind: 'fourmiliere.animators', version: 1, animators: rows.map(({ tokens: _tokens, sortName: _sortName, ...rest }) => rest) }, null, 2);

/** What a file of each kind is saved as. */
export const exportFile: Record<ExportKind, { name: string; mime: string; extension: string; filter: string }> = {
  csv: { name: 'annuaire-ant.csv', mime: 'text/csv;charset=utf-8', extension: 'csv', filter: 'CSV' },
  xlsx: { name: 'annuaire-ant.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx', filter: 'Excel' },
  json: { name: 'annuaire-ant.json', mime: 'application/json', extension: 'json', filter: 'JSON' },
};

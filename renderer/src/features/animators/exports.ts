/** The filtered list as files: CSV for French Excel/LibreOffice, an Excel workbook, and JSON. */
import type { CsvColumn } from '../../shared/csv';
import { frenchDate } from '../../shared/csv';
import { saveBytes, saveCsv, saveJson, type SaveOutcome } from '../../shared/files';
import { toXlsx, XLSX_MIME } from '../../shared/xlsx';
import type { Animator } from '../../domain/registry';
import { getRegion, getDepartment } from '../../shared/geo';
import { statusLabel, structureTypeLabel } from './labels';
import type { Translate } from '../../i18n';

export function animatorColumns(t: Translate, cohortName: (id: string | null) => string): CsvColumn<Animator>[] {
  return [
    { header: 'Nom', value: (a) => a.lastName },
    { header: 'Prénom', value: (a) => a.firstName },
    { header: 'Courriel', value: (a) => a.email },
    { header: 'Téléphone', value: (a) => a.phone },
    { header: 'Structure', value: (a) => a.structureName },
    { header: 'Type de structure', value: (a) => structureTypeLabel(t, a.structureType) },
    { header: 'Fonction', value: (a) => a.jobTitle },
    { header: 'Commune', value: (a) => a.communeName },
    { header: 'Code postal', value: (a) => a.postalCode },
    { header: 'Département', value: (a) => getDepartment(a.departmentCode)?.name ?? a.departmentCode },
    { header: 'Région', value: (a) => getRegion(a.regionCode)?.name ?? a.regionCode },
    { header: 'Statut', value: (a) => statusLabel(t, a.status) },
    { header: 'Promotion', value: (a) => cohortName(a.cohortId) },
    { header: 'Début de formation', value: (a) => frenchDate(a.trainingStart), xlsx: 'date' },
    { header: 'Fin de formation', value: (a) => frenchDate(a.trainingEnd), xlsx: 'date' },
    { header: 'Année de formation', value: (a) => (a.trainedYear === null ? '' : String(a.trainedYear)), xlsx: 'number' },
    { header: 'Spécialités', value: (a) => a.specialities.join(', ') },
    { header: 'Langues', value: (a) => a.languages.join(', ') },
    { header: 'Notes', value: (a) => a.notes },
  ];
}

export function exportAnimatorsCsv(rows: readonly Animator[], t: Translate, cohortName: (id: string | null) => string): Promise<SaveOutcome> {
  return saveCsv('annuaire-ant.csv', rows, animatorColumns(t, cohortName));
}

/** The same columns as the CSV in a workbook: postcodes and phones as text, dates as dates. */
export function animatorsXlsx(rows: readonly Animator[], t: Translate, cohortName: (id: string | null) => string): Promise<Uint8Array> {
  return toXlsx(rows, animatorColumns(t, cohortName), 'Annuaire');
}

export async function exportAnimatorsXlsx(rows: readonly Animator[], t: Translate, cohortName: (id: string | null) => string): Promise<SaveOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await animatorsXlsx(rows, t, cohortName);
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return saveBytes('annuaire-ant.xlsx', bytes, XLSX_MIME, 'xlsx', 'Excel');
}

export function exportAnimatorsJson(rows: readonly Animator[]): Promise<SaveOutcome> {
  // Search helpers are derived: left out of the exchanged file.
  return saveJson('annuaire-ant.json', { kind: 'fourmiliere.animators', version: 1, animators: rows.map(({ tokens: _tokens, sortName: _sortName, ...rest }) => rest) });
}

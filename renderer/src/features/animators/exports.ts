/** The filtered list as files: CSV for French Excel/LibreOffice and JSON. */
import type { CsvColumn } from '../../shared/csv';
import { frenchDate } from '../../shared/csv';
import { saveCsv, saveJson, type SaveOutcome } from '../../shared/files';
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
    { header: 'Début de formation', value: (a) => frenchDate(a.trainingStart) },
    { header: 'Fin de formation', value: (a) => frenchDate(a.trainingEnd) },
    { header: 'Année de formation', value: (a) => (a.trainedYear === null ? '' : String(a.trainedYear)) },
    { header: 'Spécialités', value: (a) => a.specialities.join(', ') },
    { header: 'Langues', value: (a) => a.languages.join(', ') },
    { header: 'Notes', value: (a) => a.notes },
  ];
}

export function exportAnimatorsCsv(rows: readonly Animator[], t: Translate, cohortName: (id: string | null) => string): Promise<SaveOutcome> {
  return saveCsv('annuaire-ant.csv', rows, animatorColumns(t, cohortName));
}

export function exportAnimatorsJson(rows: readonly Animator[]): Promise<SaveOutcome> {
  // Search helpers are derived: left out of the exchanged file.
  return saveJson('annuaire-ant.json', { kind: 'fourmiliere.animators', version: 1, animators: rows.map(({ tokens: _tokens, sortName: _sortName, ...rest }) => rest) });
}

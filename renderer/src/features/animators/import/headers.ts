/** Which column holds what: French headers in any order, case or accent. */
import { foldText } from '../../../db/records';

export const importFields = [
  'lastName', 'firstName', 'email', 'phone', 'structureName', 'structureType', 'jobTitle', 'commune', 'postalCode',
  'department', 'region', 'cohort', 'status', 'trainingStart', 'trainingEnd', 'trainedYear', 'specialities', 'languages', 'notes',
] as const;
export type ImportField = (typeof importFields)[number];
/** column index -> field, or null when the column is ignored */
export type ColumnMapping = (ImportField | null)[];

const synonyms: Record<ImportField, string[]> = {
  lastName: ['nom', 'nom de famille', 'nom d usage', 'last name', 'surname'],
  firstName: ['prenom', 'prenoms', 'first name'],
  email: ['courriel', 'e mail', 'email', 'mail', 'adresse e mail', 'adresse mail', 'adresse electronique', 'mel'],
  phone: ['telephone', 'tel', 'portable', 'mobile', 'numero de telephone'],
  structureName: ['structure', 'organisme', 'employeur', 'nom de la structure', 'etablissement'],
  structureType: ['type de structure', 'type structure', 'type', 'categorie'],
  jobTitle: ['fonction', 'poste', 'intitule de poste', 'metier'],
  commune: ['commune', 'ville', 'localite', 'commune de la structure'],
  postalCode: ['code postal', 'cp', 'code post'],
  department: ['departement', 'dept', 'dep', 'n departement'],
  region: ['region'],
  cohort: ['promotion', 'promo', 'cohorte', 'session de formation'],
  status: ['statut', 'etat', 'situation', 'statut de formation'],
  trainingStart: ['debut de formation', 'debut formation', 'date de debut', 'debut'],
  trainingEnd: ['fin de formation', 'fin formation', 'date de fin', 'fin'],
  trainedYear: ['annee', 'annee de formation', 'annee formation'],
  specialities: ['specialites', 'specialite', 'competences', 'tags'],
  languages: ['langues', 'langue', 'langues parlees'],
  notes: ['notes', 'note', 'commentaire', 'commentaires', 'remarques', 'observations'],
};

const normal = (s: string) => foldText(s).replace(/[^a-z0-9]+/g, ' ').trim();
const lookup = new Map<string, ImportField>();
for (const field of importFields) for (const s of synonyms[field]) lookup.set(s, field);

/** The proposed mapping: each known header once, first come first served. */
export function detectMapping(headers: readonly string[]): ColumnMapping {
  const used = new Set<ImportField>();
  return headers.map((h) => {
    const field = lookup.get(normal(h)) ?? null;
    if (!field || used.has(field)) return null;
    used.add(field);
    return field;
  });
}

/** Fields the import cannot do without. */
export function missingRequired(mapping: ColumnMapping): ImportField[] {
  return (['lastName', 'firstName'] as const).filter((f) => !mapping.includes(f));
}

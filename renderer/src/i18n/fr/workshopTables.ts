/** Strings of the workshop-area tables moved onto ui/DataTable (French). */
export const workshopTables = {
  'segments.none': 'Personne ne répond à ces critères.',
} as const;

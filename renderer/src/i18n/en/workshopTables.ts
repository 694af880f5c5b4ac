import type { workshopTables as fr } from '../fr/workshopTables';

/** Strings of the workshop-area tables moved onto ui/DataTable (English). */
export const workshopTables: Record<keyof typeof fr, string> = {
  'segments.none': 'Nobody matches these criteria.',
};

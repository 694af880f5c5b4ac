/** Excel workbooks (.xlsx) in the registry: import and export. */
import type { workbook as fr } from '../fr/workbook';

export const workbook: Record<keyof typeof fr, string> = {
  'animators.import.error.workbookInvalid': "This Excel workbook is damaged or not a real .xlsx file: open it in Excel or LibreOffice, save it again as .xlsx (or CSV) and try again. Nothing was saved.",
  'animators.import.error.workbookProtected': "This workbook is protected by a password, or it is an old .xls file: open it in your spreadsheet, remove the password and save it as .xlsx (or CSV), then try again. Nothing was saved.",
  'animators.import.error.workbookTooLarge': "This workbook exceeds 200 MB once unpacked: save the useful sheet alone, as .xlsx or CSV, and try again. Nothing was saved.",
  'animators.import.error.workbookOds': "LibreOffice workbooks (.ods) are not read: in LibreOffice, File › Save As… Excel (.xlsx) or CSV, then try again. Nothing was saved.",
  'animators.import.sheet': "Sheet of the workbook to import",
  'animators.import.sheetOption': "{name} — {rows, plural, one {# row} other {# rows}}",
  'animators.import.sheetEmpty': "{name} — nothing to import",
  'animators.import.workbookInfo': "{name}, sheet “{sheet}”: {rows, plural, one {# row} other {# rows}}.",
  'animators.export.xlsx': "Export as Excel (.xlsx)",
};

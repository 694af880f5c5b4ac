/** Excel workbooks (.xlsx) in the registry: import and export. */
export const workbook = {
  'animators.import.error.workbookInvalid': "Ce classeur Excel est endommagé ou n’est pas un vrai fichier .xlsx : ouvrez-le dans Excel ou LibreOffice, enregistrez-le de nouveau au format .xlsx (ou CSV), puis réessayez. Rien n’a été enregistré.",
  'animators.import.error.workbookProtected': "Ce classeur est protégé par un mot de passe, ou c’est un ancien fichier .xls : ouvrez-le dans votre tableur, retirez le mot de passe et enregistrez-le au format .xlsx (ou CSV), puis réessayez. Rien n’a été enregistré.",
  'animators.import.error.workbookTooLarge': "Ce classeur dépasse 200 Mo une fois décompressé : enregistrez la feuille utile seule, au format .xlsx ou CSV, puis réessayez. Rien n’a été enregistré.",
  'animators.import.error.workbookOds': "Les classeurs LibreOffice (.ods) ne sont pas lus : dans LibreOffice, Fichier › Enregistrer sous… au format Excel (.xlsx) ou CSV, puis réessayez. Rien n’a été enregistré.",
  'animators.import.sheet': "Feuille du classeur à importer",
  'animators.import.sheetOption': "{name} — {rows, plural, one {# ligne} other {# lignes}}",
  'animators.import.sheetEmpty': "{name} — rien à importer",
  'animators.import.workbookInfo': "{name}, feuille « {sheet} » : {rows, plural, one {# ligne} other {# lignes}}.",
  'animators.export.xlsx': "Exporter en Excel (.xlsx)",
} as const;

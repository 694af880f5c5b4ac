import type { records as fr } from '../fr/records';

/** UI strings of record safety (English). */
export const records: Record<keyof typeof fr, string> = {
  'erasure.copies.title': "Where copies remain",
  'erasure.copies.desktop': "Backup copies kept by this computer ({count}, the oldest from {oldest}) in {folder}: they still hold the person until they are replaced — the last {daily} daily copies (about {daily} days of use), the last {weekly} weekly copies (about {weekly} weeks), and the latest copies made on quitting and before a restore. Manual copies in this folder are never deleted automatically: delete them yourself.",
  'erasure.copies.web': "Backup copies kept in this browser ({count}, the oldest from {oldest}): they still hold the person until they are replaced — the last {daily} daily copies (about {daily} days of use), the last {weekly} weekly copies (about {weekly} weeks), the last {beforeRestore} made before a restore and the last {manual} manual ones.",
  'erasure.copies.none': "No backup copy is kept on this computer yet.",
  'erasure.copies.files': "Files already exported (downloaded backups, exchange files, exports, PDFs) and other computers: the app cannot erase them. Delete them or ask whoever holds them; other computers receive the deletion at their next exchange with this one (a computer that changed the record meanwhile gets it as a conflict to settle).",
  'erasure.copies.register': "An erasure register (ids and date, no name) is kept: if one of these copies is restored or merged here, the person is erased again.",
  'erasure.anonymiseNote': "Kept rows keep neither the name nor the signature image: only the attendance and the time of signing.",
  'saveConflict.title': "This record was changed elsewhere while you were editing it",
  'saveConflict.intro': "Another window or tab saved this record after it was opened here. Nothing was overwritten. Choose which version to keep for each field, or keep one of them whole.",
  'saveConflict.theirs': "Saved version",
  'saveConflict.mine': "Your version",
  'saveConflict.empty': "(empty)",
  'saveConflict.saveChoice': "Save this choice",
  'saveConflict.keepTheirs': "Keep the saved version",
  'saveConflict.keepMine': "Keep my whole version",
  'saveConflict.review': "Your choice is in the form: check it, then save.",
  'saveConflict.kept': "The saved version is kept; your changes were dropped.",
};

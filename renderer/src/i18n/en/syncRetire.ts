/** Team sync: this machine's former device folders (after a restore) and folders an older version made. */
export const syncRetire = {
  'syncRetire.title': 'This device’s former folders',
  'syncRetire.intro': 'A restore gives this device a new id in the team folder ({id}). Its former folder is marked “left the team”, its content copied into a snapshot of the new one, then its old files are removed by this device: the other devices lose nothing, and no forgotten file keeps an erased person.',
  'syncRetire.waiting': '“{device}”: being read again ({remaining, plural, =0 {no file} one {# file} other {# files}}). It will be retired at a later sync, once read whole.',
  'syncRetire.removed': '“{device}”: retired on {date}. Only its leaving mark is left; the other devices read its content in this device’s snapshot no. {coveredBy}.',
  'syncRetire.refused':
    '“{device}”: marked as left, but its old files ({remaining, plural, one {# file} other {# files}}) could not be removed: this folder was made by an earlier version of Fourmilière, which did not remember which folders are this device’s. They stay, encrypted, until you confirm.',
  'syncRetire.blocked': '“{device}”: {remaining, plural, one {# file stays} other {# files stay}} there, encrypted: this folder carries an older leaving mark that does not say where its content was copied, or files written after it. Nothing is removed there.',
  'syncRetire.claimOwn': 'This device’s old files in “devices/{device}” could not be removed: this folder was made by an earlier version of Fourmilière, which did not remember which folders are this device’s.',
  'syncRetire.claim': 'Confirm that “{device}” is a folder of this device…',
  'syncRetire.claimed': 'Folder recognised as this device’s: its old files are being removed.',
  'syncRetire.notClaimed': 'Nothing changed: the folder is not recognised as this device’s.',
  'syncRetire.deviceRetired': 'former folder of this device, retired after a restore',
  'syncRetire.deviceReplaced': 'replaced after a restore',
} as const;

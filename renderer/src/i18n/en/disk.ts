import type { disk as fr } from '../fr/disk';

export const disk = {
  'disk.action.import': 'The import',
  'disk.action.restore': 'The restore',
  'disk.action.merge': 'Merging the exchange file',
  'disk.action.pack': 'Installing the pack',
  'disk.action.backup': 'The backup',
  'disk.error.during': '{action} failed: {what}',
  'disk.error.full': 'the disk is full (or the storage granted to the browser is used up). Free some disk space, then try again.',
  'disk.error.io': 'a disk read or write error interrupted it. Check that space is left and that the disk (or USB stick) is plugged in, then try again.',
  'disk.error.other': 'unexpected error ({detail}).',
  'disk.outcome.unchanged': 'Checked: your data is intact ({total} records, as before).',
  'disk.outcome.changed': 'Warning: the number of records changed ({before} before, {after} now). Check your data; an automatic copy can be restored from Settings → Data.',
  'disk.outcome.unknown': 'The state of your data could not be checked. Reload the app: if records are missing, it will offer to restore the latest copy.',
  'disk.space.missing':
    'About {missing} MB of disk space is missing for this operation (it needs about {needed} MB, {free} MB are left). Free some space (bin, downloads, old files), then try again. Nothing was changed: the operation did not start.',
  'disk.opfs.note':
    'Each automatic copy is also kept as a file in the browser’s private storage, apart from the database: if the database vanishes (for instance when the disk is full), Fourmilière offers at start-up to restore the latest copy. These files stay on this disk and in this browser profile (clearing the site’s data clears them too): download a backup from time to time.',
  'disk.recovery.title': 'Your data seems to have disappeared',
  'disk.recovery.what': 'On {date}, Fourmilière held {before} records; it holds {now} today. This happens when the disk was full: the browser or the system may have erased the database.',
  'disk.recovery.copy': 'The latest usable copy is from {date} and holds {records} records. Restoring it replaces the current content (what is left of it is copied aside first).',
  'disk.recovery.noCopy': 'No automatic copy was found. If you downloaded a backup, restore it from Settings → Data.',
  'disk.recovery.restore': 'Restore this copy',
  'disk.recovery.ignore': 'Ignore: these deletions were intended',
  'disk.recovery.continue': 'Continue',
} satisfies Record<keyof typeof fr, string>;

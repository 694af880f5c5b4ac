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
  'disk.outcome.lost':
    'Warning: the database now holds only {after} of its {before} records; the browser may have erased it for lack of space. Reload the app: it will offer to restore the latest copy.',
  'disk.outcome.unknown': 'The state of your data could not be checked. Reload the app: if records are missing, it will offer to restore the latest copy.',
  'disk.space.missing':
    'About {missing} MB of disk space is missing for this operation (it needs about {needed} MB, {free} MB are left). Free some space (bin, downloads, old files), then try again. Nothing was changed: the operation did not start.',
  'disk.opfs.note':
    'Each automatic copy is also kept as a file in the browser’s private storage, apart from the database. Beware: when the disk is full, the browser may erase the database and that storage together.',
  'disk.local.kept':
    'The latest copy ({date}) is also kept, compressed, in the browser’s fallback storage: it is what lets everything come back at start-up if a full disk made the database be erased.',
  'disk.local.none':
    'Your data is too large for the browser’s fallback storage (a few MB): on a full disk, the database and the automatic copies could be lost together. Download a backup regularly, or use the desktop app.',
  'disk.recovery.title': 'Your data seems to have disappeared',
  'disk.recovery.what': 'On {date}, Fourmilière held {before} records; it holds {now} today. This happens when the disk was full: the browser or the system may have erased the database.',
  'disk.recovery.copy': 'The latest usable copy is from {date} and holds {records} records. Restoring it replaces the current content (what is left of it is copied aside first).',
  'disk.recovery.noCopy': 'No automatic copy was found. If you downloaded a backup, restore it from Settings → Data.',
  'disk.recovery.restore': 'Restore this copy',
  'disk.recovery.ignore': 'Ignore: these deletions were intended',
  'disk.recovery.continue': 'Continue',
  'disk.download.unverified':
    'Download started ({count} records). This browser does not tell whether the file was kept: check that it is in your downloads. It does not count as a backup made.',
  'disk.download.lastStarted': 'Last download started on {date}, without confirmation that it was kept.',
  'disk.download.cancelled': 'Saving cancelled: no backup was made.',
} satisfies Record<keyof typeof fr, string>;

/** Team sync and GDPR erasures: what the shared folder still holds (k22). */
export const syncPrivacy = {
  'syncPrivacy.compacted':
    'GDPR erasures: this device’s older files in the team folder were rewritten without the erased people on {date}. {known, plural, =0 {The other devices will rewrite theirs at their next sync.} other {{behind, plural, =0 {The other devices known here have done so too.} one {# other device has not yet: it will at its next sync.} other {# other devices have not yet: each will at its next sync.}}}}',
  'syncPrivacy.nothingHere':
    'GDPR erasures: this device has written no file in the team folder that holds the erased people. {known, plural, =0 {The other devices will rewrite theirs at their next sync.} other {{behind, plural, =0 {The other devices known here have rewritten theirs.} one {# other device has not yet: it will at its next sync.} other {# other devices have not yet: each will at its next sync.}}}}',
  'syncPrivacy.pendingHere': 'GDPR erasures: this device’s older files in the team folder will be rewritten without the erased people at the next sync; the other devices’ files at their own next sync.',
  'syncPrivacy.removeRefused': 'This device’s older files could not be removed from the team folder ({detail}): they stay there, encrypted.',
  'syncPrivacy.afterErasure': 'Team folder: this device’s older files are being rewritten without this person now; the other devices’ files will be at their next sync. Until then they still hold the person, encrypted.',
} as const;

/** UI strings of the hardened package: copies of other devices, updates, signed files. */
export const hardening = {
  'hardening.backup.otherDevice': 'autre poste ({device})',
};

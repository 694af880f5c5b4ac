import type { hardening as fr } from '../fr/hardening';

/** UI strings of the hardened package: copies of other devices, updates, signed files. */
export const hardening = {
  'hardening.backup.otherDevice': 'another device ({device})',
} satisfies Record<keyof typeof fr, string>;

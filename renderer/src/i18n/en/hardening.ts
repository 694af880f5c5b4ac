import type { hardening as fr } from '../fr/hardening';

/** UI strings of the hardened package: copies of other devices, updates, signed files. */
export const hardening = {
  'hardening.backup.otherDevice': 'another device ({device})',
  'exchange.error.signature': 'File refused: its signature is not valid ({detail}). It was changed after it was signed, or does not come from the device it names. Nothing was changed.',
  'backup.error.signature': 'Backup refused: its signature is not valid ({detail}). It was changed after it was signed. Nothing was changed.',
  'signature.heading': 'Signature',
  'signature.self': 'Signed by this device ({name}), fingerprint {fingerprint}.',
  'signature.trusted': 'Signed by {name}, a trusted signer on this device (fingerprint {fingerprint}).',
  'signature.unknown':
    'Signed by {name}, an unknown signer: this is the first time this device sees their key (fingerprint {fingerprint}). Compare this fingerprint with the one the person reads in their Settings (by phone, for instance) before trusting them.',
  'signature.keyChanged': 'Careful: this device used to sign with another key (fingerprint {previous}). A reinstallation may explain it; otherwise this file may not come from it.',
  'signature.trust': 'Trust this signer',
  'signature.trustedNow': '{name} is now a trusted signer on this device.',
  'signature.unsigned': 'Unsigned file: it comes from an older version of Fourmilière, or its signature was removed. Nothing proves who wrote it: check what it changes before accepting it.',
  'signature.unsignedFromSigner': 'Unsigned file, although the device it names ({name}) signs its files: it may have been changed. Only accept it if you know where it comes from.',
  'signature.noName': 'an unnamed device',
  'signature.own': 'Fingerprint of this device’s signing key: {fingerprint}. Give it to the people you exchange files with, so that they can check files come from you.',
} satisfies Record<keyof typeof fr, string>;

/**
 * French elision: « de » becomes « d’ » (and « le » « l’ », « que » « qu’ »)
 * before a word that starts with a vowel sound — a vowel or a mute h.
 * Messages select on the result: `{nameElision, select, vowel {d’} other {de }}`.
 */
export type Elision = 'vowel' | 'other';

/**
 * Words whose h is aspirated (no elision: « de Haute-Savoie », « de Hollande »).
 * First names with an h are almost all mute in use (« d’Hélène », « d’Hugo »).
 */
const ASPIRATED_H = [
  'haut', 'hollande', 'hongrie', 'hameau', 'halle', 'hall', 'handicap', 'hangar', 'hasard',
  'hérisson', 'héros', 'hibou', 'hockey', 'homard', 'honte', 'hors', 'hotte', 'houx', 'hublot',
  'huit', 'hurepoix', 'hutte', 'hague', 'hainaut', 'harfleur', 'havre',
];

const VOWEL = /^[aeiouyàâäéèêëîïôöùûüÿæœ]/;

/** 'vowel' when French elides before this word (« d’Amaia », « d’Hélène »), else 'other' (« de Léa »). */
export function elision(word: string): Elision {
  // Skip opening quotes, brackets and spaces: « « Élodie » » still elides.
  const w = word.normalize('NFC').replace(/^[\s«"“‘'([]+/u, '').toLowerCase();
  if (w.startsWith('h')) {
    return ASPIRATED_H.some((prefix) => w.startsWith(prefix)) ? 'other' : 'vowel';
  }
  // A y before a vowel is a consonant sound: « de Yannick », but « d’Yves ».
  if (w.startsWith('y')) return VOWEL.test(w.slice(1)) ? 'other' : 'vowel';
  // « de onze », « de ouistiti » keep their « de » — too rare in names to list here.
  if (w.startsWith('onze')) return 'other';
  return VOWEL.test(w) ? 'vowel' : 'other';
}

/** French plural as the app writes it: 0 and 1 are singular (« 0 fiche », « 1 fiche », « 2 fiches »). */
export function frCount(n: number, one: string, other: string): string {
  return `${n} ${n < 2 ? one : other}`;
}

/** « de Léa », « d’Amaia », « d’Hélène »: the elision the app writes before a name (i18n/elision.ts). */
export function deName(name: string): string {
  return /^[aeiouyàâäéèêëîïôöùûüœæh]/i.test(name) && !/^y[aeiou]/i.test(name) ? `d’${name}` : `de ${name}`;
}

/** French plural as the app writes it: 0 and 1 are singular (« 0 fiche », « 1 fiche », « 2 fiches »). */
export function frCount(n: number, one: string, other: string): string {
  return `${n} ${n < 2 ? one : other}`;
}

/**
 * What a search in the registry looks at, in one place: the stored `tokens` field
 * (withDerived), the in-memory registry (registry.ts) and the reference filter
 * (query.ts matchesFilter) all follow these two functions.
 */
import { searchTokens } from '../../db/records';
import type { Animator } from '../../domain/registry';

type Searched = Pick<Animator, 'firstName' | 'lastName' | 'structureName' | 'communeName' | 'email'>;

const searchedParts = (a: Searched) => [a.firstName, a.lastName, a.structureName, a.communeName, a.email.split('@')[0]];

/**
 * Folded words of the names, structure, commune and the e-mail's local part. Not its domain:
 * every person of a demo or a region shares one (« exemple », « fr »), so a short word would
 * match everyone; a typed address (« @ », below) is looked for in the whole e-mail instead.
 */
export const animatorSearchWords = (a: Searched): string[] => searchTokens(...searchedParts(a));

/**
 * animatorSearchWords, each part's words remembered: the same words for many records that share
 * names and communes (an import's thousands of rows), each distinct text folded once.
 */
export function rememberingSearchWords(): (a: Searched) => string[] {
  const known = new Map<string, string[]>();
  return (a) => {
    const words = new Set<string>();
    for (const part of searchedParts(a)) {
      if (!part) continue;
      let found = known.get(part);
      if (!found) known.set(part, (found = searchTokens(part)));
      for (const w of found) words.add(w);
    }
    return [...words];
  };
}

/**
 * A typed search: the parts holding « @ » are looked for inside the e-mail (a full address
 * finds its owner, not everyone at that domain); every other word must start one of the
 * person's words.
 */
export interface TextQuery {
  words: string[];
  emails: string[];
}

export function parseTextQuery(text: string): TextQuery {
  const emails: string[] = [];
  const rest: string[] = [];
  for (const part of text.trim().toLowerCase().split(/\s+/)) {
    if (part.includes('@')) emails.push(part);
    else if (part) rest.push(part);
  }
  return { words: searchTokens(...rest), emails };
}

export const isEmptyQuery = (q: TextQuery) => q.words.length === 0 && q.emails.length === 0;

/** The reference match on a stored record (its words recomputed, not read from `tokens`). */
export function matchesText(a: Searched, q: TextQuery): boolean {
  if (isEmptyQuery(q)) return true;
  const email = a.email.toLowerCase();
  for (const e of q.emails) if (!email.includes(e)) return false;
  if (q.words.length === 0) return true;
  const words = animatorSearchWords(a);
  return q.words.every((w) => words.some((t) => t.startsWith(w)));
}

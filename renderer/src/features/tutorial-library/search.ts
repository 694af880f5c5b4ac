/**
 * Tutorial search with MiniSearch: titles, summaries, tags and full text; accents,
 * case and ligatures folded ("evaluation" finds "évaluation", "oe" finds "œ"),
 * prefix and typo tolerant, ranked, with the matched terms for highlighting.
 *
 * Typo tolerance is a second pass, run only when the words as typed find nothing:
 * a fuzzy pass expands every long word to its neighbours in the index, which made
 * it most of the cost of a keystroke while it only matters when a word is misspelt.
 * French function words ("de", "pour", "les"…) are neither indexed nor searched:
 * every tutorial has them, so they never narrow a search, and as prefixes
 * ("po" → "pour") they made a typed word match everything.
 *
 * People type the names they know: « gmb » for Google Business Profile, « phishing »
 * for hameçonnage, « wi-fi » or « wifi ». A typed word that has synonyms searches for
 * the word OR any of them; a hyphenated word is also indexed and searched joined
 * (« Wi-Fi » is found by « wifi », and the other way round).
 */
import MiniSearch, { type Query, type SearchResult } from 'minisearch';
import { foldText } from '../../db/records';
import type { Tutorial } from './catalog';

export interface SearchHit {
  id: string;
  score: number;
  terms: string[];
}

interface Doc {
  id: string;
  title: string;
  summary: string;
  tags: string;
  text: string;
  theme: string;
  level: string;
}

const toDoc = (t: Tutorial): Doc => ({ id: t.meta.id, title: t.meta.title, summary: t.meta.summary, tags: t.meta.tags.join(' '), text: t.body, theme: t.meta.theme, level: t.meta.level });

const STOP_WORDS: ReadonlySet<string> = new Set(
  'au aux avec ce ces cet cette dans de des du elle elles en est et il ils la le les leur leurs nos notre nous on ou par pour qui que sa se ses son sont sur un une vos votre vous'.split(' '),
);

/** A word folded to letters and digits, if two characters or more. */
function foldTerm(term: string): string | null {
  const folded = foldText(term).replace(/[^a-z0-9]/g, '');
  return folded.length > 1 ? folded : null;
}

/** A word as indexed and searched: folded, no function word. */
function processTerm(term: string): string | null {
  const folded = foldTerm(term);
  return folded !== null && !STOP_WORDS.has(folded) ? folded : null;
}

/** Index words: the parts of a hyphenated word, and the word joined (« wi-fi » → wi, fi, wifi). */
const tokenize = (text: string): string[] => {
  const words = text.split(/[\s’'.,;:!?()«»"/[\]]+/u);
  return words.flatMap((word) => (word.includes('-') ? [...word.split(/-+/), word.replace(/-+/g, '')] : [word]));
};
/** Query words: a hyphenated word is searched joined, which the index holds for both spellings. */
const queryWords = (text: string): string[] => text.split(/[\s’'.,;:!?()«»"/[\]]+/u).map((w) => w.replace(/-+/g, '')).filter(Boolean);

/**
 * What people type → what the tutorials say (folded words; a phrase must match all its words).
 * Both directions where both are used.
 */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  gmb: ['google business profile', 'google my business', 'fiche google'],
  googlemybusiness: ['google business profile'],
  phishing: ['hameçonnage'],
  hameconnage: ['phishing'],
  canva: ['visuel'],
  mdp: ['mot de passe'],
  password: ['mot de passe'],
  seo: ['référencement'],
  referencement: ['seo'],
  rgpd: ['données personnelles'],
  gdpr: ['rgpd'],
  insta: ['instagram'],
  fb: ['facebook'],
  ia: ['intelligence artificielle'],
  chatgpt: ['intelligence artificielle', 'ia générative'],
  newsletter: ['infolettre', 'lettre d’information'],
  infolettre: ['newsletter'],
  mail: ['e-mail', 'courriel'],
  email: ['courriel', 'mail'],
  courriel: ['email', 'mail'],
  dnt: ['diagnostic numérique'],
};

/** The query as a MiniSearch tree: every word (or one of its synonyms) must match. */
function queryTree(query: string, keepFunctionWords: boolean): Query {
  // Function words are not indexed: as words of their own they would match nothing.
  const words = queryWords(query).filter((word) => keepFunctionWords || processTerm(word) !== null);
  return {
    combineWith: 'AND',
    queries: words.map((word): Query => {
      const synonyms = SYNONYMS[foldTerm(word) ?? ''];
      if (!synonyms) return word;
      return { combineWith: 'OR', queries: [word, ...synonyms.map((phrase): Query => ({ combineWith: 'AND', queries: [phrase] }))] };
    }),
  };
}

const FUZZY = { fuzzy: (term: string) => (term.length > 4 ? 0.2 : false) } as const;

export function createTutorialSearch(tutorials: readonly Tutorial[]) {
  const index = new MiniSearch<Doc>({
    fields: ['title', 'summary', 'tags', 'text'],
    storeFields: ['theme', 'level'],
    processTerm,
    tokenize,
    searchOptions: { boost: { title: 4, tags: 3, summary: 2 }, prefix: true, fuzzy: false, combineWith: 'AND' },
  });
  index.addAll(tutorials.map(toDoc));
  return {
    search(query: string, filter?: { theme?: string | undefined; level?: string | undefined }): SearchHit[] {
      if (!query.trim()) return [];
      const keep = { filter: (r: SearchResult) => (!filter?.theme || r.theme === filter.theme) && (!filter?.level || r.level === filter.level) };
      // Only function words so far ("se", on the way to "sécurité"): what is typed is the
      // beginning of a word, and is searched as such rather than finding nothing.
      const onlyFunctionWords = queryWords(query).every((word) => processTerm(word) === null);
      const options = onlyFunctionWords ? { ...keep, processTerm: foldTerm } : keep;
      const tree = queryTree(query, onlyFunctionWords);
      let results = index.search(tree, options);
      if (results.length === 0) results = index.search(tree, { ...options, ...FUZZY });
      return results.map((r) => ({ id: String(r.id), score: r.score, terms: r.terms }));
    },
    /** Incremental update when the user writes or edits a tutorial. */
    upsert(t: Tutorial) {
      if (index.has(t.meta.id)) index.discard(t.meta.id);
      index.add(toDoc(t));
    },
    remove(id: string) {
      if (index.has(id)) index.discard(id);
    },
  };
}
export type TutorialSearch = ReturnType<typeof createTutorialSearch>;

/** Splits text into parts, marking the ones that start with a matched term (accents ignored). */
export function highlight(text: string, terms: readonly string[]): { text: string; match: boolean }[] {
  if (terms.length === 0) return [{ text, match: false }];
  const parts: { text: string; match: boolean }[] = [];
  for (const piece of text.split(/(\s+)/)) {
    const folded = foldText(piece).replace(/[^a-z0-9]/g, '');
    parts.push({ text: piece, match: folded.length > 1 && terms.some((t) => folded.startsWith(t) || t.startsWith(folded)) });
  }
  return parts;
}

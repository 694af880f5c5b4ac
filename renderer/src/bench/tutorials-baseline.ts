/**
 * The bundled tutorials as raw Markdown, and the naive search the engine is
 * compared with: fold every text and scan it for every word, at each keystroke.
 */
import { foldText } from '../db/records';

const files = import.meta.glob('../../../resources/tutorials/*.md', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export const tutorialTexts: { id: string; text: string }[] = Object.entries(files)
  .filter(([path]) => !path.endsWith('/FORMAT.md'))
  .map(([path, text]) => ({ id: path.replace(/^.*\/(.+)\.md$/, '$1'), text }));

/** What a user types, one keystroke at a time (accents, several words, a typo-free prefix). */
export const TYPED_QUERIES = ['facebook', 'avis clients', 'réseaux sociaux', 'google business', 'photo smartphone', 'sécurité mot de passe', 'référencement local', 'newsletter rgpd', 'intelligence artificielle', 'wifi'];

export function keystrokes(queries: readonly string[] = TYPED_QUERIES): string[] {
  const out: string[] = [];
  for (const query of queries) for (let i = 1; i <= query.length; i++) out.push(query.slice(0, i));
  return out;
}

/** Naive scan: no index, no cache; ids of tutorials containing every word of the query. */
export function naiveSearch(query: string): string[] {
  const words = foldText(query).split(/\s+/).filter((w) => w.length > 0);
  if (words.length === 0) return [];
  const hits: string[] = [];
  for (const t of tutorialTexts) {
    const folded = foldText(t.text);
    if (words.every((w) => folded.includes(w))) hits.push(t.id);
  }
  return hits;
}

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTutorialSearch } from './search';
import { parseTutorialFile } from './frontmatter';
import type { Tutorial } from './catalog';

const make = (id: string, title: string, body: string, theme = 'e-reputation'): Tutorial => ({
  meta: { id, title, summary: `Résumé de ${title}`, theme: theme as Tutorial['meta']['theme'], level: 'debutant', duration: 30, audience: 'both', tags: ['avis'], reviewed: '2026-10-01', version: 1, changes: '' },
  body,
  source: 'bundled',
  basedOn: null,
  recordId: null,
});

const docs = [
  make('evaluation', 'Évaluation à chaud d’un atelier', 'Questionnaire de satisfaction.', 'metier-ant'),
  make('oenotourisme', 'Œnotourisme et réseaux sociaux', 'Les domaines viticoles.', 'reseaux-sociaux'),
  make('avis', 'Répondre aux avis clients', 'Tripadvisor et Google.'),
  make('facebook', 'Créer une page Facebook', 'Une page professionnelle pour le gîte.', 'reseaux-sociaux'),
];

describe('tutorial search', () => {
  const search = createTutorialSearch(docs);
  it('ignores accents and case, and folds ligatures', () => {
    expect(search.search('evaluation')[0]?.id).toBe('evaluation');
    expect(search.search('ÉVALUATION')[0]?.id).toBe('evaluation');
    expect(search.search('oenotourisme')[0]?.id).toBe('oenotourisme');
  });
  it('finds prefixes and tolerates typos', () => {
    expect(search.search('faceb')[0]?.id).toBe('facebook');
    expect(search.search('tripadvizor')[0]?.id).toBe('avis');
  });
  it('tolerates a typo beside a word spelt right', () => {
    expect(search.search('tripadvizor google').map((h) => h.id)).toEqual(['avis']);
  });
  it('ignores French function words, as whole words and as prefixes', () => {
    expect(search.search('page pour le gîte').map((h) => h.id)).toEqual(['facebook']);
    // "po" would otherwise match "pour", which the Facebook tutorial has and is not about.
    expect(search.search('po')).toEqual([]);
  });
  it('searches a function word typed alone as the beginning of a word', () => {
    const security = createTutorialSearch([make('seo', 'Référencement SEO', 'Être trouvé.'), make('secu', 'Sécurité des mots de passe', 'Un gestionnaire.')]);
    // "se" and "sé" on the way to "sécurité" or "seo"; "de" begins no word here but function words.
    expect(security.search('se').map((h) => h.id).sort()).toEqual(['secu', 'seo']);
    expect(security.search('Sé').map((h) => h.id).sort()).toEqual(['secu', 'seo']);
    expect(security.search('de')).toEqual([]);
    expect(security.search('mots de').map((h) => h.id)).toEqual(['secu']);
  });
  it('ranks title matches first and filters by theme', () => {
    const hits = search.search('page');
    expect(hits[0]?.id).toBe('facebook');
    expect(search.search('réseaux', { theme: 'reseaux-sociaux' }).map((h) => h.id)).toEqual(['oenotourisme']);
  });
  it('adds neighbouring spellings only when the words as typed find nothing', () => {
    const roads = createTutorialSearch([make('velo', 'Itinéraire vélo', 'La route des vins.'), make('bus', 'Navette', 'Le bus roule.')]);
    expect(roads.search('route').map((h) => h.id)).toEqual(['velo']);
    expect(roads.search('rouge').map((h) => h.id).sort()).toEqual(['bus', 'velo']);
  });
  it('updates incrementally', () => {
    search.upsert(make('wifi', 'Wi-Fi territorial', 'Bornes et portail captif.'));
    expect(search.search('portail')[0]?.id).toBe('wifi');
    search.remove('wifi');
    expect(search.search('portail')).toEqual([]);
  });
});

describe('tutorial search knows the names people type', () => {
  it('finds a hyphenated word typed joined, and the other way round', () => {
    const s = createTutorialSearch([make('wifi', 'Wi-Fi territorial', 'Bornes.'), make('autre', 'Le wifi du gîte', 'Box.'), make('loin', 'Sans rapport', 'Rien.')]);
    expect(s.search('wifi').map((h) => h.id).sort()).toEqual(['autre', 'wifi']);
    expect(s.search('wi-fi').map((h) => h.id).sort()).toEqual(['autre', 'wifi']);
  });
  it('searches a word or its synonyms, and keeps the other words required', () => {
    const s = createTutorialSearch([make('gbp', 'Fiche Google Business Profile', 'Valider sa fiche.'), make('phish', 'Cybersécurité', 'Reconnaître un hameçonnage par courriel.'), make('google', 'Avis Google', 'Répondre.')]);
    expect(s.search('gmb').map((h) => h.id)).toEqual(['gbp']);
    expect(s.search('phishing').map((h) => h.id)).toEqual(['phish']);
    expect(s.search('phishing mail').map((h) => h.id)).toEqual(['phish']);
    expect(s.search('gmb hameçonnage')).toEqual([]);
  });
});

describe('search over the bundled library', () => {
  const dir = join(__dirname, '../../../../resources/tutorials');
  const bundled = readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f !== 'FORMAT.md')
    .flatMap((f) => {
      const p = parseTutorialFile(f, readFileSync(join(dir, f), 'utf8'));
      return p.ok ? [{ meta: p.meta, body: p.body, source: 'bundled' as const, basedOn: null, recordId: null }] : [];
    });
  const s = createTutorialSearch(bundled as Tutorial[]);
  it.each([
    ['gmb', 'fiche-google-business-profile'],
    ['phishing', 'cybersecurite-bases'],
    ['wi-fi', 'wifi-territorial'],
    ['wifi', 'wifi-territorial'],
    ['canva', 'instagram-pour-les-pros'],
    ['mdp', 'cybersecurite-bases'],
  ])('« %s » finds %s first', (query, first) => {
    const hits = s.search(query);
    expect(hits.length).toBeGreaterThan(0);
    if (first) expect(hits.slice(0, 2).map((h) => h.id)).toContain(first);
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { strToU8, zipSync } from 'fflate';
import * as registry from '../domain/registry';
import * as people from '../domain/people';
import * as cohorts from '../domain/cohorts';
import * as workshops from '../domain/workshops';
import * as tutorials from '../domain/tutorials';
import * as common from '../domain/common';
import * as attendance from '../domain/attendance';
import { tutorialMetaSchema } from '../domain/tutorials';
import { parseTutorialFile } from '../features/tutorial-library/frontmatter';
import { PACK_FORMAT, readPack } from '../features/tutorial-library/packs';
import { en, fr, translate, type Language, type Translate } from './index';
import { fieldLabel, fieldList, formErrorText, issueText, issuesByField } from './issues';

const tOf = (language: Language): Translate => (key, params) => translate(language, key, params);
const t = tOf('fr');
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

const goodMeta = { id: 'avis', title: 'Les avis', summary: 'Répondre aux avis en ligne', theme: 'e-reputation', level: 'debutant', duration: 30, audience: 'both', tags: ['avis'], reviewed: '2026-01-01', version: 1, changes: '' };

function errorsOf(schema: z.ZodType, input: unknown, translateWith: Translate = t): Record<string, string> {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a failure');
  const out = issuesByField(translateWith, parsed.error, input);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, plain(v)]));
}

describe('zod issues as French sentences', () => {
  it('names the list field that needs one item', () => {
    expect(tutorialMetaSchema.safeParse(goodMeta).success).toBe(true);
    expect(errorsOf(tutorialMetaSchema, { ...goodMeta, tags: [] })).toEqual({ tags: 'Indiquez au moins un mot-clé.' });
    expect(errorsOf(z.object({ objectives: z.array(z.string()).min(1) }), { objectives: [] })).toEqual({ objectives: 'Indiquez au moins un objectif.' });
  });

  it('says a field is missing when it is absent, and its expected type when it is wrong', () => {
    const { title: _t, ...noTitle } = goodMeta;
    expect(errorsOf(tutorialMetaSchema, noTitle)).toEqual({ title: 'Le champ « titre » est manquant.' });
    expect(errorsOf(tutorialMetaSchema, { ...goodMeta, duration: 'trente' })).toEqual({ duration: 'Le champ « durée » doit être un nombre.' });
    expect(errorsOf(tutorialMetaSchema, { ...goodMeta, duration: 12.5 })).toEqual({ duration: 'Le champ « durée » doit être un nombre entier.' });
  });

  it('tells a missing field from zod’s message alone when the input is not given', () => {
    const parsed = tutorialMetaSchema.safeParse({ ...goodMeta, summary: undefined });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(plain(issueText(t, parsed.error.issues[0]!))).toBe('Le champ « résumé » est manquant.');
  });

  it('writes lengths, bounds, formats and choices with the field’s name', () => {
    expect(errorsOf(tutorialMetaSchema, { ...goodMeta, title: 'ab' })).toEqual({ title: 'Le champ « titre » doit compter au moins 3 caractères.' });
    expect(errorsOf(tutorialMetaSchema, { ...goodMeta, duration: 1 })).toEqual({ duration: 'Le champ « durée » doit valoir au moins 5.' });
    expect(errorsOf(tutorialMetaSchema, { ...goodMeta, duration: 6000 })).toEqual({ duration: 'Le champ « durée » doit valoir au plus 600.' });
    expect(errorsOf(tutorialMetaSchema, { ...goodMeta, theme: 'cuisine' })).toEqual({ theme: 'Le champ « thème » doit prendre l’une des valeurs prévues.' });
    expect(errorsOf(z.object({ email: z.email() }), { email: 'paul@' })).toEqual({ email: 'Le champ « courriel » doit être une adresse de courriel valide.' });
    expect(errorsOf(z.object({ name: z.string().min(1) }), { name: '' })).toEqual({ name: 'Le champ « nom » est obligatoire.' });
    expect(errorsOf(z.strictObject({ a: z.string() }), { a: 'x', jobTitle: 'y' })).toEqual({ _form: 'Champ inconnu : jobTitle.' });
  });

  it('keeps a schema’s own message: a message key translated, a French sentence with one full stop', () => {
    expect(errorsOf(z.object({ name: z.string().min(1, 'profile.error.name') }), { name: '' })).toEqual({ name: plain(t('profile.error.name')) });
    expect(errorsOf(tutorialMetaSchema, { ...goodMeta, id: 'Pas Bon' })).toEqual({ id: 'Identifiant : identifiant en minuscules et tirets.' });
  });

  it('writes English sentences in English', () => {
    expect(errorsOf(tutorialMetaSchema, { ...goodMeta, tags: [] }, tOf('en'))).toEqual({ tags: 'Give at least one keyword.' });
  });

  it('never passes zod’s English through a form error', () => {
    expect(plain(formErrorText(t, 'Too small: expected array to have >=1 items', 'tags') ?? '')).toBe('Le champ « mots-clés » n’est pas valide.');
    expect(formErrorText(t, 'Invalid input: expected string, received undefined')).toBe('Cette valeur n’est pas valide.');
    expect(formErrorText(t, 'workshop.formErrors')).toBe(t('workshop.formErrors'));
    expect(formErrorText(t, undefined)).toBeUndefined();
  });

  it('words every sentence with one full stop at the end and no English', () => {
    const samples = [{ ...goodMeta, tags: [] }, { ...goodMeta, title: undefined }, { ...goodMeta, duration: 'x' }, { ...goodMeta, reviewed: '2026-13-45' }, { ...goodMeta, level: 'expert' }, { ...goodMeta, changes: 'x'.repeat(3000) }];
    for (const sample of samples) {
      const parsed = tutorialMetaSchema.safeParse(sample);
      expect(parsed.success).toBe(false);
      if (parsed.success) continue;
      for (const issue of parsed.error.issues) {
        const text = issueText(t, issue, sample);
        expect(text, text).toMatch(/[^.]\.$/);
        expect(text, text).not.toMatch(/\b(Invalid|expected|received|Too small|Too big)\b/);
      }
    }
  });
});

describe('tutorial files and packs', () => {
  it('reports a tutorial without a title with a French sentence naming the field', () => {
    const file = '---\nid: z\nsummary: Un résumé assez long\ntheme: e-reputation\nlevel: debutant\nduration: 30\naudience: both\ntags: [a]\nreviewed: 2026-01-01\nversion: 1\nchanges: ""\n---\n';
    const read = parseTutorialFile('z.md', file);
    expect(read.ok ? '' : plain(read.error)).toBe('z.md : Le champ « titre » est manquant.');
  });

  it('refuses a pack with one full stop in the sentence shown', () => {
    const manifest = { format: PACK_FORMAT, formatVersion: 1, createdAt: '2026-01-01T00:00:00Z', tutorials: [{ id: 'z', file: 'z.md', version: 1, changes: '' }] };
    const zip = zipSync({ 'manifest.json': strToU8(JSON.stringify(manifest)), 'z.md': strToU8('---\nid: z\ntitle: Titre\nsummary: Un résumé assez long\ntheme: e-reputation\nlevel: debutant\nduration: 30\naudience: both\ntags: []\nreviewed: 2026-01-01\nversion: 1\nchanges: ""\n---\n') });
    const read = readPack('p.zip', zip, new Map());
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const shown = plain(translate('fr', 'tl.pack.error', { detail: read.error.replace(/\.+$/, '') }));
    expect(shown).toContain('Indiquez au moins un mot-clé');
    expect(shown).not.toContain('..');
    expect(shown).not.toMatch(/Too small|Invalid/);
  });
});

describe('field labels', () => {
  it('turns stored keys into words in lists', () => {
    expect(fieldList(t, ['status', 'notes'])).toBe('statut, notes');
    expect(fieldList(t, ['phone', 'specialities'])).toBe('téléphone, spécialités');
    expect(fieldList(t, ['cohortId', 'trainingStart', 'trainingEnd'])).toBe('promotion, début de formation, fin de formation');
    expect(fieldLabel(t, 'jobTitle')).toBe('fonction');
    expect(fieldLabel(tOf('en'), 'jobTitle')).toBe('job title');
    expect(fieldLabel(t, ['place', 'communeName'])).toBe('commune');
  });

  it('labels every field of every stored record, in both languages', () => {
    const missing: string[] = [];
    for (const mod of [registry, people, cohorts, workshops, tutorials, common, attendance]) {
      for (const [name, value] of Object.entries(mod)) {
        const shape = (value as { shape?: unknown }).shape;
        if (!shape || typeof shape !== 'object') continue;
        for (const key of Object.keys(shape)) {
          if (!(`field.${key}` in fr) || !(`field.${key}` in en)) missing.push(`${name}.${key}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

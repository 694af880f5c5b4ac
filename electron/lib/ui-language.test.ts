import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './backups';
import { engineLocale, parseUiLanguage, serialiseUiLanguage, UI_LANGUAGE_FILE } from './ui-language';

describe('the language of the window’s own controls', () => {
  it('is French unless English was chosen, whatever the file holds', () => {
    expect(parseUiLanguage(undefined)).toBe('fr');
    expect(parseUiLanguage('')).toBe('fr');
    expect(parseUiLanguage('{"language":"en"}')).toBe('en');
    expect(parseUiLanguage('{"language":"fr"}')).toBe('fr');
    expect(parseUiLanguage('{"language":"de"}')).toBe('fr');
    expect(parseUiLanguage('{"language":')).toBe('fr');
    expect(parseUiLanguage('null')).toBe('fr');
    expect(engineLocale('fr')).toBe('fr-FR');
    expect(engineLocale('en')).toBe('en-GB');
  });

  it('round-trips through a real file written as main writes it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fourmiliere-lang-'));
    try {
      await writeFileAtomic(dir, UI_LANGUAGE_FILE, serialiseUiLanguage('en'));
      expect(parseUiLanguage(await readFile(join(dir, UI_LANGUAGE_FILE), 'utf8'))).toBe('en');
      await writeFileAtomic(dir, UI_LANGUAGE_FILE, serialiseUiLanguage('fr'));
      expect(engineLocale(parseUiLanguage(await readFile(join(dir, UI_LANGUAGE_FILE), 'utf8')))).toBe('fr-FR');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

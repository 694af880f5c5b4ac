import { describe, expect, it } from 'vitest';
import { tutorialThemes } from '../../domain/tutorials';
import { translate, type Translate } from '../../i18n';
import { themeKey } from '../tutorial-library/labels';
import { themeName } from './labels';

describe('theme names', () => {
  it.each(['fr', 'en'] as const)('are the same in Tutoriels and Ateliers (%s)', (language) => {
    const t = ((key, params) => translate(language, key, params)) as Translate;
    for (const theme of tutorialThemes) {
      const name = themeName(t, theme);
      expect(name).toBe(t(themeKey(theme)));
      expect(name).not.toBe(theme);
    }
    expect(themeName(t, 'e-reputation')).toBe(language === 'fr' ? 'E-réputation et avis' : 'Online reputation and reviews');
  });
});

/**
 * The language of the window's own controls. Chromium draws a date or time picker
 * (« jj/mm/aaaa », « --:-- ») in the engine's language, not the page's `lang`, and takes it
 * only at start (`--lang`). Fourmilière is French first: unless the person chose English in
 * Réglages, the pickers read as French whatever the system's language is.
 */
export type UiLanguage = 'fr' | 'en';

export const UI_LANGUAGE_FILE = 'ui-language.json';

/** The stored choice; anything unreadable is the default, French. */
export function parseUiLanguage(text: string | undefined): UiLanguage {
  if (!text) return 'fr';
  try {
    const value = (JSON.parse(text) as { language?: unknown } | null)?.language;
    return value === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

export const serialiseUiLanguage = (language: UiLanguage): string => JSON.stringify({ language });

/** The engine's locale for the app's language: the same ones the messages use (i18n LOCALES). */
export function engineLocale(language: UiLanguage): string {
  return language === 'en' ? 'en-GB' : 'fr-FR';
}

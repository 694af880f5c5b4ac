/**
 * The messages module: every UI string, French first, English second, one file
 * per feature in ./fr and ./en. Messages are ICU MessageFormat (intl-messageformat):
 * `{name}`, `{count, plural, one {# fiche} other {# fiches}}`, `{x, select, …}`.
 *
 * Elision: a select argument named `<param>Elision` is computed from the string
 * parameter `<param>` when the caller does not give it: `vowel` before a vowel or a
 * mute h, `other` otherwise — `{nameElision, select, vowel {d’} other {de }}{name}`
 * reads « d’Amaia », « de Léa ».
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import IntlMessageFormat from 'intl-messageformat';
import { elision } from './elision';
import { frenchSpacing } from './format';
import { app as frApp } from './fr/app';
import { workshops as frWorkshops } from './fr/workshops';
import { participants as frParticipants } from './fr/participants';
import { tutorialLibrary as frTutorialLibrary } from './fr/tutorialLibrary';
import { safekeeping as frSafekeeping } from './fr/safekeeping';
import { promotions as frPromotions } from './fr/promotions';
import { animators as frAnimators } from './fr/animators';
import { hardening as frHardening } from './fr/hardening';
import { registryImport as frRegistryImport } from './fr/registryImport';
import { disk as frDisk } from './fr/disk';
import { paperwork as frPaperwork } from './fr/paperwork';
import { records as frRecords } from './fr/records';
import { agenda as frAgenda } from './fr/agenda';
import { workbook as frWorkbook } from './fr/workbook';
import { fields as frFields } from './fr/fields';
import { revisions as frRevisions } from './fr/revisions';
import { collect as frCollect } from './fr/collect';
import { sessions as frSessions } from './fr/sessions';
import { screenTables as frScreenTables } from './fr/screenTables';
import { uiKit as frUiKit } from './fr/uiKit';
import { sync as frSync } from './fr/sync';
import { workshopTables as frWorkshopTables } from './fr/workshopTables';
import { syncPrivacy as frSyncPrivacy } from './fr/syncPrivacy';
import { syncRetire as frSyncRetire } from './fr/syncRetire';
import { app as enApp } from './en/app';
import { workshops as enWorkshops } from './en/workshops';
import { participants as enParticipants } from './en/participants';
import { tutorialLibrary as enTutorialLibrary } from './en/tutorialLibrary';
import { safekeeping as enSafekeeping } from './en/safekeeping';
import { promotions as enPromotions } from './en/promotions';
import { animators as enAnimators } from './en/animators';
import { hardening as enHardening } from './en/hardening';
import { registryImport as enRegistryImport } from './en/registryImport';
import { disk as enDisk } from './en/disk';
import { paperwork as enPaperwork } from './en/paperwork';
import { records as enRecords } from './en/records';
import { agenda as enAgenda } from './en/agenda';
import { workbook as enWorkbook } from './en/workbook';
import { fields as enFields } from './en/fields';
import { revisions as enRevisions } from './en/revisions';
import { collect as enCollect } from './en/collect';
import { sessions as enSessions } from './en/sessions';
import { screenTables as enScreenTables } from './en/screenTables';
import { uiKit as enUiKit } from './en/uiKit';
import { sync as enSync } from './en/sync';
import { workshopTables as enWorkshopTables } from './en/workshopTables';
import { syncPrivacy as enSyncPrivacy } from './en/syncPrivacy';
import { syncRetire as enSyncRetire } from './en/syncRetire';

// One message file per area; each area's files are listed on their own line.
export const fr = {
  ...frApp,
  ...frWorkshops,
  ...frParticipants,
  ...frAnimators,
  ...frRegistryImport,
  ...frPromotions,
  ...frSafekeeping,
  ...frTutorialLibrary,
  ...frHardening,
  ...frDisk,
  ...frPaperwork,
  ...frRecords,
  ...frAgenda,
  ...frWorkbook,
  ...frFields,
  ...frRevisions,
  ...frCollect,
  ...frSessions,
  ...frScreenTables,
  ...frUiKit,
  ...frSync,
  ...frWorkshopTables,
  ...frSyncPrivacy,
  ...frSyncRetire,
};
export type MessageKey = keyof typeof fr;
export const en: Record<MessageKey, string> = {
  ...enApp,
  ...enWorkshops,
  ...enParticipants,
  ...enAnimators,
  ...enRegistryImport,
  ...enPromotions,
  ...enSafekeeping,
  ...enTutorialLibrary,
  ...enHardening,
  ...enDisk,
  ...enPaperwork,
  ...enRecords,
  ...enAgenda,
  ...enWorkbook,
  ...enFields,
  ...enRevisions,
  ...enCollect,
  ...enSessions,
  ...enScreenTables,
  ...enUiKit,
  ...enSync,
  ...enWorkshopTables,
  ...enSyncPrivacy,
  ...enSyncRetire,
};

export const languages = { fr, en } as const;
export type Language = keyof typeof languages;
export type Params = Record<string, string | number>;

const LANGUAGE_KEY = 'fourmiliere.language';

export function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(LANGUAGE_KEY);
    return v === 'en' ? 'en' : 'fr';
  } catch {
    return 'fr';
  }
}

const LOCALES: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

interface Compiled {
  format: IntlMessageFormat;
  /** Every argument the message reads (to show `{name}` for a missing one rather than throw) */
  argumentNames: string[];
}

const compiled: Record<Language, Map<string, Compiled | null>> = { fr: new Map(), en: new Map() };

/** Names of every argument in an ICU AST, nested ones included. */
export function argumentNames(ast: ReturnType<IntlMessageFormat['getAst']>): string[] {
  const names = new Set<string>();
  const walk = (elements: typeof ast) => {
    for (const el of elements) {
      // types 1..6 are argument, number, date, time, select, plural (0 literal, 7 #, 8 tag)
      if (el.type >= 1 && el.type <= 6 && 'value' in el && typeof el.value === 'string') names.add(el.value);
      if ('options' in el) for (const option of Object.values(el.options)) walk(option.value);
      if ('children' in el) walk(el.children);
    }
  };
  walk(ast);
  return [...names];
}

function compile(language: Language, key: string, template: string): Compiled | null {
  const cache = compiled[language];
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let entry: Compiled | null;
  try {
    // French typography is applied once here, so message files can be typed with plain spaces.
    const source = language === 'fr' ? frenchSpacing(template) : template;
    const format = new IntlMessageFormat(source, LOCALES[language], undefined, { ignoreTag: true });
    entry = { format, argumentNames: argumentNames(format.getAst()) };
  } catch {
    // A message that does not parse is caught by messages.test.ts; at run time show it raw.
    entry = null;
  }
  cache.set(key, entry);
  return entry;
}

export function translate(language: Language, key: MessageKey, params?: Params): string {
  const template: string = languages[language][key] ?? fr[key] ?? key;
  const entry = compile(language, key, template);
  if (!entry) return template;
  const values: Record<string, string | number> = { ...params };
  for (const name of entry.argumentNames) {
    if (name in values) continue;
    const base = name.endsWith('Elision') ? values[name.slice(0, -'Elision'.length)] : undefined;
    values[name] = typeof base === 'string' ? elision(base) : `{${name}}`;
  }
  try {
    return String(entry.format.format(values));
  } catch {
    // e.g. a plural given a string: show the template rather than break the screen
    return template;
  }
}

/** True for strings that are message keys (used to translate zod error messages). */
export function isMessageKey(value: string): value is MessageKey {
  return value in fr;
}

export type Translate = (key: MessageKey, params?: Params) => string;

interface I18nValue {
  language: Language;
  setLanguage: (language: Language) => void;
  t: Translate;
  /** Dates, numbers and lists in the current language */
  locale: string;
}

const I18nContext = createContext<I18nValue>({
  language: 'fr',
  setLanguage: () => undefined,
  t: (key, params) => translate('fr', key, params),
  locale: 'fr-FR',
});

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [language, setLanguageState] = useState<Language>(initial ?? storedLanguage());
  const setLanguage = useCallback((next: Language) => {
    setLanguageState(next);
    try {
      localStorage.setItem(LANGUAGE_KEY, next);
    } catch {
      // storage unavailable: the choice lasts for this session only
    }
    document.documentElement.lang = next;
  }, []);
  const value = useMemo<I18nValue>(
    () => ({
      language,
      setLanguage,
      t: (key, params) => translate(language, key, params),
      locale: LOCALES[language],
    }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  return useContext(I18nContext);
}

export function useT(): Translate {
  return useContext(I18nContext).t;
}

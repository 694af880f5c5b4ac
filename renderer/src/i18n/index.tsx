/**
 * The messages module: every UI string, French first, English second, one file
 * per feature in ./fr and ./en. `t('key', { name })` fills {name} placeholders.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
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
import { workbook as frWorkbook } from './fr/workbook';
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
import { workbook as enWorkbook } from './en/workbook';

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
  ...frWorkbook,
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
  ...enWorkbook,
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

export function translate(language: Language, key: MessageKey, params?: Params): string {
  const template: string = languages[language][key] ?? fr[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
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
      locale: language === 'fr' ? 'fr-FR' : 'en-GB',
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

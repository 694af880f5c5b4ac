import type { MessageKey } from '../../i18n';
import type { TutorialMeta } from '../../domain/tutorials';

// `satisfies` proves every theme, level and audience has a message.
export const themeKey = (theme: TutorialMeta['theme']) => `tl.theme.${theme}` as const satisfies MessageKey;
export const levelKey = (level: TutorialMeta['level']) => `tl.level.${level}` as const satisfies MessageKey;
export const audienceKey = (audience: TutorialMeta['audience']) => `tl.audience.${audience}` as const satisfies MessageKey;

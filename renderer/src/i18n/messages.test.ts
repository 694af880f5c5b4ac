import { describe, expect, it } from 'vitest';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { en, fr, translate, type MessageKey } from './index';
import { elision } from './elision';

const keys = Object.keys(fr) as MessageKey[];

/** argument name → its ICU type (argument, number, plural, select…), nested ones included */
function argumentsOf(message: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const el of elements) {
      if (el.type === TYPE.literal || el.type === TYPE.pound || el.type === TYPE.tag) continue;
      const previous = found.get(el.value);
      const type = TYPE[el.type];
      // `{n}` and `{n, number}` in one message are the same number: keep the stricter type
      if (!previous || previous === 'argument') found.set(el.value, type);
      if (el.type === TYPE.select || el.type === TYPE.plural) {
        for (const option of Object.values(el.options)) walk(option.value);
      }
    }
  };
  walk(parse(message, { ignoreTag: true }));
  return found;
}

/** Elision selects are French grammar, computed by translate(): English need not have them. */
const withoutElision = (args: Map<string, string>) =>
  [...args].filter(([name]) => !name.endsWith('Elision')).sort(([a], [b]) => a.localeCompare(b));

describe('messages', () => {
  it('has the same keys in French and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
  });

  it('has no empty string in either language', () => {
    for (const [key, value] of [...Object.entries(fr), ...Object.entries(en)]) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  it('parses every message of both languages as ICU MessageFormat', () => {
    for (const [language, messages] of [['fr', fr], ['en', en]] as const) {
      for (const key of keys) {
        expect(() => parse(messages[key], { ignoreTag: true }), `${language} ${key}`).not.toThrow();
      }
    }
  });

  it('uses the same argument names and types in both languages', () => {
    for (const key of keys) {
      expect(withoutElision(argumentsOf(en[key])), key).toEqual(withoutElision(argumentsOf(fr[key])));
    }
  });

  it('gives every elision select its word and both branches', () => {
    for (const key of keys) {
      const args = argumentsOf(fr[key]);
      for (const [name, type] of args) {
        if (!name.endsWith('Elision')) continue;
        expect(type, key).toBe('select');
        expect(args.has(name.slice(0, -'Elision'.length)), `${key}: ${name} without its word`).toBe(true);
        expect(fr[key], key).toMatch(new RegExp(`\\{${name}, select, vowel \\{[^}]*\\} other \\{`));
      }
    }
  });

  it('elides « de » and « que » before every word-valued argument', () => {
    // Names and titles may begin with a vowel (« d’Amaia », « d’Instagram »): they need the select.
    const wordArguments = ['name', 'names', 'person', 'who', 'module', 'title', 'tutorial', 'workshop', 'label', 'organisation', 'structure', 'commune'];
    for (const key of keys) {
      for (const match of fr[key].matchAll(/(?:^|[\s'’(«])(?:de|que) \{(\w+)\}/g)) {
        expect(wordArguments.includes(match[1] ?? ''), `${key}: « ${match[0].trim()} » needs {${match[1]}Elision, select, …}`).toBe(false);
      }
    }
  });

  it('writes no « (s) » plural by hand where a count is given', () => {
    for (const [language, messages] of [['fr', fr], ['en', en]] as const) {
      for (const key of keys) {
        const message = messages[key];
        if (!argumentsOf(message).size) continue;
        expect(message, `${language} ${key}`).not.toMatch(/\w\((?:s|nt|x|es)\)/);
      }
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('fr', 'home.title', { name: 'Léa' })).toBe('Bonjour Léa');
    expect(translate('en', 'home.title')).toBe('Hello {name}');
  });
});

describe('French grammar in messages', () => {
  it('treats 0 and 1 as singular, 2 as plural', () => {
    expect(translate('fr', 'animators.list.count', { count: 0 })).toBe('0 fiche');
    expect(translate('fr', 'animators.list.count', { count: 1 })).toBe('1 fiche');
    expect(translate('fr', 'animators.list.count', { count: 2 })).toBe('2 fiches');
    expect(translate('en', 'animators.list.count', { count: 0 })).toBe('0 records');
    expect(translate('en', 'animators.list.count', { count: 1 })).toBe('1 record');
    expect(translate('en', 'animators.list.count', { count: 2 })).toBe('2 records');
  });

  it('writes counts with French digit grouping', () => {
    // 1 234 with a narrow no-break space, as Intl writes French numbers
    expect(translate('fr', 'animators.list.count', { count: 1234 })).toBe('1\u202f234 fiches');
    expect(translate('en', 'animators.list.count', { count: 1234 })).toBe('1,234 records');
  });

  it('elides « de » before a vowel and a mute h, not before a consonant', () => {
    expect(translate('fr', 'attendance.statusOf', { name: 'Amaia' })).toBe('Présence d’Amaia');
    expect(translate('fr', 'cohorts.attestation.of', { name: 'Élodie' })).toBe('Attestation d’Élodie');
    expect(translate('fr', 'attendance.statusOf', { name: 'Hélène' })).toBe('Présence d’Hélène');
    expect(translate('fr', 'attendance.statusOf', { name: 'Léa' })).toBe('Présence de Léa');
  });
});

describe('the wording the issue reported', () => {
  const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
  it('agrees nouns and verbs with their count', () => {
    expect(translate('fr', 'tl.pack.exported', { count: 1 })).toBe('Pack exporté (1 tutoriel).');
    expect(translate('fr', 'tl.pack.exported', { count: 3 })).toBe('Pack exporté (3 tutoriels).');
    expect(plain(translate('fr', 'registration.promotedAuto', { names: 'Léa', count: 1 }))).toBe('Place libérée : Léa passe de la liste d’attente aux inscrits.');
    expect(plain(translate('fr', 'registration.promotedAuto', { names: 'Léa, Amaia', count: 2 }))).toBe('Place libérée : Léa, Amaia passent de la liste d’attente aux inscrits.');
    expect(plain(translate('fr', 'registration.summary', { registered: 1, capacity: 12, left: 0, waiting: 0 }))).toBe('1 inscrit pour 12 places — 0 place libre, 0 en liste d’attente.');
  });

  it('writes « Toutes » for a feminine field and « Tous » otherwise', () => {
    expect(translate('fr', 'animators.any', { gender: 'feminine' })).toBe('Toutes');
    expect(translate('fr', 'animators.any', { gender: 'masculine' })).toBe('Tous');
    expect(translate('en', 'animators.any', { gender: 'feminine' })).toBe('All');
  });

  it('keeps « A quitté le réseau »: the verb « a » takes no accent, even as a capital', () => {
    // « À » is the preposition; « (il) a quitté » is the verb avoir.
    expect(translate('fr', 'animators.status.parti')).toBe('A quitté le réseau');
  });
});

describe('elision', () => {
  it('elides before vowels, accented ones and a mute h', () => {
    for (const word of ['Amaia', 'Élodie', 'élodie', 'Ines', 'Océane', 'Ugo', 'Yves', 'Hélène', 'Hugo', 'Œdipe', '« Anne »']) {
      expect(elision(word), word).toBe('vowel');
    }
  });

  it('keeps « de » before consonants, an aspirated h and a y sounded as a consonant', () => {
    for (const word of ['Léa', 'Bruno', 'Haute-Savoie', 'Hollande', 'Yannick', 'Yaël', '12 personnes', '']) {
      expect(elision(word), word).toBe('other');
    }
  });
});

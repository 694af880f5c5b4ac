/**
 * What a person reads instead of zod's raw messages (« Too small: expected array to
 * have >=1 items ») and instead of internal field keys (« cohortId, trainingStart »).
 * One home for the tutorial editor, pack import, record forms, import reasons and history.
 */
import type { z } from 'zod';
import { isMessageKey, type MessageKey, type Translate } from './index';

type Issue = z.core.$ZodIssue;

/** A stored field's name as a person reads it (« promotion » for cohortId); the path's last named key wins. */
export function fieldLabel(t: Translate, key: string | number | symbol | readonly PropertyKey[] | undefined): string {
  const path = Array.isArray(key) ? (key as readonly PropertyKey[]) : [key as PropertyKey | undefined];
  const named = [...path].reverse().find((k): k is string => typeof k === 'string' && k !== '');
  if (named === undefined) return t('issue.record');
  const messageKey = `field.${named}`;
  // An unknown key is still shown rather than hidden, but the field-label test keeps every stored key labelled.
  return isMessageKey(messageKey) ? t(messageKey) : named;
}

/** « statut, notes » for ['status', 'notes']. */
export function fieldList(t: Translate, keys: readonly string[]): string {
  return keys.map((k) => fieldLabel(t, k)).join(', ');
}

/** The value at a path of the input zod checked, to tell a missing field from a wrong one. */
function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** Whether zod wrote this message itself (as opposed to a schema's own message). */
function isZodDefault(message: string): boolean {
  return /^(Invalid|Too (small|big)|Expected|Unrecognized|Required|Number must|String must)\b/i.test(message);
}

const FORMATS: Record<string, MessageKey> = {
  email: 'issue.format.email',
  date: 'issue.format.date',
  datetime: 'issue.format.datetime',
  url: 'issue.format.url',
};

/**
 * One sentence naming the field, ending with a single full stop.
 * `input` is what was checked: with it, a field absent from the input reads « est manquant ».
 */
export function issueText(t: Translate, issue: Issue, input?: unknown): string {
  // A schema's own message: a message key is translated; a French sentence is kept as it is.
  if (isMessageKey(issue.message)) return t(issue.message);
  const field = fieldLabel(t, issue.path);
  if (issue.message && !isZodDefault(issue.message)) {
    const own = issue.message.replace(/\.+$/, '');
    return issue.path.length ? `${capitalise(field)} : ${own}.` : `${capitalise(own)}.`;
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.expected === 'int') return t('issue.number.integer', { field });
      const value = input === undefined ? undefined : valueAt(input, issue.path);
      if (input !== undefined ? value === undefined || value === null : /received (undefined|null)/.test(issue.message)) return t('issue.missing', { field });
      return t('issue.type', { field, expected: issue.expected });
    }
    case 'too_small': {
      const minimum = Number(issue.minimum);
      if (issue.origin === 'array' || issue.origin === 'set') {
        const last = [...issue.path].reverse().find((k) => typeof k === 'string');
        const itemKey = `field.${String(last)}.one`;
        if (minimum === 1 && isMessageKey(itemKey)) return t('issue.atLeastOne', { item: t(itemKey) });
        return t('issue.list.tooShort', { field, minimum });
      }
      if (issue.origin === 'string') return minimum === 1 ? t('issue.required', { field }) : t('issue.text.tooShort', { field, minimum });
      return t(issue.inclusive === false ? 'issue.number.tooSmallStrict' : 'issue.number.tooSmall', { field, minimum });
    }
    case 'too_big': {
      const maximum = Number(issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') return t('issue.list.tooLong', { field, maximum });
      if (issue.origin === 'string') return t('issue.text.tooLong', { field, maximum });
      return t(issue.inclusive === false ? 'issue.number.tooBigStrict' : 'issue.number.tooBig', { field, maximum });
    }
    case 'invalid_format':
      return t(FORMATS[issue.format] ?? 'issue.format.other', { field });
    case 'invalid_value':
      return t('issue.value', { field });
    case 'unrecognized_keys':
      return t('issue.unknownKeys', { count: issue.keys.length, keys: issue.keys.join(', ') });
    default:
      return t('issue.invalid', { field });
  }
}

/**
 * A form error as stored by a repository (a message key, or a schema's own text) as a sentence:
 * zod's own English never reaches the screen.
 */
export function formErrorText(t: Translate, message: string | undefined, field?: string): string | undefined {
  if (!message) return undefined;
  if (isMessageKey(message)) return t(message);
  if (isZodDefault(message)) return field ? t('issue.invalid', { field: fieldLabel(t, field) }) : t('issue.generic');
  return message;
}

/** The first sentence for each top-level field (the form's error under each field). */
export function issuesByField(t: Translate, error: z.ZodError, input?: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) out[String(issue.path[0] ?? '_form')] ??= issueText(t, issue, input);
  return out;
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('fr-FR') + text.slice(1);
}

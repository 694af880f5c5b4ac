/**
 * A fast, conservative stand-in for a zod schema, for values built by code from values already
 * checked (an import's rows): true only when the schema accepts the value and gives it back
 * unchanged. Strings with length rules, enums, literals, booleans, nullables, defaults, arrays
 * and objects (exactly their keys) are checked directly; anything else (formats, refinements,
 * numbers' rules, transforms) by the schema part itself, its verdict remembered per primitive
 * value (an import's rows share their dates and years). False means « ask the schema »: the
 * caller runs it then, for its verdict and its message; a value is never taken for valid when
 * the schema would refuse it.
 */
import type { z } from 'zod';

type Check = (value: unknown) => boolean;
/** `exact`: false also means the schema refuses the value (no transform could make it pass) */
interface Compiled {
  check: Check;
  exact: boolean;
}
interface Def {
  type: string;
  checks?: { _zod: { def: { check: string; minimum?: number; maximum?: number } } }[];
  innerType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
  shape?: Record<string, z.ZodType>;
  catchall?: unknown;
}

/** Verdicts remembered per schema part, for this many distinct values at most. */
const REMEMBERED = 50_000;

/** Verdicts per schema part, shared by every check compiled from it (a row's e-mail, then its record's). */
const verdicts = new WeakMap<z.ZodType, Map<unknown, boolean>>();

/** The schema part itself: accepted, and given back as it was (a trimmed string would not be). */
function bySchema(schema: z.ZodType): Compiled {
  let seen = verdicts.get(schema);
  if (!seen) verdicts.set(schema, (seen = new Map<unknown, boolean>()));
  const known = seen;
  const check: Check = (value) => {
    const primitive = value === null || (typeof value !== 'object' && typeof value !== 'function');
    if (primitive && known.has(value)) return known.get(value)!;
    const result = schema.safeParse(value);
    const ok = primitive && result.success && Object.is(result.data, value);
    if (primitive && known.size < REMEMBERED) known.set(value, ok);
    return ok;
  };
  return { check, exact: false };
}

/** Length rules only (min_length, max_length); null when another rule is there. */
function lengths(def: Def): { min: number; max: number } | null {
  let min = 0;
  let max = Infinity;
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === 'min_length') min = Math.max(min, d.minimum!);
    else if (d.check === 'max_length') max = Math.min(max, d.maximum!);
    else return null;
  }
  return { min, max };
}

function compile(schema: z.ZodType): Compiled {
  const def = schema._zod.def as unknown as Def;
  switch (def.type) {
    case 'string': {
      const l = lengths(def);
      if (!l) return bySchema(schema);
      return { check: (v) => typeof v === 'string' && v.length >= l.min && v.length <= l.max, exact: true };
    }
    case 'boolean':
      return def.checks?.length ? bySchema(schema) : { check: (v) => typeof v === 'boolean', exact: true };
    case 'literal': {
      const values = new Set(def.values);
      return { check: (v) => values.has(v), exact: true };
    }
    case 'enum': {
      const values = new Set(Object.values(def.entries ?? {}).filter((v) => typeof v === 'string'));
      return { check: (v) => typeof v === 'string' && values.has(v), exact: true };
    }
    case 'nullable': {
      const inner = compile(def.innerType!);
      return { check: (v) => v === null || inner.check(v), exact: inner.exact };
    }
    case 'default': {
      // A value present is checked as the inner schema checks it; an absent one is left to the schema.
      const inner = compile(def.innerType!);
      return { check: (v) => v !== undefined && inner.check(v), exact: false };
    }
    case 'union': {
      // The schema keeps the first option that passes: an earlier option must refuse for sure.
      const options = def.options!.map(compile);
      if (options.slice(0, -1).some((o) => !o.exact)) return bySchema(schema);
      return { check: (v) => options.some((o) => o.check(v)), exact: options.every((o) => o.exact) };
    }
    case 'array': {
      const l = lengths(def);
      if (!l) return bySchema(schema);
      const element = compile(def.element!);
      return { check: (v) => Array.isArray(v) && v.length >= l.min && v.length <= l.max && v.every((e) => element.check(e)), exact: element.exact };
    }
    case 'object': {
      // Only a plain object schema (unknown keys dropped): exactly its keys, each checked.
      if (def.catchall !== undefined) return bySchema(schema);
      const keys = Object.keys(def.shape!);
      const known = new Set(keys);
      const checks = keys.map((k) => compile(def.shape![k]!).check);
      const check: Check = (v) => {
        if (typeof v !== 'object' || v === null || Array.isArray(v) || Object.getPrototypeOf(v) !== Object.prototype) return false;
        const own = Object.keys(v);
        if (own.length !== keys.length || !own.every((k) => known.has(k))) return false;
        const record = v as Record<string, unknown>;
        for (let i = 0; i < keys.length; i++) if (!checks[i]!(record[keys[i]!])) return false;
        return true;
      };
      return { check, exact: false };
    }
    default:
      return bySchema(schema);
  }
}

/** The schema's fast check (see above): true means valid as it is; false, ask the schema. */
export function fastCheck(schema: z.ZodType): Check {
  return compile(schema).check;
}

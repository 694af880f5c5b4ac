/**
 * The dry run and the write. planImport reads what it needs in a few batched
 * lookups (communes once, the people the rows name found in the registry's columns,
 * then only those read) and decides per row;
 * applyImport writes the whole plan in one transaction, or nothing.
 */
import type { FourmiliereDatabase } from '../../../db/database';
import { historyBatchRows, historyOfRecords } from '../../../db/history';
import { foldText, getDeviceId, newId, nextCounter, touchRecord } from '../../../db/records';
import { storeBatch, type ImportBatch } from './batches';
import { email as emailSchema } from '../../../domain/common';
import { animatorSchema, type Animator, type StructureType, type TrainingStatus } from '../../../domain/registry';
import type { Cohort } from '../../../domain/cohorts';
import { findDepartment, findRegion, loadCommunes, searchCommunesIn, type Commune } from '../../../shared/geo';
import type { MessageKey } from '../../../i18n';
import { diffFields, withDerived, type AnimatorFields } from '../repository';
import { rememberingSearchWords } from '../search-words';
import { fastCheck } from '../../../domain/schema-shortcut';
import type { z } from 'zod';
import type { ColumnMapping, ImportField } from './headers';
import type { ParsedCsv } from './parse';
import { timeSlicer, yieldToUi } from '../../../shared/scheduling';
import { LiveRegistry } from '../registry-live';

export type OnProgress = (p: { done: number; total: number }) => void;

export interface Reason {
  key: MessageKey;
  params?: Record<string, string | number>;
}
export type RowAction = 'create' | 'update' | 'skip' | 'invalid';
/** Why a change looks like an older spreadsheet talking: held back unless the person chooses it. */
export type DowngradeKind = 'status' | 'olderDate' | 'previousValue';
/** One field's change as the dry run shows it: values as stored (a promotion by its title). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  downgrade?: DowngradeKind;
  /** applied (false: a downgrade held back) */
  applied: boolean;
}
/** Rows of the file about the same person (same e-mail, or same name in the same structure). */
export interface RowGroup {
  /** the group's first row, its stable id */
  id: number;
  rows: number[];
  /** the row kept (by default the last valid one of the file) */
  chosen: number;
}
export interface PlannedRow {
  /** the spreadsheet's row number (1 = header), whatever line breaks its cells hold */
  line: number;
  action: RowAction;
  name: string;
  reasons: Reason[];
  /** the record to write (create/update) */
  record?: Animator;
  changes?: Record<string, [unknown, unknown]>;
  /** updates: field by field, old -> new, downgrades flagged */
  diff?: FieldChange[];
  /** rows about the same person */
  group?: RowGroup;
  /** a row of a group that is not kept: how it differs from the kept one */
  differences?: FieldChange[];
  /** updates: the record as stored before, for undoing the import */
  previous?: Animator;
  /** the row's values by import field, for correcting it on screen */
  values?: Partial<Record<ImportField, string>>;
}
export interface ImportPlan {
  rows: PlannedRow[];
  counts: Record<RowAction, number>;
}
/** What the person chose in the dry run. */
export interface ImportChoices {
  /** per group id, the row kept */
  pick?: Record<number, number>;
  /** rows whose held-back downgrades are applied */
  allowDowngrade?: number[];
}

/** Training statuses in the order a person moves through them (exits are not ranked). */
const statusRank: Partial<Record<TrainingStatus, number>> = { 'en-formation': 1, forme: 2, certifie: 3 };
const dateFields = new Set(['trainingStart', 'trainingEnd', 'trainedYear']);
const derivedFields = new Set(['communeInsee', 'postalCode', 'departmentCode', 'regionCode']);

/** Whether a change takes a field back: a status lower, an older date, a value the field had before. */
export function downgradeOf(field: string, before: unknown, after: unknown, earlierValues: readonly string[] = []): DowngradeKind | undefined {
  if (before === null || before === '' || (Array.isArray(before) && before.length === 0)) return undefined;
  if (field === 'status') {
    const b = statusRank[before as TrainingStatus];
    const a = statusRank[after as TrainingStatus];
    if (b !== undefined && a !== undefined && a < b) return 'status';
  }
  if (dateFields.has(field) && after !== null && String(after) < String(before)) return 'olderDate';
  if (!derivedFields.has(field) && earlierValues.includes(JSON.stringify(after))) return 'previousValue';
  return undefined;
}

/** "Promotion n°10 « Jimdo » 2021" -> number, nickname and year, as a person types them. */
export function parseCohortText(text: string): { number: number | null; nickname: string; year: number | null } {
  let t = foldText(text);
  const year = /\b(20\d\d)\b/.exec(t)?.[1];
  if (year) t = t.replace(year, ' ');
  const num = /(?:^|\D)(\d{1,3})(?!\d)/.exec(t)?.[1];
  if (num) t = t.replace(/\bn\s*°\s*(?=\d)|\bno\.?\s*(?=\d)|#(?=\d)/g, ' ').replace(new RegExp(`(^|\\D)${num}(?!\\d)`), '$1 ');
  const nickname = t
    .replace(/\b(promotion|promo|cohorte|n°|no)\b/g, ' ')
    .replace(/[«»"“”'’()\-—–:,;.#°]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return { number: num ? Number(num) : null, nickname, year: year ? Number(year) : null };
}

/**
 * The promotion a text names, matched on its nickname *and* its number (when given) within the
 * person's region, and its year when given; never on the number alone.
 */
export function matchCohort(cohorts: readonly Cohort[], text: string, regionCode: string): Cohort | undefined {
  const { number, nickname, year } = parseCohortText(text);
  if (!nickname) return undefined;
  const found = cohorts.filter(
    (c) =>
      c.deletedAt === null &&
      foldText(c.nickname).replace(/[«»"“”'’()\-—–:,;.#°]+/g, ' ').replace(/\s+/g, ' ').trim() === nickname &&
      (number === null || c.number === number) &&
      (!regionCode || c.regionCode === regionCode) &&
      (year === null || (Number(c.startDate.slice(0, 4)) <= year && year <= Number(c.endDate.slice(0, 4)))),
  );
  return found.length === 1 ? found[0] : undefined;
}

/** The guard a spreadsheet export puts before a cell that would run as a formula ('+33…), removed. */
export function withoutFormulaGuard(cell: string): string {
  return /^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell;
}

const statusWords: [RegExp, TrainingStatus][] = [
  [/^en ?formation|^en cours/, 'en-formation'],
  [/^certifi/, 'certifie'],
  [/^form/, 'forme'],
  [/^abandon/, 'abandon'],
  [/^parti|^a quitte|^quitte|^depart/, 'parti'],
];
export function parseStatus(text: string): TrainingStatus | null | undefined {
  const t = foldText(text).replace(/[^a-z ]+/g, ' ').trim();
  if (!t) return null;
  return statusWords.find(([re]) => re.test(t))?.[1];
}

export function parseStructureType(type: string, name: string): StructureType {
  const t = foldText(`${type} ${type ? '' : name}`);
  if (/office de tourisme|\bot\b|\boti\b/.test(t)) return 'office-tourisme';
  if (/\bpays\b/.test(t)) return 'pays-touristique';
  if (/\bcdt\b|\badt\b|comite departemental|agence departementale/.test(t)) return 'cdt-adt';
  if (/\bcrt\b|comite regional/.test(t)) return 'crt';
  if (/\bcci\b|chambre de commerce/.test(t)) return 'cci';
  return 'autre';
}

/**
 * A French number typed in a spreadsheet cell without the text format loses its leading zero
 * (0493357373 -> 493357373): nine digits alone get it back, as four-digit postcodes do.
 */
export function restorePhone(text: string): string {
  return /^[1-9]\d{8}$/.test(text) ? `0${text}` : text;
}

/** "31/12/2019", "2019-12-31" -> ISO date; "" -> null; anything else -> undefined. */
export function parseDate(text: string): string | null | undefined {
  const t = text.trim();
  if (!t) return null;
  const fr = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  const iso = fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : t;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(iso) ? iso : undefined;
}

const splitList = (text: string) => [...new Set(text.split(/[,;/\n]/).map((s) => s.trim()).filter(Boolean))];

type Values = Partial<Record<ImportField, string>>;
function valuesOf(cells: string[], mapping: ColumnMapping): Values {
  const v: Values = {};
  mapping.forEach((field, i) => {
    if (field) v[field] = withoutFormulaGuard((cells[i] ?? '').replace(/\r\n?/g, '\n').trim());
  });
  return v;
}

const foldedName = (s: string) => foldText(s).replace(/[^a-z0-9]+/g, ' ').replace(/\bst\b/g, 'saint').replace(/\bste\b/g, 'sainte').trim();

const byNameCache = new WeakMap<object, Map<string, Commune[]>>();
/** Communes by folded name, built once per loaded index. */
function communesByName(index: Awaited<ReturnType<typeof loadCommunes>>): Map<string, Commune[]> {
  let byName = byNameCache.get(index);
  if (byName) return byName;
  byName = new Map<string, Commune[]>();
  for (const [i, c] of index.communes.entries()) {
    const key = index.folded[i]!;
    const list = byName.get(key);
    if (list) list.push(c);
    else byName.set(key, [c]);
  }
  byNameCache.set(index, byName);
  return byName;
}

/** A function of a text, computed once per distinct text of a dry run (names, communes and statuses repeat). */
function once<T>(f: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (known.has(text)) return known.get(text)!;
    const value = f(text);
    known.set(text, value);
    return value;
  };
}

/** What a person reads for a schema's refusal, the field named by its key (reason-text.ts gives its label). */
export function issueReason(issue: z.core.$ZodIssue): Reason {
  const field = [...issue.path].reverse().find((k): k is string => typeof k === 'string') ?? '';
  const limit = (n: unknown) => Number(n);
  switch (issue.code) {
    case 'too_big':
      if (issue.origin === 'string') return { key: 'issue.text.tooLong', params: { field, maximum: limit(issue.maximum) } };
      if (issue.origin === 'array') return { key: 'issue.list.tooLong', params: { field, maximum: limit(issue.maximum) } };
      return { key: 'issue.number.tooBig', params: { field, maximum: limit(issue.maximum) } };
    case 'too_small':
      if (issue.origin === 'string') return limit(issue.minimum) === 1 ? { key: 'issue.required', params: { field } } : { key: 'issue.text.tooShort', params: { field, minimum: limit(issue.minimum) } };
      if (issue.origin === 'array') return { key: 'issue.list.tooShort', params: { field, minimum: limit(issue.minimum) } };
      return { key: 'issue.number.tooSmall', params: { field, minimum: limit(issue.minimum) } };
    case 'invalid_format':
      return { key: issue.format === 'email' ? 'issue.format.email' : issue.format === 'datetime' ? 'issue.format.datetime' : 'issue.format.other', params: { field } };
    case 'invalid_value':
      return { key: 'issue.value', params: { field } };
    default:
      return { key: 'issue.invalid', params: { field } };
  }
}

let quickCheck: ((value: unknown) => boolean) | null = null;
/**
 * A record built by the dry run from checked cells, as it will be stored: its fields pass the
 * schema's fast check (domain/schema-shortcut.ts, no full zod run per row), else the schema itself
 * decides and its refusal becomes the row's reason. Never a record the schema refuses.
 */
export function checkedRecord(record: Animator): { record: Animator } | { reason: Reason } {
  quickCheck ??= fastCheck(animatorSchema);
  if (quickCheck(record)) return { record };
  const result = animatorSchema.safeParse(record);
  return result.success ? { record: result.data } : { reason: issueReason(result.error.issues[0]!) };
}

/** matched people read per request */
const READ_CHUNK = 2000;

/**
 * Who the rows name among the people outside the bin: e-mail -> id, nameStructureKey -> id
 * (the greatest id where several share one).
 */
export type FindPeople = (emails: ReadonlySet<string>, sortNames: ReadonlySet<string>, keys: ReadonlySet<string>) => Promise<{ byEmail: Map<string, string>; byKey: Map<string, string> }>;

/** From the registry's columns, loaded from its snapshot (or built from the records) and never saved from here. */
export function registryPeople(db: FourmiliereDatabase, live = new LiveRegistry(db, { readOnly: true })): FindPeople {
  return async (emails, sortNames, keys) => {
    await live.catchUp();
    return (await live.open()).matchPeople(emails, sortNames, keys);
  };
}

/** Decides, row by row, what the import would do; writes nothing. */
export async function planImport(
  db: FourmiliereDatabase,
  parsed: Pick<ParsedCsv, 'headers' | 'rows'>,
  mapping: ColumnMapping,
  onProgress: OnProgress = () => undefined,
  choices: ImportChoices = {},
  people?: FindPeople,
): Promise<ImportPlan> {
  const index = await loadCommunes();
  const byName = communesByName(index);
  await yieldToUi();
  // Each distinct text folded once: names, communes, statuses and structures repeat across rows.
  const fold = once(foldText);
  const sortNameOf = (lastName: string, firstName: string) => fold(`${lastName} ${firstName}`.trim());
  // As nameStructureKey (repository.ts) makes it, from the folded parts.
  const keyOf = (lastName: string, firstName: string, structureName: string) => `${fold(`${lastName} ${firstName}`).trim()}|${fold(structureName).trim()}`;
  const searchWords = rememberingSearchWords();
  const communeKey = once(foldedName);
  const statusOf = once(parseStatus);
  // By its type when given, else by the structure's name (« Office de tourisme de… »).
  const byType = once((type: string) => parseStructureType(type, ''));
  const byStructureName = once((name: string) => parseStructureType('', name));

  const rows = parsed.rows.map((r) => {
    const v = valuesOf(r.cells, mapping);
    return { line: r.line, cells: r.cells, v, key: keyOf(v.lastName ?? '', v.firstName ?? '', v.structureName ?? '') };
  });

  const emails = new Set<string>();
  const wantedNames = new Set<string>();
  const wantedKeys = new Set<string>();
  for (const { v, key } of rows) {
    const mail = (v.email ?? '').toLowerCase();
    if (mail) emails.add(mail);
    wantedNames.add(sortNameOf(v.lastName ?? '', v.firstName ?? ''));
    wantedKeys.add(key);
  }
  const steps = wantedNames.size + rows.length;
  const cohorts = await db.cohorts.toArray();
  // The people the rows name, found in the registry's columns (no record read), then only
  // those read whole: at national size 10,000 rows share their names with most of 100,000
  // stored people, whom reading one name at a time took seconds.
  const found = await (people ?? registryPeople(db))(emails, wantedNames, wantedKeys);
  const matched = [...new Set([...found.byEmail.values(), ...found.byKey.values()])];
  const records = new Map<string, Animator>();
  for (let i = 0; i < matched.length; i += READ_CHUNK) for (const a of await db.animators.bulkGet(matched.slice(i, i + READ_CHUNK))) if (a && a.deletedAt === null) records.set(a.id, a);
  const existingByEmail = new Map<string, Animator>();
  const existingByKey = new Map<string, Animator>();
  for (const [mail, id] of found.byEmail) if (records.has(id)) existingByEmail.set(mail, records.get(id)!);
  for (const [key, id] of found.byKey) if (records.has(id)) existingByKey.set(key, records.get(id)!);
  onProgress({ done: wantedNames.size, total: steps });
  const lookups = timeSlicer();
  interface Checked {
    line: number;
    name: string;
    values: Values;
    reasons: Reason[];
    fields?: Omit<AnimatorFields, 'tokens' | 'sortName'>;
    /** the record a create writes, built and checked once */
    record?: Animator;
    mail: string;
    key: string;
    cohortText: string;
  }
  const checked: Checked[] = [];
  const header = parsed.headers.length;
  // Thousands of rows are checked in slices: the window keeps painting the progress.
  const slice = timeSlicer();

  // The e-mail checked by the schema once: its record's check below finds the verdict.
  const emailOk = fastCheck(emailSchema);
  // One time for every record of the dry run: the records it creates share it.
  const now = new Date();
  const nowIso = now.toISOString();
  const device = getDeviceId();
  for (const [done, { line, cells, v, key }] of rows.entries()) {
    if (done % 100 === 0) {
      onProgress({ done: wantedNames.size + done, total: steps });
      await slice();
    }
    const name = `${v.firstName ?? ''} ${v.lastName ?? ''}`.trim() || `#${line}`;
    const reasons: Reason[] = [];
    const invalid = (key: MessageKey, params?: Reason['params']) => reasons.push(params ? { key, params } : { key });
    if (cells.length > header) invalid('animators.import.reason.tooMany', { found: cells.length, expected: header });
    else if (cells.length < header) invalid('animators.import.reason.tooFew', { found: cells.length, expected: header });
    if (!v.lastName) invalid('animators.import.reason.noLastName');
    if (!v.firstName) invalid('animators.import.reason.noFirstName');
    const mail = (v.email ?? '').toLowerCase();
    if (mail && !emailOk(mail)) invalid('animators.import.reason.email', { value: mail });

    let commune: Commune | undefined;
    const postal = /^\d{4}$/.test(v.postalCode ?? '') ? `0${v.postalCode}` : (v.postalCode ?? '');
    if (v.commune) {
      const candidates = byName.get(communeKey(v.commune)) ?? [];
      commune = (postal ? candidates.find((c) => c.postalCodes.includes(postal)) : undefined) ?? candidates.sort((a, b) => b.population - a.population)[0];
      if (!commune) {
        const suggestion = searchCommunesIn(index, v.commune, 1)[0] ?? (postal ? searchCommunesIn(index, postal, 1)[0] : undefined);
        if (/^98[678]/.test(postal) || /noumea|papeete|mata utu|wallis|futuna|polynesie|nouvelle caledonie/.test(communeKey(v.commune))) invalid('animators.import.reason.communeOutside', { value: v.commune });
        else if (suggestion) invalid('animators.import.reason.communeSuggest', { value: v.commune, suggestion: `${suggestion.name} (${suggestion.postalCodes[0] ?? ''})` });
        else invalid('animators.import.reason.commune', { value: v.commune });
      }
    } else if (postal) {
      commune = index.communes.find((c) => c.postalCodes.includes(postal));
      if (!commune && /^98[678]/.test(postal)) invalid('animators.import.reason.communeOutside', { value: postal });
    }
    const region = v.region ? findRegion(v.region) : undefined;
    if (v.region && !region) invalid('animators.import.reason.region', { value: v.region });
    const department = v.department ? findDepartment(v.department) : undefined;
    if (v.department && !department) invalid('animators.import.reason.department', { value: v.department });
    const status = statusOf(v.status ?? '');
    if (status === undefined) invalid('animators.import.reason.status', { value: v.status ?? '' });
    const trainingStart = parseDate(v.trainingStart ?? '');
    const trainingEnd = parseDate(v.trainingEnd ?? '');
    if (trainingStart === undefined) invalid('animators.import.reason.date', { value: v.trainingStart ?? '' });
    if (trainingEnd === undefined) invalid('animators.import.reason.date', { value: v.trainingEnd ?? '' });
    const regionCode = commune?.regionCode ?? department?.region ?? region?.code ?? '';
    const cohort = v.cohort ? matchCohort(cohorts, v.cohort, regionCode) : undefined;
    const yearText = v.trainedYear || /\b(20\d\d)\b/.exec(v.cohort ?? '')?.[1] || (trainingEnd ? trainingEnd.slice(0, 4) : '');
    const trainedYear = /^20\d\d$/.test(yearText) ? Number(yearText) : null;
    if (v.trainedYear && trainedYear === null) invalid('animators.import.reason.year', { value: v.trainedYear });

    const cohortText = v.cohort && !cohort ? v.cohort : '';
    if (reasons.length > 0) {
      checked.push({ line, name, values: v, reasons, mail, cohortText, key: '' });
      continue;
    }
    const fields = {
      firstName: v.firstName!, lastName: v.lastName!, email: mail, phone: restorePhone(v.phone ?? ''), structureName: v.structureName ?? '',
      structureType: v.structureType ? byType(v.structureType) : byStructureName(v.structureName ?? ''), jobTitle: v.jobTitle ?? '',
      communeInsee: commune?.insee ?? '', communeName: commune?.name ?? '', postalCode: commune ? (commune.postalCodes.includes(postal) ? postal : (commune.postalCodes[0] ?? '')) : postal.slice(0, 5),
      departmentCode: commune?.departmentCode ?? department?.code ?? '', regionCode,
      status: status ?? 'forme', cohortId: cohort?.id ?? null, trainingStart: trainingStart ?? cohort?.startDate ?? null, trainingEnd: trainingEnd ?? cohort?.endDate ?? null,
      trainedYear: trainedYear ?? (cohort ? Number(cohort.endDate.slice(0, 4)) : null), specialities: splitList(v.specialities ?? ''), languages: splitList(v.languages ?? ''),
      // An unmatched promotion's text is kept on the person, never lost.
      notes: [v.notes ?? '', v.cohort && !cohort ? `Promotion : ${v.cohort}` : ''].filter(Boolean).join('\n'),
      consent: { given: false, date: null, purpose: 'annuaire régional des ANT' }, lastContactAt: null,
    } satisfies Omit<AnimatorFields, 'tokens' | 'sortName'>;
    // The record as a create stores it, in the schema's order, checked here: a row the schema
    // refuses (a name too long…) is an invalid row with its reason, never a stored record.
    const built = checkedRecord({
      id: newId(), createdAt: nowIso, updatedAt: nowIso, deletedAt: null, rev: { device, counter: nextCounter(now.getTime()) },
      ...fields, tokens: searchWords(fields), sortName: sortNameOf(fields.lastName, fields.firstName),
    });
    if ('reason' in built) {
      reasons.push(built.reason);
      checked.push({ line, name, values: v, reasons, mail, cohortText, key: '' });
      continue;
    }
    checked.push({ line, name, values: v, reasons, mail, cohortText, fields, record: built.record, key });
  }

  // Rows about the same person (same e-mail, or same name in the same structure), as groups.
  const parent = checked.map((_, i) => i);
  const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i]!)));
  const firstBy = new Map<string, number>();
  checked.forEach((c, i) => {
    if (!c.fields) return;
    for (const k of [c.mail ? `@${c.mail}` : '', `#${c.key}`]) {
      if (!k) continue;
      const j = firstBy.get(k);
      if (j === undefined) firstBy.set(k, i);
      else parent[root(i)] = root(j);
    }
  });
  const members = new Map<number, number[]>();
  checked.forEach((c, i) => {
    if (!c.fields) return;
    const r = root(i);
    const list = members.get(r);
    if (list) list.push(i);
    else members.set(r, [i]);
  });
  const byLine = new Map(checked.map((c) => [c.line, c]));
  const groupOf = new Map<number, RowGroup>();
  for (const list of members.values()) {
    if (list.length < 2) continue;
    const rowsOf = list.map((i) => checked[i]!.line);
    const id = rowsOf[0]!;
    const picked = choices.pick?.[id];
    const group: RowGroup = { id, rows: rowsOf, chosen: picked !== undefined && rowsOf.includes(picked) ? picked : rowsOf[rowsOf.length - 1]! };
    for (const i of list) groupOf.set(i, group);
  }

  // The people matched, and the values their fields had before (a downgrade brings one back).
  const matchOf = (c: Checked) => (c.mail ? existingByEmail.get(c.mail) : undefined) ?? existingByKey.get(c.key);
  const matchedIds = [
    ...new Set(
      [...checked.entries()].flatMap(([i, c]) => {
        const g = groupOf.get(i);
        const id = c.fields && (!g || g.chosen === c.line) ? matchOf(c)?.id : undefined;
        return id ? [id] : [];
      }),
    ),
  ];
  const earlier = new Map<string, Map<string, string[]>>();
  for (const h of await historyOfRecords(db, 'animators', matchedIds, lookups)) {
    const byField = earlier.get(h.recordId) ?? new Map<string, string[]>();
    for (const [field, [before]] of Object.entries(h.changes)) {
      if (before === null || before === '' || (Array.isArray(before) && before.length === 0)) continue;
      byField.set(field, [...(byField.get(field) ?? []), JSON.stringify(before)]);
    }
    earlier.set(h.recordId, byField);
  }
  await lookups();
  const allowed = new Set(choices.allowDowngrade ?? []);
  const cohortTitle = (id: unknown) => {
    const c = typeof id === 'string' ? cohorts.find((x) => x.id === id) : undefined;
    return c ? `n°${c.number}${c.nickname ? ` « ${c.nickname} »` : ''}` : id;
  };
  const shown = (field: string, value: unknown) => (field === 'cohortId' ? cohortTitle(value) : value);

  // An unmatched promotion is named with what the dry run offers to create it from.
  const cohortReasons = (c: Checked, regionCode: string): Reason[] => {
    if (!c.cohortText) return [];
    const { number, nickname } = parseCohortText(c.cohortText);
    return [{ key: 'animators.import.reason.cohortUnknown', params: { value: c.cohortText, region: regionCode, number: number ?? '', nickname: c.cohortText.match(/«\s*([^»]+?)\s*»/)?.[1] ?? nickname } }];
  };
  const planned: PlannedRow[] = [];
  for (const [i, c] of checked.entries()) {
    const { line, name, reasons, values } = c;
    const group = groupOf.get(i);
    if (!c.fields) {
      planned.push({ line, action: 'invalid', name, reasons, values, ...(group ? { group } : {}) });
      continue;
    }
    if (group && group.chosen !== line) {
      const kept = byLine.get(group.chosen)!.fields!;
      const differences = Object.entries(diffFields(withDerived(c.fields), withDerived(kept)))
        .filter(([f]) => !derivedFields.has(f))
        .map(([field, [before, after]]) => ({ field, before: shown(field, before), after: shown(field, after), applied: false }));
      planned.push({ line, action: 'skip', name, values, group, differences, reasons: [{ key: 'animators.import.reason.sameAs', params: { line: group.chosen } }] });
      continue;
    }
    const groupReason: Reason[] = group ? [{ key: group.rows.length > 2 ? 'animators.import.reason.keptMany' : 'animators.import.reason.kept1', params: { lines: group.rows.filter((l) => l !== line).join(', ') } }] : [];
    const existing = matchOf(c);
    if (!existing) {
      planned.push({ line, action: 'create', name, reasons: [...groupReason, ...cohortReasons(c, c.fields.regionCode)], record: c.record!, values, ...(group ? { group } : {}) });
      continue;
    }
    // An update keeps what the file leaves empty, the person's consent, and adds the file's
    // notes to theirs rather than replacing them.
    const kept: Partial<AnimatorFields> = {};
    for (const [k, val] of Object.entries(c.fields) as [keyof AnimatorFields, unknown][]) {
      const empty = val === '' || val === null || (Array.isArray(val) && val.length === 0);
      if (!empty && k !== 'consent' && k !== 'lastContactAt' && k !== 'notes') (kept as Record<string, unknown>)[k] = val;
    }
    const newLines = c.fields.notes.split('\n').map((l) => l.trim()).filter((l) => l && !existing.notes.includes(l));
    if (newLines.length) kept.notes = [existing.notes, ...newLines].filter(Boolean).join('\n');
    const proposed = diffFields(existing, withDerived({ ...existing, ...kept }));
    const history = earlier.get(existing.id);
    const diff: FieldChange[] = [];
    const held: Partial<AnimatorFields> = {};
    for (const [field, [before, after]] of Object.entries(proposed)) {
      const downgrade = downgradeOf(field, before, after, history?.get(field));
      const applied = !downgrade || allowed.has(line);
      if (!applied) (held as Record<string, unknown>)[field] = before;
      diff.push({ field, before: shown(field, before), after: shown(field, after), applied, ...(downgrade ? { downgrade } : {}) });
    }
    // A commune held back keeps its postcode, department and region with it.
    if ('communeName' in held) Object.assign(held, { communeInsee: existing.communeInsee, postalCode: existing.postalCode, departmentCode: existing.departmentCode, regionCode: existing.regionCode });
    const merged = withDerived({ ...existing, ...kept, ...held });
    const changes = diffFields(existing, merged);
    const heldCount = diff.filter((d) => !d.applied).length;
    const heldReason: Reason[] = heldCount ? [heldCount > 1 ? { key: 'animators.import.reason.downgradeHeldMany', params: { count: heldCount } } : { key: 'animators.import.reason.downgradeHeld1' }] : [];
    if (Object.keys(changes).length === 0) {
      planned.push({ line, action: 'skip', name, values, diff, ...(group ? { group } : {}), reasons: [...groupReason, ...(heldCount ? heldReason : [{ key: 'animators.import.reason.unchanged' as MessageKey }]), ...cohortReasons(c, existing.regionCode)] });
      continue;
    }
    const updated = checkedRecord(touchRecord(existing, merged));
    if ('reason' in updated) {
      planned.push({ line, action: 'invalid', name, reasons: [updated.reason], values, ...(group ? { group } : {}) });
      continue;
    }
    const record = updated.record;
    planned.push({
      line, action: 'update', name, record, changes, diff, values, previous: existing, ...(group ? { group } : {}),
      reasons: [{ key: existingByEmail.get(c.mail) === existing ? 'animators.import.reason.matchEmail' : 'animators.import.reason.matchName' }, ...groupReason, ...heldReason, ...cohortReasons(c, merged.regionCode)],
    });
  }
  const counts: Record<RowAction, number> = { create: 0, update: 0, skip: 0, invalid: 0 };
  for (const p of planned) counts[p.action]++;
  onProgress({ done: steps, total: steps });
  return { rows: planned, counts };
}

/**
 * Records written per step of the import's transaction. The import runs in its own worker
 * (import.worker.ts), so a step's clone never holds the window: large steps, few round trips.
 * Since schema 2 each record costs 4 index entries, not dozens.
 */
const WRITE_CHUNK = 2000;

/** Writes every create and update of the plan in one transaction: all or nothing, and the batch that undoes it. */
export async function applyImport(db: FourmiliereDatabase, plan: ImportPlan, onProgress: OnProgress = () => undefined, fileName = ''): Promise<{ created: number; updated: number; batchId: string }> {
  const writes = plan.rows.filter((r) => (r.action === 'create' || r.action === 'update') && r.record);
  const now = new Date();
  const batch: ImportBatch = {
    id: newId(), at: now.toISOString(), fileName, undoneAt: null,
    created: writes.filter((r) => r.action === 'create').map((r) => ({ id: r.record!.id, rev: r.record!.rev })),
    updated: writes.filter((r) => r.action === 'update' && r.previous).map((r) => ({ before: r.previous!, rev: r.record!.rev })),
  };
  onProgress({ done: 0, total: writes.length });
  // Every person's change in the import's batch rows (a few dozen rows, not one per person), sharing its time and device.
  const history = historyBatchRows(
    'animators',
    writes.map((r) => ({ recordId: r.record!.id, action: 'import' as const, changes: r.changes ?? {}, summary: r.action === 'create' ? 'fiche créée par import' : 'fiche mise à jour par import' })),
    batch.at,
    getDeviceId(),
    batch.id,
  );
  // Still one transaction, written in steps that are all asked at once: the database never waits
  // for the next step to be made, and each step stored moves the progress.
  await db.transaction('rw', db.animators, db.history, db.settings, async () => {
    let done = 0;
    const steps: Promise<void>[] = [db.history.bulkAdd(history).then(() => undefined)];
    for (let i = 0; i < writes.length; i += WRITE_CHUNK) {
      const part = writes.slice(i, i + WRITE_CHUNK);
      steps.push(
        db.animators.bulkPut(part.map((r) => r.record!)).then(() => {
          done += part.length;
          onProgress({ done, total: writes.length });
        }),
      );
    }
    await Promise.all(steps);
    if (writes.length > 0) await storeBatch(db, batch);
  });
  return { created: batch.created.length, updated: writes.length - batch.created.length, batchId: writes.length > 0 ? batch.id : '' };
}

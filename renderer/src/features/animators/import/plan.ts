/**
 * The dry run and the write. planImport reads what it needs in a few batched
 * lookups (communes once, existing people with anyOf) and decides per row;
 * applyImport writes the whole plan in one transaction, or nothing.
 */
import type { FourmiliereDatabase } from '../../../db/database';
import { createRecord, foldText, touchRecord } from '../../../db/records';
import { email as emailSchema } from '../../../domain/common';
import { animatorSchema, type Animator, type StructureType, type TrainingStatus } from '../../../domain/registry';
import type { Cohort } from '../../../domain/cohorts';
import { findDepartment, findRegion, loadCommunes, searchCommunesIn, type Commune } from '../../../shared/geo';
import type { MessageKey } from '../../../i18n';
import { diffFields, historyRow, nameStructureKey, withDerived, type AnimatorFields } from '../repository';
import type { ColumnMapping, ImportField } from './headers';
import type { ParsedCsv } from './parse';
import { timeSlicer, yieldToUi } from '../../../shared/scheduling';

export type OnProgress = (p: { done: number; total: number }) => void;

export interface Reason {
  key: MessageKey;
  params?: Record<string, string | number>;
}
export type RowAction = 'create' | 'update' | 'skip' | 'invalid';
export interface PlannedRow {
  line: number;
  action: RowAction;
  name: string;
  reasons: Reason[];
  /** the record to write (create/update) */
  record?: Animator;
  changes?: Record<string, [unknown, unknown]>;
}
export interface ImportPlan {
  rows: PlannedRow[];
  counts: Record<RowAction, number>;
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
    if (field) v[field] = (cells[i] ?? '').replace(/\r\n?/g, '\n').trim();
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

/** Decides, row by row, what the import would do; writes nothing. */
/** names (or e-mails) looked up per request while planning */
const LOOKUP_CHUNK = 100;

export async function planImport(db: FourmiliereDatabase, parsed: Pick<ParsedCsv, 'headers' | 'rows'>, mapping: ColumnMapping, onProgress: OnProgress = () => undefined): Promise<ImportPlan> {
  const index = await loadCommunes();
  const byName = communesByName(index);
  await yieldToUi();
  const rows = parsed.rows.map((r) => ({ line: r.line, cells: r.cells, v: valuesOf(r.cells, mapping) }));

  // Lookups of the people already in the registry, in batches. Common names are shared by
  // many people at national size (10,000 rows named like 99,550 stored people): each batch
  // keeps only those with the same name *and* structure, and the window paints in between.
  const emails = [...new Set(rows.map((r) => (r.v.email ?? '').toLowerCase()).filter(Boolean))];
  const sortNames = [...new Set(rows.map((r) => foldText(`${r.v.lastName ?? ''} ${r.v.firstName ?? ''}`.trim())))];
  const steps = sortNames.length + rows.length;
  const wantedKeys = new Set(rows.map((r) => nameStructureKey({ firstName: r.v.firstName ?? '', lastName: r.v.lastName ?? '', structureName: r.v.structureName ?? '' })));
  const cohorts = await db.cohorts.toArray();
  const live = (a: Animator) => a.deletedAt === null;
  const existingByEmail = new Map<string, Animator>();
  const existingByKey = new Map<string, Animator>();
  const lookups = timeSlicer();
  for (let i = 0; i < emails.length; i += LOOKUP_CHUNK) {
    for (const a of await db.animators.where('email').anyOf(emails.slice(i, i + LOOKUP_CHUNK)).toArray()) if (live(a)) existingByEmail.set(a.email, a);
    await lookups();
  }
  for (let i = 0; i < sortNames.length; i += LOOKUP_CHUNK) {
    for (const a of await db.animators.where('sortName').anyOf(sortNames.slice(i, i + LOOKUP_CHUNK)).toArray()) {
      const key = nameStructureKey(a);
      if (live(a) && wantedKeys.has(key)) existingByKey.set(key, a);
    }
    // The bar covers the lookups, then the rows' checks.
    onProgress({ done: Math.min(i + LOOKUP_CHUNK, sortNames.length), total: steps });
    await lookups();
  }
  const cohortOf = (text: string): Cohort | undefined => {
    const t = foldText(text).trim();
    const num = /(\d+)/.exec(t)?.[1];
    return cohorts.find((c) => foldText(c.nickname) === t) ?? (num && num.length < 4 ? cohorts.find((c) => c.number === Number(num)) : undefined);
  };

  const seenEmail = new Map<string, number>();
  const seenKey = new Map<string, number>();
  const planned: PlannedRow[] = [];
  const header = parsed.headers.length;
  // Thousands of rows are checked in slices: the window keeps painting the progress.
  const slice = timeSlicer();

  for (const [done, { line, cells, v }] of rows.entries()) {
    if (done % 100 === 0) {
      onProgress({ done: sortNames.length + done, total: steps });
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
    if (mail && !emailSchema.safeParse(mail).success) invalid('animators.import.reason.email', { value: mail });

    let commune: Commune | undefined;
    const postal = /^\d{4}$/.test(v.postalCode ?? '') ? `0${v.postalCode}` : (v.postalCode ?? '');
    if (v.commune) {
      const candidates = byName.get(foldedName(v.commune)) ?? [];
      commune = (postal ? candidates.find((c) => c.postalCodes.includes(postal)) : undefined) ?? candidates.sort((a, b) => b.population - a.population)[0];
      if (!commune) {
        const suggestion = searchCommunesIn(index, v.commune, 1)[0] ?? (postal ? searchCommunesIn(index, postal, 1)[0] : undefined);
        if (suggestion) invalid('animators.import.reason.communeSuggest', { value: v.commune, suggestion: `${suggestion.name} (${suggestion.postalCodes[0] ?? ''})` });
        else invalid('animators.import.reason.commune', { value: v.commune });
      }
    } else if (postal) {
      commune = index.communes.find((c) => c.postalCodes.includes(postal));
    }
    const region = v.region ? findRegion(v.region) : undefined;
    if (v.region && !region) invalid('animators.import.reason.region', { value: v.region });
    const department = v.department ? findDepartment(v.department) : undefined;
    if (v.department && !department) invalid('animators.import.reason.department', { value: v.department });
    const status = parseStatus(v.status ?? '');
    if (status === undefined) invalid('animators.import.reason.status', { value: v.status ?? '' });
    const trainingStart = parseDate(v.trainingStart ?? '');
    const trainingEnd = parseDate(v.trainingEnd ?? '');
    if (trainingStart === undefined) invalid('animators.import.reason.date', { value: v.trainingStart ?? '' });
    if (trainingEnd === undefined) invalid('animators.import.reason.date', { value: v.trainingEnd ?? '' });
    const cohort = v.cohort ? cohortOf(v.cohort) : undefined;
    const yearText = v.trainedYear || /\b(20\d\d)\b/.exec(v.cohort ?? '')?.[1] || (trainingEnd ? trainingEnd.slice(0, 4) : '');
    const trainedYear = /^20\d\d$/.test(yearText) ? Number(yearText) : null;
    if (v.trainedYear && trainedYear === null) invalid('animators.import.reason.year', { value: v.trainedYear });

    if (reasons.length > 0) {
      planned.push({ line, action: 'invalid', name, reasons });
      continue;
    }

    const fields = withDerived({
      firstName: v.firstName!, lastName: v.lastName!, email: mail, phone: v.phone ?? '', structureName: v.structureName ?? '',
      structureType: parseStructureType(v.structureType ?? '', v.structureName ?? ''), jobTitle: v.jobTitle ?? '',
      communeInsee: commune?.insee ?? '', communeName: commune?.name ?? '', postalCode: commune ? (commune.postalCodes.includes(postal) ? postal : (commune.postalCodes[0] ?? '')) : postal.slice(0, 5),
      departmentCode: commune?.departmentCode ?? department?.code ?? '', regionCode: commune?.regionCode ?? department?.region ?? region?.code ?? '',
      status: status ?? 'forme', cohortId: cohort?.id ?? null, trainingStart: trainingStart ?? cohort?.startDate ?? null, trainingEnd: trainingEnd ?? cohort?.endDate ?? null,
      trainedYear: trainedYear ?? (cohort ? Number(cohort.endDate.slice(0, 4)) : null), specialities: splitList(v.specialities ?? ''), languages: splitList(v.languages ?? ''),
      notes: [v.notes ?? '', v.cohort && !cohort ? `Promotion : ${v.cohort}` : ''].filter(Boolean).join('\n'),
      consent: { given: false, date: null, purpose: 'annuaire régional des ANT' }, lastContactAt: null,
    } satisfies Omit<AnimatorFields, 'tokens' | 'sortName'>);

    const key = nameStructureKey(fields);
    const earlier = (mail ? seenEmail.get(mail) : undefined) ?? seenKey.get(key);
    if (earlier !== undefined) {
      planned.push({ line, action: 'skip', name, reasons: [{ key: 'animators.import.reason.duplicateInFile', params: { line: earlier } }] });
      continue;
    }
    if (mail) seenEmail.set(mail, line);
    seenKey.set(key, line);

    const existing = (mail ? existingByEmail.get(mail) : undefined) ?? existingByKey.get(key);
    if (!existing) {
      const record = animatorSchema.parse(createRecord<Animator>(fields));
      planned.push({ line, action: 'create', name, reasons: [], record });
      continue;
    }
    // An update keeps what the file leaves empty and the person's own notes and consent.
    const kept: Partial<AnimatorFields> = {};
    for (const [k, val] of Object.entries(fields) as [keyof AnimatorFields, unknown][]) {
      const empty = val === '' || val === null || (Array.isArray(val) && val.length === 0);
      if (!empty && k !== 'consent' && k !== 'lastContactAt') (kept as Record<string, unknown>)[k] = val;
    }
    const merged = withDerived({ ...existing, ...kept });
    const changes = diffFields(existing, merged);
    if (Object.keys(changes).length === 0) {
      planned.push({ line, action: 'skip', name, reasons: [{ key: 'animators.import.reason.unchanged' }] });
      continue;
    }
    const record = animatorSchema.parse(touchRecord(existing, merged));
    planned.push({
      line, action: 'update', name, record, changes,
      reasons: [{ key: existingByEmail.get(mail) === existing ? 'animators.import.reason.matchEmail' : 'animators.import.reason.matchName', params: { fields: Object.keys(changes).join(', ') } }],
    });
  }
  const counts: Record<RowAction, number> = { create: 0, update: 0, skip: 0, invalid: 0 };
  for (const p of planned) counts[p.action]++;
  onProgress({ done: steps, total: steps });
  return { rows: planned, counts };
}

/**
 * Records written per step of the import's transaction: each step is a short task (cloning
 * a record costs the window ~0.2 ms; at 100,000 stored people 200 a step gave tasks of 96-132 ms).
 */
const WRITE_CHUNK = 100;

/** Writes every create and update of the plan in one transaction: all or nothing. */
export async function applyImport(db: FourmiliereDatabase, plan: ImportPlan, onProgress: OnProgress = () => undefined): Promise<{ created: number; updated: number }> {
  const writes = plan.rows.filter((r) => (r.action === 'create' || r.action === 'update') && r.record);
  const now = new Date();
  onProgress({ done: 0, total: writes.length });
  // Still one transaction, written in steps: each step starts when the previous one is
  // stored, so the window paints in between and the transaction never sits idle.
  await db.transaction('rw', db.animators, db.history, async () => {
    for (let i = 0; i < writes.length; i += WRITE_CHUNK) {
      const part = writes.slice(i, i + WRITE_CHUNK);
      await Promise.all([
        db.animators.bulkPut(part.map((r) => r.record!)),
        db.history.bulkAdd(part.map((r) => historyRow(r.record!.id, 'import', r.changes ?? {}, r.action === 'create' ? 'fiche créée par import' : 'fiche mise à jour par import', now))),
      ]);
      onProgress({ done: i + part.length, total: writes.length });
    }
  });
  return { created: writes.filter((r) => r.action === 'create').length, updated: writes.filter((r) => r.action === 'update').length };
}

/**
 * The registry's searchable and filterable columns, held in memory (by registry.worker.ts):
 * one array per field, one slot per person. At 100,000 people a search, a filter or a sort
 * is a scan of these arrays (a few milliseconds) instead of thousands of IndexedDB index
 * entries, and the list's rows, the baromètre and the duplicates are computed from them
 * without reading one record. Loaded from a snapshot (a few large strings: one parse, not
 * 100,000 record decodes), or built from the records. Pure: no database here, so it is
 * tested under Node (registry.test.ts compares it with a full read of the records).
 */
import { foldText } from '../../db/records';
import type { Animator, StructureType, TrainingStatus } from '../../domain/registry';
import { barometerBuilder, structureKey, type Barometer } from './stats';
import { animatorSearchWords, parseTextQuery } from './search-words';
import { sortFields, type AnimatorFilter, type AnimatorSort, type SortField } from './query';

/** What the list shows of a person: enough for a row, and a link to the full record. */
export interface ListRow {
  id: string;
  firstName: string;
  lastName: string;
  structureName: string;
  communeName: string;
  departmentCode: string;
  regionCode: string;
  status: TrainingStatus;
  trainedYear: number | null;
  deletedAt: string | null;
}

/** What the CSV and workbook exports write of a person (exports.ts): kept here so they need no record read. */
export type ExportRecord = Pick<
  Animator,
  | 'lastName' | 'firstName' | 'email' | 'phone' | 'structureName' | 'structureType' | 'jobTitle' | 'communeName' | 'postalCode' | 'departmentCode'
  | 'regionCode' | 'status' | 'cohortId' | 'trainingStart' | 'trainingEnd' | 'trainedYear' | 'specialities' | 'languages' | 'notes'
>;

/** The record fields kept here. */
export type RegistryRecord = ExportRecord & Pick<Animator, 'id' | 'sortName' | 'updatedAt' | 'deletedAt'>;

export interface DuplicatePair {
  a: string;
  b: string;
  reason: 'email' | 'name';
}

/** Snapshot format: a new one is written when this changes (an older one is rebuilt, not read). 3 and 4: one byte buffer per column (4: text columns in a narrow and a wide text). */
export const SNAPSHOT_FORMAT = 4;

/** One column of a snapshot, as bytes. */
export interface SnapshotPart {
  name: string;
  bytes: ArrayBuffer;
}

/**
 * A snapshot of the columns: a few counts and one byte buffer per column, which IndexedDB
 * stores and reads back as one copy each (a JSON text of the same columns was parsed value
 * by value: about 2 s at 100,000 people). Text columns: as encodeStrings writes them. Columns whose values repeat (CODED, the
 * commune, the specialities, the languages): Uint32 codes into their distinct values, which
 * are all in the 'dict' part (dictSizes: how many per column, in DICT_COLUMNS order); a
 * list column has its n + 1 offsets before its codes. 'order:<field>': the people's
 * ordinals in that sort's order, so the first list does not sort 100,000 names.
 */
export interface Snapshot {
  format: number;
  count: number;
  dictSizes: Record<string, number>;
  parts: SnapshotPart[];
}

/** Strings seen many times (a region code, a status, a speciality) kept once. */
class Interner {
  private readonly seen = new Map<string, string>();
  of(s: string): string {
    const known = this.seen.get(s);
    if (known !== undefined) return known;
    this.seen.set(s, s);
    return s;
  }
}

/**
 * A number per distinct value of a key made from a text (a folded name): the key is made
 * once per distinct text, and texts with the same key get the same number.
 */
class KeyNumbers {
  private readonly byText = new Map<string, number>();
  private readonly byKey = new Map<string, number>();
  /** the keys, by number */
  readonly keys: string[] = [];
  constructor(private readonly keyOf: (text: string) => string) {}
  of(text: string): number {
    let n = this.byText.get(text);
    if (n === undefined) {
      n = this.ofKey(this.keyOf(text));
      this.byText.set(text, n);
    }
    return n;
  }
  /** the number of a key itself */
  ofKey(key: string): number {
    let n = this.byKey.get(key);
    if (n === undefined) {
      n = this.keys.push(key) - 1;
      this.byKey.set(key, n);
    }
    return n;
  }
}

const UNKNOWN = -1;
/** no value to number (no structure name, no e-mail) */
const NONE = -2;
const NO_STRUCTURE = NONE;

/**
 * A number per ordinal made from its fields (a key's number, see KeyNumbers), made once
 * and made again only for the ordinals that changed; filled a slice at a time if asked.
 */
/** Letters of a search word that key the word-prefix index: a typed word of at least this many is looked up. */
const PREFIX = 3;
/** Past this many people changed since the index was made, it is made again (ahead, by warm). */
const PREFIX_STALE_MAX = 5000;

/**
 * The ordinals of the people having a search word that begins with given letters, keyed by a
 * word's first PREFIX letters (a shorter word by itself), made ahead a slice at a time. A typed
 * word of PREFIX letters or more then checks only the people under its key instead of everyone;
 * those changed since (stale) and those added after are checked as well, so the answer is the
 * same as a full pass.
 */
class WordPrefixes {
  private readonly lists = new Map<string, number[]>();
  /** ordinals below this one are indexed */
  private at = 0;
  done = false;
  readonly stale = new Set<number>();

  get indexed(): number {
    return this.at;
  }

  /** Indexes the people from where it stopped up to n; false when `stop` said to stop first (asked every `every` people). */
  build(words: readonly string[], n: number, stop: () => boolean, every: number): boolean {
    for (let o = this.at; o < n; o++) {
      this.add(words[o] ?? '', o);
      if (o % every === every - 1 && stop()) {
        this.at = o + 1;
        return false;
      }
    }
    this.at = n;
    this.done = true;
    return true;
  }

  /** text: « " word word …" » */
  private add(text: string, o: number): void {
    const { lists } = this;
    let i = 0;
    while (i < text.length) {
      if (text.charCodeAt(i) === 32) {
        i++;
        continue;
      }
      let end = text.indexOf(' ', i);
      if (end < 0) end = text.length;
      const key = text.slice(i, Math.min(end, i + PREFIX));
      const list = lists.get(key);
      if (!list) lists.set(key, [o]);
      else if (list[list.length - 1] !== o) list.push(o);
      i = end;
    }
  }

  touched(o: number): void {
    if (o < this.at) this.stale.add(o);
  }

  /** The indexed people who may have a word beginning with `word` (PREFIX letters or more). */
  under(word: string): readonly number[] {
    return this.lists.get(word.slice(0, PREFIX)) ?? [];
  }
}

class NumberColumn {
  values = new Int32Array(0);
  /** every ordinal below this one is known */
  private from = 0;
  constructor(private readonly numberOf: (o: number) => number) {}

  forget(o: number): void {
    if (o >= this.values.length) return;
    this.values[o] = UNKNOWN;
    if (o < this.from) this.from = o;
  }

  /** One ordinal's number, made if unknown. */
  at(o: number): number {
    if (o >= this.values.length) this.grow(o + 1);
    let v = this.values[o]!;
    if (v === UNKNOWN) this.values[o] = v = this.numberOf(o);
    return v;
  }

  private grow(n: number): void {
    const grown = new Int32Array(Math.max(n, this.values.length * 2)).fill(UNKNOWN);
    grown.set(this.values);
    this.values = grown;
  }

  /** The numbers of ordinals 0..n-1, made where unknown; false when `stop` said to stop first (asked every `every` ordinals). */
  fill(n: number, stop?: () => boolean, every = 1024): boolean {
    if (this.values.length < n) this.grow(n);
    const values = this.values;
    for (let o = this.from; o < n; o++) {
      if (values[o] === UNKNOWN) values[o] = this.numberOf(o);
      if (stop && o % every === every - 1 && stop()) {
        this.from = o + 1;
        return false;
      }
    }
    this.from = n;
    return true;
  }
}

const cmpStr = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Columns whose values repeat: stored in a snapshot as codes into their distinct values. */
const CODED = ['structureType', 'departmentCode', 'regionCode', 'status', 'cohortId', 'communeName'] as const;
const DICT_COLUMNS = [...CODED, 'specialities', 'languages'] as const;
/** Columns stored as text. */
const STRINGS = ['id', 'firstName', 'lastName', 'sortName', 'email', 'structureName', 'updatedAt', 'deletedAt', 'words', 'phone', 'jobTitle', 'postalCode', 'trainingStart', 'trainingEnd', 'notes'] as const;
/** Columns only the exports write: a loaded snapshot keeps them as its checked texts and codes until first needed (an export, a change, a save). */
const EXPORT_ONLY: ReadonlySet<string> = new Set(['phone', 'jobTitle', 'postalCode', 'trainingStart', 'trainingEnd', 'notes', 'languages']);
/** Orders a snapshot always carries: the list's default sort, and the primary-key order (duplicates). */
const STORED_ORDERS = ['sortName', ':id'] as const;

/** A value's length with this bit set: it is in the wide text. */
const WIDE = 0x8000_0000;
/** Any character past Latin-1 (« œ », « ’ »): such a value is kept apart, in the wide text. */
const PAST_LATIN1 = /[\u0100-\uffff]/;

/**
 * Values as one buffer: their lengths (Uint32; WIDE for a value holding a character past
 * Latin-1), the byte length of the narrow text, then the narrow and the wide texts in UTF-8.
 * Two texts, so that one « Œ » in a column does not make every value of it a two-byte string
 * (the values are slices of the decoded text: one-byte when it is Latin-1 throughout).
 */
function encodeStrings(values: readonly string[]): ArrayBuffer {
  const n = values.length;
  const lengths = new Uint32Array(n);
  const narrow: string[] = [];
  const wide: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (PAST_LATIN1.test(v)) {
      wide.push(v);
      lengths[i] = (v.length | WIDE) >>> 0;
    } else {
      narrow.push(v);
      lengths[i] = v.length;
    }
  }
  const encoder = new TextEncoder();
  const narrowBytes = encoder.encode(narrow.join(''));
  const wideBytes = encoder.encode(wide.join(''));
  const bytes = new Uint8Array(4 * n + 4 + narrowBytes.length + wideBytes.length);
  const head = new Uint32Array(bytes.buffer, 0, n + 1);
  head.set(lengths);
  head[n] = narrowBytes.length;
  bytes.set(narrowBytes, 4 * n + 4);
  bytes.set(wideBytes, 4 * n + 4 + narrowBytes.length);
  return bytes.buffer;
}

const utf8 = new TextDecoder();

/** What encodeStrings wrote, decoded and checked: its values' lengths and the two texts they are cut from. */
interface EncodedStrings {
  head: Uint32Array;
  narrow: string;
  wide: string;
}

/** The two texts of n values encodeStrings wrote, checked against the values' lengths; or SnapshotError. */
function readStrings(bytes: ArrayBuffer, n: number, name: string): EncodedStrings {
  if (bytes.byteLength < 4 * n + 4) throw new SnapshotError(`part ${name}`);
  const head = new Uint32Array(bytes, 0, n + 1);
  const narrowEnd = 4 * n + 4 + head[n]!;
  if (narrowEnd > bytes.byteLength) throw new SnapshotError(`part ${name}`);
  const narrow = utf8.decode(new Uint8Array(bytes, 4 * n + 4, head[n]!));
  const wide = utf8.decode(new Uint8Array(bytes, narrowEnd));
  let a = 0;
  let b = 0;
  for (let i = 0; i < n; i++) {
    const length = head[i]!;
    if (length & WIDE) b += length & ~WIDE;
    else a += length;
  }
  if (a !== narrow.length || b !== wide.length) throw new SnapshotError(`part ${name}`);
  // a copy of the lengths: the part itself need not be kept until its values are made
  return { head: head.slice(0, n), narrow, wide };
}

/** The values, as slices of the two texts. */
function stringsOf({ head, narrow, wide }: EncodedStrings): string[] {
  const out: string[] = [];
  let a = 0;
  let b = 0;
  for (let i = 0; i < head.length; i++) {
    const length = head[i]!;
    if (length & WIDE) {
      const end = b + (length & ~WIDE);
      out.push(wide.slice(b, end));
      b = end;
    } else {
      const end = a + length;
      out.push(narrow.slice(a, end));
      a = end;
    }
  }
  return out;
}

/** The n values encodeStrings wrote (slices of the two decoded texts), or SnapshotError. */
const decodeStrings = (bytes: ArrayBuffer, n: number, name: string): string[] => stringsOf(readStrings(bytes, n, name));

/**
 * A list column's lists (offsets then codes, see toSnapshot), people with the same values
 * sharing one array (never changed in place: upsert puts a new one); the part is checked first.
 */
function listsOf(words: Uint32Array, n: number, values: readonly string[], name: string): () => string[][] {
  if (words.length < n + 1 || words[n] !== words.length - n - 1) throw new SnapshotError(`part ${name}`);
  for (let i = 0; i < n; i++) {
    const start = n + 1 + words[i]!;
    const end = n + 1 + words[i + 1]!;
    if (end < start || end > words.length) throw new SnapshotError(`part ${name}`);
  }
  for (let k = n + 1; k < words.length; k++) if (words[k]! >= values.length) throw new SnapshotError(`part ${name}`);
  return () => {
    const lists: string[][] = [];
    const shared = new Map<string, string[]>();
    for (let i = 0; i < n; i++) {
      const start = n + 1 + words[i]!;
      const end = n + 1 + words[i + 1]!;
      const key = words.subarray(start, end).join(',');
      let list = shared.get(key);
      if (!list) {
        list = [];
        for (let k = start; k < end; k++) list.push(values[words[k]!]!);
        shared.set(key, list);
      }
      lists.push(list);
    }
    return lists;
  };
}

export class Registry {
  // One slot (ordinal) per person; a removed person leaves a hole (present = 0) until the next compaction.
  private id: string[] = [];
  private firstName: string[] = [];
  private lastName: string[] = [];
  private sortName: string[] = [];
  private email: string[] = [];
  private structureName: string[] = [];
  private structureType: string[] = [];
  private communeName: string[] = [];
  private departmentCode: string[] = [];
  private regionCode: string[] = [];
  private status: string[] = [];
  /** '' for none */
  private cohortId: string[] = [];
  private specialities: string[][] = [];
  /** 0 for none */
  private trainedYear: number[] = [];
  private updatedAt: string[] = [];
  /** '' when not in the bin */
  private deletedAt: string[] = [];
  /** " word word …": a word typed matches when « " " + word » is found in it */
  private words: string[] = [];
  // Written by the exports only ('' for none).
  private phone: string[] = [];
  private jobTitle: string[] = [];
  private postalCode: string[] = [];
  private trainingStart: string[] = [];
  private trainingEnd: string[] = [];
  private notes: string[] = [];
  private languages: string[][] = [];
  /** those columns while they are still a loaded snapshot's texts and codes: one maker per column, run at their first use (or ahead, by warm) */
  private unread: (() => void)[] = [];
  private present: number[] = [];

  /** ordinal by id, for the ordinals below `mapped` (a loaded snapshot's are added at first need, or ahead by warm) */
  private readonly byId = new Map<string, number>();
  private mapped = 0;
  private readonly interner = new Interner();
  /** ascending orders by sort field (ties by id), kept until a change; ':id' is the primary-key order */
  private readonly orders = new Map<SortField | ':id', Int32Array>();
  /** ordinals changed since each cached order was made */
  private readonly dirty = new Set<number>();
  /** the search words' prefix index (made ahead by warm) */
  private prefixes = new WordPrefixes();
  private cachedBarometer: Barometer | null = null;
  private cachedPairs: DuplicatePair[] | null = null;
  /** the baromètre's and the duplicates' passes while made ahead a slice at a time (dropped at a change) */
  private barometerBuild: { b: ReturnType<typeof barometerBuilder>; from: number } | null = null;
  private pairsBuild: { firstOfEmail: Int32Array; firstOfPair: Int32Array; pass: 1 | 2; from: number; pairs: { pair: DuplicatePair; second: string }[] } | null = null;
  // The keys the baromètre and the duplicates compare, as numbers by ordinal: each distinct
  // name is folded once, and the questions after that compare numbers, not texts.
  private readonly structureKeys = new KeyNumbers(structureKey);
  /** the structure key's number; NO_STRUCTURE without a name */
  private readonly structureNo = new NumberColumn((o) => (this.structureName[o] ? this.structureKeys.of(this.structureName[o]!) : NO_STRUCTURE));
  /** folded name parts (foldText), by number */
  private readonly nameParts = new KeyNumbers(foldText);
  /** « last first » folded and trimmed (as nameStructureKey has it), by number */
  private readonly names = new KeyNumbers((text) => text);
  /** last name's part number -> first name's part number -> name number */
  private readonly nameOfParts = new Map<number, Map<number, number>>();
  /** the folded name's number */
  private readonly nameNo = new NumberColumn((o) => this.nameNumber(this.lastName[o]!, this.firstName[o]!));
  private readonly emails = new KeyNumbers((text) => text);
  /** the e-mail's number; NONE without one */
  private readonly emailNo = new NumberColumn((o) => (this.email[o] ? this.emails.of(this.email[o]!) : NONE));
  /** name-and-structure pairs (nameStructureKey) by number: by their two numbers, or by their text when one holds « | » */
  private readonly pairByNumbers = new Map<number, number>();
  private readonly pairByText = new Map<string, number>();
  private pairCount = 0;
  /** the name-and-structure pair's number */
  private readonly pairNo = new NumberColumn((o) => this.pairNumber(o));
  private cachedSpecialities: string[] | null = null;
  private holes = 0;

  /** changes applied since it was made or loaded */
  changes = 0;

  static fromRecords(records: Iterable<RegistryRecord>): Registry {
    const r = new Registry();
    for (const a of records) r.upsert(a);
    r.changes = 0;
    return r;
  }

  /** how many people are held (the bin included) */
  get size(): number {
    return this.id.length - this.holes;
  }

  /** The ordinal of every id (the map made up to date first). */
  private get ordinalOf(): Map<string, number> {
    if (this.mapped < this.id.length) this.mapIds();
    return this.byId;
  }

  /** A loaded snapshot's ids put in the map; false when `stop` said to stop first (asked every `every` ids). */
  private mapIds(stop?: () => boolean, every = 1024): boolean {
    const { id, byId } = this;
    for (let o = this.mapped; o < id.length; o++) {
      byId.set(id[o]!, o);
      if (stop && o % every === every - 1 && stop()) {
        this.mapped = o + 1;
        return false;
      }
    }
    this.mapped = id.length;
    return true;
  }

  /** The export-only columns made from the loaded snapshot's texts, if not yet. */
  private readExports(): void {
    const unread = this.unread;
    this.unread = [];
    for (const make of unread) make();
  }

  has(id: string): boolean {
    return this.ordinalOf.has(id);
  }

  /** A record as it is now (created, edited, put in or out of the bin). */
  upsert(a: RegistryRecord): void {
    const i = this.interner;
    this.readExports();
    let o = this.ordinalOf.get(a.id);
    if (o === undefined) {
      o = this.id.length;
      this.ordinalOf.set(a.id, o);
      this.id.push(a.id);
      this.mapped++;
      this.present.push(1);
    }
    this.firstName[o] = a.firstName;
    this.lastName[o] = a.lastName;
    this.sortName[o] = a.sortName;
    this.email[o] = a.email;
    this.structureName[o] = a.structureName;
    this.structureType[o] = i.of(a.structureType);
    this.communeName[o] = i.of(a.communeName);
    this.departmentCode[o] = i.of(a.departmentCode);
    this.regionCode[o] = i.of(a.regionCode);
    this.status[o] = i.of(a.status);
    this.cohortId[o] = i.of(a.cohortId ?? '');
    this.specialities[o] = a.specialities.map((s) => i.of(s));
    this.trainedYear[o] = a.trainedYear ?? 0;
    this.updatedAt[o] = a.updatedAt;
    this.deletedAt[o] = a.deletedAt ?? '';
    this.words[o] = ` ${animatorSearchWords(a).join(' ')}`;
    this.phone[o] = a.phone;
    this.jobTitle[o] = a.jobTitle;
    this.postalCode[o] = a.postalCode;
    this.trainingStart[o] = a.trainingStart ?? '';
    this.trainingEnd[o] = a.trainingEnd ?? '';
    this.notes[o] = a.notes;
    this.languages[o] = a.languages.map((l) => i.of(l));
    this.touched(o);
  }

  /** A record no longer stored (erased, or a restore replaced everything). */
  remove(id: string): void {
    const o = this.ordinalOf.get(id);
    if (o === undefined) return;
    this.ordinalOf.delete(id);
    this.present[o] = 0;
    this.holes++;
    this.touched(o);
  }

  private touched(o: number): void {
    this.changes++;
    this.dirty.add(o);
    this.prefixes.touched(o);
    if (this.prefixes.stale.size > PREFIX_STALE_MAX) this.prefixes = new WordPrefixes();
    this.cachedBarometer = null;
    this.cachedPairs = null;
    this.barometerBuild = null;
    this.pairsBuild = null;
    this.cachedSpecialities = null;
    this.structureNo.forget(o);
    this.nameNo.forget(o);
    this.emailNo.forget(o);
    this.pairNo.forget(o);
  }

  /**
   * The number of « last first » folded and trimmed. Folding each part apart is folding them
   * joined (no fold carries across the space between them; registry.test.ts checks it on any
   * text), so each distinct part is folded once.
   */
  private nameNumber(lastName: string, firstName: string): number {
    const last = this.nameParts.of(lastName);
    const first = this.nameParts.of(firstName);
    let byFirst = this.nameOfParts.get(last);
    if (!byFirst) this.nameOfParts.set(last, (byFirst = new Map()));
    let name = byFirst.get(first);
    if (name === undefined) byFirst.set(first, (name = this.names.ofKey(`${this.nameParts.keys[last]} ${this.nameParts.keys[first]}`.trim())));
    return name;
  }

  /** The number of « folded name|folded structure » (nameStructureKey), made from the two numbers. */
  private pairNumber(o: number): number {
    const s = this.structureNo.at(o);
    // no structure name: the key of '' (as a name of spaces has)
    const structure = s === NO_STRUCTURE ? this.structureKeys.ofKey('') : s;
    const name = this.nameNo.at(o);
    const nameKey = this.names.keys[name]!;
    const structureText = this.structureKeys.keys[structure]!;
    // The two numbers stand for the text when it can only be cut at one place; the text itself otherwise.
    const byText = nameKey.includes('|') || structureText.includes('|');
    const map: Map<number | string, number> = byText ? this.pairByText : this.pairByNumbers;
    const key = byText ? `${nameKey}|${structureText}` : structure * 2 ** 26 + name;
    let pair = map.get(key);
    if (pair === undefined) map.set(key, (pair = this.pairCount++));
    return pair;
  }

  /**
   * Work done ahead of questions, while the worker has nothing else to do: a loaded snapshot's
   * ids' map, the keys' numbers (a slice at a time: `stop` is asked every `every` people), the
   * baromètre and the duplicates (a pass over numbers), kept until a change, then its
   * export-only columns (one at a time). True when all is done.
   */
  warm(stop: () => boolean, every = 1024): boolean {
    const n = this.id.length;
    // the ids' map first: a change or the duplicates' names need it
    if (!this.mapIds(stop, every)) return false;
    // the search words' index, so a typed word checks a few people instead of everyone
    // (each step asks `stop` only while it works, so a call with everything made ahead still reaches what is left)
    if (!this.prefixes.build(this.words, n, stop, every)) return false;
    // the baromètre first (it needs the structures only), then the duplicates
    if (!this.structureNo.fill(n, stop, every) || stop()) return false;
    if (!this.buildBarometer(stop, every)) return false;
    for (const column of [this.nameNo, this.emailNo, this.pairNo]) if (!column.fill(n, stop, every)) return false;
    if (!this.buildPairs(stop, every)) return false;
    // then the export-only columns of a loaded snapshot, one at a time (at least one per call): the first export need not make them
    while (this.unread.length > 0) {
      this.unread.shift()!();
      if (this.unread.length > 0 && stop()) return false;
    }
    return true;
  }

  /** Ordinals of the people a filter keeps, unordered, as marks (1 = kept). */
  private marks(filter: AnimatorFilter): Uint8Array {
    const n = this.id.length;
    const mark = new Uint8Array(n);
    const q = parseTextQuery(filter.text);
    const needles = q.words.map((w) => ` ${w}`);
    const { present, deletedAt, regionCode, departmentCode, status, cohortId, structureType, specialities, words, email } = this;
    const keep = (o: number): boolean => {
      if (!present[o]) return false;
      if (filter.deleted ? deletedAt[o] === '' : deletedAt[o] !== '') return false;
      if (filter.regionCode && regionCode[o] !== filter.regionCode) return false;
      if (filter.departmentCode && departmentCode[o] !== filter.departmentCode) return false;
      if (filter.status && status[o] !== filter.status) return false;
      if (filter.cohortId && cohortId[o] !== filter.cohortId) return false;
      if (filter.structureType && structureType[o] !== filter.structureType) return false;
      if (filter.speciality && !specialities[o]!.includes(filter.speciality)) return false;
      for (const e of q.emails) if (!email[o]!.toLowerCase().includes(e)) return false;
      for (const w of needles) if (!words[o]!.includes(w)) return false;
      return true;
    };
    // A typed word long enough, with the index made: only the people under its key (the fewest of
    // the words typed), those changed since the index was made and those added after it.
    let under: readonly number[] | null = null;
    if (this.prefixes.done) for (const w of q.words) if (w.length >= PREFIX && (!under || this.prefixes.under(w).length < under.length)) under = this.prefixes.under(w);
    if (under) {
      for (const o of under) if (keep(o)) mark[o] = 1;
      for (const o of this.prefixes.stale) if (keep(o)) mark[o] = 1;
      for (let o = this.prefixes.indexed; o < n; o++) if (keep(o)) mark[o] = 1;
      return mark;
    }
    for (let o = 0; o < n; o++) if (keep(o)) mark[o] = 1;
    return mark;
  }

  /**
   * Ordinals of the matching people in the list's order: IndexedDB key order of the sort
   * field (numbers, then strings by code unit; no value last), ties by id; descending is
   * that order reversed.
   */
  query(filter: AnimatorFilter, sort: AnimatorSort): Int32Array {
    const mark = this.marks(filter);
    const order = this.orderOf(sort.field);
    const out = new Int32Array(order.length);
    let n = 0;
    for (let i = 0; i < order.length; i++) {
      const o = order[i]!;
      if (mark[o]) out[n++] = o;
    }
    const result = out.slice(0, n);
    return sort.dir === 'desc' ? result.reverse() : result;
  }

  /** The ids of a query's answer (tests, exports). */
  ids(ordinals: ArrayLike<number>): string[] {
    const out: string[] = [];
    for (let i = 0; i < ordinals.length; i++) {
      const o = ordinals[i]!;
      if (this.present[o]) out.push(this.id[o]!);
    }
    return out;
  }

  rowById(id: string): ListRow | null {
    const o = this.ordinalOf.get(id);
    return o === undefined ? null : this.rowAt(o);
  }

  idAt(o: number): string | null {
    return this.present[o] ? this.id[o]! : null;
  }

  /** What the exports write of these people, in this order, from memory (no record read). */
  exportRecords(ordinals: ArrayLike<number>): ExportRecord[] {
    this.readExports();
    const out: ExportRecord[] = [];
    for (let k = 0; k < ordinals.length; k++) {
      const o = ordinals[k]!;
      if (!this.present[o]) continue;
      out.push({
        lastName: this.lastName[o]!,
        firstName: this.firstName[o]!,
        email: this.email[o]!,
        phone: this.phone[o]!,
        structureName: this.structureName[o]!,
        structureType: this.structureType[o] as StructureType,
        jobTitle: this.jobTitle[o]!,
        communeName: this.communeName[o]!,
        postalCode: this.postalCode[o]!,
        departmentCode: this.departmentCode[o]!,
        regionCode: this.regionCode[o]!,
        status: this.status[o] as TrainingStatus,
        cohortId: this.cohortId[o] || null,
        trainingStart: this.trainingStart[o] || null,
        trainingEnd: this.trainingEnd[o] || null,
        trainedYear: this.trainedYear[o] || null,
        specialities: this.specialities[o]!,
        languages: this.languages[o]!,
        notes: this.notes[o]!,
      });
    }
    return out;
  }

  rowAt(o: number): ListRow | null {
    if (!this.present[o]) return null;
    return {
      id: this.id[o]!,
      firstName: this.firstName[o]!,
      lastName: this.lastName[o]!,
      structureName: this.structureName[o]!,
      communeName: this.communeName[o]!,
      departmentCode: this.departmentCode[o]!,
      regionCode: this.regionCode[o]!,
      status: this.status[o] as TrainingStatus,
      trainedYear: this.trainedYear[o] || null,
      deletedAt: this.deletedAt[o] || null,
    };
  }

  private compare(field: SortField | ':id'): (a: number, b: number) => number {
    const id = this.id;
    if (field === ':id') return (a, b) => cmpStr(id[a]!, id[b]!);
    if (field === 'trainedYear') {
      const y = this.trainedYear;
      // people without a year come last (they are outside that index)
      return (a, b) => (y[a] === y[b] ? cmpStr(id[a]!, id[b]!) : y[a] === 0 ? 1 : y[b] === 0 ? -1 : y[a]! - y[b]!);
    }
    const col = this[field];
    return (a, b) => cmpStr(col[a]!, col[b]!) || cmpStr(id[a]!, id[b]!);
  }

  /** The ascending order of a field, made once and mended after changes (a few changed people are re-placed, not everyone re-sorted). */
  private orderOf(field: SortField | ':id'): Int32Array {
    if (this.dirty.size > 0) {
      const changed = [...this.dirty];
      this.dirty.clear();
      const isChanged = new Uint8Array(this.id.length);
      for (const o of changed) isChanged[o] = 1;
      for (const [f, order] of this.orders) {
        if (changed.length > 2000) {
          this.orders.delete(f);
          continue;
        }
        const compare = this.compare(f);
        const moved = changed.filter((o) => this.present[o]).sort(compare);
        const mended = new Int32Array(order.length - countMarked(order, isChanged) + moved.length);
        let n = 0;
        let m = 0;
        for (let i = 0; i < order.length; i++) {
          const o = order[i]!;
          if (isChanged[o]) continue;
          while (m < moved.length && compare(moved[m]!, o) < 0) mended[n++] = moved[m++]!;
          mended[n++] = o;
        }
        while (m < moved.length) mended[n++] = moved[m++]!;
        this.orders.set(f, mended);
      }
    }
    let order = this.orders.get(field);
    if (!order) {
      const all: number[] = [];
      for (let o = 0; o < this.id.length; o++) if (this.present[o]) all.push(o);
      order = Int32Array.from(all.sort(this.compare(field)));
      this.orders.set(field, order);
    }
    return order;
  }

  /** Distinct specialities, for the filter's choices. */
  allSpecialities(): string[] {
    if (!this.cachedSpecialities) {
      const seen = new Set<string>();
      for (let o = 0; o < this.id.length; o++) if (this.present[o]) for (const s of this.specialities[o]!) seen.add(s);
      this.cachedSpecialities = [...seen].sort(cmpStr);
    }
    return this.cachedSpecialities;
  }

  /** The baromètre of the people outside the bin. */
  barometer(): Barometer {
    this.buildBarometer();
    return this.cachedBarometer!;
  }

  /** The baromètre's pass, from where it stopped; false when `stop` said to stop first (asked every `every` people). */
  private buildBarometer(stop?: () => boolean, every = 1024): boolean {
    if (this.cachedBarometer) return true;
    const n = this.id.length;
    const { present, deletedAt, regionCode, departmentCode, status, cohortId, trainedYear } = this;
    // A structure is counted by its folded name: a number stands for it (folded once per distinct name).
    this.structureNo.fill(n);
    const structure = this.structureNo.values;
    const build = (this.barometerBuild ??= { b: barometerBuilder(), from: 0 });
    const { b } = build;
    for (let o = build.from; o < n; o++) {
      if (present[o] && deletedAt[o] === '') {
        const s = structure[o]!;
        b.addKeyed(regionCode[o]!, departmentCode[o]!, status[o] as TrainingStatus, s === NO_STRUCTURE ? null : s, cohortId[o] || null, trainedYear[o] || null);
      }
      if (stop && o % every === every - 1 && stop()) {
        build.from = o + 1;
        return false;
      }
    }
    this.barometerBuild = null;
    this.cachedBarometer = b.result();
    return true;
  }

  /**
   * Pairs of people outside the bin sharing an e-mail, or a name in the same structure
   * (nameStructureKey), as a pass over the table in primary-key order gives them: each
   * person after the first of their e-mail is paired with that first one, else each after
   * the first of their name and structure with that one; the pairs in the order of their
   * second person. Found without ordering everyone (the first of each is the least id) and
   * with each distinct name folded once (folding a name is folding its parts: they are joined
   * by a space, which no fold carries across; registry.test.ts checks it on any text).
   */
  duplicatePairs(): DuplicatePair[] {
    this.buildPairs();
    return this.cachedPairs!;
  }

  /** The duplicates' two passes, from where they stopped; false when `stop` said to stop first (asked every `every` people). */
  private buildPairs(stop?: () => boolean, every = 1024): boolean {
    if (this.cachedPairs) return true;
    const { present, deletedAt, id } = this;
    const n = this.id.length;
    this.emailNo.fill(n);
    this.pairNo.fill(n);
    const emailOf = this.emailNo.values;
    const pairOf = this.pairNo.values;
    // the first (least id) of each e-mail and of each name-and-structure, outside the bin
    const build = (this.pairsBuild ??= { firstOfEmail: new Int32Array(this.emails.keys.length).fill(-1), firstOfPair: new Int32Array(this.pairCount).fill(-1), pass: 1, from: 0, pairs: [] });
    const { firstOfEmail, firstOfPair, pairs } = build;
    const paused = (o: number) => {
      if (!stop || o % every !== every - 1 || !stop()) return false;
      build.from = o + 1;
      return true;
    };
    if (build.pass === 1) {
      for (let o = build.from; o < n; o++) {
        if (present[o] && deletedAt[o] === '') {
          const e = emailOf[o]!;
          if (e >= 0) {
            const known = firstOfEmail[e]!;
            if (known < 0 || id[o]! < id[known]!) firstOfEmail[e] = o;
          }
          const p = pairOf[o]!;
          const known = firstOfPair[p]!;
          if (known < 0 || id[o]! < id[known]!) firstOfPair[p] = o;
        }
        if (paused(o)) return false;
      }
      build.pass = 2;
      build.from = 0;
    }
    for (let o = build.from; o < n; o++) {
      if (present[o] && deletedAt[o] === '') {
        const e = emailOf[o]!;
        const sameMail = e >= 0 ? firstOfEmail[e]! : o;
        const sameKey = firstOfPair[pairOf[o]!]!;
        if (sameMail !== o) pairs.push({ pair: { a: id[sameMail]!, b: id[o]!, reason: 'email' }, second: id[o]! });
        else if (sameKey !== o) pairs.push({ pair: { a: id[sameKey]!, b: id[o]!, reason: 'name' }, second: id[o]! });
      }
      if (paused(o)) return false;
    }
    this.pairsBuild = null;
    this.cachedPairs = pairs.sort((x, y) => cmpStr(x.second, y.second)).map((p) => p.pair);
    return true;
  }

  /**
   * The people outside the bin an import's rows name: by e-mail, and by name in the same
   * structure (`keys` as nameStructureKey makes them; `sortNames` their name parts, to fold
   * only the candidates' structures). Where several share one, the greatest id, as the last
   * of an index read (ordered by key, then id) would give it.
   */
  matchPeople(emails: ReadonlySet<string>, sortNames: ReadonlySet<string>, keys: ReadonlySet<string>): { byEmail: Map<string, string>; byKey: Map<string, string> } {
    const byEmail = new Map<string, string>();
    const byKey = new Map<string, string>();
    const keep = (map: Map<string, string>, key: string, id: string) => {
      const known = map.get(key);
      if (known === undefined || known < id) map.set(key, id);
    };
    for (let o = 0; o < this.id.length; o++) {
      if (!this.present[o] || this.deletedAt[o] !== '') continue;
      const id = this.id[o]!;
      const email = this.email[o]!;
      if (email && emails.has(email)) keep(byEmail, email, id);
      if (!sortNames.has(this.sortName[o]!)) continue;
      const key = `${foldText(`${this.lastName[o]} ${this.firstName[o]}`).trim()}|${foldText(this.structureName[o]!).trim()}`;
      if (keys.has(key)) keep(byKey, key, id);
    }
    return { byEmail, byKey };
  }

  /**
   * The columns as a snapshot (holes left out): one buffer per column, and the list's
   * orders. Made in the registry's worker when it saves (after a build, after many changes).
   */
  toSnapshot(): Snapshot {
    this.readExports();
    // The orders the first answers need (the list's default, the duplicates' primary-key walk), mended or made now.
    for (const f of STORED_ORDERS) this.orderOf(f);
    const live: number[] = [];
    const compacted = new Int32Array(this.id.length).fill(-1);
    for (let o = 0; o < this.id.length; o++) if (this.present[o]) compacted[o] = live.push(o) - 1;
    const n = live.length;
    const parts: SnapshotPart[] = [];
    for (const c of STRINGS) parts.push({ name: c, bytes: encodeStrings(live.map((o) => this[c][o]!)) });
    const dict: string[] = [];
    const dictSizes: Record<string, number> = {};
    for (const c of DICT_COLUMNS) {
      const codeOf = new Map<string, number>();
      const before = dict.length;
      const code = (v: string) => {
        let k = codeOf.get(v);
        if (k === undefined) codeOf.set(v, (k = dict.push(v) - 1 - before));
        return k;
      };
      if (c === 'specialities' || c === 'languages') {
        const lists = live.map((o) => this[c][o]!);
        let total = 0;
        for (const l of lists) total += l.length;
        // offsets (n + 1), then the codes
        const words = new Uint32Array(n + 1 + total);
        let at = n + 1;
        lists.forEach((l, i) => {
          words[i] = at - n - 1;
          for (const v of l) words[at++] = code(v);
        });
        words[n] = total;
        parts.push({ name: c, bytes: words.buffer });
      } else {
        const col = this[c];
        const codes = new Uint32Array(n);
        for (let i = 0; i < n; i++) codes[i] = code(col[live[i]!]!);
        parts.push({ name: c, bytes: codes.buffer });
      }
      dictSizes[c] = dict.length - before;
    }
    parts.push({ name: 'dict', bytes: encodeStrings(dict) });
    parts.push({ name: 'trainedYear', bytes: Int32Array.from(live, (o) => this.trainedYear[o]!).buffer });
    for (const [field, order] of this.orders) parts.push({ name: `order:${field}`, bytes: Int32Array.from(order, (o) => compacted[o]!).buffer });
    return { format: SNAPSHOT_FORMAT, count: n, dictSizes, parts };
  }

  /** The registry a snapshot holds; throws SnapshotError (naming the part) when it is not a whole, well-formed one. */
  static fromSnapshot(s: Snapshot): Registry {
    if (typeof s !== 'object' || s === null || s.format !== SNAPSHOT_FORMAT) throw new SnapshotError('not a registry snapshot');
    const n = s.count;
    if (!Number.isInteger(n) || n < 0 || !Array.isArray(s.parts) || typeof s.dictSizes !== 'object' || s.dictSizes === null) throw new SnapshotError('not a registry snapshot');
    const byName = new Map<string, ArrayBuffer>();
    for (const p of s.parts) if (p && typeof p.name === 'string' && p.bytes instanceof ArrayBuffer) byName.set(p.name, p.bytes);
    const part = (name: string): ArrayBuffer => {
      const bytes = byName.get(name);
      if (!bytes) throw new SnapshotError(`part ${name} missing`);
      return bytes;
    };
    const r = new Registry();
    // The export-only columns are checked now and made at their first use (most starts never export).
    const later: (() => void)[] = [];
    for (const c of STRINGS) {
      const read = readStrings(part(c), n, c);
      if (EXPORT_ONLY.has(c)) later.push(() => (r[c] = stringsOf(read)));
      else r[c] = stringsOf(read);
    }
    let dictTotal = 0;
    for (const c of DICT_COLUMNS) {
      const size = s.dictSizes[c];
      if (!Number.isInteger(size) || size! < 0) throw new SnapshotError(`part ${c}`);
      dictTotal += size!;
    }
    const dict = decodeStrings(part('dict'), dictTotal, 'dict');
    // Kept by the interner: a value written later is the same string as the ones read here.
    for (let k = 0; k < dict.length; k++) dict[k] = r.interner.of(dict[k]!);
    let from = 0;
    for (const c of DICT_COLUMNS) {
      const values = dict.slice(from, (from += s.dictSizes[c]!));
      const bytes = part(c);
      if (bytes.byteLength % 4 !== 0) throw new SnapshotError(`part ${c}`);
      const words = new Uint32Array(bytes);
      if (c === 'specialities' || c === 'languages') {
        const lists = listsOf(words, n, values, c);
        if (EXPORT_ONLY.has(c)) later.push(() => (r[c] = lists()));
        else r[c] = lists();
      } else {
        if (words.length !== n) throw new SnapshotError(`part ${c}`);
        const col: string[] = [];
        for (let i = 0; i < n; i++) {
          const v = values[words[i]!];
          if (v === undefined) throw new SnapshotError(`part ${c}`);
          col.push(v);
        }
        r[c] = col;
      }
    }
    r.unread = later;
    const years = part('trainedYear');
    if (years.byteLength !== 4 * n) throw new SnapshotError('part trainedYear');
    r.trainedYear = Array.from(new Int32Array(years));
    r.present = new Array<number>(n).fill(1);
    for (const [name, bytes] of byName) {
      if (!name.startsWith('order:')) continue;
      const field = name.slice('order:'.length) as SortField | ':id';
      if (field !== ':id' && !(sortFields as readonly string[]).includes(field)) throw new SnapshotError(`part ${name}`);
      if (bytes.byteLength !== 4 * n) throw new SnapshotError(`part ${name}`);
      const order = new Int32Array(bytes);
      // a permutation of the people, or refused
      const seen = new Uint8Array(n);
      for (let i = 0; i < n; i++) {
        const o = order[i]!;
        if (!(o >= 0 && o < n) || seen[o]) throw new SnapshotError(`part ${name}`);
        seen[o] = 1;
      }
      r.orders.set(field, order);
    }
    // Every id once: walking the primary-key order, each id is past the one before (the ids' map is made at its
    // first need, not now); without that order, the map is made now.
    const byKey = r.orders.get(':id');
    const ids = r.id;
    let ascending = byKey !== undefined;
    for (let i = 1; ascending && i < n; i++) ascending = ids[byKey![i - 1]!]! < ids[byKey![i]!]!;
    if (!ascending) {
      if (new Set(ids).size !== n) throw new SnapshotError('duplicate id');
      if (byKey) throw new SnapshotError('part order::id');
      r.mapIds();
    }
    return r;
  }

  /** Holes left by removals: a snapshot written now would be smaller. */
  get removed(): number {
    return this.holes;
  }
}

function countMarked(order: Int32Array, marks: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < order.length; i++) if (marks[order[i]!]) n++;
  return n;
}

export class SnapshotError extends Error {
  constructor(detail: string) {
    super(`registry snapshot: ${detail}`);
    this.name = 'SnapshotError';
  }
}

export type { StructureType };

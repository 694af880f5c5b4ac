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
import { animatorSearchWords, isEmptyQuery, parseTextQuery } from './search-words';
import type { AnimatorFilter, AnimatorSort, SortField } from './query';

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

/** Snapshot format: a new one is written when this changes (an older one is rebuilt, not read). */
export const SNAPSHOT_FORMAT = 2;

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

/** Columns whose values repeat: stored in a snapshot as a dictionary and codes. */
const CODED = ['structureType', 'departmentCode', 'regionCode', 'status', 'cohortId'] as const;
const PLAIN = ['id', 'firstName', 'lastName', 'sortName', 'email', 'structureName', 'communeName', 'updatedAt', 'deletedAt', 'words', 'phone', 'jobTitle', 'postalCode', 'trainingStart', 'trainingEnd', 'notes'] as const;

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
  private present: number[] = [];

  private readonly ordinalOf = new Map<string, number>();
  private readonly interner = new Interner();
  /** ascending orders by sort field (ties by id), kept until a change; ':id' is the primary-key order */
  private readonly orders = new Map<SortField | ':id', Int32Array>();
  /** ordinals changed since each cached order was made */
  private readonly dirty = new Set<number>();
  private cachedBarometer: Barometer | null = null;
  private cachedPairs: DuplicatePair[] | null = null;
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
    return this.ordinalOf.size;
  }

  has(id: string): boolean {
    return this.ordinalOf.has(id);
  }

  /** A record as it is now (created, edited, put in or out of the bin). */
  upsert(a: RegistryRecord): void {
    const i = this.interner;
    let o = this.ordinalOf.get(a.id);
    if (o === undefined) {
      o = this.id.length;
      this.ordinalOf.set(a.id, o);
      this.id.push(a.id);
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
    this.cachedBarometer = null;
    this.cachedPairs = null;
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
   * Work done ahead of questions, while the worker has nothing else to do: the keys' numbers
   * (a slice at a time: `stop` is asked every `every` people), the baromètre and the
   * duplicates (a pass over numbers), kept until a change. True when all is done.
   */
  warm(stop: () => boolean, every = 1024): boolean {
    const n = this.id.length;
    // the baromètre first (it needs the structures only), then the duplicates
    if (!this.structureNo.fill(n, stop, every) || stop()) return false;
    this.barometer();
    for (const column of [this.nameNo, this.emailNo, this.pairNo]) if (!column.fill(n, stop, every)) return false;
    this.duplicatePairs();
    return true;
  }

  /** Ordinals of the people a filter keeps, unordered, as marks (1 = kept). */
  private marks(filter: AnimatorFilter): Uint8Array {
    const n = this.id.length;
    const mark = new Uint8Array(n);
    const q = parseTextQuery(filter.text);
    const needles = q.words.map((w) => ` ${w}`);
    const { present, deletedAt, regionCode, departmentCode, status, cohortId, structureType, specialities, words, email } = this;
    for (let o = 0; o < n; o++) {
      if (!present[o]) continue;
      if (filter.deleted ? deletedAt[o] === '' : deletedAt[o] !== '') continue;
      if (filter.regionCode && regionCode[o] !== filter.regionCode) continue;
      if (filter.departmentCode && departmentCode[o] !== filter.departmentCode) continue;
      if (filter.status && status[o] !== filter.status) continue;
      if (filter.cohortId && cohortId[o] !== filter.cohortId) continue;
      if (filter.structureType && structureType[o] !== filter.structureType) continue;
      if (filter.speciality && !specialities[o]!.includes(filter.speciality)) continue;
      if (!isEmptyQuery(q)) {
        let ok = true;
        for (const e of q.emails) if (!email[o]!.toLowerCase().includes(e)) ok = false;
        for (const w of needles) if (ok && !words[o]!.includes(w)) ok = false;
        if (!ok) continue;
      }
      mark[o] = 1;
    }
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
    if (this.cachedBarometer) return this.cachedBarometer;
    const b = barometerBuilder();
    const { present, deletedAt, regionCode, departmentCode, status, cohortId, trainedYear } = this;
    // A structure is counted by its folded name: a number stands for it (folded once per distinct name).
    this.structureNo.fill(this.id.length);
    const structure = this.structureNo.values;
    for (let o = 0; o < this.id.length; o++) {
      if (!present[o] || deletedAt[o] !== '') continue;
      const s = structure[o]!;
      b.addKeyed(regionCode[o]!, departmentCode[o]!, status[o] as TrainingStatus, s === NO_STRUCTURE ? null : s, cohortId[o] || null, trainedYear[o] || null);
    }
    return (this.cachedBarometer = b.result());
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
    if (this.cachedPairs) return this.cachedPairs;
    const { present, deletedAt, id } = this;
    const n = this.id.length;
    this.emailNo.fill(n);
    this.pairNo.fill(n);
    const emailOf = this.emailNo.values;
    const pairOf = this.pairNo.values;
    // the first (least id) of each e-mail and of each name-and-structure, outside the bin
    const firstOfEmail = new Int32Array(this.emails.keys.length).fill(-1);
    const firstOfPair = new Int32Array(this.pairCount).fill(-1);
    for (let o = 0; o < n; o++) {
      if (!present[o] || deletedAt[o] !== '') continue;
      const e = emailOf[o]!;
      if (e >= 0) {
        const known = firstOfEmail[e]!;
        if (known < 0 || id[o]! < id[known]!) firstOfEmail[e] = o;
      }
      const p = pairOf[o]!;
      const known = firstOfPair[p]!;
      if (known < 0 || id[o]! < id[known]!) firstOfPair[p] = o;
    }
    const pairs: { pair: DuplicatePair; second: string }[] = [];
    for (let o = 0; o < n; o++) {
      if (!present[o] || deletedAt[o] !== '') continue;
      const e = emailOf[o]!;
      const sameMail = e >= 0 ? firstOfEmail[e]! : o;
      const sameKey = firstOfPair[pairOf[o]!]!;
      if (sameMail !== o) pairs.push({ pair: { a: id[sameMail]!, b: id[o]!, reason: 'email' }, second: id[o]! });
      else if (sameKey !== o) pairs.push({ pair: { a: id[sameKey]!, b: id[o]!, reason: 'name' }, second: id[o]! });
    }
    return (this.cachedPairs = pairs.sort((x, y) => cmpStr(x.second, y.second)).map((p) => p.pair));
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

  /** The columns as one JSON text (holes left out). */
  toSnapshot(): string {
    const live: number[] = [];
    for (let o = 0; o < this.id.length; o++) if (this.present[o]) live.push(o);
    const columns: Record<string, unknown> = {};
    for (const c of PLAIN) columns[c] = live.map((o) => this[c][o]);
    for (const c of CODED) {
      const dict: string[] = [];
      const codeOf = new Map<string, number>();
      columns[c] = {
        dict,
        codes: live.map((o) => {
          const v = this[c][o]!;
          let code = codeOf.get(v);
          if (code === undefined) codeOf.set(v, (code = dict.push(v) - 1));
          return code;
        }),
      };
    }
    columns.specialities = live.map((o) => this.specialities[o]);
    columns.trainedYear = live.map((o) => this.trainedYear[o]);
    columns.languages = live.map((o) => this.languages[o]);
    return JSON.stringify({ format: SNAPSHOT_FORMAT, count: live.length, columns });
  }

  /** The registry a snapshot holds; throws SnapshotError when it is not a whole, well-formed one. */
  static fromSnapshot(text: string): Registry {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new SnapshotError('not JSON');
    }
    const s = raw as { format?: unknown; count?: unknown; columns?: Record<string, unknown> };
    if (typeof s !== 'object' || s === null || s.format !== SNAPSHOT_FORMAT || typeof s.count !== 'number' || typeof s.columns !== 'object' || s.columns === null) throw new SnapshotError('not a registry snapshot');
    const n = s.count;
    const cols = s.columns;
    const r = new Registry();
    const arrayOf = (name: string, check: (v: unknown) => boolean): unknown[] => {
      const a = cols[name];
      if (!Array.isArray(a) || a.length !== n) throw new SnapshotError(`column ${name}`);
      for (const v of a) if (!check(v)) throw new SnapshotError(`column ${name}`);
      return a;
    };
    const isString = (v: unknown) => typeof v === 'string';
    for (const c of PLAIN) r[c] = arrayOf(c, isString) as string[];
    for (const c of CODED) {
      const col = cols[c] as { dict?: unknown; codes?: unknown } | undefined;
      const dict = col?.dict;
      if (!Array.isArray(dict) || !dict.every(isString)) throw new SnapshotError(`column ${c}`);
      const codes = col?.codes;
      if (!Array.isArray(codes) || codes.length !== n) throw new SnapshotError(`column ${c}`);
      r[c] = codes.map((code: unknown) => {
        const v = typeof code === 'number' ? (dict[code] as string | undefined) : undefined;
        if (v === undefined) throw new SnapshotError(`column ${c}`);
        return v;
      });
    }
    r.specialities = arrayOf('specialities', (v) => Array.isArray(v) && v.every(isString)) as string[][];
    r.trainedYear = arrayOf('trainedYear', (v) => typeof v === 'number') as number[];
    r.languages = arrayOf('languages', (v) => Array.isArray(v) && v.every(isString)) as string[][];
    r.present = new Array<number>(n).fill(1);
    for (let o = 0; o < n; o++) {
      if (r.ordinalOf.has(r.id[o]!)) throw new SnapshotError('duplicate id');
      r.ordinalOf.set(r.id[o]!, o);
      r.specialities[o] = r.specialities[o]!.map((x) => r.interner.of(x));
      r.communeName[o] = r.interner.of(r.communeName[o]!);
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

/** Messages between the window (registry-client.ts) and the registry's worker (registry.worker.ts). */
import type { Barometer } from './stats';
import type { DuplicatePair, ListRow } from './registry';
import type { AnimatorFilter, AnimatorSort } from './query';
import type { ExportKind } from './exports';
import type { LoadedFrom } from './registry-live';

export interface NamedPair extends DuplicatePair {
  aName: string;
  bName: string;
}

export interface ExportLabels {
  /** message key -> text, for the status and structure type labels */
  messages: Record<string, string>;
  /** cohort id -> its name */
  cohorts: Record<string, string>;
}

export type Ask =
  | { type: 'search'; filter: AnimatorFilter; sort: AnimatorSort; limit: number }
  | { type: 'barometer' }
  | { type: 'duplicates' }
  | { type: 'specialities' }
  | { type: 'export'; kind: ExportKind; labels: ExportLabels }
  | { type: 'status' };

export interface Answers {
  search: { total: number; rows: ListRow[] };
  barometer: Barometer;
  duplicates: NamedPair[];
  specialities: string[];
  export: { bytes: Uint8Array; count: number };
  status: { size: number; version: number; loadedFrom: LoadedFrom | null; loadMs: number; reason: string };
}

/**
 * Asked over a MessagePort the window hands to the registry's worker and to an import's worker
 * (import/people-port.ts): who the rows name among the people outside the bin, answered from
 * the registry once it includes every write committed before the question.
 */
export interface PeopleAsk {
  request: number;
  emails: ReadonlySet<string>;
  sortNames: ReadonlySet<string>;
  keys: ReadonlySet<string>;
}
export type PeopleAnswer = { request: number; byEmail: Map<string, string>; byKey: Map<string, string> } | { request: number; error: string };

export type RegistryIn =
  | { type: 'open'; dbName: string }
  /** a port an import's worker asks matchPeople on (PeopleAsk, answered by PeopleAnswer) */
  | { type: 'people'; port: MessagePort }
  /** the list on screen: answered now and again after every change (a new version) */
  | { type: 'list'; seq: number; filter: AnimatorFilter; sort: AnimatorSort; first: number }
  | { type: 'rows'; seq: number; version: number; from: number; to: number }
  | { type: 'ask'; request: number; ask: Ask };

export type RegistryOut =
  | { type: 'list'; seq: number; version: number; total: number; rows: ListRow[] }
  | { type: 'rows'; seq: number; version: number; from: number; rows: (ListRow | null)[] }
  | { type: 'answer'; request: number; value: unknown }
  | { type: 'failed'; request: number; message: string }
  /** the registry changed (any screen asking from it may ask again) */
  | { type: 'changed'; version: number }
  | { type: 'error'; message: string };

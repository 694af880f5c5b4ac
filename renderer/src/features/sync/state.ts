/**
 * The replicated state of one record, and how two of them join.
 *
 * A record's state is a version vector (`vv`: per device, the highest counter of
 * its events on this record) and one multi-value register per field: the value(s)
 * written by the latest events nobody overwrote knowingly. Each value carries its
 * dot (device, counter), the event that wrote it. Joining two states keeps a value
 * when both have it, or when the other side has not seen its dot (its vector does
 * not cover it): the standard causal join of delta-state CRDTs, so it is
 * commutative, associative and idempotent — every device that has joined the same
 * states holds the same state, whatever the order, the delays or the repetitions.
 *
 * - Edits one after the other (the second device had seen the first) never clash:
 *   the first value's dot is covered by the second's vector, so it is dropped.
 * - Concurrent edits of different fields merge: each field keeps its own value.
 * - Concurrent edits of one field keep both values: a conflict, shown in the inbox;
 *   meanwhile the record shows the value with the highest dot (same on every device).
 * - A hard deletion is an event on the presence register `x` with the vector it had
 *   seen: an edit it had not seen brings the record back with a conflict.
 * No wall-clock time decides anything but that provisional pick.
 */
import type { SyncTableName } from '../../db/database';
import type { BaseRecord } from '../../db/records';

/** An event: [device, counter]. Counters of one device only grow. */
export type Dot = [string, number];
export type Vector = Record<string, number>;
/** One value of a field; `v` absent means the field was absent from the record. */
export interface Sibling {
  d: Dot;
  v?: unknown;
}
/** Presence: deleted (`v` true, with the vector that deletion had seen) or kept. */
export interface PresenceSibling {
  d: Dot;
  v: boolean;
  ctx?: Vector;
}
export interface RecordState {
  t: SyncTableName;
  id: string;
  vv: Vector;
  f: Record<string, Sibling[]>;
  x: PresenceSibling[];
  /** updatedAt, written by every edit; never a conflict */
  u: Sibling[];
}

/** Fields a record carries that are not data: identity, bookkeeping, derived search keys. */
export const META_FIELDS = new Set(['id', 'updatedAt', 'rev']);
export const DERIVED_FIELDS = new Set(['tokens', 'sortName']);
export const isDataField = (k: string) => !META_FIELDS.has(k) && !DERIVED_FIELDS.has(k);

export const covered = (vv: Vector, [device, counter]: Dot) => (vv[device] ?? 0) >= counter;
const sameDot = (a: Dot, b: Dot) => a[0] === b[0] && a[1] === b[1];
/** Total order of dots: counter, then device id. Only picks what to show meanwhile. */
export const dotAfter = (a: Dot, b: Dot) => a[1] > b[1] || (a[1] === b[1] && a[0] > b[0]);

/** Every event `b` knows of, `a` knows of too. For states of this algebra, join(a, b) is then a. */
export function vectorCovers(a: Vector, b: Vector): boolean {
  for (const [k, v] of Object.entries(b)) if ((a[k] ?? 0) < v) return false;
  return true;
}

export function joinVectors(a: Vector, b: Vector): Vector {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) if (v > (out[k] ?? 0)) out[k] = v;
  return out;
}

function joinRegister<S extends { d: Dot }>(a: readonly S[], vvA: Vector, b: readonly S[], vvB: Vector): S[] {
  const out: S[] = [];
  for (const s of a) if (b.some((o) => sameDot(o.d, s.d)) || !covered(vvB, s.d)) out.push(s);
  for (const s of b) if (!a.some((o) => sameDot(o.d, s.d)) && !covered(vvA, s.d)) out.push(s);
  return out.sort((p, q) => (dotAfter(p.d, q.d) ? -1 : dotAfter(q.d, p.d) ? 1 : 0));
}

/** The join of two states of the same record. */
export function joinStates(a: RecordState, b: RecordState): RecordState {
  const f: Record<string, Sibling[]> = {};
  for (const k of new Set([...Object.keys(a.f), ...Object.keys(b.f)])) {
    const reg = joinRegister(a.f[k] ?? [], a.vv, b.f[k] ?? [], b.vv);
    if (reg.length > 0) f[k] = reg;
  }
  return { t: a.t, id: a.id, vv: joinVectors(a.vv, b.vv), f, x: joinRegister(a.x, a.vv, b.x, b.vv), u: joinRegister(a.u, a.vv, b.u, b.vv) };
}

export const emptyState = (t: SyncTableName, id: string): RecordState => ({ t, id, vv: {}, f: {}, x: [], u: [] });

const json = (v: unknown) => JSON.stringify(v) ?? 'undefined';
const winner = <S extends { d: Dot }>(reg: readonly S[]): S | undefined => reg.reduce<S | undefined>((best, s) => (!best || dotAfter(s.d, best.d) ? s : best), undefined);

/** Distinct values of a register, the shown one first. */
export function distinctValues(reg: readonly Sibling[]): Sibling[] {
  const first = winner(reg);
  const out: Sibling[] = first ? [first] : [];
  const seen = new Set(out.map((s) => json(s.v)));
  for (const s of [...reg].sort((p, q) => (dotAfter(p.d, q.d) ? -1 : 1))) {
    const key = json(s.v);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(s);
    }
  }
  return out;
}

/** Fields holding two or more different concurrent values. */
export function conflictedFields(state: RecordState): string[] {
  // (a register of one value, by far the most common, has nothing to compare)
  return Object.keys(state.f)
    .filter((k) => state.f[k]!.length > 1 && distinctValues(state.f[k]!).length > 1)
    .sort();
}

/** Whether the record is deleted, and whether that deletion clashes with an edit it had not seen. */
export function presence(state: RecordState): { deleted: boolean; conflict: boolean } {
  const deletions = state.x.filter((s) => s.v);
  if (deletions.length === 0) return { deleted: false, conflict: false };
  if (state.x.some((s) => !s.v)) return { deleted: false, conflict: true };
  const ctx = deletions.reduce<Vector>((acc, s) => joinVectors(acc, s.ctx ?? {}), {});
  const unseen = Object.values(state.f).some((reg) => reg.some((s) => !covered(ctx, s.d)));
  return unseen ? { deleted: false, conflict: true } : { deleted: true, conflict: false };
}

/** Recomputes derived search keys (tokens, sortName) the way the repositories do. */
export type Rederive = (table: SyncTableName, record: Record<string, unknown>) => Record<string, unknown>;

/** What the table shows for a state: the highest-dot value of each field, or null when deleted. */
export function project(state: RecordState, rederive: Rederive): BaseRecord | null {
  if (presence(state).deleted) return null;
  const out: Record<string, unknown> = { id: state.id };
  for (const [k, reg] of Object.entries(state.f)) {
    const w = winner(reg);
    if (w && 'v' in w) out[k] = w.v;
  }
  const u = winner(state.u);
  out.updatedAt = u?.v ?? out.createdAt;
  out.rev = u ? { device: u.d[0], counter: u.d[1] } : { device: 'sync', counter: 0 };
  return { ...out, ...rederive(state.t, out) } as unknown as BaseRecord;
}

/** A version of the record with the `rank`-th other value of each clashing field (1 = the first loser). */
export function alternative(state: RecordState, shown: BaseRecord, rank: number): { record: BaseRecord; fields: string[]; dots: Dot[] } | null {
  const out: Record<string, unknown> = { ...shown };
  const fields: string[] = [];
  const dots: Dot[] = [];
  for (const k of conflictedFields(state)) {
    const other = distinctValues(state.f[k]!)[rank];
    if (!other) continue;
    fields.push(k);
    dots.push(other.d);
    if ('v' in other) out[k] = other.v;
    else delete out[k];
  }
  return fields.length > 0 ? { record: out as unknown as BaseRecord, fields, dots } : null;
}

/**
 * A local event on this record: `record` is what the table holds now (null: hard
 * deleted here). Fields whose value differs from the state's shown one, and the
 * `forced` ones (a conflict resolved here), take the new dot. Returns null when
 * nothing changed.
 */
export function localEvent(state: RecordState, record: BaseRecord | null, dot: Dot, forced: ReadonlySet<string> = new Set()): RecordState | null {
  const vv = { ...state.vv, [dot[0]]: dot[1] };
  const shown = presence(state);
  if (!record) {
    if (shown.deleted) return null;
    return { ...state, vv, x: [{ d: dot, v: true, ctx: vv }] };
  }
  const r = record as unknown as Record<string, unknown>;
  const f: Record<string, Sibling[]> = { ...state.f };
  let changed = false;
  for (const k of new Set([...Object.keys(r), ...Object.keys(state.f)])) {
    if (!isDataField(k)) continue;
    const reg = state.f[k] ?? [];
    const w = winner(reg);
    const present = k in r && r[k] !== undefined;
    const same = w !== undefined && ('v' in w ? present && json(w.v) === json(r[k]) : !present);
    if (same && !forced.has(k)) continue;
    if (!present && reg.length === 0) continue;
    f[k] = [present ? { d: dot, v: r[k] } : { d: dot }];
    changed = true;
  }
  let x = state.x;
  if (shown.deleted || forced.has('_presence')) {
    x = state.x.length > 0 ? [{ d: dot, v: false }] : [];
    changed ||= state.x.length > 0;
  }
  if (!changed) return null;
  return { ...state, vv, f, x, u: [{ d: dot, v: r.updatedAt }] };
}

/** The highest counter of any dot in a state (to keep this device's clock ahead). */
export function maxCounter(state: RecordState): number {
  return Math.max(0, ...Object.values(state.vv));
}

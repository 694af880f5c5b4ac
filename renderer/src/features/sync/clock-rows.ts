/**
 * How a record's replicated state is kept in `syncClocks`: packed into one flat array.
 *
 * A state is a vector plus one register per field, each value carrying its dot
 * (device, counter). Stored as objects, a 30-field record's state is some 120 small
 * objects and arrays, its device ids repeated in every field: two to three times the
 * record itself, which the database copies on every write and read. Packed, the
 * device ids are listed once and referred to by position, and the registers are runs
 * of numbers and values in one array: the same information, a fraction of the
 * objects (the database's copy walks each one) and of the bytes.
 *
 * Layout of `p`:
 *   [t, id, devices[], vv counters[] (per device, -1 = not in the vector),
 *    u register, x register, then per field: name, register]
 * a register is its length n then n siblings:
 *   f and u: device index, counter, 1 and the value | 0 (no value: the field was absent)
 *   x:       device index, counter, 1 | 0 (deleted or kept), then the ctx vector:
 *            -1 (none) | m, then m pairs (device index, counter)
 * Rows written before (`state`: the state as objects) are read as they are.
 */
import type { StoredClockRow, SyncClockRow, SyncTableName } from '../../db/database';
import type { Dot, PresenceSibling, RecordState, Sibling, Vector } from './state';

type Packed = unknown[];

export function packState(state: RecordState): Packed {
  const devices: string[] = [];
  const index = new Map<string, number>();
  const dev = (d: string) => {
    let i = index.get(d);
    if (i === undefined) {
      i = devices.length;
      devices.push(d);
      index.set(d, i);
    }
    return i;
  };
  const vvKeys = Object.keys(state.vv);
  for (const d of vvKeys) dev(d);
  const out: unknown[] = [state.t, state.id, devices, null];
  const values = (reg: readonly Sibling[]) => {
    out.push(reg.length);
    for (const s of reg) {
      out.push(dev(s.d[0]), s.d[1]);
      if ('v' in s) out.push(1, s.v);
      else out.push(0);
    }
  };
  values(state.u);
  out.push(state.x.length);
  for (const s of state.x) {
    out.push(dev(s.d[0]), s.d[1], s.v ? 1 : 0);
    if (!s.ctx) out.push(-1);
    else {
      const keys = Object.keys(s.ctx);
      out.push(keys.length);
      for (const k of keys) out.push(dev(k), s.ctx[k]);
    }
  }
  for (const [k, reg] of Object.entries(state.f)) {
    out.push(k);
    values(reg);
  }
  // The counters last: dots may have named devices the vector lists after them.
  const counters = devices.map(() => -1);
  for (const d of vvKeys) counters[index.get(d)!] = state.vv[d]!;
  out[3] = counters;
  return out;
}

export function unpackState(p: Packed): RecordState {
  const devices = p[2] as string[];
  const counters = p[3] as number[];
  const vv: Vector = {};
  devices.forEach((d, i) => {
    if (counters[i]! >= 0) vv[d] = counters[i]!;
  });
  let at = 4;
  const next = () => p[at++];
  const dot = (): Dot => [devices[next() as number]!, next() as number];
  const values = (): Sibling[] => {
    const n = next() as number;
    const reg: Sibling[] = [];
    for (let i = 0; i < n; i++) {
      const d = dot();
      reg.push(next() === 1 ? { d, v: next() } : { d });
    }
    return reg;
  };
  const u = values();
  const x: PresenceSibling[] = [];
  const nx = next() as number;
  for (let i = 0; i < nx; i++) {
    const d = dot();
    const s: PresenceSibling = { d, v: next() === 1 };
    const m = next() as number;
    if (m >= 0) {
      const ctx: Vector = {};
      for (let j = 0; j < m; j++) {
        const [device, counter] = dot();
        ctx[device] = counter;
      }
      s.ctx = ctx;
    }
    x.push(s);
  }
  const f: Record<string, Sibling[]> = {};
  while (at < p.length) {
    const k = next() as string;
    f[k] = values();
  }
  return { t: p[0] as SyncTableName, id: p[1] as string, vv, f, x, u };
}

/** The row as the table keeps it. */
export function toStored(row: SyncClockRow): StoredClockRow {
  return { id: row.id, rev: row.rev, p: packState(row.state), ...(row.dirty ? { dirty: row.dirty } : {}) };
}

/** The row as the engine works with it (either layout). */
export function fromStored(row: StoredClockRow): SyncClockRow {
  const state = row.p ? unpackState(row.p) : row.state!;
  return { id: row.id, rev: row.rev, state, ...(row.dirty ? { dirty: row.dirty } : {}) };
}

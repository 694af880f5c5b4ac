/**
 * Personal data (RGPD): everything held about one person, exported or erased
 * everywhere in one transaction; retention rules and the purge they imply.
 */
import type { FourmiliereDatabase, HistoryRow, SyncTableName } from '../../db/database';
import { getDeviceId, touchRecord, type BaseRecord } from '../../db/records';
import type { Attendance } from '../../domain/attendance';
import type { Animator } from '../../domain/registry';
import type { Provider } from '../../domain/people';
import { deleteWithTombstones, makeTombstone, tombstoneId } from '../../db/tombstones';
import { eraseHistoryOf, historyOfKeys } from '../../db/history';

export type PersonKind = 'animator' | 'provider';

export interface PersonData {
  kind: PersonKind;
  person: Animator | Provider;
  registrations: BaseRecord[];
  attendance: Attendance[];
  evaluations: BaseRecord[];
  enrolments: BaseRecord[];
  /** history of the person's record and of every record above */
  history: HistoryRow[];
  /** open or resolved conflicts holding a copy of the person or of their records */
  conflicts: { id: string; table: string; recordId: string }[];
}

const personTable = (kind: PersonKind): SyncTableName => (kind === 'animator' ? 'animators' : 'providers');

/** The person's record and every record that is theirs, as [table, id]. */
function ownedKeys(data: Omit<PersonData, 'history' | 'conflicts'>): [SyncTableName, string][] {
  const owned: [SyncTableName, BaseRecord[]][] = [
    [personTable(data.kind), [data.person]],
    ['registrations', data.registrations],
    ['attendance', data.attendance],
    ['evaluations', data.evaluations],
    ['enrolments', data.enrolments],
  ];
  return owned.flatMap(([table, records]) => records.map((r) => [table, r.id] as [SyncTableName, string]));
}

export async function collectPerson(db: FourmiliereDatabase, kind: PersonKind, id: string): Promise<PersonData | null> {
  const person = (await db.syncTable(personTable(kind)).get(id)) as Animator | Provider | undefined;
  if (!person) return null;
  const registrations = kind === 'provider' ? await db.registrations.where('personId').equals(id).toArray() : [];
  const attendance = await db.attendance.where('personId').equals(id).toArray();
  const evaluations = await db.evaluations.where('personId').equals(id).toArray();
  const enrolments = kind === 'animator' ? await db.enrolments.where('animatorId').equals(id).toArray() : [];
  const keys = ownedKeys({ kind, person, registrations, attendance, evaluations, enrolments });
  // Their own rows and their entries in bulk writes' batch rows, each as a row of its own.
  const history = await historyOfKeys(db, keys);
  // The inbox is small; a copy of the person may sit in any field of either version.
  const ownedIds = new Set(keys.map(([, recordId]) => recordId));
  const conflicts = (await db.conflicts.toArray())
    .filter((c) => ownedIds.has(String(c.recordId)) || JSON.stringify(c).includes(id))
    .map((c) => ({ id: c.id, table: String(c.table), recordId: String(c.recordId) }));
  return { kind, person, registrations, attendance, evaluations, enrolments, history, conflicts };
}

/** The export answering a right-of-access request: every record, as stored. */
export function personExport(data: PersonData): object {
  return {
    exportedAt: new Date().toISOString(),
    about: 'Toutes les données détenues par Fourmilière sur cette personne (article 15 du RGPD).',
    kind: data.kind,
    person: data.person,
    registrations: data.registrations,
    attendance: data.attendance,
    evaluations: data.evaluations,
    enrolments: data.enrolments,
    history: data.history,
    conflicts: data.conflicts,
  };
}

export interface ErasureOptions {
  /** keep signed sign-in rows as legal proof, without the person's identity */
  anonymiseSignedSheets: boolean;
}

const ANONYMOUS = 'Personne anonymisée';

/**
 * The erasure register: which records an RGPD erasure removed or anonymised, and
 * when — ids and dates only, never a name. A backup taken before the erasure or an
 * exchange file from a machine that still holds the person would bring them back;
 * the register is re-applied after every restore and every merge, so they stay gone.
 */
export const ERASURES_KEY = 'privacy.erasures';
export interface ErasureEntry {
  table: SyncTableName;
  recordId: string;
  at: string;
  action: 'delete' | 'anonymise';
  /** the erased person's own record (their id may appear inside conflict copies) */
  person?: true;
}

export async function readErasureRegister(db: FourmiliereDatabase): Promise<ErasureEntry[]> {
  const value = (await db.settings.get(ERASURES_KEY))?.value;
  return Array.isArray(value) ? (value as ErasureEntry[]).filter((e) => typeof e?.recordId === 'string' && typeof e.table === 'string') : [];
}

/** Both registers together, one entry per record (the earliest date). */
export function unionRegisters(a: readonly ErasureEntry[], b: readonly ErasureEntry[]): ErasureEntry[] {
  const out = new Map<string, ErasureEntry>();
  for (const e of [...a, ...b]) {
    const key = `${e.table}:${e.recordId}`;
    const known = out.get(key);
    if (!known || (known.action === 'anonymise' && e.action === 'delete')) out.set(key, known ? { ...e, at: known.at < e.at ? known.at : e.at } : e);
  }
  return [...out.values()];
}

export const isAnonymised = (row: Attendance) => row.personName === ANONYMOUS && row.signature === null && row.personId.startsWith('anonyme-');

/** The kept proof row: present, when it was signed (in the audit), but no name and no signature image. */
export function anonymisedRow(row: Attendance, now = new Date()): Attendance {
  const signedAt = row.signature?.signedAt ?? row.audit.find((a) => a.action === 'anonymised')?.from ?? null;
  return touchRecord(
    row,
    {
      personId: `anonyme-${row.id}`,
      personName: ANONYMOUS,
      signature: null,
      audit: [
        ...row.audit.filter((a) => a.action !== 'anonymised').map((a) => ({ ...a, reason: '', previous: null })),
        { at: now.toISOString(), device: getDeviceId(), action: 'anonymised' as const, from: signedAt, to: null, previous: null, reason: 'effacement RGPD' },
      ],
    },
    now,
  );
}

/**
 * Applies the register to what is stored now: erased records deleted again (with
 * their tombstones, history and conflict copies), kept proof rows anonymised again.
 * Runs inside the caller's transaction, which must hold the sync tables, history,
 * tombstones, conflicts and settings. Returns how many records it changed.
 */
export async function reapplyErasures(db: FourmiliereDatabase, register?: readonly ErasureEntry[]): Promise<number> {
  const entries = register ?? (await readErasureRegister(db));
  if (entries.length === 0) return 0;
  let changed = 0;
  for (const e of entries) {
    if (e.action === 'delete') {
      if (await db.syncTable(e.table).get(e.recordId)) {
        await deleteWithTombstones(db, e.table, [e.recordId]);
        changed++;
      } else if (!(await db.tombstones.get(tombstoneId(e.table, e.recordId)))) {
        await db.tombstones.put(makeTombstone(e.table, e.recordId) as unknown as Record<string, unknown> & { id: string });
      }
    } else {
      const row = await db.attendance.get(e.recordId);
      if (row && !isAnonymised(row)) {
        await db.attendance.put(anonymisedRow(row));
        changed++;
      }
    }
  }
  changed += await eraseHistoryOf(db, entries.map((e) => [e.table, e.recordId] as const));
  const ids = new Set(entries.map((e) => e.recordId));
  const people = entries.filter((e) => e.person).map((e) => e.recordId);
  const conflicts = (await db.conflicts.toArray()).filter((c) => ids.has(String(c.recordId)) || people.some((id) => JSON.stringify(c).includes(id)));
  await db.conflicts.bulkDelete(conflicts.map((c) => c.id));
  return changed + conflicts.length;
}

/** Erases the person everywhere, all or nothing. Returns how many records were removed or anonymised. */
export async function erasePerson(db: FourmiliereDatabase, kind: PersonKind, id: string, options: ErasureOptions): Promise<{ removed: number; anonymised: number }> {
  let removed = 0;
  let anonymised = 0;
  const tables = [db.animators, db.providers, db.registrations, db.attendance, db.evaluations, db.enrolments, db.history, db.tombstones, db.conflicts, db.settings];
  await db.transaction('rw', tables, async () => {
    const data = await collectPerson(db, kind, id);
    if (!data) return;
    const at = new Date().toISOString();
    const register: ErasureEntry[] = [];
    const remove = async (table: SyncTableName, records: BaseRecord[]) => {
      for (const r of records) {
        await deleteWithTombstones(db, table, [r.id]);
        register.push({ table, recordId: r.id, at, action: 'delete' });
        removed++;
      }
    };
    await remove('registrations', data.registrations);
    await remove('evaluations', data.evaluations);
    await remove('enrolments', data.enrolments);
    for (const row of data.attendance) {
      if (options.anonymiseSignedSheets && row.signature) {
        await db.attendance.put(anonymisedRow(row));
        register.push({ table: 'attendance', recordId: row.id, at, action: 'anonymise' });
        anonymised++;
      } else {
        await remove('attendance', [row]);
      }
    }
    // Their rows, and their entries taken out of the batch rows the others' entries stay in.
    removed += await eraseHistoryOf(db, ownedKeys(data));
    await db.conflicts.bulkDelete(data.conflicts.map((c) => c.id));
    removed += data.conflicts.length;
    await remove(personTable(kind), [data.person]);
    register[register.length - 1]!.person = true;
    await db.settings.put({ key: ERASURES_KEY, value: unionRegisters(await readErasureRegister(db), register) });
  });
  return { removed, anonymised };
}

// ---- retention ----

export interface RetentionSettings {
  /** providers/participants with no contact for this many years */
  providersYears: number;
  /** animators who left the network or dropped out, this many years after their last contact */
  formerAnimatorsYears: number;
  /** sign-in rows (signed or anonymised proof), this many years after the half-day */
  attendanceYears: number;
}
export const DEFAULT_RETENTION: RetentionSettings = { providersYears: 3, formerAnimatorsYears: 5, attendanceYears: 5 };

/** Stored settings may predate a kind: its default fills the gap. */
export const withRetentionDefaults = (stored: Partial<RetentionSettings> | undefined): RetentionSettings => ({ ...DEFAULT_RETENTION, ...stored });
export const RETENTION_KEY = 'privacy.retention';

export interface PurgeCandidate {
  kind: PersonKind | 'attendance';
  id: string;
  name: string;
  lastContact: string;
}

const yearsAgo = (years: number, now: Date) => new Date(now.getTime() - years * 365.25 * 24 * 3600_000).toISOString();

/** People past their retention period: shown to the user before anything is removed. */
export async function purgeCandidates(db: FourmiliereDatabase, settings: RetentionSettings, now = new Date()): Promise<PurgeCandidate[]> {
  const out: PurgeCandidate[] = [];
  const providerLimit = yearsAgo(settings.providersYears, now);
  await db.providers.each((p) => {
    const last = p.lastContactAt ?? p.updatedAt;
    if (last < providerLimit) out.push({ kind: 'provider', id: p.id, name: `${p.firstName} ${p.lastName}`.trim(), lastContact: last });
  });
  const animatorLimit = yearsAgo(settings.formerAnimatorsYears, now).slice(0, 10);
  // No status index since schema 2 (the registry filters in memory): one pass over the records.
  const former = await db.animators.filter((a) => a.status === 'parti' || a.status === 'abandon').toArray();
  for (const a of former) {
    const last = a.lastContactAt ?? a.updatedAt.slice(0, 10);
    if (last < animatorLimit) out.push({ kind: 'animator', id: a.id, name: `${a.firstName} ${a.lastName}`, lastContact: last });
  }
  const attendanceLimit = yearsAgo(settings.attendanceYears, now);
  // By the half-day's date, not updatedAt: anonymising a row must not restart its clock.
  await db.attendance.each((row) => {
    const at = row.signature?.signedAt ?? row.audit.find((a) => a.action === 'anonymised')?.from ?? row.createdAt;
    if (at < attendanceLimit) out.push({ kind: 'attendance', id: row.id, name: row.personName, lastContact: at });
  });
  return out.sort((x, y) => x.lastContact.localeCompare(y.lastContact));
}

/** Removes everything listed, in one transaction: all of it or, on failure, none. */
export async function purge(db: FourmiliereDatabase, candidates: readonly PurgeCandidate[]): Promise<number> {
  const tables = [db.animators, db.providers, db.registrations, db.attendance, db.evaluations, db.enrolments, db.history, db.tombstones, db.conflicts, db.settings];
  return db.transaction('rw', tables, async () => {
    let removed = 0;
    for (const c of candidates) {
      if (c.kind === 'attendance') {
        if (!(await db.attendance.get(c.id))) continue;
        await deleteWithTombstones(db, 'attendance', [c.id]);
        removed++;
      } else {
        // Signed sheets stay as anonymised proof until their own retention ends.
        removed += (await erasePerson(db, c.kind, c.id, { anonymiseSignedSheets: true })).removed > 0 ? 1 : 0;
      }
    }
    return removed;
  });
}

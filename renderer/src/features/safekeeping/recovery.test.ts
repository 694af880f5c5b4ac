import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FourmiliereDatabase, setDatabase } from '../../db/database';
import { freshDb } from '../../test/db';
import { FakeOpfsDirectory } from '../../test/fake-opfs';
import { hashDatabase } from './backup';
import { runDueBackups } from './backup-service';
import { readRememberedCensus, rememberCensus, syncTotal, takeCensus } from './census';
import { acceptRecovery, boundedStartupCheck, checkAtStartup, dismissRecovery } from './recovery';
import { fillSample } from './test-data';
import { inProcessCopyCheck } from './test-write';

const g = globalThis as { window?: unknown };
let db: FourmiliereDatabase;
let opfs: FakeOpfsDirectory;
let local: Map<string, string>;

/** What Chromium does after a failed write on a full disk: the origin's whole IndexedDB is gone. */
async function loseIndexedDb(): Promise<FourmiliereDatabase> {
  db.close();
  await Dexie.delete(db.name);
  await Dexie.delete('fourmiliere-backups');
  const again = new FourmiliereDatabase(db.name);
  setDatabase(again);
  return again;
}

/** Every copy check opened by a start-up check, to see each one closed but the one offered. */
let opened: ReturnType<typeof inProcessCopyCheck>[] = [];
const open = () => {
  const check = inProcessCopyCheck();
  opened.push(check);
  return check;
};

describe('a database that vanished is noticed at start-up and brought back', () => {
  beforeEach(async () => {
    opened = [];
    await Dexie.delete('fourmiliere-backups'); // the browser's own copies, shared by the tests of this file
    db = freshDb();
    await fillSample(db);
    opfs = new FakeOpfsDirectory();
    local = new Map();
    // Browser mode: the web bridge, a private file system and localStorage.
    g.window = new EventTarget();
    vi.stubGlobal('navigator', { storage: { getDirectory: async () => opfs } });
    vi.stubGlobal('localStorage', { getItem: (k: string) => local.get(k) ?? null, setItem: (k: string, v: string) => void local.set(k, v), removeItem: (k: string) => void local.delete(k) });
  });
  afterEach(() => {
    delete g.window;
    vi.unstubAllGlobals();
  });

  it('after the loss of the whole origin IndexedDB, offers the file copy and restoring it brings everything back', async () => {
    expect(await runDueBackups(new Date())).toEqual(['daily', 'weekly']);
    const before = await hashDatabase(db);
    const records = syncTotal((await takeCensus(db))!);
    expect(records).toBeGreaterThan(60);
    expect(await checkAtStartup(db, undefined, open)).toBeNull();

    const empty = await loseIndexedDb();
    const offer = await checkAtStartup(empty, undefined, open);
    expect(offer).not.toBeNull();
    expect(offer!.remembered.total).toBe(records);
    expect(offer!.now).toBe(0);
    expect(offer!.copy?.records).toBe(records);
    // The copy offered stays checked, ready to restore; every other one opened was let go.
    expect(opened.filter((c) => !c.closed())).toEqual([offer!.copy!.session]);

    const progress: number[] = [];
    await acceptRecovery(offer!, (p) => progress.push(p.done));
    expect(progress.length).toBeGreaterThan(0);
    expect(opened.every((c) => c.closed())).toBe(true);
    expect(await hashDatabase(empty)).toBe(before);
    expect((await empty.settings.get('profile'))?.value).toMatchObject({ name: 'Léa Martin' });
    // All is well again: no offer at the next start.
    expect(await checkAtStartup(empty, undefined, open)).toBeNull();
  });

  it('when the private file system is discarded with IndexedDB (as Chromium does), the copy in localStorage brings everything back', async () => {
    await runDueBackups(new Date());
    const before = await hashDatabase(db);
    const empty = await loseIndexedDb();
    opfs.dirs.clear();
    opfs.files.clear();
    const offer = await checkAtStartup(empty, undefined, open);
    expect(offer?.copy?.info.kind).toBe('weekly');
    await acceptRecovery(offer!, () => undefined);
    expect(await hashDatabase(empty)).toBe(before);
  });

  it('the count kept in the private file system is enough when localStorage was cleared too', async () => {
    await runDueBackups(new Date());
    local.clear();
    const offer = await checkAtStartup(await loseIndexedDb(), undefined, open);
    expect(offer?.copy).not.toBeNull();
  });

  it('a database that shrank by more than half is offered the fullest copy; one that did not shrink is left alone', async () => {
    await runDueBackups(new Date());
    const total = syncTotal((await takeCensus(db))!);
    await db.animators.limit(10).delete();
    expect(await checkAtStartup(db, undefined, open)).toBeNull(); // a few deletions: no alarm
    await Promise.all(['animators', 'registrations', 'attendance', 'enrolments', 'sessions'].map((name) => db.table(name).clear()));
    const offer = await checkAtStartup(db, undefined, open);
    expect(offer?.now).toBeLessThan(total / 2);
    expect(offer?.copy?.records).toBe(total);
  });

  it('a shrunk database is not copied over the good copies, and a dismissed offer is not repeated', async () => {
    await runDueBackups(new Date());
    // Workshops and cohorts remain (a copy would be "worth it"), but most records are gone.
    await Promise.all(['animators', 'registrations', 'attendance', 'enrolments', 'sessions'].map((name) => db.table(name).clear()));
    expect(await db.workshops.count()).toBeGreaterThan(0);
    const copies = [...(opfs.dirs.get('backups')?.files.keys() ?? [])];
    // Eight days on, both copies are due: none is written.
    expect(await runDueBackups(new Date(Date.now() + 8 * 24 * 3600_000))).toEqual([]);
    expect([...(opfs.dirs.get('backups')?.files.keys() ?? [])]).toEqual(copies);
    expect(await checkAtStartup(db, undefined, open)).not.toBeNull();
    await dismissRecovery(null, db);
    expect(await checkAtStartup(db, undefined, open)).toBeNull();
  });

  it('a copy broken in storage is passed over for the next one, and nothing is written while checking', async () => {
    await runDueBackups(new Date());
    const before = await hashDatabase(db);
    const empty = await loseIndexedDb();
    const folder = opfs.dirs.get('backups')!;
    const names = [...folder.files.keys()];
    expect(names.length).toBe(2);
    // The newest copy is cut short, as a disk that filled up mid-write leaves it.
    const newest = (await checkAtStartup(empty, undefined, open))!.copy!.info.name;
    const file = folder.files.get(newest)!;
    file.bytes = file.bytes.slice(0, Math.floor(file.bytes.length / 2));
    opened = [];
    const offer = await checkAtStartup(empty, undefined, open);
    expect(offer?.copy?.info.name).not.toBe(newest);
    expect(offer?.copy?.info.name).toBe(names.find((n) => n !== newest));
    expect(opened.length).toBe(2);
    expect(opened.filter((c) => !c.closed())).toEqual([offer!.copy!.session]);
    expect(await empty.animators.count()).toBe(0);
    await acceptRecovery(offer!, () => undefined);
    expect(await hashDatabase(empty)).toBe(before);
  });

  it('no copy anywhere: the offer says so', async () => {
    await rememberCensus(db);
    expect((await readRememberedCensus())?.profile).toBe(true);
    const offer = await checkAtStartup(await loseIndexedDb(), undefined, open);
    expect(offer).toMatchObject({ now: 0, copy: null });
  });
});

describe('the start-up check is bounded for the first screen, and a late offer is still told', () => {
  const offer = (close: () => void) => ({ remembered: { total: 10 } as never, now: 0, copy: { info: {} as never, summary: {} as never, records: 10, session: { checkBackup: vi.fn(), restore: vi.fn(), close } } });
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a check that takes longer than the bound lets the app go on, then shows the copy when it is found', async () => {
    const told: unknown[] = [];
    let answer!: (o: ReturnType<typeof offer>) => void;
    boundedStartupCheck(() => new Promise((r) => (answer = r)), (o) => told.push(o), 10_000);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(told).toEqual([null]);
    const late = offer(vi.fn());
    answer(late);
    await vi.advanceTimersByTimeAsync(0);
    expect(told).toEqual([null, late]);
  });

  it('an answer in time is told once; a failing check is told as null', async () => {
    const told: unknown[] = [];
    boundedStartupCheck(() => Promise.resolve(null), (o) => told.push(o), 10_000);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(told).toEqual([null]);
    const failed: unknown[] = [];
    boundedStartupCheck(() => Promise.reject(new Error('stuck storage')), (o) => failed.push(o), 10_000);
    await vi.advanceTimersByTimeAsync(20_000);
    expect(failed).toEqual([null]);
  });

  it('stopped before the answer (the window went on without it): nothing is told and the checked copy is closed', async () => {
    const told: unknown[] = [];
    let answer!: (o: ReturnType<typeof offer>) => void;
    const stop = boundedStartupCheck(() => new Promise((r) => (answer = r)), (o) => told.push(o), 10_000);
    stop();
    const close = vi.fn();
    answer(offer(close));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(told).toEqual([]);
    expect(close).toHaveBeenCalledOnce();
  });
});

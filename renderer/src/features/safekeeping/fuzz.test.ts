/**
 * Hostile input for both importers (backup restore, exchange merge): random bytes,
 * truncated JSON, wrong shapes, huge strings, duplicate ids, dangling references,
 * future dates. Each is refused with a French message or reported per record, and
 * a refused import leaves the database byte-for-byte as it was (hash of a full dump).
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FourmiliereDatabase, setDatabase } from '../../db/database';
import { setDeviceId } from '../../db/records';
import { safekeeping as fr } from '../../i18n/fr/safekeeping';
import { exportBackup, hashDatabase, parseAndValidateBackup, restoreBackup } from './backup';
import { applyMerge, exportExchange, parseExchange, planMerge } from './exchange';
import { resumBackup, resumExchange } from './test-forgery';
import { fillSample } from './test-data';

let n = 0;
let source: FourmiliereDatabase;
let target: FourmiliereDatabase;
let goodBackup: string;
let goodExchange: string;
let before: string;

/** A seeded pseudo-random generator, so a failure replays. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function randomBytes(rnd: () => number, length: number): string {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(rnd() * 256);
  return new TextDecoder().decode(bytes); // invalid UTF-8 becomes U+FFFD, as when a file is read
}

/** Re-seals a file after tampering with its records (checksums and a forger's own signature), so only record checks can catch it. */
const resealBackup = (file: Parameters<typeof resumBackup>[0]) => resumBackup(file, 'forger');
const resealExchange = (file: Parameters<typeof resumExchange>[0]) => resumExchange(file, 'forger');

/** Every refusal names a message of the French messages module, and says nothing was changed. */
function expectFrenchRefusal(result: { ok: boolean; error?: { key: string } }) {
  expect(result.ok).toBe(false);
  const key = result.error?.key as keyof typeof fr;
  expect(fr[key], key).toMatch(/Rien n’a été modifié|rien à fusionner/);
}

const hostileTexts = (good: string): [string, string][] => {
  const rnd = random(11);
  const cases: [string, string][] = [
    ['empty', ''],
    ['whitespace', '   \n'],
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"fourmiliere"'],
    ['an array', '[1,2,3]'],
    ['a zip header', 'PK\u0003\u0004\u0000\u0000binary'],
    ['a huge string', `"${'x'.repeat(3_000_000)}"`],
    ['deeply nested', '['.repeat(5000) + ']'.repeat(5000)],
  ];
  for (let i = 0; i < 8; i++) cases.push([`random bytes ${i}`, randomBytes(rnd, 1 + Math.floor(rnd() * 4000))]);
  for (let i = 0; i < 12; i++) {
    const cut = Math.floor(rnd() * good.length);
    cases.push([`truncated at ${cut}`, good.slice(0, cut)]);
  }
  for (let i = 0; i < 12; i++) {
    const at = Math.floor(rnd() * good.length);
    cases.push([`byte flipped at ${at}`, good.slice(0, at) + String.fromCharCode((good.charCodeAt(at) + 1 + Math.floor(rnd() * 50)) % 128) + good.slice(at + 1)]);
  }
  return cases;
};

beforeAll(async () => {
  source = new FourmiliereDatabase(`fuzz-source-${n++}`);
  setDeviceId('machine-a');
  setDatabase(source);
  await fillSample(source);
  goodBackup = new TextDecoder().decode(await exportBackup(source));
  goodExchange = await exportExchange(source, { kind: 'all' }, 'Machine A');
});

beforeEach(async () => {
  // The machine importing: its own data and its own device id.
  target = new FourmiliereDatabase(`fuzz-target-${n++}`);
  setDeviceId('machine-b');
  setDatabase(target);
  await fillSample(target, 2);
  await target.settings.put({ key: 'deviceId', value: 'machine-b' });
  before = await hashDatabase(target);
});

describe('the backup importer under hostile input', () => {
  it('refuses garbage, truncations and single flipped bytes, the database untouched', async () => {
    for (const [name, text] of hostileTexts(goodBackup)) {
      const result = await parseAndValidateBackup(text);
      expect(result.ok, name).toBe(false);
      expectFrenchRefusal(result);
    }
    expect(await hashDatabase(target)).toBe(before);
  });

  it('refuses valid JSON of the wrong shape', async () => {
    const base = JSON.parse(goodBackup);
    const shapes: unknown[] = [
      { ...base, tables: [] },
      { ...base, tables: { ...base.tables, animators: { count: 1, sha256: 'x', records: 'no' } } },
      { ...base, formatVersion: '1' },
      { ...base, createdAt: 'hier' },
      { format: 'fourmiliere-backup' },
      { ...base, tables: Object.fromEntries(Object.entries(base.tables).filter(([k]) => k !== 'workshops')) },
    ];
    for (const shape of shapes) expectFrenchRefusal(await parseAndValidateBackup(JSON.stringify(shape)));
    expect(await hashDatabase(target)).toBe(before);
  });

  const tamper: [string, (file: { tables: Record<string, { records: Record<string, unknown>[] }> }) => void, RegExp][] = [
    ['a huge string in a record', (f) => void (f.tables.animators!.records[0]!.lastName = 'é'.repeat(1_000_000)), /animators n°1 \(lastName : Trop grand/],
    ['a duplicate id', (f) => void f.tables.animators!.records.push({ ...f.tables.animators!.records[0]! }), /identifiant en double/],
    ['a record of another table', (f) => void f.tables.workshops!.records.push(f.tables.animators!.records[0]!), /workshops n°\d+/],
    ['a wrong type', (f) => void (f.tables.providers!.records[0]!.consent = 'oui'), /providers n°1 \(consent : Entrée invalide/],
    ['a revision without device', (f) => void (f.tables.cohorts!.records[0]!.rev = { counter: 1 }), /cohorts n°1 \(rev\.device/],
  ];
  it.each(tamper)('refuses %s even with checksums recomputed', async (_name, change, detail) => {
    const file = JSON.parse(goodBackup);
    change(file);
    const result = await parseAndValidateBackup(await resealBackup(file));
    expectFrenchRefusal(result);
    if (!result.ok) expect(result.error.detail).toMatch(detail);
    expect(await hashDatabase(target)).toBe(before);
  });

  it('restores dangling references and future dates as they were, listing them first', async () => {
    const file = JSON.parse(goodBackup);
    file.tables.registrations.records[0].workshopId = 'atelier-disparu';
    file.tables.animators.records[0].updatedAt = '2099-01-01T00:00:00.000Z';
    const result = await parseAndValidateBackup(await resealBackup(file));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.summary.warnings).toEqual(['registrations n°1 : référence manquante workshopId = atelier-disparu', 'animators n°1 : date dans le futur']);
    await restoreBackup(target, result.value);
    expect((await target.registrations.get(file.tables.registrations.records[0].id))?.workshopId).toBe('atelier-disparu');
  });
});

describe('the exchange importer under hostile input', () => {
  it('refuses garbage, truncations and single flipped bytes, the database untouched', async () => {
    for (const [name, text] of hostileTexts(goodExchange)) {
      const result = await parseExchange(text);
      expect(result.ok, name).toBe(false);
      expectFrenchRefusal(result);
    }
    expect(await hashDatabase(target)).toBe(before);
  });

  it('refuses valid JSON of the wrong shape, and its own file', async () => {
    const base = JSON.parse(goodExchange);
    const shapes: unknown[] = [
      { ...base, tables: [] },
      { ...base, tables: { animators: 'all of them' } },
      { ...base, scope: { kind: 'workshops', workshopIds: 'w1' } },
      { ...base, tombstones: [{ id: 'x' }] },
      { ...base, clock: -1 },
      { format: 'fourmiliere-exchange' },
    ];
    for (const shape of shapes) expectFrenchRefusal(await parseExchange(JSON.stringify(shape)));
    setDeviceId('machine-a');
    expectFrenchRefusal(await parseExchange(goodExchange));
    setDeviceId('machine-b');
    expect(await hashDatabase(target)).toBe(before);
  });

  it('reports bad records one by one in French, merges only the good ones', async () => {
    const file = JSON.parse(goodExchange);
    const animators = file.tables.animators as Record<string, unknown>[];
    const [huge, duplicate, future, wrongType] = [animators[0]!, animators[1]!, animators[2]!, animators[3]!];
    huge.notes = 'x'.repeat(2_000_000);
    animators.push({ ...duplicate });
    future.createdAt = '2099-01-01T00:00:00.000Z';
    wrongType.email = 42;
    const dangling = (file.tables.registrations as Record<string, unknown>[])[0]!;
    dangling.workshopId = 'atelier-disparu';
    const parsed = await parseExchange(await resealExchange(file));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const plan = await planMerge(target, parsed.value);
    expect(await hashDatabase(target)).toBe(before); // the dry run writes nothing
    const reasons = plan.invalid.map((i) => `${i.table} ${i.index + 1}: ${i.reason}`);
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^animators 1: notes : Trop grand/),
        `animators ${animators.length}: identifiant en double ${String(duplicate.id)}`,
        'animators 3: date dans le futur',
        expect.stringMatching(/^animators 4: email : Entrée invalide/),
        'registrations 1: référence manquante workshopId = atelier-disparu',
      ]),
    );
    expect(plan.invalid).toHaveLength(5);
    await applyMerge(target, plan);
    for (const bad of [huge, future, wrongType, dangling]) expect(await target.table(bad === dangling ? 'registrations' : 'animators').get(String(bad.id))).toBeUndefined();
    expect(await target.animators.get(String(duplicate.id))).toBeDefined(); // its first copy was fine
    expect(plan.added.length).toBeGreaterThan(100);
  });

  it('survives many random single-record mutations: each refused whole or reported per record', async () => {
    const rnd = random(5);
    const base = JSON.parse(goodExchange);
    const poison: unknown[] = [null, 0, -1, 1e308, '', 'x'.repeat(100_000), [], {}, true, '2099-12-31T00:00:00.000Z', { device: '' }];
    for (let i = 0; i < 60; i++) {
      const file = structuredClone(base);
      const tables = Object.keys(file.tables).filter((k) => file.tables[k].length > 0);
      const table = tables[Math.floor(rnd() * tables.length)]!;
      const rows = file.tables[table] as Record<string, unknown>[];
      const row = rows[Math.floor(rnd() * rows.length)]!;
      const fields = Object.keys(row);
      const field = fields[Math.floor(rnd() * fields.length)]!;
      row[field] = poison[Math.floor(rnd() * poison.length)];
      const parsed = await parseExchange(await resealExchange(file));
      if (!parsed.ok) {
        expectFrenchRefusal(parsed);
        continue;
      }
      const plan = await planMerge(target, parsed.value);
      // Either the mutation left a valid record (e.g. '' in a free-text field) or it is reported.
      const accepted = [...plan.added, ...plan.updated].some((c) => c.table === table && c.record.id === row.id);
      if (!accepted) expect(plan.invalid.length, `${table}.${field}`).toBeGreaterThan(0);
      for (const item of plan.invalid) expect(item.reason).not.toMatch(/Invalid|expected|Too (big|small)/);
    }
    expect(await hashDatabase(target)).toBe(before);
  });
});

/**
 * The fast check stands in for zod on records built by code: it may send a value to the schema
 * (false) but never calls valid what the schema refuses or would change.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fastCheck } from './schema-shortcut';
import { animatorSchema, type Animator } from './registry';

const valid: Animator = {
  id: '0b9a3c1e-6a1f-4c51-9f8e-3f1c2b7d9e10', createdAt: '2026-12-04T10:00:00.000Z', updatedAt: '2026-12-04T10:00:00.000Z', deletedAt: null, rev: { device: 'poste-1', counter: 1_764_842_400_000 },
  firstName: 'Hélène', lastName: 'Lefèvre', email: 'helene@ot-annecy.fr', phone: '0450000000', structureName: 'OT Annecy', structureType: 'office-tourisme', jobTitle: '',
  communeInsee: '74010', communeName: 'Annecy', postalCode: '74000', departmentCode: '74', regionCode: '84', status: 'forme', cohortId: null,
  trainingStart: '2024-03-01', trainingEnd: null, trainedYear: 2024, specialities: ['photo'], languages: ['anglais'], notes: '',
  consent: { given: false, date: null, purpose: 'annuaire régional des ANT' }, lastContactAt: null, tokens: ['helene', 'lefevre'], sortName: 'lefevre helene',
};

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Values a field may be given, near and past its limits, of the wrong type, untrimmed… */
const texts = (n: number) => ['', 'a', ' a ', 'x'.repeat(n - 1), 'x'.repeat(n), 'x'.repeat(n + 1), 'é'.repeat(n + 1), 42, null, undefined, ['a'], {}];
const mutations: Record<string, unknown[]> = {
  id: ['', 'x'.repeat(64), 'x'.repeat(65), 7],
  createdAt: ['2026-12-04T10:00:00Z', '2026-12-04', 'hier', null],
  deletedAt: [null, '2026-12-04T10:00:00.000Z', 'non'],
  rev: [{ device: 'd', counter: 1 }, { device: '', counter: 1 }, { device: 'd', counter: -1 }, { device: 'd', counter: 1.5 }, { device: 'd' }, { device: 'd', counter: 1, extra: 1 }, null],
  firstName: texts(100), lastName: texts(100), phone: texts(40), structureName: texts(200), jobTitle: texts(200), communeName: texts(200), communeInsee: texts(5), postalCode: texts(5), departmentCode: texts(3), regionCode: texts(3), notes: texts(20_000),
  email: ['', 'a@b.fr', ' a@b.fr ', 'A@B.FR', 'pas-une-adresse', `${'x'.repeat(250)}@b.fr`, 3, null],
  structureType: ['office-tourisme', 'autre', 'mairie', '', null],
  status: ['forme', 'certifie', 'Formé', '', null],
  cohortId: [null, 'c1', 3],
  trainingStart: [null, '2024-02-29', '2023-02-29', '2024-13-01', '01/02/2024', ''],
  trainedYear: [null, 2000, 2100, 1999, 2101, 2024.5, '2024'],
  specialities: [[], ['a'], Array.from({ length: 50 }, () => 'a'), Array.from({ length: 51 }, () => 'a'), ['x'.repeat(60)], ['x'.repeat(61)], [3], 'photo'],
  languages: [[], Array.from({ length: 20 }, () => 'a'), Array.from({ length: 21 }, () => 'a'), ['x'.repeat(41)]],
  consent: [{ given: true, date: '2024-01-01', purpose: '' }, { given: 'oui', date: null, purpose: '' }, { given: false, date: null }, { given: false, date: '2024-02-30', purpose: '' }, { given: false, date: null, purpose: 'x'.repeat(201) }],
  lastContactAt: [null, '2024-05-01', '2024-05-32'],
  tokens: [[], ['a'], [1]],
  sortName: ['', 'a', 1],
};

describe('the fast check of a record built by code', () => {
  const quick = fastCheck(animatorSchema);

  it('passes an ordinary record without asking the schema', () => {
    expect(quick(valid)).toBe(true);
    expect(quick({ ...valid, email: '' })).toBe(true);
  });

  it('never passes a record the schema refuses or would change, over thousands of random ones', () => {
    const next = random(21);
    const fields = Object.keys(mutations);
    let refused = 0;
    for (let i = 0; i < 5_000; i++) {
      const record: Record<string, unknown> = structuredClone(valid);
      const changes = 1 + Math.floor(next() * 3);
      for (let c = 0; c < changes; c++) {
        const field = fields[Math.floor(next() * fields.length)]!;
        const values = mutations[field]!;
        const value = values[Math.floor(next() * values.length)];
        if (value === undefined && next() < 0.5) delete record[field];
        else record[field] = structuredClone(value);
      }
      if (next() < 0.05) record.unexpected = 'x';
      const parsed = animatorSchema.safeParse(record);
      if (!parsed.success) refused++;
      if (quick(record)) {
        expect(parsed.success, JSON.stringify(record).slice(0, 300)).toBe(true);
        expect(parsed.data).toStrictEqual(record);
      }
    }
    // The fuzzing reached both sides.
    expect(refused).toBeGreaterThan(1_000);
  });

  it('leaves to the schema what it cannot read: refinements, transforms, unions after a loose option', () => {
    const trimmed = fastCheck(z.string().trim().max(5));
    expect(trimmed(' a ')).toBe(false);
    expect(trimmed('a')).toBe(true);
    const refined = fastCheck(z.string().refine((s) => s !== 'non'));
    expect(refined('non')).toBe(false);
    expect(refined('oui')).toBe(true);
    const union = fastCheck(z.union([z.string().trim(), z.literal(' x ')]));
    expect(union(' x ')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { generateDemoData } from './generator';
import { loadCommunes } from '../shared/geo';
import { animatorSchema } from '../domain/registry';
import { workshopSchema } from '../domain/workshops';

describe('demo data generator', () => {
  it('is deterministic for a seed and produces valid records in real communes', async () => {
    const { communes } = await loadCommunes();
    const sizes = { animators: 50, cohorts: 4, providers: 20, workshops: 5, registrationsPerWorkshop: 14 };
    const a = generateDemoData(communes, sizes, 7);
    const b = generateDemoData(communes, sizes, 7);
    expect(a.animators.map((x) => x.email)).toEqual(b.animators.map((x) => x.email));
    expect(a.animators).toHaveLength(50);
    for (const animator of a.animators) expect(animatorSchema.safeParse(animator).error).toBeUndefined();
    for (const w of a.workshops) expect(workshopSchema.safeParse(w).error).toBeUndefined();
    const insee = new Set(communes.map((c) => c.insee));
    expect(a.animators.every((x) => insee.has(x.communeInsee))).toBe(true);
    // beyond capacity, people wait in order
    const waiting = a.registrations.filter((r) => r.status === 'attente');
    expect(waiting.length).toBeGreaterThan(0);
  });
});

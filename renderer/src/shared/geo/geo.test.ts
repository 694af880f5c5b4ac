import { describe, expect, it } from 'vitest';
import { currentRegionOfOld, departments, findDepartment, findRegion, getRegion, oldRegions, preferRegion, regions, resolveCommune, searchCommunes } from './index';

describe('geography', () => {
  it('has the 18 regions with populations summed from their communes', () => {
    expect(regions).toHaveLength(18);
    const idf = getRegion('11');
    expect(idf?.name).toBe('Île-de-France');
    expect(idf!.population).toBeGreaterThan(12_000_000);
    const total = regions.reduce((s, r) => s + r.population, 0);
    expect(total).toBeGreaterThan(65_000_000);
    expect(total).toBeLessThan(70_000_000);
  });

  it('has Corsica and overseas departments', () => {
    expect(departments.map((d) => d.code)).toEqual(expect.arrayContaining(['2A', '2B', '971', '972', '973', '974', '976']));
    expect(findDepartment('5')?.name).toBe('Hautes-Alpes');
    expect(findDepartment('pyrenees-atlantiques')?.code).toBe('64');
  });

  it('maps the 27 old regions to the current ones', () => {
    expect(oldRegions).toHaveLength(27);
    expect(currentRegionOfOld('72')?.name).toBe('Nouvelle-Aquitaine'); // Aquitaine
    expect(findRegion('Midi-Pyrénées')?.name).toBe('Occitanie');
    expect(findRegion('nouvelle aquitaine')?.code).toBe('75');
  });

  it('finds communes by name prefix, accents ignored, and by postal code', async () => {
    const byName = await searchCommunes('saint emil');
    expect(byName.map((c) => c.name)).toContain('Saint-Émilion');
    const byPostal = await searchCommunes('64200');
    expect(byPostal.map((c) => c.name)).toContain('Biarritz');
    expect((await searchCommunes('pau'))[0]?.name).toBe('Pau');
    expect(await resolveCommune('Bayonne', '64100')).toMatchObject({ insee: '64102', regionCode: '75', departmentCode: '64' });
    expect(await resolveCommune('Villeinexistante')).toBeUndefined();
  });

  it('lists the communes of the profile’s region first among equally good matches', async () => {
    // « Saint-Jean-de » begins hundreds of commune names; the largest ones are elsewhere.
    preferRegion(null);
    const anywhere = await searchCommunes('saint jean de', 5);
    expect(anywhere.some((c) => c.regionCode !== '75')).toBe(true);
    preferRegion('75');
    try {
      const local = await searchCommunes('saint jean de', 5);
      expect(local.map((c) => c.regionCode)).toEqual(['75', '75', '75', '75', '75']);
      expect(local.map((c) => c.name)).toContain('Saint-Jean-de-Luz');
      // an exact name still comes first, wherever it is
      expect((await searchCommunes('lyon', 1))[0]?.name).toBe('Lyon');
    } finally {
      preferRegion(null);
    }
  });
});

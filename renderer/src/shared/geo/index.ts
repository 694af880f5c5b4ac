/**
 * French geography from the state's own package (@etalab/decoupage-administratif),
 * processed at build time by scripts/build-geo.mjs. Regions and departments are
 * small and loaded eagerly; the 35,000 communes load on first use.
 */
import regionsIndex from '../../../../resources/geo/regions.generated.json';
import oldRegionsFile from '../../../../resources/geo/old-regions.json';
import { foldText } from '../../db/records';

export interface Region {
  code: string;
  name: string;
  zone: 'metro' | 'drom';
  population: number;
}
export interface Department {
  code: string;
  name: string;
  region: string;
  population: number;
}
export interface Commune {
  insee: string;
  name: string;
  postalCodes: string[];
  population: number;
  departmentCode: string;
  regionCode: string;
}
export interface OldRegion {
  oldCode: string;
  oldName: string;
  newCode: string;
  newName: string;
  departments: string[];
  population2011: number | null;
}

export const geoSource = {
  source: regionsIndex.source,
  cogYear: regionsIndex.cogYear,
  populationYear: regionsIndex.populationYear,
};

export const regions: readonly Region[] = (regionsIndex.regions as Region[])
  .slice()
  .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
export const departments: readonly Department[] = regionsIndex.departments as Department[];
export const oldRegions: readonly OldRegion[] = (oldRegionsFile as { regions: OldRegion[] }).regions;

const regionByCode = new Map(regions.map((r) => [r.code, r]));
const departmentByCode = new Map(departments.map((d) => [d.code, d]));
const oldRegionByCode = new Map(oldRegions.map((r) => [r.oldCode, r]));

export const getRegion = (code: string): Region | undefined => regionByCode.get(code);
export const getDepartment = (code: string): Department | undefined => departmentByCode.get(code);
export const getOldRegion = (code: string): OldRegion | undefined => oldRegionByCode.get(code);
export const departmentsOf = (regionCode: string): Department[] => departments.filter((d) => d.region === regionCode);

/** The current region a pre-2016 region was merged into. */
export function currentRegionOfOld(oldCode: string): Region | undefined {
  const old = oldRegionByCode.get(oldCode);
  return old ? regionByCode.get(old.newCode) : undefined;
}

/** Finds a region by code or by name, accents and case ignored (also old region names). */
export function findRegion(text: string): Region | undefined {
  const t = foldText(text.trim());
  if (!t) return undefined;
  const byCode = regionByCode.get(text.trim().padStart(2, '0'));
  if (byCode) return byCode;
  const byName = regions.find((r) => foldText(r.name) === t || foldText(r.name).replace(/[^a-z]/g, '') === t.replace(/[^a-z]/g, ''));
  if (byName) return byName;
  const old = oldRegions.find((r) => foldText(r.oldName).replace(/[^a-z]/g, '') === t.replace(/[^a-z]/g, ''));
  return old ? regionByCode.get(old.newCode) : undefined;
}

/** Finds a department by code ("2A", "971", "5" for "05") or name. */
export function findDepartment(text: string): Department | undefined {
  const raw = text.trim().toUpperCase();
  const code = /^\d$/.test(raw) ? `0${raw}` : raw;
  const byCode = departmentByCode.get(code);
  if (byCode) return byCode;
  const t = foldText(text.trim()).replace(/[^a-z]/g, '');
  return departments.find((d) => foldText(d.name).replace(/[^a-z]/g, '') === t);
}

// ---- communes (lazy) ----

interface CommuneIndex {
  communes: Commune[];
  folded: string[];
  byInsee: Map<string, Commune>;
}
let communeIndex: Promise<CommuneIndex> | null = null;

/** Loads the commune list once (a separate chunk of about 450 KB gzip). */
export function loadCommunes(): Promise<CommuneIndex> {
  // Imported as text and parsed: JSON.parse is faster than evaluating a large object literal.
  communeIndex ??= import('../../../../resources/geo/communes.generated.json?raw').then((mod) => {
    const rows = (JSON.parse(mod.default) as { communes: [string, string, string, number, string][] }).communes;
    const communes: Commune[] = rows.map(([insee, name, postal, population, dep]) => ({
      insee,
      name,
      postalCodes: postal ? postal.split(' ') : [],
      population,
      departmentCode: dep,
      regionCode: departmentByCode.get(dep)?.region ?? '',
    }));
    return {
      communes,
      folded: communes.map((c) => foldText(c.name).replace(/[^a-z0-9]+/g, ' ').trim()),
      byInsee: new Map(communes.map((c) => [c.insee, c])),
    };
  });
  return communeIndex;
}

export async function communeByInsee(insee: string): Promise<Commune | undefined> {
  return (await loadCommunes()).byInsee.get(insee);
}

/**
 * Communes matching what is typed: a postal code (prefix) or a name (prefix of the
 * name or of one of its words, accents, hyphens and "Saint"/"St" folded). Larger
 * communes first among equally good matches.
 */
export async function searchCommunes(query: string, limit = 10): Promise<Commune[]> {
  const index = await loadCommunes();
  return searchCommunesIn(index, query, limit, preferredRegion);
}

let preferredRegion: string | null = null;
/** The profile's region: the pickers list its communes first among equally good matches. */
export function preferRegion(regionCode: string | null): void {
  preferredRegion = regionCode;
}

/** Communes matching `query`, best first; among equal matches those of `region` first, then the larger. */
export function searchCommunesIn(index: CommuneIndex, query: string, limit = 10, region: string | null = null): Commune[] {
  const q = query.trim();
  if (!q) return [];
  const local = (c: Commune) => (region !== null && c.regionCode === region ? 1 : 0);
  if (/^\d{2,5}$/.test(q)) {
    return index.communes
      .filter((c) => c.postalCodes.some((p) => p.startsWith(q)) || c.insee.startsWith(q))
      .sort((a, b) => local(b) - local(a) || b.population - a.population)
      .slice(0, limit);
  }
  const fq = foldText(q).replace(/[^a-z0-9]+/g, ' ').replace(/\bst\b/g, 'saint').replace(/\bste\b/g, 'sainte').trim();
  if (!fq) return [];
  const scored: { c: Commune; score: number }[] = [];
  for (let i = 0; i < index.communes.length; i++) {
    const name = index.folded[i]!;
    let score = -1;
    if (name === fq) score = 3;
    else if (name.startsWith(fq)) score = 2;
    else if (name.includes(' ' + fq)) score = 1;
    if (score >= 0) scored.push({ c: index.communes[i]!, score });
  }
  scored.sort((a, b) => b.score - a.score || local(b.c) - local(a.c) || b.c.population - a.c.population);
  return scored.slice(0, limit).map((s) => s.c);
}

/** The commune a free-text entry most likely means (exact name, optionally with postal code). */
export async function resolveCommune(name: string, postalCode?: string): Promise<Commune | undefined> {
  const index = await loadCommunes();
  const fq = foldText(name).replace(/[^a-z0-9]+/g, ' ').replace(/\bst\b/g, 'saint').replace(/\bste\b/g, 'sainte').trim();
  const candidates = index.communes.filter((_, i) => index.folded[i] === fq);
  if (postalCode) {
    const withCp = candidates.find((c) => c.postalCodes.includes(postalCode.trim()));
    if (withCp) return withCp;
    if (candidates.length > 0) return undefined;
  }
  return candidates.sort((a, b) => b.population - a.population)[0];
}

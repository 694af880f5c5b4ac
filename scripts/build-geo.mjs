// Builds the compact geography index shipped in the app from the French state's
// own package (@etalab/decoupage-administratif). Runs at build time, offline.
// Output: resources/geo/regions.generated.json and communes.generated.json (git-ignored, rebuilt when the package changes).
import { readFileSync, writeFileSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'resources/geo/communes.generated.json');
const outRegions = join(root, 'resources/geo/regions.generated.json');
const pkgDir = dirname(require.resolve('@etalab/decoupage-administratif/package.json'));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const sources = ['communes.json', 'departements.json', 'regions.json'].map((f) => join(pkgDir, 'data', f));

const upToDate =
  existsSync(out) && existsSync(outRegions) &&
  sources.every((s) => statSync(s).mtimeMs <= statSync(out).mtimeMs) &&
  statSync(fileURLToPath(import.meta.url)).mtimeMs <= statSync(out).mtimeMs;
if (upToDate && !process.argv.includes('--force')) {
  console.log('geo: up to date');
  process.exit(0);
}

const read = (name) => JSON.parse(readFileSync(join(pkgDir, 'data', name), 'utf8'));
// Only the 18 regions (13 metropolitan + 5 overseas departments-regions); the
// collectivités d'outre-mer are outside the regional organisation of the programme.
const zones = new Set(['metro', 'drom']);
const regions = read('regions.json').filter((r) => zones.has(r.zone));
const departments = read('departements.json').filter((d) => zones.has(d.zone));
const communes = read('communes.json').filter((c) => c.type === 'commune-actuelle' && zones.has(c.zone));

const popByDep = new Map();
for (const c of communes) popByDep.set(c.departement, (popByDep.get(c.departement) ?? 0) + (c.population ?? 0));
const popByRegion = new Map();
for (const d of departments) popByRegion.set(d.region, (popByRegion.get(d.region) ?? 0) + (popByDep.get(d.code) ?? 0));

const meta = {
  source: `@etalab/decoupage-administratif ${pkg.version}`,
  // Package 6.x is the 2026 edition of the Code officiel géographique, with the
  // INSEE populations légales in force on 1 January 2026 (millésime 2023).
  cogYear: 2026,
  populationYear: 2023,
};
const regionsIndex = {
  ...meta,
  regions: regions.map((r) => ({ code: r.code, name: r.nom, zone: r.zone, population: popByRegion.get(r.code) ?? 0 })),
  departments: departments.map((d) => ({ code: d.code, name: d.nom, region: d.region, population: popByDep.get(d.code) ?? 0 })),
};
const index = {
  ...meta,
  // Communes as compact rows: [insee, name, postalCodes (space separated), population, department]
  communes: communes.map((c) => [c.code, c.nom, (c.codesPostaux ?? []).join(' '), c.population ?? 0, c.departement]),
};
writeFileSync(outRegions, JSON.stringify(regionsIndex));
writeFileSync(out, JSON.stringify(index));
console.log(`geo: ${regionsIndex.regions.length} regions, ${regionsIndex.departments.length} departments, ${index.communes.length} communes -> resources/geo/`);

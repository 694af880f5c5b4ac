// The benchmark suite (npm run bench): builds the renderer and a bench page, serves
// them on 127.0.0.1, drives Chromium through Playwright, fills the app's database
// with the seeded demo data, measures every scenario against a raw baseline taken
// in the same run, prints a table and writes bench-results/<size>-<time>.json.
// Not a timed test: it fails only when a scenario's own result check fails.
//
// Usage: npm run bench -- [--size=small|medium|large] [--smoke] [--reps=N]
//                         [--only=id,id] [--no-build] [--reseed] [--port=N]
/* global window, document, requestAnimationFrame, MutationObserver, getComputedStyle, HTMLInputElement, indexedDB -- used inside page.evaluate callbacks, which run in the browser */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(root, 'out', 'bench');
const RESULTS = join(root, 'bench-results');
const RUN = Date.now().toString(36);

// ---- options ----

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** Sizes of the seeded data. Targets are defined at "large" (100k animators). */
const SIZES = {
  smoke: { animators: 1_000, cohorts: 20, providers: 300, workshops: 100, registrationsPerWorkshop: 15 },
  small: { animators: 1_000, cohorts: 40, providers: 1_000, workshops: 2_000, registrationsPerWorkshop: 15 },
  medium: { animators: 10_000, cohorts: 120, providers: 3_000, workshops: 2_000, registrationsPerWorkshop: 15 },
  large: { animators: 100_000, cohorts: 600, providers: 5_000, workshops: 2_000, registrationsPerWorkshop: 15 },
};
const smoke = flag('smoke');
const sizeName = smoke ? 'smoke' : (option('size') ?? 'small');
if (!(sizeName in SIZES)) {
  console.error(`Unknown --size=${sizeName} (small, medium, large)`);
  process.exit(2);
}
const sizes = SIZES[sizeName];
const reps = Number(option('reps') ?? (smoke ? 3 : sizeName === 'large' ? 5 : 7));
const warmup = 1;
const only = option('only')?.split(',');
const wanted = (id) => !only || only.includes(id);
const params = {
  sizes,
  seed: 42,
  csvRows: smoke ? 1_000 : 10_000,
  mergeRecords: Math.min(smoke ? 1_000 : 10_000, sizes.animators),
};

// ---- targets: printed as met or missed, never a failure ----

const TARGET_SIZE = 'large';
const TARGETS = {
  bundle: [{ label: 'initial JS ≤ 400 KB gzip', met: (s) => s.median <= 400 }],
  'cold-start': [
    { label: '≤ 2× static page', met: (s, b) => s.median <= 2 * b.median },
    { label: '≤ 1.5 s', met: (s) => s.median <= 1500 },
  ],
  'tutorial-search': [
    { label: 'p95 ≤ 10 ms', met: (s) => s.p95 <= 10 },
    { label: 'p95 ≤ 0.2× naive scan', met: (s, b) => s.p95 <= 0.2 * b.p95 },
  ],
  'registry-query': [
    { label: '≤ 150 ms', met: (s) => s.median <= 150 },
    { label: '≤ 1.3× raw read', met: (s, b) => s.median <= 1.3 * b.median },
  ],
  'registry-search-ui': [{ label: '≤ 150 ms typed to first rows painted', met: (s) => s.median <= 150 }],
  'registry-scroll': [{ label: 'no frame over 50 ms', met: (s) => s.max <= 50 }],
  'csv-import': [
    { label: '≤ 2.5× raw parse + put', met: (s, b) => s.median <= 2.5 * b.median },
    { label: '≤ 2.5 s', met: (s) => s.median <= 2500 },
    { label: 'no task over 100 ms', met: (s) => s.longestTaskMs <= 100 },
  ],
  'backup-export': [{ label: '≤ 1.5× raw chunked read + stringify', met: (s, b) => s.median <= 1.5 * b.median }],
  'backup-restore': [{ label: '≤ 2× raw bulk write', met: (s, b) => s.median <= 2 * b.median }],
  merge: [{ label: '≤ 3× raw bulk write', met: (s, b) => s.median <= 3 * b.median }],
  // Issue #22: syncing the changes through the worker, against a raw write of them.
  'team-sync': [
    { label: '≤ 3× raw write', met: (s, b) => s.median <= 3 * b.median },
    { label: 'no main-thread task over 50 ms', met: (s) => s.longestTaskMs <= 50 },
  ],
  'dashboard-memory': [{ label: 'JS heap ≤ 150 MB', met: (s) => s.median <= 150 }],
  // Issue #21: what a person waits for, measured through the UI.
  'registry-open-ui': [{ label: '≤ 300 ms to rows and count', met: (s) => s.median <= 300 }],
  'registry-open-settled-ui': [{ label: '≤ 300 ms to rows and count', met: (s) => s.median <= 300 }],
  'registry-cold-ui': [],
  'registry-filter-ui': [{ label: 'p95 ≤ 100 ms to the final count', met: (s) => s.p95 <= 100 }],
  'barometer-ui': [{ label: '≤ 300 ms complete', met: (s) => s.median <= 300 }],
  'duplicates-ui': [{ label: '≤ 1 s', met: (s) => s.median <= 1000 }],
  'csv-export-ui': [{ label: '≤ 2 s to the download', met: (s) => s.median <= 2000 }],
  'import-peer-soffice': [],
  'registry-heap': [{ label: 'JS heap (window + registry worker) ≤ 200 MB', met: (s) => s.median <= 200 }],
};
/** Scenarios that rewrite the whole database. */
const HEAVY = new Set(['backup-restore']);
const UNITS = { bundle: 'KB', 'dashboard-memory': 'MB', 'registry-heap': 'MB' };

// ---- statistics ----

function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return {
    n: sorted.length,
    median: sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2,
    p95: at(0.95),
    min: sorted[0],
    max: sorted[sorted.length - 1],
  };
}

// ---- build ----

async function buildAll() {
  const { build } = await import('vite');
  const configFile = join(root, 'vite.config.ts');
  const started = Date.now();
  // The app exactly as shipped (its manifest gives the initial chunks), then the bench page beside it:
  // same origin, so the bench page seeds the very database the app opens.
  await build({ configFile, logLevel: 'warn', build: { outDir: OUT, emptyOutDir: true, manifest: true } });
  await build({
    configFile,
    // The bench page imports statically what the app loads lazily: chunking warnings there do not matter.
    logLevel: 'error',
    build: {
      outDir: join(OUT, 'harness'),
      emptyOutDir: true,
      // bench-react-floor.html: the cold-start scenario's React floor (see react-floor.tsx).
      rollupOptions: { input: [join(root, 'renderer', 'bench.html'), join(root, 'renderer', 'bench-react-floor.html')] },
    },
  });
  // The cold-start baseline: a static page with the same first-screen markers, served the same way.
  writeFileSync(
    join(OUT, 'harness', 'static.html'),
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page statique</title></head><body>' +
      '<nav class="shell-nav" aria-label="Navigation principale"><a href="#">Accueil</a></nav>' +
      '<main id="main"><h1>Bonjour</h1><p>Page statique de référence.</p></main></body></html>',
  );
  // A second reference: the same static page after a native IndexedDB open and one read (the profile),
  // i.e. the floor any IndexedDB-backed app pays before its first screen. Never creates the database.
  writeFileSync(
    join(OUT, 'harness', 'floor.html'),
    '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Plancher IndexedDB</title>' +
      '<script type="module" src="./floor.js"></script></head><body></body></html>',
  );
  writeFileSync(
    join(OUT, 'harness', 'floor.js'),
    `const open = indexedDB.open('fourmiliere');
open.onupgradeneeded = () => open.transaction.abort();
open.onsuccess = () => {
  const get = open.result.transaction('settings').objectStore('settings').get('profile');
  get.onsuccess = () => {
    const name = get.result?.value?.name ?? '';
    document.body.innerHTML = '<nav class="shell-nav" aria-label="Navigation principale"><a href="#">Accueil</a></nav><main id="main"><h1></h1></main>';
    document.querySelector('h1').textContent = 'Bonjour ' + name;
  };
};
`,
  );
  console.log(`built renderer and bench page in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Size of the JS the app loads before its first screen: the entry chunk and its static imports. */
function bundleSize() {
  const manifest = JSON.parse(readFileSync(join(OUT, '.vite', 'manifest.json'), 'utf8'));
  const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry);
  const initial = new Set();
  const visit = (key) => {
    if (initial.has(key) || !manifest[key]) return;
    initial.add(key);
    for (const imp of manifest[key].imports ?? []) visit(imp);
  };
  visit(entryKey);
  const gz = (file) => gzipSync(readFileSync(join(OUT, file)), { level: 9 }).length;
  const initialFiles = [...initial].map((k) => manifest[k].file).filter((f) => f.endsWith('.js'));
  const initialKb = initialFiles.reduce((n, f) => n + gz(f), 0) / 1024;
  const lazy = Object.values(manifest)
    .filter((c) => c.file.endsWith('.js') && !initialFiles.includes(c.file))
    .map((c) => ({ file: c.file, src: c.src ?? c.name ?? '', gzipKb: Math.round(gz(c.file) / 102.4) / 10 }))
    .sort((a, b) => b.gzipKb - a.gzipKb);
  return { initialKb, initialFiles, lazy };
}

// ---- browser ----

/** e2e/support/browser.ts (chromiumExecutable, CHROMIUM_FLAGS), compiled on the fly: Node 20 runs no TypeScript. */
async function browserSupport() {
  const ts = (await import('typescript')).default;
  const source = readFileSync(join(root, 'e2e', 'support', 'browser.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const file = join(OUT, 'browser-support.mjs');
  writeFileSync(file, outputText);
  return import(pathToFileURL(file).href);
}

/** The preferred port if free (a stable origin keeps the seeded database between runs), else any. */
function freePort(preferred = 0) {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', (error) => (preferred ? resolvePort(freePort(0)) : reject(error)));
    server.listen(preferred, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function serve(port) {
  const child = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs'), '--dir', 'out/bench', '--port', String(port), '--isolate', '/harness/bench.html'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolveServer, reject) => {
    child.once('exit', (code) => reject(new Error(`serve.mjs exited (${code})`)));
    child.stdout.once('data', () => resolveServer(child));
  });
}

// ---- report ----

const fmt = (v, unit = 'ms') => (v === undefined || v === null ? '—' : `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ${unit}`);

function printTable(rows) {
  const header = ['scenario', 'median', 'p95', 'baseline', 'ratio', 'longest task', 'check', 'targets'];
  const lines = rows.map((r) => {
    if (r.status === 'unavailable') return [r.id, '—', '—', r.baseline ? fmt(r.baseline.median, r.unit) : '—', '—', '—', '—', r.reason === 'not available yet' ? 'NOT AVAILABLE YET (baseline measured)' : `NOT AVAILABLE YET: ${r.reason.replace(/^not available yet: /, '')}`];
    if (r.status === 'error') return [r.id, '—', '—', '—', '—', '—', 'ERROR', r.reason];
    const s = r.subject;
    const targets = r.targets.map((t) => `${t.met ? 'met' : 'MISSED'}: ${t.label}`).join('; ');
    return [
      r.id,
      fmt(s.median, r.unit),
      fmt(s.p95, r.unit),
      r.baseline ? fmt(r.baseline.median, r.unit) : '—',
      r.ratio === null ? '—' : `${r.ratio.toFixed(2)}×`,
      r.longestTaskMs === null ? '—' : fmt(r.longestTaskMs),
      r.checkOk ? 'ok' : 'FAILED',
      targets,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => String(l[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const l of lines) console.log(line(l));
}

// ---- main ----

const results = [];
const notes = [];

function record(id, subjectValues, baselineValues, extra = {}) {
  const subject = stats(subjectValues);
  const baseline = baselineValues ? stats(baselineValues) : null;
  const withTask = { ...subject, longestTaskMs: extra.longestTaskMs ?? 0 };
  const ratioOf = id === 'tutorial-search' ? 'p95' : 'median';
  const row = {
    id,
    status: 'measured',
    unit: UNITS[id] ?? 'ms',
    subject,
    baseline,
    ratio: baseline ? subject[ratioOf] / baseline[ratioOf] : null,
    longestTaskMs: extra.longestTaskMs ?? null,
    checkOk: extra.checkOk ?? true,
    checks: extra.checks ?? [],
    details: extra.details ?? {},
  };
  row.targets = (TARGETS[id] ?? []).map((t) => ({ label: t.label, met: Boolean(t.met(withTask, baseline ?? subject)) }));
  results.push(row);
  return row;
}

async function main() {
  const started = Date.now();
  console.log(`Fourmilière bench — size ${sizeName} (${sizes.animators} animators, ${sizes.workshops} workshops, ${sizes.workshops * sizes.registrationsPerWorkshop} registrations), ${reps} runs after ${warmup} warm-up`);
  if (!flag('no-build') || !existsSync(join(OUT, 'harness', 'bench.html'))) await buildAll();
  const { chromiumExecutable, CHROMIUM_FLAGS } = await browserSupport();
  const { chromium } = await import('playwright-core');
  const port = Number(option('port') ?? (await freePort(4610 + Object.keys(SIZES).indexOf(sizeName))));
  const server = await serve(port);
  const origin = `http://127.0.0.1:${port}`;
  // One browser profile per size, on a stable port (IndexedDB is per origin): seeded once, reused by later runs.
  const profileDir = join(root, 'out', `bench-profile-${sizeName}`);
  const executablePath = chromiumExecutable();
  const launch = () =>
    chromium.launchPersistentContext(profileDir, {
      headless: true,
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_FLAGS,
      viewport: { width: 1280, height: 800 },
      locale: 'fr-FR',
    });
  let browserVersion;

  try {
    // 1. bundle (no browser)
    if (wanted('bundle')) {
      const b = bundleSize();
      record('bundle', [b.initialKb], null, { details: { initialFiles: b.initialFiles, largestLazyChunks: b.lazy.slice(0, 8) } });
    }

    const watched = new WeakSet();
    const openBench = async (context) => {
      const page = context.pages()[0] ?? (await context.newPage());
      if (!watched.has(page)) {
        watched.add(page);
        page.on('pageerror', (error) => console.error(`bench page error: ${error.message}`));
        page.on('crash', () => console.error('bench page crashed (renderer process gone: out of memory?)'));
      }
      // A query unique to this run: an older profile may hold the page from a build cached as immutable.
      await page.goto(`${origin}/harness/bench.html?run=${RUN}`);
      await page.waitForFunction(() => document.body.dataset.benchReady === 'true', null, { timeout: 30_000 });
      return page;
    };

    // 2. seed the database once (reused by later runs of the same size)
    let context = await launch();
    browserVersion = context.browser()?.version() ?? '';
    // An empty HTTP cache to start from: a run never depends on what an earlier build or
    // server left there (an immutable script cached without the headers it now has).
    await (await context.newCDPSession(context.pages()[0] ?? (await context.newPage()))).send('Network.clearBrowserCache');
    let page = await openBench(context);
    const seeded = await page.evaluate((request) => window.__bench.seed(request), { sizes, seed: params.seed, force: flag('reseed') });
    console.log(`database ${seeded.reused ? 'reused' : 'seeded'} in ${(seeded.ms / 1000).toFixed(1)} s: ${Object.entries(seeded.counts).filter(([, n]) => n > 0).map(([t, n]) => `${n} ${t}`).join(', ')}`);
    // The app writes its daily and weekly copies 5 s after starting when they are due: written here,
    // so that a once-a-day copy of the whole database does not land inside a measurement.
    const settled = await page.evaluate(() => window.__bench.settleBackups());
    if (settled.kinds.length > 0) notes.push(`automatic copies due (${settled.kinds.join(', ')}) written before measuring, in ${fmt(settled.ms)}.`);
    await context.close();

    // 3. cold start, before the scenarios that rewrite the database (IndexedDB opens slower until it compacts)
    if (wanted('cold-start')) {
      process.stdout.write('cold-start… ');
      const times = { app: [], static: [], floor: [], react: [] };
      const url = {
        app: `${origin}/#/`,
        static: `${origin}/harness/static.html?run=${RUN}`,
        floor: `${origin}/harness/floor.html?run=${RUN}`,
        react: `${origin}/harness/bench-react-floor.html?run=${RUN}`,
      };
      // Two warm-up rounds: the browser keeps compiled code for a script from its second load on.
      const coldWarmup = warmup + 1;
      for (let i = 0; i < coldWarmup + reps; i++) {
        const order = i % 2 ? ['app', 'react', 'floor', 'static'] : ['static', 'floor', 'react', 'app'];
        for (const which of order) {
          context = await launch();
          const ms = await firstUsableScreen(context, url[which]);
          await context.close();
          if (i >= coldWarmup) times[which].push(ms);
        }
      }
      const floor = stats(times.floor);
      const react = stats(times.react);
      const row = record('cold-start', times.app, times.static, {
        details: {
          marker: 'nav.shell-nav and #main h1 present, next animation frame',
          idbFloor: floor,
          appOverFloorMs: stats(times.app).median - floor.median,
          reactFloor: react,
          reactFloorRatio: react.median / stats(times.static).median,
          appOverReactFloor: stats(times.app).median / react.median,
        },
      });
      notes.push(
        `cold start: a static page that only opens IndexedDB natively and reads the profile takes ${fmt(floor.median)} (median); the app takes ${fmt(row.subject.median)}, ${row.subject.median >= floor.median ? `i.e. ${fmt(row.subject.median - floor.median)} above that floor` : `i.e. ${fmt(floor.median - row.subject.median)} before it (its first screen does not wait for the database)`}.`,
        `cold start: the static page's markup rendered by React alone (react-dom/client, nothing else) takes ${fmt(react.median)}, ${(react.median / row.baseline.median).toFixed(2)}× the static page; the app takes ${(row.subject.median / react.median).toFixed(2)}× that React floor.`,
      );
      console.log('done');
    }

    // 4. in-page scenarios, driven through window.__bench
    context = await launch();
    page = await openBench(context);
    const isolatedPage = await page.evaluate(() => globalThis.crossOriginIsolated === true);
    notes.push(
      isolatedPage
        ? 'in-page timings: the bench page is cross-origin isolated, so performance.now() resolves to 5 µs.'
        : 'in-page timings: the bench page is NOT cross-origin isolated; performance.now() resolves to 100 µs, so sub-millisecond samples (tutorial search) are coarse.',
    );
    for (const s of await page.evaluate(() => window.__bench.list())) {
      if (!wanted(s.id)) continue;
      process.stdout.write(`${s.id}… `);
      try {
        // A fresh page per scenario: what earlier scenarios kept in memory does not weigh on this one.
        page = await openBench(context);
        const prepared = await page.evaluate(({ id, p }) => window.__bench.prepare(id, p), { id: s.id, p: params });
        const subject = [];
        const baseline = [];
        const checks = [];
        let longest = 0;
        // Rewriting the whole database takes minutes at large size: fewer runs, no warm-up there.
        const heavy = HEAVY.has(s.id) && sizes.animators >= 10_000;
        const [w, n] = heavy ? [0, Math.min(reps, 3)] : [warmup, reps];
        for (let i = 0; i < w + n; i++) {
          // Alternate which side runs first so neither always inherits the other's garbage.
          const order = i % 2 ? ['subject', 'baseline'] : ['baseline', 'subject'];
          for (const side of order) {
            if (side === 'subject' && s.unavailable) continue;
            if (side === 'baseline' && !s.hasBaseline) continue;
            const r = await page.evaluate(({ id, sd, p }) => window.__bench.run(id, sd, p), { id: s.id, sd: side, p: params });
            if (r.check) checks.push({ side, ...r.check });
            if (i < w) continue;
            (side === 'subject' ? subject : baseline).push(...(r.samples ?? [r.ms]));
            if (side === 'subject') longest = Math.max(longest, r.longestTaskMs);
          }
        }
        const checkOk = checks.every((c) => c.ok);
        if (s.unavailable) {
          results.push({ id: s.id, status: 'unavailable', reason: s.unavailable, unit: 'ms', baseline: baseline.length ? stats(baseline) : null, checks, details: prepared });
        } else {
          record(s.id, subject, s.hasBaseline ? baseline : null, { longestTaskMs: longest, checkOk, checks: dedupeChecks(checks), details: prepared });
        }
        console.log(checkOk ? 'done' : `CHECK FAILED: ${checks.find((c) => !c.ok)?.detail}`);
      } catch (error) {
        results.push({ id: s.id, status: 'error', reason: String(error.message ?? error).split('\n')[0] });
        console.log(`error: ${error.message ?? error}`);
      }
    }
    await context.close();

    // 5. the built app itself: registry scrolling, dashboard memory
    if (wanted('registry-search-ui')) await measureRegistrySearchUi(launch, origin);
    if (wanted('registry-scroll')) await measureScroll(launch, origin);
    if (wanted('dashboard-memory')) await measureDashboardMemory(launch, origin);
    // 6. issue #21: the registry through the UI, and the import's peers
    if (wanted('registry-ui')) await measureRegistryUi(launch, origin);
    if (wanted('import-peer-soffice')) measureSofficePeer();
    importRatios();
    teamSyncNote();
  } finally {
    server.kill();
  }

  // ---- report ----
  printTable(results);
  if (sizeName !== TARGET_SIZE) notes.push(`Targets are defined for the large size (100k animators); this run is "${sizeName}".`);
  for (const n of notes) console.log(`note: ${n}`);
  const bundle = results.find((r) => r.id === 'bundle');
  if (bundle?.details?.largestLazyChunks) console.log(`largest chunks loaded on demand (gzip): ${bundle.details.largestLazyChunks.slice(0, 5).map((c) => `${c.src || c.file} ${c.gzipKb} KB`).join(', ')}`);

  mkdirSync(RESULTS, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const report = {
    size: sizeName,
    sizes,
    params,
    reps,
    warmup,
    at: new Date().toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, chromium: browserVersion ?? '', commit: gitCommit() },
    notes,
    results,
  };
  const file = join(RESULTS, `${sizeName}-${stamp}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2));
  writeFileSync(join(RESULTS, `latest-${sizeName}.json`), JSON.stringify(report, null, 2));
  console.log(`\nresults: ${file} (${report.durationS} s)`);
  const failed = results.filter((r) => r.status === 'error' || (r.status === 'measured' && !r.checkOk) || (r.checks ?? []).some((c) => !c.ok));
  if (failed.length > 0) {
    console.error(`scenario checks failed: ${failed.map((r) => r.id).join(', ')}`);
    process.exitCode = 1;
  }
}

function dedupeChecks(checks) {
  const seen = new Map();
  for (const c of checks) seen.set(`${c.side}:${c.ok}:${c.detail}`, c);
  return [...seen.values()];
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

// ---- app-driven scenarios ----

/** Time from navigation start to the first usable screen, measured in the page. */
async function firstUsableScreen(context, url) {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.addInitScript(() => {
    const check = () => {
      if (window.__firstUsable === undefined && document.querySelector('nav.shell-nav') && document.querySelector('#main h1')) {
        window.__firstUsable = null;
        requestAnimationFrame(() => (window.__firstUsable = performance.now()));
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true });
  });
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => typeof window.__firstUsable === 'number', null, { timeout: 30_000 });
  return page.evaluate(() => window.__firstUsable);
}

/** Whether a route of the app shows a real screen (not the "coming soon" placeholder). */
async function screenReady(page, selector) {
  try {
    await page.locator(`${selector}, .empty-state, main :text("arrive bientôt")`).first().waitFor({ timeout: 20_000 });
  } catch {
    return false;
  }
  return (await page.locator(selector).count()) > 0;
}

// BENCH_REGISTRY_ROUTE points the UI scenarios at another list (to check the harness itself).
const REGISTRY_ROUTE = process.env.BENCH_REGISTRY_ROUTE ?? '/annuaire';
/** How long the registry scenario waits, after its first pass, for the list to finish its own reads. */
const SETTLE_MS = 10_000;
// Data rows only (a grid's header row has column headers, not cells).
const ROWS = '#main [role="row"]:has([role="cell"]), #main table tbody tr, #main [role="listitem"]';
const SEARCH_FIELD = '#main input[type="search"], #main [role="searchbox"], #main input[aria-label*="echerch" i], #main input[placeholder*="echerch" i]';

/** Typing a search in the registry screen until the first rows show the new result, next frame included. */
async function measureRegistrySearchUi(launch, origin) {
  process.stdout.write('registry-search-ui… ');
  const context = await launch();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/#${REGISTRY_ROUTE}`);
    if (!(await screenReady(page, ROWS)) || (await page.locator(SEARCH_FIELD).count()) === 0) {
      results.push({ id: 'registry-search-ui', status: 'unavailable', reason: 'not available yet: no list with a search field on #/annuaire' });
      console.log('not available yet');
      return;
    }
    const times = [];
    const opening = [];
    const checks = [];
    const words = ['dupont', 'martin', 'garcia', 'leroy', 'moreau'];
    // Two passes: right after the list appears (what the list still reads then competes with
    // the typing), then after SETTLE_MS, as someone who opened the registry and then searches.
    // The second pass is the scenario's result; the first is reported beside it.
    for (let i = 0; i < 2 * (warmup + reps); i++) {
      const settled = i >= warmup + reps;
      if (i === warmup + reps) await page.waitForTimeout(SETTLE_MS);
      const word = words[i % words.length];
      await page.locator(SEARCH_FIELD).first().fill('');
      await page.waitForTimeout(400);
      const r = await page.evaluate(
        ({ word, rows, field }) =>
          new Promise((resolve) => {
            const input = document.querySelector(field);
            const before = document.querySelector(rows)?.textContent ?? '';
            const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
            const start = performance.now();
            setValue.call(input, word);
            input.dispatchEvent(new Event('input', { bubbles: true }));
            const poll = () => {
              const first = document.querySelector(rows)?.textContent ?? '';
              if (first !== before && first.toLowerCase().includes(word)) return requestAnimationFrame(() => resolve({ ms: performance.now() - start, first: first.slice(0, 80) }));
              if (performance.now() - start > 10_000) return resolve({ ms: null, first });
              requestAnimationFrame(poll);
            };
            poll();
          }),
        { word, rows: ROWS, field: SEARCH_FIELD },
      );
      checks.push({ side: 'subject', ok: r.ms !== null, detail: r.ms !== null ? `first row shows "${word}"` : `first row never showed "${word}" (${r.first})` });
      if (i % (warmup + reps) >= warmup && r.ms !== null) (settled ? times : opening).push(r.ms);
    }
    if (times.length === 0) {
      results.push({ id: 'registry-search-ui', status: 'error', reason: checks.find((c) => !c.ok)?.detail ?? 'no measurement', checks });
      console.log('error');
      return;
    }
    const row = record('registry-search-ui', times, null, { checkOk: checks.every((c) => c.ok), checks: dedupeChecks(checks) });
    const first = stats(opening);
    row.details = { justOpened: first, settleMs: SETTLE_MS };
    notes.push(`registry search: typed right after the list appeared, median ${fmt(first.median)} (p95 ${fmt(first.p95)}); the result above is ${SETTLE_MS / 1000} s later.`);
    console.log('done');
  } finally {
    await context.close();
  }
}

async function measureScroll(launch, origin) {
  process.stdout.write('registry-scroll… ');
  const context = await launch();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/#${REGISTRY_ROUTE}`);
    if (!(await screenReady(page, ROWS))) {
      results.push({ id: 'registry-scroll', status: 'unavailable', reason: 'not available yet: no list on #/annuaire' });
      console.log('not available yet');
      return;
    }
    const frames = [];
    const longFrames = [];
    const longTasks = [];
    let checkOk = true;
    let detail = '';
    for (let i = 0; i < warmup + reps; i++) {
      const r = await page.evaluate(async (rows) => {
        // The element that scrolls the list: the nearest scrollable ancestor of a row, else the page.
        const row = document.querySelector(rows);
        let el = row?.parentElement ?? null;
        while (el && !(el.scrollHeight > el.clientHeight + 10 && /(auto|scroll)/.test(getComputedStyle(el).overflowY))) el = el.parentElement;
        const scroller = el ?? document.scrollingElement;
        scroller.scrollTop = 0;
        // Main-thread tasks over 50 ms while scrolling: the app's own work, as opposed to frames lost to a busy machine.
        const tasks = [];
        const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => Math.round(e.duration))));
        observer.observe({ type: 'longtask' });
        const deltas = [];
        let last = performance.now();
        const end = last + 2000;
        // Fast continuous scrolling (about 7,000 px a second) with long jumps: middle, end, top.
        await new Promise((done) => {
          const step = (now) => {
            deltas.push(now - last);
            last = now;
            if (now > end) return done();
            scroller.scrollTop += 120;
            if (deltas.length === 40) scroller.scrollTop = scroller.scrollHeight / 2;
            if (deltas.length === 80) scroller.scrollTop = scroller.scrollHeight;
            if (deltas.length === 90) scroller.scrollTop = 0;
            requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        });
        await new Promise((r) => setTimeout(r, 50));
        observer.disconnect();
        // Once scrolling stops, the rows on screen show their data (no loading placeholder left).
        scroller.scrollTop = scroller.scrollHeight / 3;
        await new Promise((r) => setTimeout(r, 800));
        const visible = [...document.querySelectorAll(rows)].map((el) => el.textContent ?? '');
        return { tasks, deltas: deltas.slice(1), long: deltas.map((d, i) => [i, Math.round(d)]).filter(([i, d]) => i > 0 && d > 50), scrollHeight: scroller.scrollHeight, rowsShown: visible.length, placeholders: visible.filter((t) => t.trim() === '…').length };
      }, ROWS);
      if (r.rowsShown === 0 || r.placeholders > 0) {
        checkOk = false;
        detail = `after scrolling: ${r.rowsShown} rows shown, ${r.placeholders} still loading`;
      }
      if (r.scrollHeight < 2000) {
        checkOk = false;
        detail = `list not scrollable (scrollHeight ${r.scrollHeight})`;
      }
      if (i >= warmup) frames.push(...r.deltas);
      if (i >= warmup) longTasks.push(...r.tasks);
      if (i >= warmup) longFrames.push(...r.long.map(([at, ms]) => `run ${i}: frame ${at} ${ms} ms`));
      detail ||= `${r.deltas.length} frames, scroll height ${r.scrollHeight}px, ${r.rowsShown} rows shown after scrolling`;
    }
    const row = record('registry-scroll', frames, null, { longestTaskMs: Math.max(0, ...longTasks), checkOk, checks: [{ side: 'subject', ok: checkOk, detail }] });
    row.details = { framesOver50: frames.filter((d) => d > 50).length, frames: frames.length, maxFrameMs: row.subject.max, longFrames, longTasks, jumps: 'frame 40: middle, 80: end, 90: top' };
    notes.push(`registry scroll: ${frames.length} frames, longest ${fmt(row.subject.max)}, ${row.details.framesOver50} over 50 ms; ${longTasks.length} main-thread tasks over 50 ms (longest ${fmt(Math.max(0, ...longTasks))}).`);
    console.log('done');
  } finally {
    await context.close();
  }
}

async function measureDashboardMemory(launch, origin) {
  process.stdout.write('dashboard-memory… ');
  const heaps = [];
  const checks = [];
  const loadTimes = [];
  for (let i = 0; i < Math.max(2, Math.min(reps, 3)); i++) {
    const context = await launch();
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${origin}/#/annuaire/tableau-de-bord`);
      if (!(await screenReady(page, '#main svg, #main figure, #main table, #main [role="img"]'))) {
        results.push({ id: 'dashboard-memory', status: 'unavailable', reason: 'not available yet: no dashboard at #/annuaire/tableau-de-bord' });
        console.log('not available yet');
        return;
      }
      // Loaded = the screen stopped changing for a second (live queries answered, charts drawn).
      const settledMs = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const main = document.querySelector('#main');
            let last = performance.now();
            new MutationObserver(() => (last = performance.now())).observe(main, { subtree: true, childList: true, characterData: true, attributes: true });
            const poll = () => (performance.now() - last > 1000 || performance.now() > 60_000 ? resolve(last) : setTimeout(poll, 100));
            poll();
          }),
      );
      loadTimes.push(settledMs);
      const cdp = await context.newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('Performance.enable');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
      heaps.push(used / 2 ** 20);
      checks.push({ side: 'subject', ok: used > 0, detail: `heap ${(used / 2 ** 20).toFixed(1)} MB after GC` });
    } finally {
      await context.close();
    }
  }
  const row = record('dashboard-memory', heaps, null, { checkOk: checks.every((c) => c.ok), checks });
  row.details = { loadedMs: stats(loadTimes) };
  notes.push(`dashboard: last change on screen ${fmt(row.details.loadedMs.median)} after navigation start (median), heap ${fmt(row.subject.median, 'MB')} after GC.`);
  console.log('done');
}

// ---- issue #21: what a person waits for in the registry ----

const COUNT = '[data-testid="animators-count"]';
/** registry-open-settled-ui: the time spent on another screen before « Annuaire » is clicked */
const ANOTHER_SCREEN_MS = 3000;
/** The list shows its count (a number of « fiches », not « Comptage… ») and a first row with its link. */
const listShown = (count) => {
  const c = document.querySelector(count);
  const text = c?.textContent ?? '';
  return /\d/.test(text) && /fiche/.test(text) && !/Comptage|Chargement/.test(text) && (document.querySelector('#main [role="rowheader"] a') !== null || /\b0 fiche|Aucune/.test(text));
};

/** Navigation start to rows and count; searches and filters to their final count; baromètre, duplicates, CSV export, heap. */
async function measureRegistryUi(launch, origin) {
  process.stdout.write('registry-ui… ');
  const open = [];
  const openSettled = [];
  const cold = [];
  const filter = [];
  const barometer = [];
  const duplicates = [];
  const exportMs = [];
  const heaps = [];
  const checks = [];
  /** the registry worker's own marks and measures after a page load of the list (ms, by name) */
  const workerTimeline = {};
  const context = await launch();
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    // The scenarios before this one rewrote the database (restore, merge, team sync): the first open builds the
    // registry from the records, then saves its snapshot. Measured apart, and waited for: what follows is what a
    // person waits for on an ordinary day, when the snapshot is there (a page closed before it was saved builds again).
    const firstStart = Date.now();
    await page.goto(`${origin}/?region=toutes&run=${RUN}-first#/annuaire`, { waitUntil: 'commit' });
    await page.waitForFunction(listShown, COUNT, { polling: 'raf', timeout: 600_000 });
    const firstMs = Date.now() - firstStart;
    const savedMs = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const start = performance.now();
          const poll = () => {
            const req = indexedDB.open('fourmiliere');
            req.onsuccess = () => {
              const db = req.result;
              const tx = db.transaction(['registrySnapshot', 'registryLog'], 'readonly');
              const meta = tx.objectStore('registrySnapshot').get('meta');
              const last = tx.objectStore('registryLog').openCursor(null, 'prev');
              let lastSeq = 0;
              last.onsuccess = () => (lastSeq = last.result ? Number(last.result.key) : 0);
              tx.oncomplete = () => {
                db.close();
                // Saved, and (up to 15 s more) keeping the list's first rows, as the last session of an ordinary day leaves it.
                const kept = Array.isArray(meta.result?.pages) && meta.result.pages.length > 0;
                const saved = meta.result && typeof meta.result.seq === 'number' && meta.result.seq >= lastSeq && (kept || performance.now() - start > 15_000);
                if (saved) resolve(performance.now() - start);
                else if (performance.now() - start > 600_000) resolve(null);
                else setTimeout(poll, 250);
              };
            };
          };
          poll();
        }),
    );
    notes.push(`registry after the database was rewritten: first open ${fmt(firstMs)} (built from the records), its snapshot saved ${savedMs === null ? 'never (10 min)' : `${fmt(savedMs)} later`}; the UI timings start from a saved snapshot.`);
    for (let i = 0; i < warmup + reps; i++) {
      // A new page load each time: the app boots, its registry worker loads the snapshot.
      await page.goto(`${origin}/?region=toutes&run=${RUN}-${i}#/annuaire`, { waitUntil: 'commit' });
      await page.waitForFunction(listShown, COUNT, { polling: 'raf', timeout: 120_000 });
      const ms = await page.evaluate(() => performance.now());
      if (i >= warmup) {
        cold.push(ms);
        // The list may show before the columns are loaded (the snapshot's kept first page): the timeline once they are.
        await registryLoaded(page).catch(() => undefined);
        await collectWorkerTimeline(page, workerTimeline);
      }
      // Opened from another screen of a running app: the click on « Annuaire » as soon as that screen is up (the
      // registry's worker, started when the window is idle after its first screen, has barely begun), then the
      // same click after a few seconds on that screen (the worker has had time to load the snapshot).
      for (const [wait, into, suffix] of [[0, open, 'b'], [ANOTHER_SCREEN_MS, openSettled, 'c']]) {
        await page.goto(`${origin}/?region=toutes&run=${RUN}-${i}${suffix}#/reglages`);
        await page.locator('#main h1').first().waitFor({ timeout: 60_000 });
        if (wait) await page.waitForTimeout(wait);
        const opened = await page.evaluate(
          ({ count }) =>
            new Promise((resolve) => {
              // listShown, again: a page's CSP may refuse to build a function from its text.
              const isShown = (sel) => {
                const text = document.querySelector(sel)?.textContent ?? '';
                return /\d/.test(text) && /fiche/.test(text) && !/Comptage|Chargement/.test(text) && (document.querySelector('#main [role="rowheader"] a') !== null || /\b0 fiche|Aucune/.test(text));
              };
              const start = performance.now();
              window.location.hash = '#/annuaire';
              const poll = () => {
                if (isShown(count)) return requestAnimationFrame(() => resolve(performance.now() - start));
                if (performance.now() - start > 120_000) return resolve(null);
                requestAnimationFrame(poll);
              };
              poll();
            }),
          { count: COUNT },
        );
        if (opened !== null && i >= warmup) into.push(opened);
        checks.push({ side: 'subject', ok: opened !== null, detail: opened !== null ? 'list opened from another screen' : 'list never shown after « Annuaire »' });
      }
    }
    const total = await page.locator(COUNT).textContent();
    checks.push({ side: 'subject', ok: /\d/.test(total ?? ''), detail: `list of ${total}` });
    // Searches and filters, each from the whole list, until the count of its answer is shown.
    const email = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const req = indexedDB.open('fourmiliere');
          req.onsuccess = () => {
            const get = req.result.transaction('animators').objectStore('animators').getAll(null, 50);
            get.onsuccess = () => resolve(get.result.find((a) => a.email && !a.deletedAt)?.email ?? 'x@y.fr');
          };
        }),
    );
    const actions = [
      { text: 'bord' },
      { text: 'mar' },
      { text: 'dupont' },
      { text: email },
      { text: 'ma be' },
      { region: '75' },
      { region: '84' },
      { text: 'mar', region: '11' },
    ];
    // The first round warms up (except in the smoke run, kept short).
    const rounds = smoke ? 1 : 2;
    for (let round = 0; round < rounds; round++) {
      for (const action of actions) {
        await page.goto(`${origin}/?region=toutes#/annuaire`);
        await page.waitForFunction(listShown, COUNT, { polling: 'raf', timeout: 60_000 });
        // The list's first rows may come from the snapshot's kept page while the columns load: each search is timed
        // from the loaded registry (a search typed during the load waits for it; the open scenarios time the load).
        await registryLoaded(page);
        if (action.region && action.text) {
          await page.getByLabel('Région', { exact: true }).selectOption(action.region);
          await page.waitForFunction(listShown, COUNT, { polling: 'raf' });
        }
        const r = await page.evaluate(
          ({ action, count }) =>
            new Promise((resolve) => {
              const before = document.querySelector(count)?.textContent ?? '';
              const start = performance.now();
              if (action.text !== undefined) {
                const input = document.querySelector('#main input[type="search"]');
                Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, action.text);
                input.dispatchEvent(new Event('input', { bubbles: true }));
              } else {
                const select = [...document.querySelectorAll('#main select')][0];
                select.value = action.region;
                select.dispatchEvent(new Event('change', { bubbles: true }));
              }
              const poll = () => {
                const text = document.querySelector(count)?.textContent ?? '';
                if (text !== before && /\d/.test(text) && !/Comptage/.test(text)) return requestAnimationFrame(() => resolve({ ms: performance.now() - start, text }));
                if (performance.now() - start > 20_000) return resolve({ ms: null, text });
                requestAnimationFrame(poll);
              };
              poll();
            }),
          { action, count: COUNT },
        );
        checks.push({ side: 'subject', ok: r.ms !== null, detail: r.ms !== null ? 'every search and filter reached its count' : `${JSON.stringify(action)}: count never changed (${r.text})` });
        if (r.ms !== null && (round > 0 || rounds === 1)) filter.push(r.ms);
      }
    }
    // The baromètre until its last change on screen; the duplicates until their count is said.
    for (let i = 0; i < warmup + reps; i++) {
      await page.goto(`${origin}/#/annuaire`);
      await page.waitForFunction(listShown, COUNT, { polling: 'raf', timeout: 60_000 });
      await registryLoaded(page);
      const b = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const start = performance.now();
            let last = start;
            new MutationObserver(() => (last = performance.now())).observe(document.querySelector('#main'), { subtree: true, childList: true, characterData: true, attributes: true });
            window.location.hash = '#/annuaire/tableau-de-bord';
            const poll = () => {
              const table = document.querySelector('#main table tbody tr');
              if (table && performance.now() - last > 1000) return resolve(last - start);
              if (performance.now() - start > 60_000) return resolve(null);
              setTimeout(poll, 50);
            };
            poll();
          }),
      );
      if (b !== null && i >= warmup) barometer.push(b);
      const d = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const start = performance.now();
            window.location.hash = '#/annuaire/doublons';
            const poll = () => {
              const text = document.querySelector('#main')?.textContent ?? '';
              if (/paires? de fiches|Aucun doublon/.test(text)) return requestAnimationFrame(() => resolve(performance.now() - start));
              if (performance.now() - start > 60_000) return resolve(null);
              requestAnimationFrame(poll);
            };
            poll();
          }),
      );
      if (d !== null && i >= warmup) duplicates.push(d);
      checks.push({ side: 'subject', ok: b !== null && d !== null, detail: b !== null && d !== null ? 'baromètre and duplicates shown' : 'baromètre or duplicates never shown' });
    }
    // The CSV of the whole list: click to the download's end.
    for (let i = 0; i < Math.min(reps, 3) + warmup; i++) {
      await page.goto(`${origin}/?region=toutes#/annuaire`);
      await page.waitForFunction(listShown, COUNT, { polling: 'raf', timeout: 60_000 });
      await registryLoaded(page);
      const start = Date.now();
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.getByRole('button', { name: 'Exporter en CSV' }).click()]);
      const path = await download.path();
      const ms = Date.now() - start;
      const lines = readFileSync(path, 'utf8').split('\r\n').filter(Boolean).length - 1;
      checks.push({ side: 'subject', ok: lines > 0, detail: `CSV of ${lines} rows` });
      if (i >= warmup) exportMs.push(ms);
    }
    // Heap: the window and the registry's worker, after a collection.
    const cdp = await context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const windowMb = (metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20;
    // Each dedicated worker's own heap, asked through the page's DevTools session (performance.memory
    // does not exist in workers): the registry's columns live in its worker.
    const workers = await workerHeaps(cdp);
    const registry = workers.find((w) => w.url.includes('registry.worker'));
    const workersMb = workers.reduce((sum, w) => sum + w.usedMb, 0);
    heaps.push(windowMb + workersMb);
    checks.push({ side: 'subject', ok: registry !== undefined && registry.usedMb > 0, detail: registry ? `registry worker heap ${fmt(registry.usedMb, 'MB')}` : 'registry worker heap not read' });
    notes.push(
      `registry heap: window ${fmt(windowMb, 'MB')}, ` +
        (workers.length ? workers.map((w) => `${w.url.split('/').pop()} ${fmt(w.usedMb, 'MB')} (+ ${fmt(w.externalMb, 'MB')} of array buffers outside the JS heap)`).join(', ') : 'no worker found') +
        '.',
    );
  } finally {
    await context.close();
  }
  const ok = checks.every((c) => c.ok);
  const dedup = dedupeChecks(checks);
  if (open.length) record('registry-open-ui', open, null, { checkOk: ok, checks: dedup });
  if (openSettled.length) record('registry-open-settled-ui', openSettled, null, { checkOk: ok, details: { onAnotherScreenMs: ANOTHER_SCREEN_MS } });
  if (cold.length) {
    const timeline = Object.fromEntries(Object.entries(workerTimeline).map(([name, samples]) => [name, stats(samples).median]));
    const row = record('registry-cold-ui', cold, null, { checkOk: ok, details: { workerTimeline: timeline } });
    notes.push(`cold start to the first usable list (page load of the registry to rows and count): median ${fmt(row.subject.median)}, p95 ${fmt(row.subject.p95)}.`);
    if (Object.keys(timeline).length) notes.push(`registry worker on a page load of the list (medians; « at » from navigation start): ${Object.entries(timeline).map(([name, ms]) => `${name} ${fmt(ms)}`).join(', ')}.`);
  }
  if (filter.length) record('registry-filter-ui', filter, null, { checkOk: ok });
  if (barometer.length) record('barometer-ui', barometer, null, { checkOk: ok });
  if (duplicates.length) record('duplicates-ui', duplicates, null, { checkOk: ok });
  if (exportMs.length) record('csv-export-ui', exportMs, null, { checkOk: ok });
  if (heaps.length) record('registry-heap', heaps, null, { checkOk: ok });
  console.log(ok ? 'done' : `CHECK FAILED: ${checks.find((c) => !c.ok)?.detail}`);
}

/**
 * The JS heap of every dedicated worker of the page, after a collection in each, read through the page's
 * DevTools session: auto-attach (non-flat) gives each worker a session, reached by Target.sendMessageToTarget.
 */
async function workerHeaps(cdp) {
  const sessions = [];
  const pending = new Map();
  let next = 1;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') sessions.push({ id: e.sessionId, url: e.targetInfo.url });
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message);
    pending.get(message.id)?.(message);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  await new Promise((r) => setTimeout(r, 300));
  const out = [];
  for (const session of sessions) {
    const ask = (method) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, (m) => resolve(m.result ?? null));
        cdp.send('Target.sendMessageToTarget', { sessionId: session.id, message: JSON.stringify({ id, method, params: {} }) }).catch(() => resolve(null));
        setTimeout(() => resolve(null), 10_000);
      });
    await ask('HeapProfiler.collectGarbage');
    const usage = await ask('Runtime.getHeapUsage');
    if (usage) out.push({ url: session.url, usedMb: usage.usedSize / 2 ** 20, externalMb: (usage.backingStorageSize ?? 0) / 2 ** 20 });
  }
  await cdp.send('Target.setAutoAttach', { autoAttach: false, waitForDebuggerOnStart: false, flatten: false }).catch(() => undefined);
  return out;
}

/** Waits until the page's registry worker has loaded its columns (its « registry load from … » measure). */
async function registryLoaded(page, timeout = 120_000) {
  const start = Date.now();
  for (;;) {
    for (const w of page.workers()) {
      if (!w.url().includes('registry.worker')) continue;
      const loaded = await w.evaluate(() => performance.getEntriesByType('measure').some((e) => e.name.startsWith('registry load from'))).catch(() => false);
      if (loaded) return;
    }
    if (Date.now() - start > timeout) throw new Error('the registry worker never loaded');
    await page.waitForTimeout(50);
  }
}

/** The registry worker's marks (« at », from the page's navigation start) and measures (durations) of this page load, added to `into`. */
async function collectWorkerTimeline(page, into) {
  const pageOrigin = await page.evaluate(() => performance.timeOrigin);
  for (const w of page.workers()) {
    if (!w.url().includes('registry.worker')) continue;
    const entries = await w
      .evaluate(() => ({ origin: performance.timeOrigin, entries: performance.getEntries().filter((e) => e.entryType === 'mark' || e.entryType === 'measure').map((e) => ({ name: e.name, type: e.entryType, start: e.startTime, duration: e.duration })) }))
      .catch(() => null);
    if (!entries) continue;
    const add = (name, ms) => (into[name] ??= []).push(ms);
    add('worker created at', entries.origin - pageOrigin);
    for (const e of entries.entries) {
      if (e.type === 'mark') add(`${e.name} at`, entries.origin - pageOrigin + e.start);
      else add(e.name, e.duration);
    }
  }
}

/** LibreOffice headless opening a CSV of the import's size and saving it (the issue's peer), when installed. */
function measureSofficePeer() {
  process.stdout.write('import-peer-soffice… ');
  let soffice = null;
  for (const bin of ['soffice', 'libreoffice']) {
    try {
      execFileSync('which', [bin], { stdio: 'ignore' });
      soffice = bin;
      break;
    } catch {
      // not this one
    }
  }
  if (!soffice) {
    results.push({ id: 'import-peer-soffice', status: 'unavailable', reason: 'peer not available (soffice not installed)' });
    console.log('peer not available');
    return;
  }
  const dir = join(root, 'out', 'bench-soffice');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'import.csv');
  const lines = ['Nom;Prénom;Courriel;Structure;Commune;Code postal;Statut'];
  for (let i = 0; i < params.csvRows; i++) lines.push(`Nom${i};Prénom${i};bench-import.${String(i).padStart(6, '0')}@exemple-ot.fr;Office de tourisme ${i};Bordeaux;33000;Formé`);
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  const times = [];
  for (let i = 0; i < warmup + Math.min(reps, 3); i++) {
    const start = performance.now();
    execFileSync(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--infilter=CSV:59,34,76,1', '--convert-to', 'xlsx', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
    if (i >= warmup) times.push(performance.now() - start);
  }
  record('import-peer-soffice', times, null, { checkOk: existsSync(join(dir, 'import.xlsx')), details: { rows: params.csvRows } });
  console.log('done');
}

/** The team sync (issue #22): the ratio to a raw write of the same changes, and the window's longest task meanwhile. */
function teamSyncNote() {
  const row = results.find((r) => r.id === 'team-sync' && r.status === 'measured');
  if (!row) return;
  notes.push(
    `team sync of ${row.details.records ?? params.mergeRecords} changes (${row.details.files ?? '?'} encrypted logs, engine in the sync worker): ${fmt(row.subject.median)}, ${row.ratio.toFixed(2)}× a raw write of them (${fmt(row.baseline.median)}; target ≤ 3×); longest main-thread task during the runs ${row.longestTaskMs ? fmt(row.longestTaskMs) : 'none over 50 ms'} (target: none over 50 ms).`,
  );
}

/** The import against its peers, as ratios (issue #21: ≤ 1× LibreOffice, ≤ 3× a raw put into a primary-key-only store). */
function importRatios() {
  const median = (id) => results.find((r) => r.id === id && r.status === 'measured')?.subject.median;
  const imp = median('csv-import');
  if (imp === undefined) return;
  const peer = median('import-peer-soffice');
  const pk = median('raw-put-pk');
  const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
  notes.push(
    `import of ${params.csvRows} rows end to end ${fmt(imp)}: ${peer === undefined ? 'LibreOffice peer not available' : `${ratio(imp, peer)} LibreOffice headless (${fmt(peer)}; target ≤ 1×)`}, ${pk === undefined ? 'no primary-key-only put measured' : `${ratio(imp, pk)} a raw put into a primary-key-only store (${fmt(pk)}; target ≤ 3×)`}.`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// A Chromium performance trace of the registry's screens as the bench drives them (issue #21): one
// search or filter to its final count, and one baromètre open to its last change on screen. It reuses the
// bench's seeded profile (out/bench-profile-<size>, so the same port as the bench run that seeded it) and
// lists the window's main-thread tasks over a threshold, each split into what it did (script, style
// recalculation, layout, pre-paint and paint, garbage collection), with the JS functions that took the most
// (sampled). Not a test and not part of the bench: a tool to see where a render's time goes.
//
// Usage: node scripts/trace-registry.mjs --port=N [--size=large] [--dir=out/bench] [--threshold=30]
//                                        [--action=filter:mar|region:75|barometer] [--out=trace.json] [--reps=N]
//                                        [--no-trace] [--analyse=saved.json,…]
/* global window, document, requestAnimationFrame, MutationObserver, HTMLInputElement, Element */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const option = (name, fallback) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const port = Number(option('port', '0'));
if (!port) throw new Error('--port=N: the port of the bench run that seeded the profile (IndexedDB is per origin)');
const size = option('size', 'large');
const dir = option('dir', 'out/bench');
const threshold = Number(option('threshold', '30'));
const actions = option('action', 'filter:mar,region:75,barometer').split(',');
const outFile = option('out', null);
const reps = Number(option('reps', '1'));
// --no-trace: the action's time and the page's long tasks only (no tracing overhead), for medians over many runs
const untraced = argv.includes('--no-trace');

async function browserSupport() {
  const ts = (await import('typescript')).default;
  const source = readFileSync(join(root, 'e2e', 'support', 'browser.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
  const file = join(root, 'out', 'trace-browser-support.mjs');
  writeFileSync(file, outputText);
  return import(pathToFileURL(file).href);
}

function serve() {
  const child = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs'), '--dir', dir, '--port', String(port), '--isolate', '/harness/bench.html'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((ok, ko) => {
    child.once('exit', (code) => ko(new Error(`serve.mjs exited (${code})`)));
    child.stdout.once('data', () => ok(child));
  });
}

const COUNT = '[data-testid="animators-count"]';
const listShown = (count) => {
  const text = document.querySelector(count)?.textContent ?? '';
  return /\d/.test(text) && /fiche/.test(text) && !/Comptage|Chargement/.test(text) && (document.querySelector('#main [role="rowheader"] a') !== null || /\b0 fiche|Aucune/.test(text));
};

async function registryLoaded(page) {
  const start = Date.now();
  for (;;) {
    for (const w of page.workers()) {
      if (!w.url().includes('registry.worker')) continue;
      if (await w.evaluate(() => performance.getEntriesByType('measure').some((e) => e.name.startsWith('registry load from'))).catch(() => false)) return;
    }
    if (Date.now() - start > 120_000) throw new Error('the registry worker never loaded');
    await page.waitForTimeout(50);
  }
}

/** The action, timed in the page exactly as the bench does (to the count changed, or the baromètre's last mutation). */
async function act(page, action) {
  if (action === 'barometer')
    return page.evaluate(
      () =>
        new Promise((done) => {
          const start = performance.now();
          let last = start;
          // what changed, when (the last changes say what the measure waited for)
          const log = [];
          const describe = (r) => {
            const el = r.target instanceof Element ? r.target : r.target.parentElement;
            const where = el ? `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''}` : '?';
            return `${r.type}${r.attributeName ? '@' + r.attributeName : ''} ${where}${r.type === 'childList' ? ` +${r.addedNodes.length}-${r.removedNodes.length}` : ''}`;
          };
          new MutationObserver((records) => {
            last = performance.now();
            log.push(`${Math.round(last - start)} ${[...new Set(records.map(describe))].slice(0, 4).join(', ')}`);
          }).observe(document.querySelector('#main'), { subtree: true, childList: true, characterData: true, attributes: true });
          window.location.hash = '#/annuaire/tableau-de-bord';
          const poll = () => {
            if (document.querySelector('#main table tbody tr') && performance.now() - last > 1000) return done({ ms: last - start, text: log.slice(-6).join(' | ') });
            if (performance.now() - start > 60_000) return done({ ms: null });
            setTimeout(poll, 50);
          };
          poll();
        }),
    );
  const [kind, value] = action.split(':');
  return page.evaluate(
    ({ kind, value, count }) =>
      new Promise((done) => {
        const before = document.querySelector(count)?.textContent ?? '';
        const start = performance.now();
        if (kind === 'filter') {
          const input = document.querySelector('#main input[type="search"]');
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        } else {
          const select = [...document.querySelectorAll('#main select')][0];
          select.value = value;
          select.dispatchEvent(new Event('change', { bubbles: true }));
        }
        const poll = () => {
          const text = document.querySelector(count)?.textContent ?? '';
          if (text !== before && /\d/.test(text) && !/Comptage/.test(text)) return requestAnimationFrame(() => done({ ms: performance.now() - start, text }));
          if (performance.now() - start > 20_000) return done({ ms: null, text });
          requestAnimationFrame(poll);
        };
        poll();
      }),
    { kind, value, count: COUNT },
  );
}

const CATEGORIES = ['-*', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-devtools.timeline.frame', 'toplevel', 'blink.user_timing', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'v8', 'blink'];

async function trace(cdp, run) {
  const events = [];
  const collect = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', collect);
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES.filter((c) => c !== '-*'), excludedCategories: ['*'] }, transferMode: 'ReportEvents' });
  const result = await run();
  const done = new Promise((ok) => cdp.once('Tracing.tracingComplete', ok));
  await cdp.send('Tracing.end');
  await done;
  cdp.off('Tracing.dataCollected', collect);
  return { result, events };
}

/** What each phase of a task is called, by trace event name. */
const PHASE = {
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  PrePaint: 'prepaint',
  Paint: 'paint',
  PaintImage: 'paint',
  Layerize: 'paint',
  UpdateLayer: 'paint',
  'Document::updateStyleAndLayout': null,
  HitTest: 'hittest',
  'IntersectionObserverController::computeIntersections': 'intersection',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
  'V8.GCScavenger': 'gc',
  'V8.GC_MARK_COMPACTOR': 'gc',
  'V8.GCFinalizeMC': 'gc',
  'BlinkGC.AtomicPhase': 'gc',
  'ThreadState::performIdleLazySweep': 'gc',
  ParseHTML: 'parse',
  'v8.compile': 'compile',
  'V8.CompileCode': 'compile',
  'v8.parseOnBackground': 'compile',
  EvaluateScript: 'script',
  FunctionCall: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  EventDispatch: 'script',
  'v8.callFunction': 'script',
  'v8.run': 'script',
  RunMicrotasks: 'script',
  'V8.Execute': 'script',
};

function analyse(events) {
  const mainThreads = new Map();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mainThreads.set(`${e.pid}:${e.tid}`, true);
  // The app's renderer: the main thread with the most work.
  const byThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!mainThreads.has(key) || e.ph !== 'X') continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  const [key, thread] = [...byThread].sort((a, b) => b[1].length - a[1].length)[0] ?? [null, []];
  const [pid, tid] = key ? key.split(':').map(Number) : [0, 0];
  thread.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = thread.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  // top-level only (RunTask nested in RunTask when the task runs a nested loop is rare)
  const top = [];
  let end = -1;
  for (const t of tasks)
    if (t.ts >= end) {
      top.push(t);
      end = t.ts + t.dur;
    }

  // CPU samples of that thread
  const nodes = new Map();
  const samples = [];
  // Profile (start ts) per id: the main thread's profile (its chunks come from the profiler's own thread)
  const starts = new Map();
  for (const e of events) if (e.name === 'Profile' && e.pid === pid && e.tid === tid) starts.set(e.id, e.args?.data?.startTime ?? e.ts);
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || !starts.has(e.id)) continue;
    const data = e.args?.data;
    for (const n of data?.cpuProfile?.nodes ?? []) nodes.set(`${e.id}:${n.id}`, { ...n, key: `${e.id}:${n.id}`, parentKey: n.parent === undefined ? null : `${e.id}:${n.parent}` });
    const ids = data?.cpuProfile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    samples.push({ profile: e.id, tid: e.tid, ids, deltas });
  }
  // a profile's time deltas run on from one chunk to the next
  const timed = [];
  const clock = new Map(starts);
  for (const s of samples) {
    let t = clock.get(s.profile);
    for (let i = 0; i < s.ids.length; i++) {
      t += s.deltas[i] ?? 0;
      timed.push({ ts: t, node: `${s.profile}:${s.ids[i]}` });
    }
    clock.set(s.profile, t);
  }
  const frameName = (n) => (n ? (n.callFrame.url ? `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}` : `${n.callFrame.functionName} ?`) : '?');

  const report = [];
  for (const task of top) {
    if (task.dur / 1000 < threshold) continue;
    const inside = thread.filter((e) => e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur && e !== task);
    // exclusive time per phase: each event's time minus its children's that have a phase
    const phases = {};
    const stack = [];
    const phaseOf = (e) => PHASE[e.name] ?? null;
    const selfTimes = new Map();
    for (const e of inside) {
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
      const parent = [...stack].reverse().find((p) => phaseOf(p));
      if (phaseOf(e)) {
        selfTimes.set(e, (selfTimes.get(e) ?? 0) + e.dur);
        if (parent) selfTimes.set(parent, (selfTimes.get(parent) ?? 0) - e.dur);
      }
      stack.push(e);
    }
    let covered = 0;
    for (const [e, self] of selfTimes) {
      const p = phaseOf(e);
      phases[p] = (phases[p] ?? 0) + self / 1000;
      covered += self;
    }
    phases.other = (task.dur - covered) / 1000;
    const layouts = inside.filter((e) => e.name === 'Layout').map((e) => ({ ms: +(e.dur / 1000).toFixed(1), nodes: e.args?.beginData?.dirtyObjects, total: e.args?.beginData?.totalObjects, forced: Boolean(e.args?.beginData?.stackTrace) }));
    const styles = inside.filter((e) => e.name === 'UpdateLayoutTree').map((e) => ({ ms: +(e.dur / 1000).toFixed(1), elements: e.args?.elementCount }));
    const calls = inside.filter((e) => e.name === 'FunctionCall' || e.name === 'TimerFire' || e.name === 'FireAnimationFrame' || e.name === 'EventDispatch').map((e) => `${e.name}${e.args?.data?.functionName ? ` ${e.args.data.functionName}` : ''}${e.args?.data?.type ? ` ${e.args.data.type}` : ''} ${(e.dur / 1000).toFixed(1)}`);
    // sampled JS: self time by function
    const self = new Map();
    for (const s of timed) {
      if (s.ts < task.ts || s.ts > task.ts + task.dur) continue;
      const n = nodes.get(s.node);
      const name = frameName(n);
      self.set(name, (self.get(name) ?? 0) + 1);
    }
    const topSelf = [...self].sort((a, b) => b[1] - a[1]).slice(0, 14);
    // a task that only waited (a nested loop: the thread was idle inside it) is not work
    const sampled = [...self.values()].reduce((a, b) => a + b, 0);
    if (sampled > 0 && (self.get('(idle) ?') ?? 0) > sampled * 0.8) continue;
    report.push({ startMs: task.ts / 1000, ms: +(task.dur / 1000).toFixed(1), phases: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, +v.toFixed(1)]).filter(([, v]) => Math.abs(v) >= 0.1)), layouts: layouts.filter((l) => l.ms >= 1), styles: styles.filter((s) => s.ms >= 1), calls: calls.slice(0, 12), samples: topSelf });
  }
  // The main thread's CPU time over the whole trace (thread time, `tdur`: what a loaded machine's
  // preemption adds to the wall time is not in it), by phase; the first task (the trace starting and the
  // action itself being dispatched) apart.
  const cpu = { total: 0, first: top[0] ? (top[0].tdur ?? top[0].dur) / 1000 : 0 };
  {
    const stack = [];
    const self = new Map();
    const phaseOf = (e) => PHASE[e.name] ?? null;
    for (const e of thread) {
      if (e.tdur === undefined) continue;
      while (stack.length && stack[stack.length - 1].ts + stack[stack.length - 1].dur <= e.ts) stack.pop();
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') {
        if (!stack.some((p) => p.name === 'RunTask' || p.name === 'ThreadControllerImpl::RunTask')) cpu.total += e.tdur / 1000;
      } else if (phaseOf(e)) {
        const parent = [...stack].reverse().find((p) => phaseOf(p));
        self.set(e, (self.get(e) ?? 0) + e.tdur);
        if (parent) self.set(parent, (self.get(parent) ?? 0) - e.tdur);
      }
      stack.push(e);
    }
    for (const [e, t] of self) cpu[phaseOf(e)] = (cpu[phaseOf(e)] ?? 0) + t / 1000;
    for (const k of Object.keys(cpu)) cpu[k] = +cpu[k].toFixed(1);
  }
  return { cpu, tasks: report, taskCount: top.length, over50: top.filter((t) => t.dur > 50_000).length, longest: Math.max(0, ...top.map((t) => t.dur / 1000)) };
}

function print(action, ms, text, analysis) {
  console.log(`\n== ${action}: ${ms?.toFixed(1)} ms (${text ?? ''}) — ${analysis.taskCount} tasks, ${analysis.over50} over 50 ms, longest ${analysis.longest.toFixed(1)} ms`);
  console.log(`  main thread CPU: ${JSON.stringify(analysis.cpu)}`);
  for (const t of analysis.tasks) {
    console.log(`  task ${t.ms} ms: ${JSON.stringify(t.phases)}`);
    if (t.layouts.length) console.log(`    layouts: ${JSON.stringify(t.layouts)}`);
    if (t.styles.length) console.log(`    styles: ${JSON.stringify(t.styles)}`);
    console.log(`    calls: ${t.calls.join(' | ')}`);
    console.log(`    sampled: ${t.samples.map(([n, c]) => `${n} ×${c}`).join(' | ')}`);
  }
}

// --analyse=a.json,b.json: the saved traces again, no browser
const saved = option('analyse', null);
if (saved) {
  for (const file of saved.split(',')) print(file, null, '', analyse(JSON.parse(readFileSync(file, 'utf8')).traceEvents));
  process.exit(0);
}

const { chromiumExecutable, CHROMIUM_FLAGS } = await browserSupport();
const { chromium } = await import('playwright-core');
const server = await serve();
const origin = `http://127.0.0.1:${port}`;
const executablePath = chromiumExecutable();
const context = await chromium.launchPersistentContext(join(root, 'out', `bench-profile-${size}`), {
  headless: true,
  ...(executablePath ? { executablePath } : {}),
  args: CHROMIUM_FLAGS,
  viewport: { width: 1280, height: 800 },
  locale: 'fr-FR',
});
const all = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  for (let r = 0; r < reps; r++)
    for (const action of actions) {
      await page.goto(`${origin}/?region=toutes&trace=${Date.now()}#/annuaire`);
      await page.waitForFunction(listShown, COUNT, { polling: 'raf', timeout: 120_000 });
      await registryLoaded(page);
      await page.waitForTimeout(1500);
      if (untraced) {
        // the page's own long tasks (wall time, as a person's machine has them) during the action and a second after
        await page.evaluate(() => {
          const w = window;
          w.__long = [];
          w.__longObserver?.disconnect();
          w.__longObserver = new PerformanceObserver((list) => w.__long.push(...list.getEntries().map((e) => e.duration)));
          w.__longObserver.observe({ type: 'longtask' });
        });
        const result = await act(page, action);
        await page.waitForTimeout(1000);
        const long = await page.evaluate(() => window.__long);
        console.log(`RESULT ${JSON.stringify({ dir, action, ms: result.ms, longTasks: long.map((d) => Math.round(d)), ...(argv.includes('--explain') ? { changes: result.text } : {}) })}`);
        continue;
      }
      const { result, events } = await trace(cdp, () => act(page, action));
      if (outFile) writeFileSync(`${outFile.replace(/\.json$/, '')}-${action.replace(/\W/g, '_')}-${r}.json`, JSON.stringify({ traceEvents: events }));
      const analysis = analyse(events);
      all.push({ action, ms: result.ms, ...analysis });
      print(action, result.ms, result.text, analysis);
      console.log(`RESULT ${JSON.stringify({ dir, action, ms: result.ms, cpu: analysis.cpu, longest: analysis.longest, over50: analysis.over50 })}`);
    }
} finally {
  await context.close();
  server.kill();
}

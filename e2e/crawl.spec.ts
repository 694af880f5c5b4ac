/**
 * A crawl of every route and tab with the demo data, in French, at an office laptop's
 * 1366×850 and at 1920×1080. Hard checks: no English UI word, no internal field key or
 * code, no unfilled {placeholder}, no console error, no serious/critical axe violation.
 * Soft findings (recorded as annotations for the lead, not failures): the page scrolling
 * sideways, and column headers cut by their cell.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect, AppModel } from './support/app';
import { editRecord } from './support/data';

const root = process.cwd();

/** The stored field keys the app labels (i18n/fr/fields.ts): shown raw, they are a bug. */
function fieldKeys(): string[] {
  const text = readFileSync(join(root, 'renderer/src/i18n/fr/fields.ts'), 'utf8');
  return [...new Set([...text.matchAll(/'field\.(\w+)'/g)].map((m) => m[1]!))];
}

/** Enumeration codes of the domain (z.enum([...]) and `[...] as const`), e.g. `en-formation`, `certifie`. */
function enumCodes(): string[] {
  const codes = new Set<string>();
  const dir = join(root, 'renderer/src/domain');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const list of text.matchAll(/(?:z\.enum\(\[|= \[)([^\]]*)\](?: as const|\))/g)) {
      for (const code of list[1]!.matchAll(/'([a-z0-9-]+)'/g)) codes.add(code[1]!);
    }
  }
  return [...codes];
}

/** Field keys that are also ordinary French words (or trade terms: « channel manager ») are not evidence of a raw key. */
const FRENCH_WORDS = new Set(['channel', 'notes', 'date', 'source', 'version', 'contact', 'nature', 'label', 'note', 'description', 'format', 'agenda', 'image', 'audit', 'action', 'signature', 'places', 'place', 'changes', 'audience', 'tags', 'organiser', 'sequence', 'role', 'order', 'number', 'name', 'file', 'end', 'start', 'from', 'to', 'given', 'hours', 'minutes', 'structure', 'kind', 'id', 'rev', 'at', 'meta', 'body', 'material', 'method', 'reason', 'previous', 'device', 'theme', 'level', 'history', 'context', 'summary', 'title', 'contacts']);
/**
 * Most codes are French words (« module », « camping », « froid »): only the ones a label
 * would write otherwise count — hyphenated codes (`en-formation`, `office-tourisme`) and
 * codes that lost their accents (`certifie` for « Certifié »).
 */
const UNACCENTED_CODES = new Set(['certifie', 'termine', 'terminee', 'publie', 'realise', 'prevue', 'debutant', 'intermediaire', 'excuse', 'present']);
const isTellTaleCode = (code: string) => code.includes('-') || UNACCENTED_CODES.has(code);

/** English words of a UI (buttons, states, zod and JavaScript leftovers), matched as whole words, case-sensitive. */
const ENGLISH = [
  'Save', 'Cancel', 'Delete', 'Edit', 'Loading', 'Search', 'Settings', 'Close', 'Back', 'Next', 'Previous', 'Submit',
  'Error', 'Invalid', 'Required', 'Untitled', 'Yes', 'Home', 'Workshops', 'Workshop', 'Tutorials', 'Tutorial', 'Registry',
  'Cohorts', 'Cohort', 'Records', 'records', 'record', 'Download', 'Upload', 'Open', 'Add', 'Remove', 'Show', 'Hide',
  'Print', 'Confirm', 'Undo', 'Today', 'Week', 'Month', 'Status', 'Name', 'Email', 'Phone', 'None', 'Unknown',
  'undefined', 'null', 'NaN', 'true', 'false', 'expected', 'received', 'Too small', 'Too big', 'object Object',
];

function forbiddenTerms(): string[] {
  const keys = fieldKeys().filter((k) => /[A-Z]/.test(k) || !FRENCH_WORDS.has(k));
  const codes = enumCodes().filter(isTellTaleCode);
  return [...new Set([...ENGLISH, ...keys, ...codes])];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The terms found in a text as whole words (letters, digits, _ and - around them do not count). */
function findTerms(text: string, terms: readonly string[]): string[] {
  return terms.filter((term) => new RegExp(`(?<![\\p{L}\\p{N}_-])${escape(term)}(?![\\p{L}\\p{N}_-])`, 'u').test(text));
}

/** Writes records straight into a table, as another device's merge would. */
async function putRecords(page: Page, table: string, rows: Record<string, unknown>[]): Promise<void> {
  await page.evaluate(
    ({ table, rows }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fourmiliere');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(table, 'readwrite');
          for (const row of rows) tx.objectStore(table).put(row);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { table, rows },
  );
}

/**
 * The demo data has promotions without modules or people: give the first one two modules,
 * three half-days and three people (one who left), so its grid, person and session pages are crawled.
 */
async function fillCohort(app: AppModel, cohort: { id: string; startDate: string }, animatorIds: string[]): Promise<{ enrolment: string; moduleSession: string }> {
  const now = new Date().toISOString();
  const base = (id: string) => ({ id, createdAt: now, updatedAt: now, deletedAt: null, rev: { device: 'crawl', counter: 1 } });
  const day = (offset: number) => new Date(Date.parse(`${cohort.startDate}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  await putRecords(app.page, 'modules', [
    { ...base('crawl-m1'), cohortId: cohort.id, order: 0, title: 'Diagnostic numérique de territoire', objectives: 'Conduire un diagnostic', place: 'Pau', trainer: 'Anne Lacoste', tutorialIds: [], criteria: [{ id: 'c1', label: 'Sait conduire un entretien' }], evaluationPlanned: true },
    { ...base('crawl-m2'), cohortId: cohort.id, order: 1, title: 'Animer un atelier', objectives: 'Préparer et animer un atelier', place: 'Pau', trainer: 'Anne Lacoste', tutorialIds: [], criteria: [], evaluationPlanned: false },
  ]);
  await putRecords(app.page, 'moduleSessions', [
    { ...base('crawl-s1'), moduleId: 'crawl-m1', cohortId: cohort.id, date: day(1), halfDay: 'matin', start: '09:00', end: '12:30', hours: 3.5 },
    { ...base('crawl-s2'), moduleId: 'crawl-m1', cohortId: cohort.id, date: day(1), halfDay: 'apres-midi', start: '14:00', end: '17:30', hours: 3.5 },
    { ...base('crawl-s3'), moduleId: 'crawl-m2', cohortId: cohort.id, date: day(8), halfDay: 'matin', start: '09:00', end: '12:00', hours: 3 },
  ]);
  const statuses = ['en-cours', 'termine', 'abandon'] as const;
  await putRecords(
    app.page,
    'enrolments',
    animatorIds.slice(0, 3).map((animatorId, i) => ({
      ...base(`crawl-e${i}`), cohortId: cohort.id, animatorId, status: statuses[i], withdrawnAt: statuses[i] === 'abandon' ? day(9) : null,
      withdrawReason: statuses[i] === 'abandon' ? 'Changement de poste' : '', assessments: {}, completedAt: statuses[i] === 'termine' ? day(9) : null,
    })),
  );
  return { enrolment: 'crawl-e0', moduleSession: 'crawl-s1' };
}

interface Ids {
  workshop?: string;
  template?: string;
  animator?: string;
  provider?: string;
  cohort?: string;
  enrolment?: string;
  moduleSession?: string;
}

function routesOf(ids: Ids): string[] {
  const routes = [
    '/',
    '/tutoriels', '/tutoriels/nouveau', '/tutoriels/corbeille', '/tutoriels/packs', '/tutoriels/repondre-aux-avis-clients', '/tutoriels/repondre-aux-avis-clients/modifier',
    '/ateliers', '/ateliers/nouveau', '/ateliers/calendrier', '/ateliers/programme', '/ateliers/modeles', '/ateliers/modeles/nouveau', '/ateliers/rapport',
    '/ateliers/participants', '/ateliers/participants/nouveau', '/ateliers/segments', '/ateliers/suivis',
    '/annuaire', '/annuaire/nouveau', '/annuaire/import', '/annuaire/tableau-de-bord', '/annuaire/doublons',
    '/promotions', '/promotions/nouvelle',
    '/reglages', '/reglages/donnees', '/reglages/raccourcis', '/reglages/a-propos',
  ];
  if (ids.workshop) for (const tab of ['', '/deroule', '/materiel', '/inscriptions', '/presences', '/evaluation']) routes.push(`/ateliers/${ids.workshop}${tab}`);
  if (ids.provider) routes.push(`/ateliers/participants/${ids.provider}`, `/ateliers/participants/${ids.provider}/modifier`);
  if (ids.animator) routes.push(`/annuaire/${ids.animator}`, `/annuaire/${ids.animator}/modifier`);
  if (ids.cohort) {
    for (const tab of ['', '/modules', '/personnes', '/documents', '/evaluations', '/modifier']) routes.push(`/promotions/${ids.cohort}${tab}`);
    if (ids.enrolment) routes.push(`/promotions/${ids.cohort}/personnes/${ids.enrolment}`);
    if (ids.moduleSession) routes.push(`/promotions/${ids.cohort}/seances/${ids.moduleSession}`);
  }
  return routes;
}

async function firstId(app: AppModel, table: string, keep: (row: Record<string, unknown>) => boolean = () => true): Promise<string | undefined> {
  try {
    const rows = await app.readTable(table);
    const row = rows.find((r) => r.deletedAt == null && keep(r));
    return row ? String(row.id) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a person reads: the visible text nodes of the page, one per line, plus the
 * placeholders, labels and choices of its controls, without the tutorials' own content
 * (free text written by people, which may quote English names of tools).
 */
async function visibleText(app: AppModel): Promise<string> {
  return app.page.evaluate(() => {
    const skip = '.tl-body, textarea, script, style, noscript';
    const lines: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text || parent.closest(skip)) continue;
      const inSelect = parent.closest('select');
      if (!inSelect && !parent.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      lines.push(text);
    }
    for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
      if (el.closest(skip)) continue;
      for (const attribute of ['placeholder', 'aria-label', 'title']) {
        const value = el.getAttribute(attribute);
        if (value) lines.push(value);
      }
    }
    for (const input of document.querySelectorAll('input:not([type=hidden]):not([type=checkbox]):not([type=radio])')) {
      if (!input.closest(skip)) lines.push((input as HTMLInputElement).value);
    }
    return lines.join('\n');
  });
}

interface Layout {
  overflow: number;
  cutHeaders: string[];
  /** tables whose header row is laid out apart from their body (a broken grid layout) */
  splitTables: string[];
}

async function layoutOf(app: AppModel): Promise<Layout> {
  return app.page.evaluate(() => {
    const doc = document.documentElement;
    const overflow = doc.scrollWidth - doc.clientWidth;
    const cutHeaders: string[] = [];
    for (const th of document.querySelectorAll<HTMLElement>('th, [role="columnheader"]')) {
      const box = th.getBoundingClientRect();
      if (box.width === 0 || th.closest('.visually-hidden')) continue;
      const text = th.innerText.trim();
      if (!text) continue;
      // cut inside its cell (ellipsis or overflow), or past the right edge of a clipping container
      // screen-reader-only text (.visually-hidden: 1 px, clipped) is meant to be invisible, not cut
      const srOnly = (el: Element) => el.closest('.visually-hidden') !== null || el.getBoundingClientRect().width <= 1;
      const cut = (el: Element) => !srOnly(el) && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible';
      let clipped = cut(th) || [...th.querySelectorAll('*')].some(cut);
      for (let el = th.parentElement; el && !clipped; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX !== 'visible') {
          const frame = el.getBoundingClientRect();
          if (box.right > frame.right + 1 && style.overflowX === 'hidden') clipped = true;
          break;
        }
      }
      if (clipped) cutHeaders.push(text);
    }
    const splitTables: string[] = [];
    for (const table of document.querySelectorAll('table')) {
      const head = table.querySelector('thead tr')?.getBoundingClientRect();
      const body = table.querySelector('tbody tr')?.getBoundingClientRect();
      if (!head || !body || head.width === 0 || body.width === 0) continue;
      const overlap = Math.min(head.right, body.right) - Math.max(head.left, body.left);
      if (overlap < Math.min(head.width, body.width) / 2) splitTables.push(table.querySelector('caption')?.textContent?.trim() || (table.getAttribute('aria-label') ?? '(sans titre)'));
    }
    return { overflow, cutHeaders, splitTables };
  });
}

for (const viewport of [
  { width: 1366, height: 850 },
  { width: 1920, height: 1080 },
]) {
  test(`every route and tab reads as French software at ${viewport.width}×${viewport.height}`, async ({ page }, testInfo) => {
    test.setTimeout(900_000);
    await page.setViewportSize(viewport);
    const consoleErrors: string[] = [];
    let currentRoute = '(start)';
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(`${currentRoute}: ${msg.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${currentRoute}: ${error.message}`));

    const app = new AppModel(page);
    await app.start('/reglages');
    await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
    await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible({ timeout: 60_000 });

    // A duplicate pair (same e-mail) so the merge screen is crawled too.
    const animators = (await app.readTable<{ id: string; email: string; deletedAt: string | null }>('animators')).filter((a) => !a.deletedAt && a.email);
    await editRecord(page, 'animators', animators[1]!.id, { email: animators[0]!.email });
    const [cohort] = await app.readTable<{ id: string; startDate: string }>('cohorts');
    const filled = await fillCohort(app, cohort!, animators.slice(2).map((a) => a.id));

    const ids: Ids = {
      workshop: await firstId(app, 'workshops', (r) => !r.isTemplate),
      template: await firstId(app, 'workshops', (r) => Boolean(r.isTemplate)),
      animator: await firstId(app, 'animators'),
      provider: await firstId(app, 'providers'),
      cohort: cohort!.id,
      enrolment: filled.enrolment,
      moduleSession: filled.moduleSession,
    };
    expect(ids.workshop && ids.animator && ids.provider && ids.cohort, 'the demo data has a workshop, an animator, a provider and a cohort').toBeTruthy();
    const terms = forbiddenTerms();
    const problems: string[] = [];
    const soft: string[] = [];

    const check = async (label: string) => {
      await expect(page.locator('#main')).not.toHaveText(/^\s*Chargement…?\s*$/);
      await page.waitForLoadState('networkidle');
      const text = await visibleText(app);
      for (const term of findTerms(text, terms)) problems.push(`${label}: « ${term} » is shown`);
      for (const placeholder of new Set(text.match(/\{[a-zA-Z]\w*\}/g) ?? [])) problems.push(`${label}: unfilled ${placeholder}`);
      for (const v of await app.seriousA11yViolations()) problems.push(`${label}: axe ${v}`);
      const layout = await layoutOf(app);
      if (layout.overflow > 0) soft.push(`${label}: page ${layout.overflow} px wider than the window`);
      if (layout.splitTables.length) soft.push(`${label}: header row laid out apart from the body in ${layout.splitTables.map((h) => `« ${h} »`).join(', ')}`);
      if (layout.cutHeaders.length) soft.push(`${label}: cut column headers ${layout.cutHeaders.map((h) => `« ${h} »`).join(', ')}`);
    };

    for (const route of routesOf(ids)) {
      currentRoute = route;
      await app.goto(route);
      await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
      await check(route);
      // In-page tabs (role="tab") and view switches are part of "every tab".
      const tabs = page.locator('#main [role="tab"]');
      for (let i = 0; i < (await tabs.count()); i++) {
        const tab = tabs.nth(i);
        const name = ((await tab.textContent()) ?? '').trim();
        await tab.click();
        await check(`${route} [onglet ${name}]`);
      }
      if (route === '/annuaire/doublons') {
        await page.getByRole('button', { name: 'Comparer et fusionner' }).first().click();
        await expect(page.getByRole('heading', { name: 'Fusionner deux fiches' })).toBeVisible();
        await check(`${route} [fusion]`);
      }
      if (route === '/ateliers/calendrier') {
        await page.getByRole('button', { name: 'Semaine', exact: true }).click();
        await check(`${route} [semaine]`);
      }
      if (['/', '/ateliers', '/annuaire', '/annuaire/doublons', '/annuaire/tableau-de-bord', `/promotions/${ids.cohort}`, `/promotions/${ids.cohort}/personnes`, `/ateliers/${ids.workshop}`, `/ateliers/${ids.workshop}/inscriptions`].includes(route)) {
        await page.screenshot({ path: testInfo.outputPath(`${viewport.width}${route.replaceAll('/', '_') || '_home'}.png`), fullPage: false });
      }
    }

    for (const finding of soft) testInfo.annotations.push({ type: 'layout', description: finding });
    // Printed too, so a plain `list` run shows what the lead has to look at.
    console.log(`Layout findings at ${viewport.width}×${viewport.height}:\n${soft.join('\n') || 'none'}`);
    await testInfo.attach('layout-findings.txt', { body: soft.join('\n') || 'none', contentType: 'text/plain' });
    expect(consoleErrors, 'console errors').toEqual([]);
    expect(problems).toEqual([]);
  });
}

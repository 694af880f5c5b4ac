/**
 * A crawl of every route and tab with the demo data, in French, at an office laptop's
 * 1366×850 and at 1920×1080. Hard checks: no English UI word, no internal field key or
 * code, no unfilled {placeholder}, no console error, no serious/critical axe violation,
 * and the layout: the page never scrolls sideways (tables scroll inside themselves), no
 * column header is cut, no table draws its header row apart from its body.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, AppModel } from './support/app';
import { layoutOf, loadCrawlData, routesOf, settled } from './support/layout';

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
    const ids = await loadCrawlData(app);
    const terms = forbiddenTerms();
    const problems: string[] = [];

    const check = async (label: string) => {
      await settled(app);
      const text = await visibleText(app);
      for (const term of findTerms(text, terms)) problems.push(`${label}: « ${term} » is shown`);
      for (const placeholder of new Set(text.match(/\{[a-zA-Z]\w*\}/g) ?? [])) problems.push(`${label}: unfilled ${placeholder}`);
      for (const v of await app.seriousA11yViolations()) problems.push(`${label}: axe ${v}`);
      const layout = await layoutOf(app);
      if (layout.overflow > 0) problems.push(`${label}: page ${layout.overflow} px wider than the window`);
      if (layout.splitTables.length) problems.push(`${label}: header row laid out apart from the body in ${layout.splitTables.map((h) => `« ${h} »`).join(', ')}`);
      if (layout.cutHeaders.length) problems.push(`${label}: cut column headers ${layout.cutHeaders.map((h) => `« ${h} »`).join(', ')}`);
    };

    for (const route of routesOf(ids)) {
      currentRoute = route;
      await app.goto(route);
      await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
      await check(route);
      // In-page tabs (role="tab") and view switches are part of "every tab"; record tabs that
      // are links (a workshop's, a promotion's) have their own address, crawled as a route.
      const tabs = page.locator('#main [role="tab"]:not([href])');
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

    expect(consoleErrors, 'console errors').toEqual([]);
    expect(problems).toEqual([]);
  });
}

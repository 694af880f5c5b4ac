/**
 * The UI kit's promises, with the demo data, at an office laptop's 1366×850: every route
 * fits the window (no sideways page scroll), no column header is cut, no table shows its
 * header apart from its body, and the screens people asked about show what they must
 * (the promotion grid's « À risque » column, labels instead of codes on the merge screen).
 * A screenshot of each route is kept in the test's output folder for a person to look at.
 */
import { test, expect, AppModel } from './support/app';
import { layoutOf, loadCrawlData, putRecords, routesOf, settled } from './support/layout';

test('every route fits 1366×850 with the demo data', async ({ page }, testInfo) => {
  test.setTimeout(600_000);
  await page.setViewportSize({ width: 1366, height: 850 });
  const app = new AppModel(page);
  const ids = await loadCrawlData(app);
  const findings: string[] = [];
  for (const route of routesOf(ids)) {
    await app.goto(route);
    await settled(app);
    const layout = await layoutOf(app);
    if (layout.overflow > 0) findings.push(`${route}: page ${layout.overflow} px wider than the window`);
    if (layout.splitTables.length) findings.push(`${route}: header row apart from the body in ${layout.splitTables.join(', ')}`);
    if (layout.cutHeaders.length) findings.push(`${route}: cut column headers ${layout.cutHeaders.map((h) => `« ${h} »`).join(', ')}`);
    // named by route with the record ids replaced by what they are, so runs can be compared
    let name = route;
    for (const [kind, id] of Object.entries(ids)) if (id) name = name.replaceAll(id, kind);
    await page.screenshot({ path: testInfo.outputPath(`${name.replaceAll('/', '_') || '_home'}.png`) });
  }
  console.log(`Layout findings at 1366×850:\n${findings.join('\n') || 'none'}`);
  expect(findings).toEqual([]);
});

test('the shell wears the SVG mark, follows the system in light and dark, and rings what the keyboard reaches', async ({ app, page }) => {
  await app.start('/');
  const brand = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Fourmilière' });
  await expect(brand.locator('svg.logo')).toBeVisible();
  // no emoji left to show as an empty box
  expect(await brand.textContent()).not.toMatch(/\p{Extended_Pictographic}/u);

  const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background()).toBe('rgb(246, 245, 241)');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await background()).toBe('rgb(23, 25, 30)');
  await page.emulateMedia({ colorScheme: 'light' });

  // Keyboard focus draws the one ring (3 px, the focus colour); a mouse click does not.
  const ring = (selector: string) =>
    page.evaluate((sel) => {
      const style = getComputedStyle(document.activeElement ?? document.body);
      return { matches: document.activeElement?.matches(sel) ?? false, style: style.outlineStyle, width: style.outlineWidth, color: style.outlineColor };
    }, selector);
  await page.locator('.skip-link').focus();
  await page.keyboard.press('Tab'); // the brand
  expect(await ring('.shell-brand')).toEqual({ matches: true, style: 'solid', width: '3px', color: 'rgb(29, 78, 216)' });
  await page.keyboard.press('Tab');
  expect(await ring('.nav-link')).toEqual({ matches: true, style: 'solid', width: '3px', color: 'rgb(29, 78, 216)' });
  await app.nav('Ateliers').click();
  const clicked = await page.evaluate(() => getComputedStyle(document.activeElement ?? document.body).outlineStyle);
  expect(clicked).toBe('none');
});

test('a promotion grid of twenty half-days keeps the person and « À risque » in view at 1366×850, and scrolls inside itself', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 850 });
  const app = new AppModel(page);
  const ids = await loadCrawlData(app);
  const cohort = (await app.readTable<{ id: string; startDate: string }>('cohorts')).find((c) => c.id === ids.cohort)!;
  const enrolment = (await app.readTable<{ id: string; animatorId: string; status: string }>('enrolments')).find((e) => e.id === ids.enrolment)!;
  expect(enrolment.status).toBe('en-cours');
  const now = new Date().toISOString();
  const base = (id: string) => ({ id, createdAt: now, updatedAt: now, deletedAt: null, rev: { device: 'ui-kit', counter: 1 } });
  const day = (offset: number) => new Date(Date.parse(`${cohort.startDate}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const sessions = Array.from({ length: 17 }, (_, i) => ({ ...base(`kit-s${i}`), moduleId: 'crawl-m2', cohortId: cohort.id, date: day(20 + i), halfDay: 'matin', start: '09:00', end: '12:00', hours: 3 }));
  await putRecords(page, 'moduleSessions', sessions);
  // two held sessions missed in a row: at risk
  await putRecords(
    page,
    'attendance',
    sessions.slice(0, 2).map((s) => ({ ...base(`kit-a-${s.id}`), context: 'module', sessionId: s.id, halfDay: 'matin', personId: enrolment.animatorId, role: 'participant', personName: 'x', status: 'absent', signature: null, audit: [] })),
  );
  await app.goto(`/promotions/${cohort.id}`);
  await settled(app);
  const grid = page.locator('.attendance-grid');
  const row = grid.locator('tbody tr').filter({ has: page.locator('.badge-risk') });
  await expect(row).toHaveCount(1);
  const risk = row.locator('.badge-risk');
  await expect(risk).toHaveText('À risque');
  // in the window, and the topmost thing where it is drawn (not under the sessions)
  const inView = async (locator: typeof risk) => {
    const box = (await locator.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    const top = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.textContent ?? '', [x, y]);
    return x > 0 && x < 1366 && top.includes(((await locator.textContent()) ?? '').trim());
  };
  await risk.scrollIntoViewIfNeeded();
  await expect.poll(() => inView(risk)).toBe(true);
  await page.screenshot({ path: testInfo.outputPath('grid.png') });
  const scroller = grid.locator('.data-table-scroll');
  expect(await scroller.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await expect(grid.locator('.scroll-cue-end')).toBeVisible();
  await expect(grid.locator('.scroll-cue-start')).toBeHidden();
  // the keyboard scrolls it: it is a focusable, named region
  await scroller.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(grid.locator('.scroll-cue-start')).toBeVisible();
  // scrolled to the end, the person's name is still pinned on the left
  await expect.poll(() => inView(row.locator('th[scope="row"] a'))).toBe(true);
  await expect.poll(() => inView(risk)).toBe(true);
  const wide = await page.evaluate(() => [...document.querySelectorAll('body *')].filter((el) => {
    if (el.getBoundingClientRect().right <= document.documentElement.clientWidth + 1) return false;
    for (let p = el.parentElement; p; p = p.parentElement) if (getComputedStyle(p).overflowX !== 'visible') return false;
    return true;
  }).slice(0, 5).map((el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`));
  expect(wide).toEqual([]);
  expect((await layoutOf(app)).overflow).toBe(0);
  expect(await app.seriousA11yViolations()).toEqual([]);
});

test('the merge screen lines its header up with its rows and shows labels, not codes', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 850 });
  const app = new AppModel(page);
  await loadCrawlData(app);
  await app.goto('/annuaire/doublons');
  await settled(app);
  await page.getByRole('button', { name: 'Comparer et fusionner' }).first().click();
  const merge = page.getByRole('table', { name: 'Fusionner deux fiches' });
  await expect(merge.getByRole('rowheader', { name: 'Statut de formation' })).toBeVisible();
  expect((await layoutOf(app)).splitTables).toEqual([]);
  const text = await merge.innerText();
  for (const code of ['certifie', 'en-formation', 'forme', 'abandon', 'quitte', 'jobTitle', 'firstName']) expect(text).not.toMatch(new RegExp(`(?<![\\p{L}-])${code}(?![\\p{L}-])`, 'u'));
  // each header sits above its own column
  const headers = await merge.locator('thead th').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().left));
  const first = await merge.locator('tbody tr').first().locator('th, td').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().left));
  expect(first).toEqual(headers);
});

test('the Annuaire gives way column by column when narrow, never cutting a header', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 850 });
  const app = new AppModel(page);
  await loadCrawlData(app);
  await app.goto('/annuaire');
  await settled(app);
  const headers = page.getByRole('table', { name: 'Annuaire des ANT' }).getByRole('columnheader');
  await expect(headers).toHaveText(['Nom ▲', 'Structure', 'Commune', 'Département', 'Région', 'Statut de formation', 'Année']);
  expect((await layoutOf(app)).cutHeaders).toEqual([]);
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(headers).toHaveText(['Nom ▲', 'Structure', 'Commune', 'Statut de formation', 'Année']);
  const layout = await layoutOf(app);
  expect(layout.cutHeaders).toEqual([]);
  expect(layout.overflow).toBe(0);
  // each header sits above its own column
  const lefts = await headers.evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().left)));
  const row = page.getByRole('table', { name: 'Annuaire des ANT' }).getByRole('row').nth(1);
  const cells = await row.locator('[role="rowheader"], [role="cell"]').evaluateAll((cells) => cells.map((c) => Math.round(c.getBoundingClientRect().left)));
  expect(cells).toEqual(lefts);
});

test('every section has one sub-navigation saying where you are, and record tabs answer the arrow keys', async ({ app, page }) => {
  await app.start('/');
  for (const [route, nav, current] of [
    ['/annuaire/doublons', 'Sections de l’annuaire', 'Doublons'],
    ['/ateliers/modeles/nouveau', 'Sections des ateliers', 'Modèles'],
    ['/promotions/nouvelle', 'Sections des promotions', 'Nouvelle promotion'],
    ['/tutoriels/corbeille', 'Sections des tutoriels', 'Corbeille'],
    ['/reglages/a-propos', 'Sections des réglages', 'À propos'],
  ] as const) {
    await app.goto(route);
    const subnav = page.getByRole('navigation', { name: nav });
    await expect(subnav.locator('[aria-current="page"]')).toHaveText(current);
    await expect(subnav.locator('[aria-current="page"]')).toHaveCount(1);
    // the same look everywhere: one class, links not buttons
    await expect(subnav).toHaveClass(/\bsubnav\b/);
    expect(await subnav.locator('a.btn').count()).toBe(0);
  }
  // and in the same place: at the top of the section, above the page's title, on every page of every section
  for (const route of ['/annuaire', '/annuaire/import', '/ateliers', '/ateliers/calendrier', '/ateliers/programme', '/ateliers/modeles', '/ateliers/rapport', '/ateliers/nouveau', '/ateliers/participants', '/promotions', '/tutoriels', '/tutoriels/packs', '/reglages', '/reglages/donnees']) {
    await app.goto(route);
    await expect(page.locator('#main h1').first()).toBeVisible();
    const order = await page.locator('#main').evaluate((main) => {
      const nav = main.querySelector('nav.subnav');
      const h1 = main.querySelector('h1');
      return nav && h1 ? nav.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING : -1;
    });
    expect(order, `${route}: the sub-navigation comes before the title`).toBeGreaterThan(0);
  }

  // a promotion's tabs: a tablist; arrows open the next and previous tab
  await app.goto('/promotions/nouvelle');
  await page.getByLabel(/^Date de début/).fill('2026-09-01');
  await page.getByLabel(/^Date de fin/).fill('2026-12-15');
  await page.getByRole('button', { name: 'Créer la promotion' }).click();
  const tabs = page.getByRole('tablist', { name: 'Sections de la promotion' });
  await expect(tabs.getByRole('tab', { selected: true })).toHaveText('Tableau de bord');
  await tabs.getByRole('tab', { selected: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { selected: true })).toHaveText('Modules et séances');
  await expect(tabs.getByRole('tab', { name: 'Modules et séances' })).toBeFocused();
  await expect(page).toHaveURL(/\/modules$/);
  await expect(page.getByRole('tabpanel', { name: 'Modules et séances' })).toBeVisible();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.getByRole('tab', { selected: true })).toHaveText('Modifier');
  await page.keyboard.press('Home');
  await expect(tabs.getByRole('tab', { selected: true })).toHaveText('Tableau de bord');
  // one tab stop: the others are reached by the arrows
  expect(await tabs.locator('[role="tab"][tabindex="0"]').count()).toBe(1);
  expect(await app.seriousA11yViolations()).toEqual([]);
});

test('the one combobox: arrows and Enter pick a commune, Escape closes, nothing found is said', async ({ app, page }) => {
  await app.start('/annuaire/nouveau');
  const commune = page.getByRole('combobox', { name: 'Commune' });
  await commune.fill('Bayonn');
  const list = page.getByRole('listbox', { name: 'Commune' });
  await expect(list.getByRole('option').first()).toContainText('Bayonne');
  await expect(commune).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await expect(list.getByRole('option', { selected: true })).toContainText('Bayonne');
  await page.keyboard.press('Enter');
  await expect(commune).toHaveValue(/^Bayonne \(64100\)$/);
  await expect(commune).toHaveAttribute('aria-expanded', 'false');
  await commune.fill('zzzz');
  await expect(list.getByRole('option')).toHaveText(['Aucune commune trouvée']);
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  expect(await app.seriousA11yViolations()).toEqual([]);
});

test('toasts stack at the bottom left, away from the row actions, and close on demand', async ({ app, page }) => {
  await page.setViewportSize({ width: 1366, height: 850 });
  await app.start('/reglages');
  await page.getByLabel('Structure').fill('OT Cœur de Béarn');
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  const toast = page.locator('.toast', { hasText: 'Profil enregistré.' });
  await expect(toast).toBeVisible();
  // announced politely, in the stack's status region
  await expect(page.getByRole('status').filter({ has: toast })).toHaveAttribute('aria-live', 'polite');
  const box = (await toast.boundingBox())!;
  expect(box.x).toBeLessThan(40);
  expect(box.x + box.width).toBeLessThan(1366 / 2);
  expect(box.y + box.height).toBeGreaterThan(850 - 120);
  // saved again: said once, not piled up
  await page.getByRole('button', { name: 'Enregistrer' }).first().click();
  await expect(page.locator('.toast')).toHaveCount(1);
  await toast.getByRole('button', { name: 'Masquer le message' }).click();
  await expect(page.locator('.toast')).toHaveCount(0);
  expect(await app.seriousA11yViolations()).toEqual([]);
});

/**
 * How the baromètre is drawn (issue #21: its render, not its figures): the table opened again is drawn
 * once, with the columns that fit, instead of every column first and then again once measured; the scroll
 * cues still follow the table as it is narrowed and scrolled; the map's shapes are made once, a pointer or
 * a focus moving over them changes none of them and another measure changes their colours only; and the
 * figures read as French numbers (« 8 205 557 », « 0,6 »).
 */
import { test, expect } from './support/app';

test.use({ viewport: { width: 1366, height: 850 } });

/** Starts recording, in the page, every column header put into the baromètre's table, every cell taken out of it, and every change inside the map. */
async function watch(page: import('@playwright/test').Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __headers: string[]; __tables: number; __map: string[]; __dropped: string[] };
    w.__headers = [];
    w.__dropped = [];
    w.__tables = 0;
    w.__map = [];
    const seen = (node: Node) => {
      if (!(node instanceof Element)) return;
      const tables = node.matches('[data-testid="barometer-table"] table') ? [node] : [...node.querySelectorAll('[data-testid="barometer-table"] table')];
      w.__tables += tables.length;
      const heads = node.matches('[data-testid="barometer-table"] thead th') ? [node] : [...node.querySelectorAll('[data-testid="barometer-table"] thead th')];
      for (const th of heads) w.__headers.push(th.textContent ?? '');
    };
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) seen(n);
        // a cell taken out of a row still in the table: the table was drawn with a column it then dropped
        if (r.target instanceof Element && r.target.closest('[data-testid="barometer-table"]'))
          for (const n of r.removedNodes) if (n instanceof Element && (n.tagName === 'TH' || n.tagName === 'TD')) w.__dropped.push(n.textContent ?? '');
        const inMap = r.target instanceof Element ? r.target.closest('.animators-map svg') : r.target.parentElement?.closest('.animators-map svg');
        if (inMap) w.__map.push(r.type === 'attributes' ? `${(r.target as Element).tagName}@${r.attributeName}` : r.type);
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}
const recorded = (page: import('@playwright/test').Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __headers: string[]; __tables: number; __map: string[]; __dropped: string[] };
    return { headers: w.__headers, tables: w.__tables, map: w.__map, dropped: w.__dropped };
  });

test('the baromètre opened again draws its table once with the columns that fit, and its map once', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.start('/reglages');
  await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
  await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible({ timeout: 60_000 });
  const sub = page.getByRole('navigation', { name: 'Sections de l’annuaire' });
  const table = page.getByTestId('barometer-table');
  const headers = table.locator('thead th');

  // The baromètre opens on the profile's region: its departments.
  await app.goto('/annuaire/tableau-de-bord');
  await expect(page.getByRole('heading', { name: 'Baromètre — Nouvelle-Aquitaine' })).toBeVisible();
  await expect(table.locator('tbody tr').first()).toBeVisible();
  const shown = await headers.allTextContents();
  expect(shown[0]).toBe('Département');

  // Opened again from the list: one table, its headers put in once, only those that fit.
  await sub.getByRole('link', { name: 'Liste' }).click();
  await expect(page.getByTestId('animators-count')).toHaveText(/\d+ fiches/);
  await watch(page);
  await sub.getByRole('link', { name: 'Baromètre' }).click();
  await expect(page.getByRole('heading', { name: 'Baromètre — Nouvelle-Aquitaine' })).toBeVisible();
  await expect(headers).toHaveText(shown);
  await page.waitForTimeout(500);
  const drawn = await recorded(page);
  // not every column first, then again those that fit: those that fit, once
  expect(drawn.dropped).toEqual([]);
  expect(drawn.headers).toEqual(shown);
  expect(drawn.tables).toBe(1);

  await page.getByRole('button', { name: 'Retour aux régions' }).click();
  await expect(page.getByRole('heading', { name: 'Baromètre des régions' })).toBeVisible();
  // At 1366 px the structures and cohorts counts give way: their values stand under the region's name.
  await expect(headers).toHaveText(['Région', 'Total', 'En formation', 'Formé·e', 'Certifié·e', 'Population 2023', 'Pour 100 000 habitants', 'Actions']);
  const bretagne = table.getByRole('row', { name: /^Bretagne/ });
  await expect(bretagne.locator('.data-table-more')).toContainText('Structures');
  // French numbers, as toLocaleString('fr-FR') writes them: a narrow no-break space between thousands, a decimal comma.
  const [population, perCapita] = await bretagne.getByRole('cell').evaluateAll((cells) => [cells[4]!.textContent, cells[5]!.textContent]);
  expect(population).toBe((3449370).toLocaleString('fr-FR'));
  expect(population).toBe('3\u202f449\u202f370');
  expect(perCapita).toMatch(/^\d+,\d$/);

  // The map: pointing at a region or focusing it changes the tip, not the shapes.
  await watch(page);
  const brittany = page.locator('a[data-region="53"]');
  await brittany.hover();
  await expect(page.locator('.animators-tip')).toContainText('Bretagne : 26 animateur·rice·s');
  await brittany.focus();
  await page.locator('a[data-region="11"]').focus();
  await expect(page.locator('.animators-tip')).toContainText('Île-de-France');
  expect((await recorded(page)).map).toEqual([]);
  // Another measure: the colours change, nothing else in the map.
  const fills = () => page.locator('.animators-map path').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));
  const before = await fills();
  const outlines = await page.locator('.animators-map path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d')!.length));
  await page.getByLabel('Colorer la carte selon').selectOption({ label: 'Pour 100 000 habitants' });
  await expect.poll(fills).not.toEqual(before);
  const changes = (await recorded(page)).map;
  expect(changes.length).toBeGreaterThan(0);
  expect([...new Set(changes)].sort()).toEqual(expect.arrayContaining(['path@fill']));
  expect(changes.every((c) => c === 'path@fill' || c === 'rect@fill' || c.startsWith('A@aria-label') || c === 'characterData' || c === 'childList')).toBe(true);
  expect(changes.filter((c) => c === 'path@d')).toEqual([]);
  expect(await page.locator('.animators-map path').evaluateAll((paths) => paths.map((p) => p.getAttribute('d')!.length))).toEqual(outlines);
  expect(await app.seriousA11yViolations()).toEqual([]);
});

test('the baromètre’s table, narrowed, still says by its shadows and its label that it scrolls sideways', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.start('/reglages');
  await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
  await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible({ timeout: 60_000 });
  await app.goto('/annuaire/tableau-de-bord');
  await page.getByRole('button', { name: 'Retour aux régions' }).click();
  const table = page.getByTestId('barometer-table');
  // Taller than it shows: it scrolls down under its header, and says so; nothing sideways.
  const scroller = table.locator('.data-table-scroll');
  await expect(scroller).toHaveAttribute('aria-label', 'Par région — Faire défiler le tableau vers le bas');
  await expect(scroller).toHaveAttribute('tabindex', '0');
  await expect(table.locator('.scroll-cue-end')).toBeHidden();
  await expect(table.locator('.scroll-cue-start')).toBeHidden();
  // Too narrow for the columns that always show: the table scrolls sideways inside itself, and says so.
  await page.setViewportSize({ width: 640, height: 850 });
  await expect(scroller).toHaveAttribute('aria-label', 'Par région — Faire défiler le tableau horizontalement');
  await expect(table.locator('.scroll-cue-end')).toBeVisible();
  await expect(table.locator('.scroll-cue-start')).toBeHidden();
  await scroller.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect(table.locator('.scroll-cue-start')).toBeVisible();
  await expect(table.locator('.scroll-cue-end')).toBeHidden();
  // Wide again: no shadow, and the label says down again.
  await page.setViewportSize({ width: 1366, height: 850 });
  await expect(scroller).toHaveAttribute('aria-label', 'Par région — Faire défiler le tableau vers le bas');
  await expect(table.locator('.scroll-cue-start')).toBeHidden();
  await expect(table.locator('.scroll-cue-end')).toBeHidden();
});

/**
 * The UI kit's promises, with the demo data, at an office laptop's 1366×850: every route
 * fits the window (no sideways page scroll), no column header is cut, no table shows its
 * header apart from its body, and the screens people asked about show what they must
 * (the promotion grid's « À risque » column, labels instead of codes on the merge screen).
 * A screenshot of each route is kept in the test's output folder for a person to look at.
 */
import { test, expect, AppModel } from './support/app';
import { layoutOf, loadCrawlData, routesOf, settled } from './support/layout';

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
    await page.screenshot({ path: testInfo.outputPath(`${route.replaceAll('/', '_') || '_home'}.png`) });
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

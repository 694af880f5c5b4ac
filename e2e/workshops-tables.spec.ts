/**
 * The workshop screens' tables with the demo data: at an office laptop's 1366×850 a row's
 * buttons stay on one line in the pinned actions column and the table needs no sideways
 * scroll; in a narrower window the columns that give way are read under the row's name.
 */
import type { Locator } from '@playwright/test';
import { test, expect, AppModel } from './support/app';
import { layoutOf, loadCrawlData, settled } from './support/layout';

type Reg = { workshopId: string; status: string; deletedAt: string | null };

/** The tops of a row's action buttons, their right edge, the table frame's right edge and how far it scrolls sideways. */
async function buttonsOf(row: Locator) {
  return row.evaluate((tr) => {
    const boxes = [...tr.querySelectorAll('.data-table-actions button')].map((b) => b.getBoundingClientRect());
    const scroller = tr.closest('.data-table-scroll')!;
    return {
      tops: boxes.map((b) => Math.round(b.top)),
      right: Math.max(...boxes.map((b) => b.right)),
      frameRight: scroller.getBoundingClientRect().right,
      sideways: scroller.scrollWidth - scroller.clientWidth,
    };
  });
}

test('registrations and sessions keep their row buttons on one line, pinned and in view, at 1366×850', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 850 });
  const app = new AppModel(page);
  await loadCrawlData(app);
  const registrations = (await app.readTable<Reg>('registrations')).filter((r) => r.status === 'inscrit' && !r.deletedAt);
  const workshopId = registrations[0]!.workshopId;

  await app.goto(`/ateliers/${workshopId}/inscriptions`);
  await settled(app);
  const registered = page.getByRole('table', { name: /^Inscrits/ });
  const first = registered.getByRole('row').nth(1);
  await expect(first.getByRole('button', { name: /^Annuler l’inscription (de |d’)/ })).toBeVisible();
  const row = await buttonsOf(first);
  expect(row.tops.length).toBe(3);
  expect(new Set(row.tops).size, 'the three buttons on one line').toBe(1);
  expect(row.right).toBeLessThanOrEqual(row.frameRight + 1);
  expect(row.sideways, 'no sideways scroll needed').toBeLessThanOrEqual(1);

  await app.goto(`/ateliers/${workshopId}`);
  await settled(app);
  const sessions = page.getByRole('table', { name: 'Séances' });
  const session = await buttonsOf(sessions.getByRole('row').nth(1));
  expect(session.tops.length).toBe(4);
  expect(new Set(session.tops).size, 'the four buttons on one line').toBe(1);
  expect(session.right).toBeLessThanOrEqual(session.frameRight + 1);

  const layout = await layoutOf(app);
  expect(layout.cutHeaders).toEqual([]);
  expect(layout.overflow).toBeLessThanOrEqual(0);
});

test('in a narrow window the workshop list folds its theme under each title, and nothing is cut', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 900, height: 800 });
  const app = new AppModel(page);
  await loadCrawlData(app);
  await app.goto('/ateliers');
  await settled(app);
  const list = page.getByRole('table', { name: 'Ateliers' });
  // always shown
  for (const name of ['Atelier', 'Dates', 'Statut']) await expect(list.getByRole('columnheader', { name, exact: true })).toBeVisible();
  // given way: the theme is read under the title instead
  await expect(list.getByRole('columnheader', { name: 'Thème' })).toHaveCount(0);
  const firstTitle = list.getByRole('rowheader').first();
  await expect(firstTitle.locator('dt', { hasText: 'Thème' })).toBeVisible();
  await expect(firstTitle.locator('dd').first()).not.toBeEmpty();
  const layout = await layoutOf(app);
  expect(layout.cutHeaders).toEqual([]);
  expect(layout.overflow).toBeLessThanOrEqual(0);
  expect(await app.seriousA11yViolations()).toEqual([]);
});

test('the programme’s month tables line their columns up, whatever each month holds', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1366, height: 850 });
  const app = new AppModel(page);
  await loadCrawlData(app);
  await app.goto('/ateliers/programme');
  await settled(app);
  const months = page.locator('.programme-month table');
  // the months are drawn one after the other, and each table's columns fitted once it is measured
  await expect(months.nth(1), 'the demo programme spans several months').toBeVisible();
  const columnLefts = () => months.evaluateAll((tables) => tables.map((table) => [...table.querySelectorAll('thead th')].map((th) => Math.round(th.getBoundingClientRect().left))));
  await expect.poll(async () => (await columnLefts())[0]?.length).toBe(5);
  await expect.poll(async () => {
    const lefts = await columnLefts();
    return lefts.filter((columns) => JSON.stringify(columns) !== JSON.stringify(lefts[0])).length;
  }, { message: 'each month’s columns start where the first month’s do' }).toBe(0);
  const layout = await layoutOf(app);
  expect(layout.cutHeaders).toEqual([]);
  expect(layout.overflow).toBeLessThanOrEqual(0);
});

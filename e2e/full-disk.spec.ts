/**
 * A nearly full disk, for real: the browser profile lives on a 32 MB tmpfs, the demo
 * data is loaded, then a 30,000-row import is confirmed. The write cannot fit.
 *
 * Seen on this disk: when the IndexedDB write fails (FILE_ERROR_NO_SPACE), Chromium
 * discards the origin's IndexedDB *and* its private file system; localStorage stays.
 * So: the message names the full disk in French and claims "intact" only if a count
 * found it so; at the next start the copy kept compressed in localStorage is offered,
 * and restoring it brings everything back.
 *
 * Mounting needs root on Linux (CI runs as root); elsewhere the tests are skipped, saying why.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { AppModel } from './support/app';
import { CHROMIUM_FLAGS, chromiumExecutable } from './support/browser';

const DISK_MB = 32;
const ROWS = 30_000;

let mountPoint = '';
let mountError = '';
test.beforeAll(() => {
  mountPoint = mkdtempSync(join(tmpdir(), 'fourmiliere-full-disk-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_MB}m`, 'tmpfs', mountPoint], { stdio: 'pipe' });
  } catch (error) {
    mountError = error instanceof Error ? (error.message.split('\n')[0] ?? 'mount failed') : String(error);
  }
});
test.afterAll(() => {
  if (!mountPoint) return;
  if (!mountError) execFileSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** A spreadsheet of ROWS distinct people, in the columns the import recognises. */
function bigCsv(): Buffer {
  const lines = ['Prénom;Nom;E-mail;Structure;Commune;Code postal;Statut;Notes'];
  for (let i = 0; i < ROWS; i++) {
    // Random notes: IndexedDB compresses its pages, repeated text would take no room.
    const note = randomBytes(60).toString('base64');
    lines.push(`Prénom${i};Nom${i};personne${i}@exemple-ot.fr;Office de tourisme n°${i % 500};Besançon;25000;Formé;${note}`);
  }
  return Buffer.from(lines.join('\n'), 'utf8');
}

async function animatorCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const open = indexedDB.open('fourmiliere');
        open.onerror = () => resolve(-1);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('animators')) return resolve(0), db.close();
          const req = db.transaction('animators', 'readonly').objectStore('animators').count();
          req.onsuccess = () => (resolve(req.result), db.close());
          req.onerror = () => resolve(-1);
        };
      }),
  );
}

async function launch(profile: string, baseURL: string): Promise<BrowserContext> {
  const executablePath = chromiumExecutable();
  return chromium.launchPersistentContext(join(mountPoint, profile), {
    ...(executablePath ? { executablePath } : {}),
    args: CHROMIUM_FLAGS,
    baseURL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
  });
}

async function firstPage(context: BrowserContext): Promise<Page> {
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
  return page;
}

/** Demo data, then the big import confirmed; returns the demo's number of people. */
async function demoThenBigImport(page: Page): Promise<number> {
  const app = new AppModel(page);
  await app.start('/reglages');
  await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
  await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible({ timeout: 60_000 });
  const demo = await animatorCount(page);
  expect(demo).toBeGreaterThan(100);
  await app.goto('/annuaire/import');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choisir un fichier CSV ou Excel…' }).click();
  await (await chooser).setFiles({ name: 'national.csv', mimeType: 'text/csv', buffer: bigCsv() });
  await page.getByRole('button', { name: 'Simuler l’import' }).click();
  await expect(page.getByTestId('import-summary')).toContainText(`${ROWS} à créer`, { timeout: 120_000 });
  // The count in the button is a French number (« 30 000 », with a narrow no-break space).
  await page.getByRole('button', { name: /^Confirmer l’import \(30\s000 fiches\)$/ }).click();
  return demo;
}

const RAW = /bulkPut|operations failed|QuotaExceeded|FILE_ERROR|AbortError/;

test('a write that cannot fit: the message says so in French, and the data survives or the next start brings it back', async ({ browserName }, testInfo) => {
  test.skip(browserName !== 'chromium', 'the profile on a small disk is a Chromium profile');
  test.skip(mountError !== '', `cannot mount a ${DISK_MB} MB tmpfs here (needs root on Linux): ${mountError}`);
  test.setTimeout(240_000);
  let context = await launch('profile', testInfo.project.use.baseURL!);
  try {
    let page = await firstPage(context);
    const demo = await demoThenBigImport(page);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText('L’import a échoué : le disque est plein', { timeout: 120_000 });
    await expect(alert).not.toContainText(RAW);
    await alert.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('failed.png') });
    const afterFailure = await animatorCount(page);
    // "intactes" only when the count found them; here Chromium discarded the store.
    if (afterFailure !== demo) {
      await expect(alert).not.toContainText('intactes');
      await expect(alert).toContainText(/proposera de restaurer la dernière copie/);
    } else await expect(alert).toContainText(`vos données sont intactes`);
    // The dry run stays on screen, without its "nothing saved yet", which is no longer known.
    await expect(page.getByText('Rien n’a encore été enregistré.')).toHaveCount(0);

    await context.close();
    context = await launch('profile', testInfo.project.use.baseURL!);
    page = await firstPage(context);
    await page.goto('./#/');
    const shell = page.getByRole('navigation', { name: 'Navigation principale' });
    if (afterFailure === demo) {
      await expect(shell).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Vos données semblent avoir disparu' })).toHaveCount(0);
    } else {
      const offer = page.getByRole('heading', { name: 'Vos données semblent avoir disparu' });
      await expect(offer).toBeVisible({ timeout: 30_000 });
      await expect(page.getByTestId('recovery-copy')).toContainText('La dernière copie utilisable date du');
      await page.screenshot({ path: testInfo.outputPath('offer.png') });
      expect(await new AppModel(page).seriousA11yViolations()).toEqual([]);
      await page.getByRole('button', { name: 'Restaurer cette copie' }).click();
      await expect(shell).toBeVisible({ timeout: 60_000 });
      await expect(page.getByRole('heading', { name: 'Bienvenue dans Fourmilière' })).toHaveCount(0);
    }
    expect(await animatorCount(page)).toBe(demo);
  } finally {
    await context.close();
    rmSync(join(mountPoint, 'profile'), { recursive: true, force: true });
  }
});

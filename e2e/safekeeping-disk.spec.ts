/**
 * Promises about manual backups and long writes in browser mode: a cancelled save is
 * not a backup made, a download whose fate is unknown is not one either, and closing
 * the window while a restore runs asks first.
 */
import { test, expect } from './support/app';
import { stubSaveDialog } from './support/save-dialog';

async function loadDemo(app: { start(route: string): Promise<void> }, page: import('@playwright/test').Page) {
  await app.start('/reglages');
  await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
  await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible();
}

const lastBackupSetting = (page: import('@playwright/test').Page) =>
  page.evaluate(
    () =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('fourmiliere');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('settings', 'readonly').objectStore('settings').get('backup.lastAt');
          req.onsuccess = () => (resolve(req.result?.value ?? null), open.result.close());
        };
      }),
  );

test('a cancelled save dialog is not a backup made', async ({ app, page }) => {
  await stubSaveDialog(page, 'cancel');
  await loadDemo(app, page);
  await app.goto('/reglages/donnees');
  await page.getByRole('button', { name: 'Exporter une sauvegarde' }).click();
  await expect(page.getByText('Enregistrement annulé : aucune sauvegarde n’a été faite.')).toBeVisible();
  await expect(page.getByText('Aucune sauvegarde n’a encore été faite sur cet ordinateur.')).toBeVisible();
  await expect(page.getByText(/Dernière sauvegarde :/)).toHaveCount(0);
  expect(await lastBackupSetting(page)).toBeNull();
});

test('without a save dialog, a started download is said unverified and not counted', async ({ app, page }) => {
  await stubSaveDialog(page, 'absent');
  await loadDemo(app, page);
  await app.goto('/reglages/donnees');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter une sauvegarde' }).click();
  expect((await downloading).suggestedFilename()).toMatch(/_manual\.fourmiliere-backup\.json$/);
  await expect(page.getByText(/Téléchargement lancé \(\d+ fiches\)\. Ce navigateur ne dit pas si le fichier a bien été gardé/)).toBeVisible();
  await expect(page.getByText('Aucune sauvegarde n’a encore été faite sur cet ordinateur.')).toBeVisible();
  await expect(page.getByText(/Dernier téléchargement lancé le .*, sans confirmation qu’il a été gardé\./)).toBeVisible();
  expect(await lastBackupSetting(page)).toBeNull();
});

test('closing the window during a restore asks first; staying lets the restore finish', async ({ app, page }, testInfo) => {
  // Hold the restore in its first step (the safety copy into the private file system) until released.
  await page.addInitScript(() => {
    const w = window as unknown as { __hold?: Promise<void>; __release?: () => void };
    const original = StorageManager.prototype.getDirectory;
    StorageManager.prototype.getDirectory = async function (this: StorageManager) {
      if (w.__hold) await w.__hold;
      return original.call(this);
    };
  });
  await stubSaveDialog(page, 'keep');
  await loadDemo(app, page);
  await app.goto('/reglages/donnees');
  await page.getByRole('button', { name: 'Exporter une sauvegarde' }).click();
  const saved = await (await import('./support/save-dialog')).savedThroughDialog(page);
  const path = testInfo.outputPath(saved.name);
  await (await import('node:fs/promises')).writeFile(path, saved.text);

  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choisir un fichier de sauvegarde…' }).click();
  await (await chooser).setFiles(path);
  await page.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
  await page.evaluate(() => {
    const w = window as unknown as { __hold?: Promise<void>; __release?: () => void };
    w.__hold = new Promise((resolve) => (w.__release = resolve));
  });
  await page.getByRole('dialog').getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
  await expect(page.getByRole('group', { name: 'Restauration en cours' })).toBeVisible();

  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const dialog = await asked;
  expect(dialog.type()).toBe('beforeunload');
  await dialog.dismiss(); // stay
  expect(page.isClosed()).toBe(false);

  await page.evaluate(() => (window as unknown as { __release: () => void }).__release());
  await expect(page.getByText(/Sauvegarde restaurée/)).toBeVisible();
  // Done: leaving no longer asks.
  let askedAgain = false;
  page.on('dialog', (d) => ((askedAgain = true), void d.accept()));
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(askedAgain).toBe(false);
});

/**
 * The renderer's side of the desktop backups, with a stand-in for the Electron
 * preload (the real one needs the Electron binary): settings reach the bridge,
 * and quitting writes a "quit" backup before the app is allowed to close.
 */
import { test, expect } from './support/app';
import { useDesktopBridge } from './support/desktop-bridge';

test('desktop backups: keep-N settings and the backup written on quit', async ({ app, page }) => {
  await useDesktopBridge(page, () => {
    const calls: { method: string; args: unknown }[] = [];
    let quitHandler: (() => Promise<void>) | null = null;
    let settings = { keepDaily: 7, keepWeekly: 4, folder: '/home/anne/.config/Fourmilière/sauvegardes' };
    const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });
    const record = (method: string, args: unknown) => calls.push({ method, args });
    (window as unknown as { __calls: typeof calls }).__calls = calls;
    (window as unknown as { __quit: () => Promise<void> }).__quit = async () => {
      await quitHandler?.();
      record('quitReady', null);
    };
    return {
      saveFile: (a: unknown) => (record('saveFile', a), ok({ saved: true })),
      printToPdf: () => ok({ saved: true }),
      writeBackup: (a: { name: string; kind: string; content: string }) => (record('writeBackup', { kind: a.kind, name: a.name, size: a.content.length }), ok({ name: a.name, kind: a.kind, size: a.content.length, createdAt: new Date().toISOString() })),
      backupSettings: () => ok(settings),
      configureBackups: (a: { keepDaily: number; keepWeekly: number; useDefaultFolder?: boolean }) => {
        record('configureBackups', a);
        settings = { ...settings, keepDaily: a.keepDaily, keepWeekly: a.keepWeekly };
        return ok(settings);
      },
      chooseBackupFolder: () => ok(settings),
      onBeforeQuit: (handler: () => Promise<void>) => {
        quitHandler = handler;
        return () => (quitHandler = null);
      },
    };
  });
  await app.start('/reglages/donnees');
  await expect(page.getByText('Dossier des copies : /home/anne/.config/Fourmilière/sauvegardes')).toBeVisible();

  await page.getByLabel('Copies quotidiennes gardées').fill('0');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByText('Indiquez un nombre entre 1 et 60')).toBeVisible();
  await page.getByLabel('Copies quotidiennes gardées').fill('14');
  await page.getByLabel('Copies hebdomadaires gardées').fill('8');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByText('Réglages des sauvegardes enregistrés.')).toBeVisible();

  await page.evaluate(() => (window as unknown as { __quit: () => Promise<void> }).__quit());
  const calls = await page.evaluate(() => (window as unknown as { __calls: { method: string; args: { kind?: string; keepDaily?: number } }[] }).__calls);
  expect(calls.filter((c) => c.method === 'configureBackups').map((c) => c.args)).toEqual([{ keepDaily: 14, keepWeekly: 8, useDefaultFolder: false }]);
  const quitWrite = calls.findIndex((c) => c.method === 'writeBackup' && c.args.kind === 'quit');
  expect(quitWrite).toBeGreaterThanOrEqual(0);
  expect(calls.findIndex((c) => c.method === 'quitReady')).toBeGreaterThan(quitWrite);
  expect(await app.seriousA11yViolations()).toEqual([]);
});

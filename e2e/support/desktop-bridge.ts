/**
 * A stand-in for the Electron preload's `window.fourmiliere` (the real one needs the Electron
 * binary, which this machine cannot download; main's side is unit-tested under Node in
 * electron/lib). Every method answers what a desktop with nothing special to say would; a spec
 * passes the few it drives itself, which run in the page.
 */
import type { Page } from '@playwright/test';

/** Installs the plain desktop bridge, then `overrides` (a function run in the page, returning the methods it replaces). */
export async function useDesktopBridge(page: Page, overrides?: () => Record<string, unknown>, home = '/home/anne'): Promise<void> {
  await page.addInitScript((dataFolder: string) => {
    const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });
    const folder = `${dataFolder}/sauvegardes`;
    (window as unknown as { fourmiliere: unknown }).fourmiliere = {
      saveFile: () => ok({ saved: false }),
      openFile: () => ok([]),
      printToPdf: () => ok({ saved: false }),
      openExternal: () => ok(undefined),
      appInfo: () => ok({ version: '0.1.0', platform: 'electron', dataFolder, automaticBackups: true }),
      listBackups: () => ok([]),
      writeBackup: () => Promise.resolve({ ok: false, error: 'non' }),
      readBackup: () => ok(''),
      backupSettings: () => ok({ keepDaily: 7, keepWeekly: 4, folder }),
      configureBackups: () => ok({ keepDaily: 7, keepWeekly: 4, folder }),
      chooseBackupFolder: () => ok({ keepDaily: 7, keepWeekly: 4, folder }),
      diskSpace: () => ok({ known: false }),
      onBeforeQuit: () => () => undefined,
      updateSettings: () => Promise.resolve({ ok: false, error: 'desktop only' }),
      configureUpdates: () => Promise.resolve({ ok: false, error: 'desktop only' }),
      // no team folder chosen on this machine
      syncTarget: () => ok(null),
      setLanguage: () => ok(undefined),
    };
  }, `${home}/.config/Fourmilière`);
  if (overrides) {
    await page.addInitScript(`Object.assign(window.fourmiliere, (${overrides.toString()})());`);
  }
}

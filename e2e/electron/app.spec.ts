/**
 * The real desktop app through Electron. Runs where the Electron binary exists
 * (a developer laptop after `npm install` with network); skipped with the reason
 * where it cannot be downloaded (these CI machines).
 */
import { _electron as electron, expect, test } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { electronExecutable } from '../support/browser';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const executablePath = electronExecutable(root);

test.skip(!executablePath, 'Electron binary not present (it downloads lazily on first run, and this machine cannot download it): the renderer is covered by the chromium project.');

test('opens a secure window that denies navigation and sends external links to the OS', async () => {
  const app = await electron.launch({ executablePath: executablePath!, args: [root], env: { ...process.env, NODE_ENV: 'test' } });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/Fourmilière/);
    // Isolated, sandboxed, no Node: the page sees neither require nor process, only the bridge.
    expect(await window.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe('undefined');
    expect(await window.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => typeof (window as unknown as { fourmiliere?: unknown }).fourmiliere)).toBe('object');
    // The date pickers are drawn in French (the engine's language, set by main at start).
    expect(await app.evaluate(({ app: electronApp }) => electronApp.commandLine.getSwitchValue('lang'))).toBe('fr-FR');
    expect(await window.evaluate(() => navigator.language)).toBe('fr-FR');

    const opened = await app.evaluate(({ shell }) => {
      const calls: string[] = [];
      shell.openExternal = async (url: string) => {
        calls.push(url);
      };
      (globalThis as { __openedUrls?: string[] }).__openedUrls = calls;
      return true;
    });
    expect(opened).toBe(true);
    await window.evaluate(() => globalThis.open('https://www.etourisme.info/', '_blank'));
    await window.evaluate(() => globalThis.open('file:///etc/passwd', '_blank'));
    await expect.poll(() => app.evaluate(() => (globalThis as { __openedUrls?: string[] }).__openedUrls ?? [])).toEqual(['https://www.etourisme.info/']);
    expect(app.windows()).toHaveLength(1);

    const before = window.url();
    await app.evaluate(({ BrowserWindow }) => {
      const seen: string[] = [];
      BrowserWindow.getAllWindows()[0]!.webContents.on('will-navigate', (_e, url) => seen.push(url));
      (globalThis as { __navigations?: string[] }).__navigations = seen;
    });
    await window.evaluate(() => {
      location.href = 'https://example.org/';
    });
    // Wait for the navigation attempt itself, then check it was denied.
    await expect.poll(() => app.evaluate(() => (globalThis as { __navigations?: string[] }).__navigations ?? [])).toContain('https://example.org/');
    expect(window.url()).toBe(before);
  } finally {
    await app.close();
  }
});

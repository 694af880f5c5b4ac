/**
 * Chromium's save dialog (showSaveFilePicker) cannot be driven by Playwright: these
 * stand-ins replace it before the app loads, keeping what the app writes, or answering
 * as a person who cancels (AbortError), or removing it (browsers without one).
 */
import { expect, type Page } from '@playwright/test';

export type SaveDialog = 'keep' | 'cancel' | 'absent';

export async function stubSaveDialog(page: Page, behaviour: SaveDialog = 'keep'): Promise<void> {
  await page.addInitScript((mode: SaveDialog) => {
    const w = window as unknown as { __saved: { name: string; text: string }[]; showSaveFilePicker?: unknown };
    w.__saved = [];
    if (mode === 'absent') {
      delete w.showSaveFilePicker;
      return;
    }
    w.showSaveFilePicker = async ({ suggestedName }: { suggestedName: string }) => {
      if (mode === 'cancel') throw new DOMException('The user aborted a request.', 'AbortError');
      const parts: string[] = [];
      return {
        createWritable: async () => ({
          write: async (data: string | Uint8Array) => void parts.push(typeof data === 'string' ? data : new TextDecoder().decode(data)),
          close: async () => void w.__saved.push({ name: suggestedName, text: parts.join('') }),
        }),
      };
    };
  }, behaviour);
}

/** The file the app wrote through the (stand-in) save dialog, once written. */
export async function savedThroughDialog(page: Page): Promise<{ name: string; text: string }> {
  await expect.poll(() => page.evaluate(() => (window as unknown as { __saved: unknown[] }).__saved.length)).toBeGreaterThan(0);
  return page.evaluate(() => (window as unknown as { __saved: { name: string; text: string }[] }).__saved.at(-1)!);
}

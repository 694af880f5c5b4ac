/**
 * Helpers of the paperwork tests: rows put straight into the app's database (the
 * planning screens are tested elsewhere), printing the open overlay to PDF and
 * reading it back page by page with unpdf, and saving it for a look.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Page } from '@playwright/test';

export function base(id: string): Record<string, unknown> {
  const now = '2026-11-01T08:00:00.000Z';
  return { id, createdAt: now, updatedAt: now, deletedAt: null, rev: { device: 'e2e', counter: 1 } };
}

/** Puts rows into tables of the app's IndexedDB database (`settings` rows are { key, value }). */
export async function putRows(page: Page, rows: Record<string, Record<string, unknown>[]>): Promise<void> {
  await page.evaluate(
    (all) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fourmiliere');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          // Animators written here are logged as the app's own writes are (db/registry-log.ts).
          const logged = 'animators' in all;
          const tx = db.transaction(logged ? [...Object.keys(all), 'registryLog'] : Object.keys(all), 'readwrite');
          for (const [table, list] of Object.entries(all)) for (const row of list) tx.objectStore(table).put(row);
          if (logged) tx.objectStore('registryLog').add({ ids: all.animators!.map((r) => String(r.id)) });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    rows,
  );
}

export interface PrintedPdf {
  bytes: Buffer;
  pages: string[];
  /** every page, spaces collapsed */
  text: string;
}

/** Prints the page as the app would (print media, A4) and reads the PDF back. */
export async function printPdf(page: Page, name: string): Promise<PrintedPdf> {
  await page.emulateMedia({ media: 'print' });
  const bytes = await page.pdf({ format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const dir = join('test-results', 'paperwork');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${name}.pdf`), bytes);
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(bytes)), { mergePages: false });
  const pages = (text as string[]).map((p) => p.replace(/\s+/g, ' ').trim());
  return { bytes, pages, text: pages.join(' ') };
}

export const ORGANISATION = {
  name: 'Office de tourisme de Biarritz',
  address: '1 square d’Ixelles',
  postcode: '64200',
  town: 'Biarritz',
  siret: '73282932000074',
  nda: '75640123464',
  qualiopi: 'QUA-2026-0042',
  signatoryName: 'Maïa Etchart',
  signatoryRole: 'Directrice',
  defaultTown: 'Biarritz',
  phone: '05 59 22 37 10',
  email: 'formation@biarritz.fr',
};

/** Excel workbooks through the import screen: a messy two-sheet .xlsx, a broken one, and the list's own export. */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import writeXlsxFile from 'write-excel-file/universal';
import readXlsxFile from 'read-excel-file/node';
import { test, expect } from './support/app';

interface Stored {
  lastName: string;
  firstName: string;
  email: string;
  phone: string;
  communeName: string;
  postalCode: string;
  trainingStart: string | null;
  status: string;
  deletedAt: string | null;
}

const day = (iso: string) => ({ value: new Date(`${iso}T00:00:00Z`), type: Date, format: 'dd/mm/yyyy' }) as const;

/** As people's workbooks come: an old list first, then the real one under a title, with Excel's numbers for postcodes and phones. */
async function messyWorkbook(): Promise<Buffer> {
  const blob = await writeXlsxFile([
    { sheet: 'Archives 2022', data: [['Nom', 'Prénom', 'Ville'], ['Ancien', 'Jean', 'Dole']] },
    {
      sheet: 'Inscrits 2024',
      data: [
        ['Inscriptions à la formation ANT — 2024'],
        [],
        ['NOM', 'Prénom', 'Mail', 'Tél.', 'Ville', 'CP', 'Date de début', 'Statut'],
        ['Irigoyen', 'Amaia', 'amaia@ot-bayonne.fr', { value: '05 59 46 09 00', type: String }, 'Bayonne', 64100, day('2024-01-08'), 'Certifiée'],
        ['Martin', 'Lucie', 'lucie@ot-menton.fr', 493357373, 'Menton', 6500, day('2024-01-08'), 'En formation'],
        [],
        ['Rossi', 'Paolo', 'paolo@ot-sospel', null, 'Sospel', { value: '06380', type: String }, null, 'Formé'],
      ],
    },
  ]).toBlob();
  return Buffer.from(await blob.arrayBuffer());
}

async function choose(page: Page, name: string, buffer: Buffer) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choisir un fichier CSV ou Excel…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
}

test('a messy two-sheet workbook is imported from the sheet chosen, with postcodes, phones and dates right', async ({ app, page }) => {
  await app.start('/annuaire/import');

  // A damaged workbook: a French reason, nothing stored.
  const good = await messyWorkbook();
  await choose(page, 'abime.xlsx', good.subarray(0, 700));
  await expect(page.getByRole('alert')).toHaveText(/Ce classeur Excel est endommagé/);
  expect(await app.readTable('animators')).toEqual([]);

  await choose(page, 'inscrits.xlsx', good);
  const sheet = page.getByLabel('Feuille du classeur à importer');
  // The first sheet with rows is proposed; the person picks the right one.
  await expect(sheet.locator('option:checked')).toHaveText('Archives 2022 — 1 ligne');
  await sheet.selectOption({ label: 'Inscrits 2024 — 3 lignes' });
  await expect(page.getByText('inscrits.xlsx, feuille « Inscrits 2024 » : 3 lignes.')).toBeVisible();
  const preview = page.getByRole('table', { name: 'Aperçu des premières lignes' });
  await expect(preview.getByRole('row').nth(1)).toContainText('64100');
  await expect(preview.getByRole('row').nth(1)).toContainText('08/01/2024');
  await expect(preview.getByRole('row').nth(2)).toContainText('493357373');
  await page.screenshot({ path: 'test-results/import-xlsx-mapping.png', fullPage: true });
  expect(await app.seriousA11yViolations()).toEqual([]);

  await page.getByRole('button', { name: 'Simuler l’import' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText('2 à créer, 0 à mettre à jour, 0 ignorée, 1 invalide.');
  const report = page.getByTestId('import-report');
  // Rows numbered as the sheet shows them (title, blank row, header above; a blank row between).
  await expect(report.getByRole('row', { name: /Amaia Irigoyen/ }).getByRole('cell').first()).toHaveText('4');
  await expect(report.getByRole('row', { name: /Paolo Rossi/ }).getByRole('cell').first()).toHaveText('7');
  await expect(report.getByRole('row', { name: /Paolo Rossi/ })).toContainText('paolo@ot-sospel');
  await page.screenshot({ path: 'test-results/import-xlsx-report.png', fullPage: true });
  // The rejected row comes back as a workbook, read here by an independent reader.
  const rejecting = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Télécharger les lignes rejetées' }).click();
  const rejected = await rejecting;
  expect(rejected.suggestedFilename()).toBe('inscrits-lignes-rejetees.xlsx');
  const [back] = await readXlsxFile(await readFile((await rejected.path())!));
  // French messages carry narrow no-break spaces before « : » and inside « »: read as spaces here.
  expect(back!.data.map((row) => row.map((cell) => (typeof cell === 'string' ? cell.replace(/[\u202f\u00a0]/g, ' ') : cell)))).toEqual([
    ['NOM', 'Prénom', 'Mail', 'Tél.', 'Ville', 'CP', 'Date de début', 'Statut', 'Motif du rejet'],
    ['Rossi', 'Paolo', 'paolo@ot-sospel', null, 'Sospel', '06380', null, 'Formé', 'Adresse e-mail invalide : « paolo@ot-sospel ».'],
  ]);
  await page.getByRole('button', { name: 'Confirmer l’import (2 fiches)' }).click();
  await expect(page.getByText('Import terminé : 2 fiches créées, 0 mise à jour.')).toBeVisible();

  const stored = (await app.readTable<Stored>('animators')).sort((a, b) => a.lastName.localeCompare(b.lastName));
  expect(stored.map((a) => [a.lastName, a.email, a.phone, a.communeName, a.postalCode, a.trainingStart, a.status])).toEqual([
    ['Irigoyen', 'amaia@ot-bayonne.fr', '05 59 46 09 00', 'Bayonne', '64100', '2024-01-08', 'certifie'],
    ['Martin', 'lucie@ot-menton.fr', '0493357373', 'Menton', '06500', '2024-01-08', 'en-formation'],
  ]);

  // The list's Excel export, imported again: nothing to create or update.
  await app.goto('/annuaire');
  // All of France, whatever region the list opens on.
  await page.getByRole('search').getByLabel('Région', { exact: true }).selectOption('');
  await expect(page.getByRole('button', { name: 'Exporter en Excel (.xlsx)' })).toBeEnabled();
  await page.screenshot({ path: 'test-results/list-xlsx-export.png' });
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter en Excel (.xlsx)' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toBe('annuaire-ant.xlsx');
  const exported = await readFile((await file.path())!);
  await app.goto('/annuaire/import');
  await choose(page, 'annuaire-ant.xlsx', exported);
  await expect(page.getByText('annuaire-ant.xlsx, feuille « Annuaire » : 2 lignes.')).toBeVisible();
  await page.getByRole('button', { name: 'Simuler l’import' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText('0 à créer, 0 à mettre à jour, 2 ignorées, 0 invalide.');
  const after = (await app.readTable<Stored>('animators')).sort((a, b) => a.lastName.localeCompare(b.lastName));
  expect(after).toEqual(stored);
});

test('a workbook large enough to be unpacked in a second worker is read', async ({ app, page }) => {
  await app.start('/annuaire/import');
  // fflate unpacks parts over 512 kB in a worker of its own (started from the import worker).
  const rows = Array.from({ length: 6000 }, (_, i) => [`Nom${i}`, `Prénom${i}`, `personne${i}@ot-exemple.fr`, { value: `05 59 ${String(i).padStart(6, '0').replace(/(\d\d)(?=\d)/g, '$1 ')}`, type: String }, 'Bayonne', 64100]);
  const blob = await writeXlsxFile([['Nom', 'Prénom', 'Courriel', 'Téléphone', 'Commune', 'Code postal'], ...rows], { sheet: 'Grande liste' }).toBlob();
  const buffer = Buffer.from(await blob.arrayBuffer());
  await choose(page, 'grande.xlsx', buffer);
  await expect(page.getByText('grande.xlsx, feuille « Grande liste » : 6 000 lignes.')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Aperçu des premières lignes' }).getByRole('row').nth(1)).toContainText('personne0@ot-exemple.fr');
});

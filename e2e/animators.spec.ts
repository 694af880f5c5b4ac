import Papa from 'papaparse';
import { test, expect } from './support/app';
import { download, MESSY_CSV } from './support/animators';

interface StoredAnimator {
  email: string;
  lastName: string;
  regionCode: string;
  communeInsee: string;
  status: string;
  notes: string;
}

test.describe('registry of animators', () => {
  test('imports a messy spreadsheet, shows it on the dashboard and map, filters by region, exports', async ({ app, page }) => {
    await app.start('/annuaire/import');
    await expect(page.getByRole('heading', { name: 'Importer un tableur' })).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choisir un fichier CSV ou Excel…' }).click();
    await (await chooser).setFiles({ name: 'ant-region.csv', mimeType: 'text/csv', buffer: Buffer.from(MESSY_CSV, 'utf8') });

    await expect(page.getByText('ant-region.csv : 5 lignes, encodage utf-8, séparateur « ; ».')).toBeVisible();
    await expect(page.getByLabel('PRÉNOM')).toHaveValue('firstName');
    await expect(page.getByLabel('E-mail')).toHaveValue('email');
    await page.getByRole('button', { name: 'Simuler l’import' }).click();

    await expect(page.getByTestId('import-summary')).toHaveText('3 à créer, 0 à mettre à jour, 1 ignorée, 1 invalide.');
    const report = page.getByTestId('import-report');
    await expect(report.getByRole('row', { name: /Paul Durand/ })).toContainText('Adresse e-mail invalide : « paul@exemple ».');
    // Rows 2 and 6 are the same person: the last row is kept by default, the other says how it differs.
    await expect(report.getByRole('row', { name: /Hélène Lefèvre/ })).toContainText('Même personne que la ligne 6, retenue à sa place.');
    await expect(report.getByRole('row', { name: /Hélène Lefèvre/ })).toContainText('Notes : Référente vidéo à Besançon → doublon');
    await expect(report.getByRole('row', { name: /Helene Lefevre/ })).toContainText('Même personne que la ligne 2 : celle-ci est retenue.');
    expect(await app.readTable('animators')).toHaveLength(0);
    expect(await app.seriousA11yViolations()).toEqual([]);
    // The person keeps row 2 instead: a new dry run, the same counts.
    await report.getByRole('row', { name: /Hélène Lefèvre/ }).getByRole('button', { name: 'Retenir cette ligne' }).click();
    await expect(report.getByRole('row', { name: /Helene Lefevre/ })).toContainText('Même personne que la ligne 2, retenue à sa place.');
    await expect(page.getByTestId('import-summary')).toHaveText('3 à créer, 0 à mettre à jour, 1 ignorée, 1 invalide.');

    await page.getByRole('button', { name: 'Confirmer l’import (3 fiches)' }).click();
    await expect(page.getByText('Import terminé : 3 fiches créées, 0 mise à jour.')).toBeVisible();
    const stored = await app.readTable<StoredAnimator>('animators');
    expect(stored.map((a) => [a.email, a.regionCode, a.communeInsee, a.status]).sort()).toEqual([
      ['gaelle@pays-brest.bzh', '53', '29019', 'forme'],
      ['helene@ot-besancon.fr', '27', '25056', 'certifie'],
      ['jerome@ot-ajaccio.fr', '94', '2A004', 'certifie'],
    ]);
    expect(stored.find((a) => a.lastName === 'Lefèvre')?.notes).toBe('Référente vidéo\nà Besançon');

    // Dashboard: table and map agree
    await page.getByRole('link', { name: 'Voir le baromètre' }).click();
    // The baromètre opens on the profile's region (Nouvelle-Aquitaine here), all of France one click away.
    await expect(page.getByRole('heading', { name: 'Baromètre — Nouvelle-Aquitaine' })).toBeVisible();
    await page.getByRole('button', { name: 'Retour aux régions' }).click();
    const table = page.getByTestId('barometer-table');
    await expect(table.getByRole('row', { name: /^Corse/ }).getByRole('cell').first()).toHaveText('1');
    await expect(table.getByRole('row', { name: /^Bretagne/ }).getByRole('cell').first()).toHaveText('1');
    await expect(page.getByTestId('ranking-total').getByRole('listitem')).toHaveCount(3);
    const corsica = page.locator('a[data-region="94"]');
    await corsica.focus();
    await expect(page.locator('.animators-tip')).toContainText('Corse : 1 animateur·rice,');
    expect(await app.seriousA11yViolations()).toEqual([]);

    // Click a region: the list filtered by it
    await corsica.click();
    await expect(page.getByTestId('animators-count')).toHaveText('1 fiche');
    await expect(page.getByRole('link', { name: 'Jérôme Castaño' })).toBeVisible();
    await expect(page.getByLabel('Région')).toHaveValue('94');
    expect(await app.seriousA11yViolations()).toEqual([]);

    // Search as you type, accents ignored
    await page.getByLabel('Région').selectOption('');
    await page.getByLabel('Rechercher').fill('lefev');
    await expect(page.getByTestId('animators-count')).toHaveText('1 fiche');

    // Export of the filtered list, read back
    await page.getByLabel('Rechercher').fill('');
    await expect(page.getByTestId('animators-count')).toHaveText('3 fiches');
    const csv = await download(page, () => page.getByRole('button', { name: 'Exporter en CSV' }).click());
    expect(csv.text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.text.slice(1), { header: true, delimiter: ';', skipEmptyLines: true });
    expect(parsed.data.map((r) => [r['Nom'], r['Région']])).toEqual([
      ['Castaño', 'Corse'],
      ['Le Bihan', 'Bretagne'],
      ['Lefèvre', 'Bourgogne-Franche-Comté'],
    ]);

    // The person's page
    await page.getByRole('link', { name: 'Hélène Lefèvre' }).click();
    await expect(page.getByRole('heading', { name: 'Hélène Lefèvre' })).toBeVisible();
    await expect(page.getByTestId('animator-history')).toContainText('fiche créée par import');
    expect(await app.seriousA11yViolations()).toEqual([]);
  });

  test('refuses a file with only a header, with a French message', async ({ app, page }) => {
    await app.start('/annuaire/import');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choisir un fichier CSV ou Excel…' }).click();
    await (await chooser).setFiles({ name: 'vide.csv', mimeType: 'text/csv', buffer: Buffer.from('Nom;Prénom\r\n', 'utf8') });
    await expect(page.getByRole('alert')).toHaveText('Le fichier ne contient que la ligne d’en-tête, aucune personne à importer.');
    expect(await app.readTable('animators')).toHaveLength(0);
  });
});

import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { test, expect } from './support/app';
import { download } from './support/animators';

interface Stored {
  lastName: string;
  email: string;
  status: string;
  phone: string;
}

// A common office laptop, where the dry run's table must fit.
test.use({ viewport: { width: 1366, height: 850 } });

const header = 'Nom;Prénom;Courriel;Structure;Commune;Code postal;Statut;Téléphone';
const spring = [header, 'Etcheverry;Jon;jon@ot-bayonne.fr;OT Bayonne;Bayonne;64100;Formé;05 59 11 11 11', 'Durand;Paul;paul@exemple;OT Dole;Dole;39100;Formé;'].join('\r\n');
const autumn = [header, 'Etcheverry;Jon;jon@ot-bayonne.fr;OT Bayonne;Bayonne;64100;Certifié;06 12 34 56 78'].join('\r\n');

async function choose(page: Page, name: string, text: string) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choisir un fichier CSV ou Excel…' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
  await page.getByRole('button', { name: 'Simuler l’import' }).click();
}

test('an import corrects a row in place, downloads the rejected rows, and holds back an older file’s steps back', async ({ app, page }) => {
  await app.start('/annuaire/import');
  await choose(page, 'printemps.csv', spring);
  await expect(page.getByTestId('import-summary')).toHaveText('1 à créer, 0 à mettre à jour, 0 ignorée, 1 invalide.');
  const report = page.getByTestId('import-report');

  // The rejected rows download like the file, with their reason, read back by a CSV parser.
  const rejected = await download(page, () => page.getByRole('button', { name: 'Télécharger les lignes rejetées' }).click());
  expect(rejected.name).toBe('printemps-lignes-rejetees.csv');
  const rows = Papa.parse<string[]>(rejected.text.replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data;
  expect(rows).toEqual([[...header.split(';'), 'Motif du rejet'], ['Durand', 'Paul', 'paul@exemple', 'OT Dole', 'Dole', '39100', 'Formé', '', 'Adresse e-mail invalide\u202f: «\u202fpaul@exemple\u202f».']]);

  // Corrected on screen: imported without the e-mail.
  await report.getByRole('row', { name: /Paul Durand/ }).getByRole('button', { name: 'Corriger la ligne' }).click();
  const fix = page.getByRole('form', { name: 'Corriger la ligne 3' });
  await expect(fix.getByLabel('Courriel')).toHaveValue('paul@exemple');
  expect(await app.seriousA11yViolations()).toEqual([]);
  await fix.getByRole('button', { name: 'Importer sans l’adresse e-mail' }).click();
  await expect(fix.getByLabel('Courriel')).toHaveValue('');
  await fix.getByRole('button', { name: 'Appliquer la correction' }).click();
  await expect(page.getByTestId('import-summary')).toHaveText('2 à créer, 0 à mettre à jour, 0 ignorée, 0 invalide.');
  await page.getByRole('button', { name: 'Confirmer l’import (2 fiches)' }).click();
  await expect(page.getByText('Import terminé : 2 fiches créées, 0 mise à jour.')).toBeVisible();

  // Autumn: certified, a new phone.
  await app.goto('/');
  await app.goto('/annuaire/import');
  await choose(page, 'automne.csv', autumn);
  await expect(report.getByRole('row', { name: /Jon Etcheverry/ })).toContainText('Statut de formation : Formé·e → Certifié·e');
  await page.getByRole('button', { name: 'Confirmer l’import (1 fiche)' }).click();
  await expect(page.getByText(/Import terminé/)).toBeVisible();

  // The spring file comes back: both changes are steps back, shown and not applied.
  await app.goto('/');
  await app.goto('/annuaire/import');
  await choose(page, 'printemps.csv', spring);
  const jon = report.getByRole('row', { name: /Jon Etcheverry/ });
  await expect(jon).toContainText('Statut de formation : Certifié·e → Formé·e (statut moins avancé, non appliqué)');
  await expect(jon).toContainText('Téléphone : 06 12 34 56 78 → 05 59 11 11 11 (ancienne valeur, déjà remplacée dans l’annuaire, non appliqué)');
  await expect(page.getByTestId('import-summary')).toContainText('0 à mettre à jour');
  await page.screenshot({ path: 'test-results/import-downgrade.png', fullPage: true });
  expect(await app.seriousA11yViolations()).toEqual([]);

  // Chosen on purpose, they are applied.
  await jon.getByLabel('Appliquer aussi ces retours en arrière').check();
  await expect(page.getByTestId('import-summary')).toContainText('1 à mettre à jour');
  await expect(jon.getByLabel('Appliquer aussi ces retours en arrière')).toBeChecked();
  const stored = await app.readTable<Stored>('animators');
  expect(stored.find((a) => a.lastName === 'Etcheverry')).toMatchObject({ status: 'certifie', phone: '06 12 34 56 78' });
  expect(stored.find((a) => a.lastName === 'Durand')).toMatchObject({ email: '' });

  // Applied, then undone: the person is back as before this import.
  await page.getByRole('button', { name: 'Confirmer l’import (1 fiche)' }).click();
  await expect(page.getByText('Import terminé : 0 fiche créée, 1 mise à jour.')).toBeVisible();
  expect((await app.readTable<Stored>('animators')).find((a) => a.lastName === 'Etcheverry')).toMatchObject({ status: 'forme', phone: '05 59 11 11 11' });
  const history = page.getByRole('region', { name: 'Derniers imports', exact: true });
  // one row per import, the newest first (the header row has no row header)
  const imports = history.getByRole('table', { name: 'Derniers imports' }).getByRole('row').filter({ has: page.getByRole('rowheader') });
  await expect(imports).toHaveCount(3);
  await imports.first().getByRole('button', { name: 'Annuler cet import' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Annuler cet import' }).click();
  await expect(history.getByRole('status')).toHaveText('Import annulé : 0 fiche mise à la corbeille, 1 remise dans son état d’avant.');
  await expect(imports.first()).toContainText('annulé le');
  expect((await app.readTable<Stored>('animators')).find((a) => a.lastName === 'Etcheverry')).toMatchObject({ status: 'certifie', phone: '06 12 34 56 78' });
  expect(await app.seriousA11yViolations()).toEqual([]);
  await page.screenshot({ path: 'test-results/import-undone.png', fullPage: true });
});

test('a promotion the registry does not hold is kept in the notes, and can be created from the dry run', async ({ app, page }) => {
  await app.start('/annuaire/import');
  await choose(page, 'promo.csv', ['Nom;Prénom;Commune;Code postal;Promotion', 'Saint-Jean;Eneko;Bayonne;64100;Promotion n°10 « Jimdo »', 'Oyhenart;Maddi;Biarritz;64200;Promotion n°10 « Jimdo »'].join('\r\n'));
  const unknown = page.getByRole('region', { name: 'Promotions introuvables' });
  await expect(unknown).toContainText('« Promotion n°10 « Jimdo » » (Nouvelle-Aquitaine) — 2 personnes');
  await unknown.getByRole('button', { name: 'Créer cette promotion' }).click();
  const form = unknown.getByRole('form');
  await expect(form.getByLabel('Numéro')).toHaveValue('10');
  await expect(form.getByLabel('Surnom')).toHaveValue('Jimdo');
  await form.getByLabel('Date de début').fill('2021-01-11');
  await form.getByLabel('Date de fin').fill('2021-11-30');
  expect(await app.seriousA11yViolations()).toEqual([]);
  await form.getByRole('button', { name: 'Créer et refaire la simulation' }).click();
  await expect(unknown).toHaveCount(0);
  await page.getByRole('button', { name: 'Confirmer l’import (2 fiches)' }).click();
  await expect(page.getByText('Import terminé : 2 fiches créées, 0 mise à jour.')).toBeVisible();
  const [cohort] = await app.readTable<{ id: string; number: number; nickname: string; regionCode: string }>('cohorts');
  expect(cohort).toMatchObject({ number: 10, nickname: 'Jimdo', regionCode: '75' });
  const people = await app.readTable<{ cohortId: string; trainingStart: string; notes: string }>('animators');
  expect(people.map((p) => [p.cohortId, p.trainingStart, p.notes])).toEqual([
    [cohort!.id, '2021-01-11', ''],
    [cohort!.id, '2021-01-11', ''],
  ]);
});

import { test, expect } from './support/app';
import { PromotionPage, seedAnimators } from './support/cohorts';

test('enrolling in a promotion: the picker shows more than 12 people, and a new person goes through the duplicate check', async ({ app, page }) => {
  await app.start('/promotions');
  const namesakes = Array.from({ length: 20 }, (_, i) => ({ id: `a-${i}`, firstName: `Pierre${String(i).padStart(2, '0')}`, lastName: 'Dufau', structureName: `OT ${i}`, email: '' }));
  await seedAnimators(page, [...namesakes, { id: 'a-jon', firstName: 'Jon', lastName: 'Bordes', structureName: 'OT Bayonne', email: 'jon@ot-bayonne.fr' }]);
  await page.getByRole('link', { name: 'Nouvelle promotion' }).click();
  await page.getByLabel(/^Date de début/).fill('2026-09-01');
  await page.getByLabel(/^Date de fin/).fill('2026-12-15');
  await page.getByRole('button', { name: 'Créer la promotion' }).click();
  const promo = new PromotionPage(page);
  await promo.tab('Participants').click();

  const picker = page.getByRole('combobox', { name: 'Chercher des animateurs et animatrices' });
  await picker.fill('dufau');
  const list = page.getByRole('listbox', { name: 'Chercher des animateurs et animatrices' });
  await expect(list.getByRole('option', { name: /^Pierre\d\d Dufau/ })).toHaveCount(12);
  await list.getByRole('option', { name: 'Afficher plus de résultats…' }).click();
  await expect(list.getByRole('option', { name: /^Pierre\d\d Dufau/ })).toHaveCount(20);
  await expect(list.getByRole('option', { name: 'Afficher plus de résultats…' })).toHaveCount(0);
  await list.getByRole('option', { name: /^Pierre19 Dufau/ }).click();

  // « Créer une fiche » for someone already there: the registry's duplicate check answers first.
  await page.getByRole('button', { name: 'Créer une fiche' }).click();
  const form = page.getByRole('form', { name: 'Nouvelle personne dans l’annuaire' });
  await form.getByLabel(/^Prénom/).fill('Jon');
  await form.getByLabel(/^Nom/).fill('Bordes');
  await form.getByLabel(/^Adresse e-mail/).fill('JON@ot-bayonne.fr');
  await form.getByRole('button', { name: 'Créer et sélectionner' }).click();
  await expect(form.getByRole('alert')).toContainText('Cette personne figure peut-être déjà dans l’annuaire');
  await expect(form.getByRole('alert')).toContainText('Jon Bordes — OT Bayonne, jon@ot-bayonne.fr (même courriel)');
  expect(await app.seriousA11yViolations()).toEqual([]);
  await form.getByRole('button', { name: 'Inscrire la fiche de Jon Bordes' }).click();
  await page.getByRole('button', { name: 'Inscrire (2)' }).click();
  await expect(page.getByRole('link', { name: 'Jon Bordes' })).toBeVisible();
  expect(await app.readTable('animators')).toHaveLength(21);
  const enrolments = await app.readTable<{ animatorId: string }>('enrolments');
  expect(enrolments.map((e) => e.animatorId).sort()).toEqual(['a-19', 'a-jon']);
});

test('a commune typed but not picked is never dropped on save', async ({ app, page }) => {
  await app.start('/annuaire/nouveau');
  await page.getByRole('textbox', { name: 'Prénom', exact: true }).fill('Maite');
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Iriart');
  const commune = page.getByRole('combobox', { name: 'Commune' });
  // A misspelt name: flagged when leaving the field, and the save is refused.
  await commune.fill('Bayone');
  await page.getByLabel('Fonction').click();
  await expect(page.getByText('« Bayone » n’est pas dans la liste des communes : choisissez une commune proposée, ou videz le champ.')).toBeVisible();
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByText('Corrigez les champs signalés avant d’enregistrer.')).toBeVisible();
  expect(await app.readTable('animators')).toHaveLength(0);
  expect(await app.seriousA11yViolations()).toEqual([]);
  // The exact name typed without picking it from the list: taken as typed.
  await commune.fill('Biarritz');
  await page.getByLabel('Fonction').click();
  await expect(commune).toHaveValue('Biarritz (64200)');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Maite Iriart', level: 1 })).toBeVisible();
  const stored = await app.readTable<{ communeName: string; communeInsee: string; regionCode: string }>('animators');
  expect(stored.map((a) => [a.communeName, a.communeInsee, a.regionCode])).toEqual([['Biarritz', '64122', '75']]);
});

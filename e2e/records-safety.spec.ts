import { writeFile } from 'node:fs/promises';
import { savedThroughDialog, stubSaveDialog } from './support/save-dialog';
import type { Page } from '@playwright/test';
import { AppModel, test, expect } from './support/app';
import { WorkshopsModel } from './support/workshops';
import { PromotionPage } from './support/cohorts';
import { Directory } from './support/participants';

interface StoredAnimator {
  id: string;
  firstName: string;
  lastName: string;
  phone: string;
  notes: string;
  deletedAt: string | null;
}

async function addAnimator(page: Page) {
  await page.goto('./#/annuaire/nouveau');
  await page.getByRole('textbox', { name: 'Prénom', exact: true }).fill('Élodie');
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill('Marchand');
  await page.getByLabel('Courriel').fill('elodie@ot-annecy.fr');
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Élodie Marchand', level: 1 })).toBeVisible();
}

test.describe('two tabs on one record', () => {
  test('a stale form does not overwrite a note saved in the other tab: both versions are shown and the person chooses', async ({ app, page, context }) => {
    await app.start('/annuaire');
    await addAnimator(page);
    const [stored] = await app.readTable<StoredAnimator>('animators');
    const edit = `./#/annuaire/${stored!.id}/modifier`;

    // Both tabs open the same record's form.
    await page.goto(edit);
    await expect(page.getByRole('heading', { name: 'Modifier la fiche d’Élodie Marchand' })).toBeVisible();
    const other = await context.newPage();
    await other.goto(edit);
    await expect(other.getByRole('heading', { name: 'Modifier la fiche d’Élodie Marchand' })).toBeVisible();

    // Tab 1 saves a note.
    await page.getByLabel('Notes').fill('Rappeler en janvier');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Élodie Marchand', level: 1 })).toBeVisible();

    // Tab 2, opened before, changes the phone: nothing is overwritten, both versions are shown.
    await other.getByLabel('Téléphone').fill('05 55 00 00 00');
    await other.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const choice = other.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée ailleurs' });
    await expect(choice).toBeVisible();
    expect((await app.readTable<StoredAnimator>('animators'))[0]).toMatchObject({ notes: 'Rappeler en janvier', phone: '' });
    const notes = choice.getByRole('group', { name: 'Notes' });
    await expect(notes.getByLabel('Version enregistrée : « Rappeler en janvier »')).toBeChecked();
    await expect(notes.getByLabel('Votre version : (vide)')).not.toBeChecked();
    await expect(choice.getByRole('group', { name: 'Téléphone' }).getByLabel('Votre version : « 05 55 00 00 00 »')).toBeChecked();
    await expect(choice.getByRole('group')).toHaveCount(2);
    await other.screenshot({ path: test.info().outputPath('save-conflict.png'), fullPage: true });
    expect(await new AppModel(other).seriousA11yViolations()).toEqual([]);

    // Keyboard: the choice is made with the keyboard too.
    await choice.getByRole('button', { name: 'Enregistrer ce choix' }).focus();
    await other.keyboard.press('Enter');
    await expect(other.getByRole('heading', { name: 'Élodie Marchand', level: 1 })).toBeVisible();
    expect((await app.readTable<StoredAnimator>('animators'))[0]).toMatchObject({ notes: 'Rappeler en janvier', phone: '05 55 00 00 00' });

    // Keeping the saved version drops the stale change and shows the stored values.
    await page.goto(edit);
    await other.goto(edit);
    await expect(other.getByLabel('Notes')).toHaveValue('Rappeler en janvier');
    await page.getByLabel('Notes').fill('Rappeler en février');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Élodie Marchand', level: 1 })).toBeVisible();
    await other.getByLabel('Notes').fill('Note de l’autre onglet');
    await other.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await other.getByRole('button', { name: 'Garder la version enregistrée' }).click();
    await expect(other.getByLabel('Notes')).toHaveValue('Rappeler en février');
    expect((await app.readTable<StoredAnimator>('animators'))[0]!.notes).toBe('Rappeler en février');
  });

  test('a participant’s form: a stale tab writes nothing, shows both versions, and the choice keeps both changes', async ({ app, page, context }) => {
    await app.start('/ateliers/participants');
    await new Directory(page).add({ firstName: 'Maïté', lastName: 'Arrieta', structure: 'Gîte du Moulin', email: 'maite@moulin.fr', consent: true });
    type StoredProvider = { id: string; phone: string; notes: string; structure: string };
    const [stored] = await app.readTable<StoredProvider>('providers');
    const edit = `./#/ateliers/participants/${stored!.id}/modifier`;

    await page.goto(edit);
    await expect(page.getByLabel('Notes')).toBeVisible();
    const other = await context.newPage();
    await other.goto(edit);
    await expect(other.getByLabel('Notes')).toBeVisible();

    // Tab 1 saves a note.
    await page.getByLabel('Notes').fill('Intéressée par la newsletter');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Maïté Arrieta', level: 1 })).toBeVisible();

    // Tab 2, opened before, changes the phone and the structure: nothing is written yet.
    await other.getByLabel('Téléphone').fill('05 59 00 00 00');
    await other.getByLabel('Structure', { exact: true }).fill('Gîte du Moulin neuf');
    await other.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const choice = other.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée ailleurs' });
    await expect(choice).toBeVisible();
    expect((await app.readTable<StoredProvider>('providers'))[0]).toMatchObject({ notes: 'Intéressée par la newsletter', phone: '', structure: 'Gîte du Moulin' });
    await expect(choice.getByRole('group', { name: 'Notes' }).getByLabel('Version enregistrée : « Intéressée par la newsletter »')).toBeChecked();
    await expect(choice.getByRole('group', { name: 'Téléphone' }).getByLabel('Votre version : « 05 59 00 00 00 »')).toBeChecked();
    expect(await new AppModel(other).seriousA11yViolations()).toEqual([]);

    // The choice keeps the other tab's note and this tab's phone and structure.
    await choice.getByRole('button', { name: 'Enregistrer ce choix' }).click();
    await expect(other.getByRole('heading', { name: 'Maïté Arrieta', level: 1 })).toBeVisible();
    expect((await app.readTable<StoredProvider>('providers'))[0]).toMatchObject({ notes: 'Intéressée par la newsletter', phone: '05 59 00 00 00', structure: 'Gîte du Moulin neuf' });
  });

  test('workshop information: a stale tab is offered the choice, and the combination goes through the form', async ({ app, page, context }) => {
    await app.start('/ateliers');
    await new WorkshopsModel(page).create({ title: 'Google Business Profile', commune: 'Pau', room: 'Salle des fêtes', capacity: '10' });
    const other = await context.newPage();
    await other.goto(page.url());
    await expect(other.getByRole('heading', { level: 1, name: 'Google Business Profile' })).toBeVisible();
    // The other tab's form is loaded (its chunk arrives lazily) before the first tab saves.
    await expect(other.getByLabel('Salle')).toHaveValue('Salle des fêtes');

    await page.getByLabel('Salle').fill('Médiathèque');
    await page.getByRole('button', { name: 'Enregistrer l’atelier' }).click();
    await expect(page.getByText('Atelier enregistré.')).toBeVisible();

    await other.getByLabel('Nombre de places').fill('12');
    await other.getByRole('button', { name: 'Enregistrer l’atelier' }).click();
    const choice = other.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée ailleurs' });
    await expect(choice).toBeVisible();
    expect((await app.readTable<{ capacity: number; place: { room: string } }>('workshops'))[0]).toMatchObject({ capacity: 10, place: { room: 'Médiathèque' } });
    await expect(choice.getByRole('group', { name: 'Salle' }).getByLabel('Version enregistrée : « Médiathèque »')).toBeChecked();
    await expect(choice.getByRole('group', { name: 'Nombre de places' }).getByLabel('Votre version : « 12 »')).toBeChecked();
    expect(await new AppModel(other).seriousA11yViolations()).toEqual([]);
    await choice.getByRole('button', { name: 'Enregistrer ce choix' }).click();
    await expect(other.getByText('Votre choix est dans le formulaire : vérifiez-le puis enregistrez.')).toBeVisible();
    await expect(other.getByLabel('Salle')).toHaveValue('Médiathèque');
    await expect(other.getByLabel('Nombre de places')).toHaveValue('12');
    await other.getByRole('button', { name: 'Enregistrer l’atelier' }).click();
    await expect(other.getByText('Atelier enregistré.')).toBeVisible();
    expect((await app.readTable<{ capacity: number; place: { room: string } }>('workshops'))[0]).toMatchObject({ capacity: 12, place: { room: 'Médiathèque' } });
  });

  test('promotion form: a stale tab writes nothing, shows both versions, and saves the choice field by field', async ({ app, page, context }) => {
    await app.start('/promotions');
    await page.goto('./#/promotions/nouvelle');
    await page.getByLabel('Surnom').fill('Promotion Jimdo');
    await page.getByRole('combobox', { name: /^Région/ }).selectOption({ label: 'Nouvelle-Aquitaine' });
    await page.getByLabel('Organisateur').fill('MONA');
    await page.getByLabel(/^Date de début/).fill('2026-03-01');
    await page.getByLabel(/^Date de fin/).fill('2026-06-30');
    await page.getByRole('button', { name: 'Créer la promotion' }).click();
    await expect(page.getByRole('heading', { name: 'Promotion n° 1 — Promotion Jimdo', level: 1 })).toBeVisible();
    const [created] = await app.readTable<{ id: string }>('cohorts');
    const edit = `./#/promotions/${created!.id}/modifier`;
    type StoredCohort = { organiser: string; contact?: string };
    const stored = async () => (await app.readTable<StoredCohort>('cohorts'))[0]!;

    // Both tabs open the promotion's form.
    await page.goto(edit);
    await expect(page.getByLabel('Organisateur')).toHaveValue('MONA');
    const other = await context.newPage();
    await other.goto(edit);
    await expect(other.getByLabel('Organisateur')).toHaveValue('MONA');

    // Tab 1 saves a new organiser.
    await page.getByLabel('Organisateur').fill('MONA — Mission des offices de tourisme');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    // Saved: back on the promotion's dashboard.
    await expect(page).not.toHaveURL(/modifier$/);

    // Tab 2, opened before, changes the contact: nothing is overwritten, both versions are shown.
    await other.getByLabel('Contact').fill('Anne Lacoste, 05 59 00 00 00');
    await other.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const choice = other.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée ailleurs' });
    await expect(choice).toBeVisible();
    expect(await stored()).toMatchObject({ organiser: 'MONA — Mission des offices de tourisme', contact: '' });
    await expect(choice.getByRole('group')).toHaveCount(2);
    await expect(choice.getByRole('group', { name: 'Organisateur' }).getByLabel('Version enregistrée : « MONA — Mission des offices de tourisme »')).toBeChecked();
    await expect(choice.getByRole('group', { name: 'Organisateur' }).getByLabel('Votre version : « MONA »')).not.toBeChecked();
    await expect(choice.getByRole('group', { name: 'Contact' }).getByLabel('Votre version : « Anne Lacoste, 05 59 00 00 00 »')).toBeChecked();
    await other.screenshot({ path: test.info().outputPath('cohort-save-conflict.png'), fullPage: true });
    expect(await new AppModel(other).seriousA11yViolations()).toEqual([]);

    // The choice, with the keyboard: their organiser, my contact.
    await choice.getByRole('button', { name: 'Enregistrer ce choix' }).focus();
    await other.keyboard.press('Enter');
    await expect(other).not.toHaveURL(/modifier$/);
    await expect(other.getByText('Promotion enregistrée : Promotion n° 1 — Promotion Jimdo')).toBeVisible();
    expect(await stored()).toMatchObject({ organiser: 'MONA — Mission des offices de tourisme', contact: 'Anne Lacoste, 05 59 00 00 00' });

    // Keeping the stored version drops the stale change and shows the stored values.
    await page.goto(edit);
    await other.goto(edit);
    await expect(other.getByLabel('Contact')).toHaveValue('Anne Lacoste, 05 59 00 00 00');
    await page.getByLabel('Contact').fill('Bruno Laborde');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    // Saved: back on the promotion's dashboard.
    await expect(page).not.toHaveURL(/modifier$/);
    await other.getByLabel('Contact').fill('Contact de l’autre onglet');
    await other.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await other.getByRole('button', { name: 'Garder la version enregistrée' }).click();
    await expect(other.getByLabel('Contact')).toHaveValue('Bruno Laborde');
    expect((await stored()).contact).toBe('Bruno Laborde');
  });

  test('workshop déroulé: a stale tab writes nothing and the choice is made step by step', async ({ app, page, context }) => {
    await app.start('/ateliers');
    const workshops = new WorkshopsModel(page);
    await workshops.create({ title: 'Google Business Profile', commune: 'Pau', room: 'Salle des fêtes', capacity: '10' });
    await workshops.tab('Déroulé').click();
    await workshops.addStep('Accueil', 15);
    await workshops.addStep('Créer la fiche', 60);
    await page.getByRole('button', { name: 'Enregistrer le déroulé' }).click();
    await expect(page.getByText('Déroulé enregistré.')).toBeVisible();
    type StoredWorkshop = { agenda: { title: string; minutes: number }[] };
    const agenda = async () => (await app.readTable<StoredWorkshop>('workshops'))[0]!.agenda.map((s) => [s.title, s.minutes]);

    const other = await context.newPage();
    await other.goto(page.url());
    await expect(other.getByTestId('agenda-step')).toHaveCount(2);
    // Tab 2 starts editing the first step; meanwhile tab 1 lengthens the second and saves.
    await other.getByTestId('agenda-step').nth(0).getByLabel('Titre de l’étape').fill('Accueil café');
    await page.getByTestId('agenda-step').nth(1).getByLabel('Durée (minutes)').fill('45');
    await page.getByRole('button', { name: 'Enregistrer le déroulé' }).click();
    await expect.poll(agenda).toEqual([['Accueil', 15], ['Créer la fiche', 45]]);

    await other.getByRole('button', { name: 'Enregistrer le déroulé' }).click();
    const choice = other.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée ailleurs' });
    await expect(choice).toBeVisible();
    expect(await agenda()).toEqual([['Accueil', 15], ['Créer la fiche', 45]]);
    await expect(choice.getByRole('group')).toHaveCount(2);
    await expect(choice.getByRole('group', { name: 'Étape 1 : Accueil café' }).getByLabel('Votre version : « Accueil café (15 min) »')).toBeChecked();
    await expect(choice.getByRole('group', { name: 'Étape 2 : Créer la fiche' }).getByLabel('Version enregistrée : « Créer la fiche (45 min) »')).toBeChecked();
    expect(await new AppModel(other).seriousA11yViolations()).toEqual([]);

    await choice.getByRole('button', { name: 'Enregistrer ce choix' }).click();
    await expect(other.getByText('Votre choix est dans le formulaire : vérifiez-le puis enregistrez.')).toBeVisible();
    await expect(other.getByTestId('agenda-step').nth(0).getByLabel('Titre de l’étape')).toHaveValue('Accueil café');
    await expect(other.getByTestId('agenda-step').nth(1).getByLabel('Durée (minutes)')).toHaveValue('45');
    await other.getByRole('button', { name: 'Enregistrer le déroulé' }).click();
    await expect.poll(agenda).toEqual([['Accueil café', 15], ['Créer la fiche', 45]]);
  });

  test('workshop materials: a stale tab writes nothing and keeps the ticks saved in the other', async ({ app, page, context }) => {
    await app.start('/ateliers');
    const workshops = new WorkshopsModel(page);
    await workshops.create({ title: 'Google Business Profile', commune: 'Pau', room: 'Salle des fêtes', capacity: '10' });
    await workshops.tab('Matériel').click();
    type StoredWorkshop = { materials: { label: string; checked: boolean }[]; materialsNotes: string };
    const stored = async () => (await app.readTable<StoredWorkshop>('workshops'))[0]!;
    const first = (await stored()).materials[0]!.label;

    const other = await context.newPage();
    await other.goto(page.url());
    await expect(other.getByRole('checkbox', { name: first, exact: true })).not.toBeChecked();
    // Tab 2 starts writing a note; meanwhile tab 1 ticks the first item and saves.
    await other.getByLabel('Notes', { exact: true }).fill('Prévoir des rallonges');
    await page.getByRole('checkbox', { name: first, exact: true }).check();
    await page.getByRole('button', { name: 'Enregistrer le matériel' }).click();
    await expect.poll(async () => (await stored()).materials[0]!.checked).toBe(true);

    await other.getByRole('button', { name: 'Enregistrer le matériel' }).click();
    const choice = other.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée ailleurs' });
    await expect(choice).toBeVisible();
    expect(await stored()).toMatchObject({ materialsNotes: '' });
    await expect(choice.getByRole('group')).toHaveCount(2);
    await expect(choice.getByRole('group', { name: `Élément « ${first} »` }).getByLabel(`Version enregistrée : « ${first} — coché »`)).toBeChecked();
    await expect(choice.getByRole('group', { name: 'Notes' }).getByLabel('Votre version : « Prévoir des rallonges »')).toBeChecked();
    expect(await new AppModel(other).seriousA11yViolations()).toEqual([]);
    await choice.getByRole('button', { name: 'Enregistrer ce choix' }).click();
    await expect(other.getByRole('checkbox', { name: first, exact: true })).toBeChecked();
    await other.getByRole('button', { name: 'Enregistrer le matériel' }).click();
    await expect.poll(async () => (await stored()).materialsNotes).toBe('Prévoir des rallonges');
    expect((await stored()).materials[0]!.checked).toBe(true);
  });

  test('module and session forms: a stale tab writes nothing and keeps what the other saved', async ({ app, page, context }) => {
    await app.start('/promotions');
    await page.goto('./#/promotions/nouvelle');
    await page.getByLabel('Surnom').fill('Promotion Jimdo');
    await page.getByRole('combobox', { name: /^Région/ }).selectOption({ label: 'Nouvelle-Aquitaine' });
    await page.getByLabel(/^Date de début/).fill('2026-03-01');
    await page.getByLabel(/^Date de fin/).fill('2026-06-30');
    await page.getByRole('button', { name: 'Créer la promotion' }).click();
    await expect(page.getByRole('heading', { name: 'Promotion n° 1 — Promotion Jimdo', level: 1 })).toBeVisible();
    const promo = new PromotionPage(page);
    await promo.tab('Modules et séances').click();
    await promo.addModule({ title: 'Diagnostic numérique', objectives: 'Conduire un diagnostic', criteria: 'Sait conduire un entretien' });
    type StoredModule = { title: string; place: string };
    const stored = async () => (await app.readTable<StoredModule>('modules'))[0]!;

    const other = await context.newPage();
    await other.goto(page.url());
    for (const tab of [page, other]) await tab.getByRole('button', { name: 'Modifier le module Diagnostic numérique' }).click();
    const form = (tab: Page) => tab.getByRole('form', { name: 'Modifier le module' });
    await form(page).getByLabel('Lieu').fill('Médiathèque de Pau');
    await form(page).getByRole('button', { name: 'Enregistrer le module' }).click();
    await expect.poll(async () => (await stored()).place).toBe('Médiathèque de Pau');

    await form(other).getByLabel('Titre du module').fill('Diagnostic numérique de territoire');
    await form(other).getByRole('button', { name: 'Enregistrer le module' }).click();
    const choice = other.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée ailleurs' });
    await expect(choice).toBeVisible();
    expect(await stored()).toMatchObject({ title: 'Diagnostic numérique', place: 'Médiathèque de Pau' });
    await expect(choice.getByRole('group', { name: 'Lieu' }).getByLabel('Version enregistrée : « Médiathèque de Pau »')).toBeChecked();
    await expect(choice.getByRole('group', { name: 'Titre du module' }).getByLabel('Votre version : « Diagnostic numérique de territoire »')).toBeChecked();
    expect(await new AppModel(other).seriousA11yViolations()).toEqual([]);
    await choice.getByRole('button', { name: 'Enregistrer ce choix' }).click();
    await expect.poll(stored).toMatchObject({ title: 'Diagnostic numérique de territoire', place: 'Médiathèque de Pau' });

    // A session of the module: tab 1 moves its start, tab 2 (its form opened before) changes its hours.
    await promo.addSession('Diagnostic numérique de territoire', '2026-03-10', 'Matin');
    for (const tab of [page, other]) await tab.getByRole('button', { name: /^Modifier la séance du / }).click();
    const sessionForm = (tab: Page) => tab.getByRole('form', { name: 'Modifier la séance' });
    await sessionForm(page).getByLabel('Début').fill('09:30');
    await sessionForm(page).getByRole('button', { name: 'Enregistrer', exact: true }).click();
    type StoredSession = { start: string; hours: number };
    const session = async () => (await app.readTable<StoredSession>('moduleSessions'))[0]!;
    await expect.poll(async () => (await session()).start).toBe('09:30');
    await sessionForm(other).getByLabel('Heures').fill('3');
    await sessionForm(other).getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const sessionChoice = other.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée ailleurs' });
    await expect(sessionChoice).toBeVisible();
    expect(await session()).toMatchObject({ start: '09:30', hours: 3.5 });
    await expect(sessionChoice.getByRole('group', { name: 'Début' }).getByLabel('Version enregistrée : « 09:30 »')).toBeChecked();
    await expect(sessionChoice.getByRole('group', { name: 'Heures' }).getByLabel('Votre version : « 3 »')).toBeChecked();
    await sessionChoice.getByRole('button', { name: 'Enregistrer ce choix' }).click();
    await expect.poll(session).toMatchObject({ start: '09:30', hours: 3 });
  });

  test('workshop session and evaluation questions: a stale tab writes nothing and the choice keeps both changes', async ({ app, page, context }) => {
    await app.start('/ateliers');
    const workshops = new WorkshopsModel(page);
    await workshops.create({ title: 'Google Business Profile', commune: 'Pau', room: 'Salle des fêtes', capacity: '10' });
    await workshops.addSession('2026-03-10', '09:00', '12:00');
    await expect(page.getByRole('button', { name: /^Modifier la séance du / })).toBeVisible();
    const other = await context.newPage();
    await other.goto(page.url());

    // The session: tab 1 moves its start, tab 2 (its dialog opened before) its end.
    for (const tab of [page, other]) await tab.getByRole('button', { name: /^Modifier la séance du / }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Début', exact: true }).fill('09:30');
    await page.getByRole('button', { name: 'Enregistrer la séance' }).click();
    type StoredSession = { start: string; end: string };
    const session = async () => (await app.readTable<StoredSession>('sessions'))[0]!;
    await expect.poll(async () => (await session()).start.slice(11, 16)).toBe('09:30');
    await other.getByRole('dialog').getByRole('textbox', { name: 'Fin', exact: true }).fill('12:30');
    await other.getByRole('button', { name: 'Enregistrer la séance' }).click();
    const sessionChoice = other.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée ailleurs' });
    await expect(sessionChoice).toBeVisible();
    expect((await session()).end.slice(11, 16)).toBe('12:00');
    await expect(sessionChoice.getByRole('group', { name: 'Début' }).getByLabel('Version enregistrée : « 09:30 »')).toBeChecked();
    await expect(sessionChoice.getByRole('group', { name: 'Fin' }).getByLabel('Votre version : « 12:30 »')).toBeChecked();
    expect(await new AppModel(other).seriousA11yViolations()).toEqual([]);
    await sessionChoice.getByRole('button', { name: 'Enregistrer ce choix' }).click();
    await expect(other.getByRole('dialog')).toBeHidden();
    expect([(await session()).start.slice(11, 16), (await session()).end.slice(11, 16)]).toEqual(['09:30', '12:30']);

    // The evaluation questions: tab 1 renames the first, tab 2 the second.
    for (const tab of [page, other]) {
      await new WorkshopsModel(tab).tab('Évaluation').click();
      await tab.getByRole('button', { name: 'Modifier les questions' }).click();
    }
    const editor = (tab: Page) => tab.locator('.card').filter({ has: tab.getByLabel('Question 1', { exact: true }) });
    await page.getByLabel('Question 1', { exact: true }).fill('Satisfaction');
    await editor(page).getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const labels = async () => (await app.readTable<{ evaluationQuestions: { label: string }[] }>('workshops'))[0]!.evaluationQuestions.map((q) => q.label);
    await expect.poll(async () => (await labels())[0]).toBe('Satisfaction');
    await other.getByLabel('Question 2', { exact: true }).fill('Utilité');
    await editor(other).getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const choice = other.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée ailleurs' });
    await expect(choice).toBeVisible();
    expect((await labels()).slice(0, 2)).toEqual(['Satisfaction', 'Utilité pour votre activité']);
    await expect(choice.getByRole('group')).toHaveCount(2);
    await expect(choice.getByRole('group', { name: 'Question 1 : Satisfaction générale' }).getByLabel('Version enregistrée : « Satisfaction (note de 1 à 5) »')).toBeChecked();
    await choice.getByRole('button', { name: 'Enregistrer ce choix' }).click();
    await expect(other.getByLabel('Question 1', { exact: true })).toHaveValue('Satisfaction');
    await expect(other.getByLabel('Question 2', { exact: true })).toHaveValue('Utilité');
    await editor(other).getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect.poll(async () => (await labels()).slice(0, 2)).toEqual(['Satisfaction', 'Utilité']);
  });

  test('tutorial editor: a stale tab writes nothing and saves the choice field by field', async ({ app, page, context }) => {
    await app.start('/tutoriels/nouveau');
    await page.getByLabel('Identifiant (minuscules et tirets)').fill('atelier-qr-codes');
    await page.getByLabel('Titre').fill('Des QR codes pour l’accueil');
    await page.getByLabel('Résumé').fill('Créer et afficher des QR codes utiles à l’office de tourisme.');
    await page.getByLabel('Mots-clés (séparés par des virgules)').fill('qr code, accueil');
    await page.getByLabel('Contenu (Markdown)').fill('## Objectifs\n\nAfficher un QR code vers l’agenda.\n');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Des QR codes pour l’accueil');
    type StoredTutorial = { meta: { title: string; summary: string; version: number }; body: string };
    const stored = async () => (await app.readTable<StoredTutorial>('tutorials'))[0]!;

    const edit = './#/tutoriels/atelier-qr-codes/modifier';
    await page.goto(edit);
    await expect(page.getByLabel('Titre')).toHaveValue('Des QR codes pour l’accueil');
    const other = await context.newPage();
    await other.goto(edit);
    await expect(other.getByLabel('Titre')).toHaveValue('Des QR codes pour l’accueil');

    // Tab 1 changes the text; tab 2, opened before, changes the title.
    await page.getByLabel('Contenu (Markdown)').fill('## Objectifs\n\nAfficher un QR code vers l’agenda des animations.\n');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Des QR codes pour l’accueil');
    await other.getByLabel('Titre').fill('QR codes à l’accueil');
    await other.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const choice = other.getByRole('alert').filter({ hasText: 'Cette fiche a été modifiée ailleurs' });
    await expect(choice).toBeVisible();
    expect(await stored()).toMatchObject({ meta: { title: 'Des QR codes pour l’accueil' }, body: '## Objectifs\n\nAfficher un QR code vers l’agenda des animations.\n' });
    await expect(choice.getByRole('group')).toHaveCount(2);
    await expect(choice.getByRole('group', { name: 'Titre' }).getByLabel('Votre version : « QR codes à l’accueil »')).toBeChecked();
    await expect(choice.getByRole('group', { name: 'Contenu (Markdown)' }).getByLabel('Version enregistrée : « …Afficher un QR code vers l’agenda des animations. »')).toBeChecked();
    expect(await new AppModel(other).seriousA11yViolations()).toEqual([]);

    await choice.getByRole('button', { name: 'Enregistrer ce choix' }).click();
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('QR codes à l’accueil');
    expect(await stored()).toMatchObject({ meta: { title: 'QR codes à l’accueil' }, body: '## Objectifs\n\nAfficher un QR code vers l’agenda des animations.\n' });
  });

});

test.describe('erasure that holds', () => {
  test('an erased participant does not come back with a restore, and the dialog says where copies remain', async ({ app, page }, testInfo) => {
    // Backups are saved through the browser's save dialog, which Playwright cannot drive: a stand-in keeps the file.
    await stubSaveDialog(page);
    await app.start('/reglages');
    await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
    await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible();
    const registrations = await app.readTable<{ personId: string }>('registrations');
    const providers = await app.readTable<{ id: string; lastName: string; firstName: string; structure: string }>('providers');
    const person = providers.find((p) => p.id === registrations[0]!.personId)!;

    // A backup taken before the erasure.
    await app.goto('/reglages/donnees');
    await page.getByRole('button', { name: 'Exporter une sauvegarde' }).click();
    const saved = await savedThroughDialog(page);
    const backupPath = testInfo.outputPath(saved.name);
    await writeFile(backupPath, saved.text);

    await page.getByLabel('Rechercher une personne (nom, structure, commune)').fill(`${person.firstName} ${person.lastName} ${person.structure}`);
    await page.getByRole('button', { name: `${person.firstName} ${person.lastName}` }).first().click();
    await page.getByRole('button', { name: 'Effacer partout…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Où des copies restent');
    await expect(dialog).toContainText(/Copies de sauvegarde gardées dans ce navigateur \(\d+, la plus ancienne du \d\d\/\d\d\/\d{4}\)|Aucune copie de sauvegarde/);
    await expect(dialog).toContainText('Fichiers déjà exportés (sauvegardes téléchargées, fichiers d’échange, exports, PDF)');
    await expect(dialog).toContainText('Un registre des effacements (identifiants et date, sans nom) est conservé');
    await expect(dialog).toContainText('ni le nom ni l’image de la signature');
    await dialog.screenshot({ path: test.info().outputPath('erasure-dialog.png') });
    expect(await app.seriousA11yViolations()).toEqual([]);
    await dialog.getByRole('button', { name: 'Supprimer' }).click();
    await expect(page.getByText(/a été effacé·e/)).toBeVisible();
    const register = (await app.readTable<{ key: string; value: { recordId: string }[] }>('settings')).find((r) => r.key === 'privacy.erasures')!;
    expect(register.value.map((e) => e.recordId)).toContain(person.id);
    expect(JSON.stringify(register)).not.toContain(person.lastName);

    // Restoring the older backup: the person stays erased.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choisir un fichier de sauvegarde…' }).click();
    await (await chooser).setFiles(backupPath);
    await page.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
    await expect(page.getByText(/Sauvegarde restaurée/)).toBeVisible();
    expect((await app.readTable<{ id: string }>('providers')).some((p) => p.id === person.id)).toBe(false);
    expect((await app.readTable<{ personId: string }>('registrations')).some((r) => r.personId === person.id)).toBe(false);
    expect((await app.readTable<{ id: string }>('providers')).length).toBe(providers.length - 1);
  });
});

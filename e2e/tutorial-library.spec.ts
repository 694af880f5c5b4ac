import { readFile } from 'node:fs/promises';
import { extractText } from 'unpdf';
import { test, expect } from './support/app';

test.describe('tutorial library', () => {
  test('search without accents, open, mark read, add to my kit, and find it all again after a reload', async ({ app, page }) => {
    await app.start('/tutoriels');
    await expect(page.getByText(/3\d fiches pratiques/)).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);

    await page.getByLabel('Rechercher un tutoriel').fill('e-reputation tripadvizor');
    const card = page.getByRole('article').filter({ has: page.getByRole('link', { name: /Tripadvisor/ }) }).first();
    await expect(card).toBeVisible();
    await expect(card.locator('mark').first()).toBeVisible();
    await page.getByLabel('Rechercher un tutoriel').fill('accessibilite');
    await page.getByRole('link', { name: /accessib/i }).first().click();

    const title = await page.getByRole('heading', { level: 1 }).innerText();
    await expect(page.getByRole('navigation', { name: 'Sommaire' })).toContainText('Objectifs');
    expect(await app.seriousA11yViolations()).toEqual([]);
    await page.getByLabel('Marquer comme lu').check();
    await page.getByRole('button', { name: /Ajouter à mon kit/ }).click();
    await expect(page.getByRole('button', { name: /Retirer de mon kit/ })).toBeVisible();
    await page.getByLabel('Mes notes privées').fill('Faire tester le site de la mairie');
    await page.getByRole('button', { name: 'Enregistrer les notes' }).click();
    await expect(page.getByText('Notes enregistrées.')).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(page.getByLabel('Marquer comme lu')).toBeChecked();
    await expect(page.getByLabel('Mes notes privées')).toHaveValue('Faire tester le site de la mairie');
    const progress = await app.readTable<{ tutorialId: string; status: string; favourite: boolean; notes: string }>('tutorialProgress');
    expect(progress.find((p) => p.tutorialId === 'accessibilite-web')).toMatchObject({ status: 'lu', favourite: true, notes: 'Faire tester le site de la mairie' });

    await app.goto('/tutoriels');
    await page.getByLabel('Seulement mon kit (favoris)').check();
    await expect(page.getByText('1 résultat')).toBeVisible();
  });

  test('quick search with Ctrl+K from another section', async ({ app, page }) => {
    await app.start('/ateliers');
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Recherche rapide' });
    await expect(dialog).toBeVisible();
    await page.keyboard.type('wifi territorial');
    await expect(dialog.getByRole('option').first()).toContainText('Wi-Fi');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/tutoriels\/wifi-territorial$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Wi-Fi');
  });

  test('writes a tutorial, exports it as a pack, deletes it, imports the pack back', async ({ app, page }) => {
    await app.start('/tutoriels/nouveau');
    await page.getByLabel('Identifiant (minuscules et tirets)').fill('atelier-qr-codes');
    await page.getByLabel('Titre').fill('Des QR codes pour l’accueil');
    await page.getByLabel('Résumé').fill('Créer et afficher des QR codes utiles à l’office de tourisme.');
    await page.getByLabel('Mots-clés (séparés par des virgules)').fill('qr code, accueil');
    await page.getByLabel('Contenu (Markdown)').fill('## Objectifs\n\nAfficher un QR code vers l’agenda.\n\n## Étapes\n\n1. Générer le code.\n');
    await expect(page.getByRole('region', { name: 'Aperçu' })).toContainText('Afficher un QR code');
    await expect(page.getByText(/À compléter\s: section « Prérequis » manquante/)).toBeVisible();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Des QR codes pour l’accueil');
    expect((await app.readTable<{ meta: { id: string } }>('tutorials')).map((r) => r.meta.id)).toEqual(['atelier-qr-codes']);

    await app.goto('/tutoriels/packs');
    await expect(page.getByLabel('Des QR codes pour l’accueil')).toBeChecked();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter le pack' }).click();
    const packPath = await (await downloading).path();

    await app.goto('/tutoriels/atelier-qr-codes');
    await page.getByRole('button', { name: 'Mettre à la corbeille' }).click();
    await expect(page.getByText('Tutoriel mis à la corbeille.')).toBeVisible();
    await app.goto('/tutoriels/corbeille');
    await page.getByRole('button', { name: 'Vider la corbeille' }).click();
    await expect(page.getByText('La corbeille est vide.')).toBeVisible();
    expect(await app.readTable('tutorials')).toHaveLength(0);

    await app.goto('/tutoriels/packs');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Importer un pack…' }).click();
    await (await chooser).setFiles({ name: 'pack.fourmiliere-pack.zip', mimeType: 'application/zip', buffer: await readFile(packPath) });
    await expect(page.getByRole('region', { name: /Contenu du pack/ })).toContainText('nouveau');
    await page.getByRole('button', { name: 'Installer ces tutoriels' }).click();
    await expect(page.getByText('1 tutoriel installé.')).toBeVisible();
    expect((await app.readTable<{ meta: { title: string } }>('tutorials')).map((r) => r.meta.title)).toEqual(['Des QR codes pour l’accueil']);

    // A broken pack is refused with a French message and writes nothing.
    const chooser2 = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Importer un pack…' }).click();
    await (await chooser2).setFiles({ name: 'abime.zip', mimeType: 'application/zip', buffer: Buffer.from('pas un zip') });
    await expect(page.getByRole('alert')).toContainText('abime.zip : ce n’est pas une archive zip lisible');
    expect(await app.readTable('tutorials')).toHaveLength(1);
  });

  test('prints a clean handout whose PDF holds the title and headings', async ({ app, page }) => {
    await app.start('/tutoriels/newsletter-rgpd');
    const title = await page.getByRole('heading', { level: 1 }).innerText();
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    const { text } = await extractText(new Uint8Array(pdf), { mergePages: true });
    expect(text).toContain(title);
    for (const heading of ['Objectifs', 'Prérequis', 'Étapes', 'Check-list', 'Pour aller plus loin']) expect(text).toContain(heading);
    expect(text).toContain('Fourmilière — fiche pratique');
    expect(text).not.toContain('Navigation principale');
    expect(text).not.toContain('Annuaire');
  });
});

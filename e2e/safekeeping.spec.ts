import { readFile, writeFile } from 'node:fs/promises';
import { test, expect } from './support/app';
import { savedThroughDialog, stubSaveDialog } from './support/save-dialog';
import { frCount } from './support/french';

test.describe('backups and restore', () => {
  test('backs up, changes data, restores and sees the old data; refuses a corrupt file untouched', async ({ app, page }, testInfo) => {
    await stubSaveDialog(page);
    await app.start('/reglages');
    await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
    await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible();
    const animators = await app.readTable<{ id: string; lastName: string }>('animators');
    expect(animators.length).toBeGreaterThan(100);

    await app.goto('/reglages/donnees');
    await expect(page.getByText('Aucune sauvegarde n’a encore été faite sur cet ordinateur.')).toBeVisible();
    await page.getByRole('button', { name: 'Exporter une sauvegarde' }).click();
    const saved = await savedThroughDialog(page);
    expect(saved.name).toMatch(/_manual\.fourmiliere-backup\.json$/);
    const backupPath = testInfo.outputPath(saved.name);
    await writeFile(backupPath, saved.text);
    const backup = JSON.parse(await readFile(backupPath, 'utf8'));
    expect(backup.format).toBe('fourmiliere-backup');
    expect(backup.tables.animators.count).toBe(animators.length);
    await expect(page.getByText(/Dernière sauvegarde\s:/)).toBeVisible();

    // Change data after the backup: delete every animator.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('fourmiliere');
          open.onsuccess = () => {
            const tx = open.result.transaction('animators', 'readwrite');
            tx.objectStore('animators').clear();
            tx.oncomplete = () => resolve();
            tx.onerror = () => reject(tx.error);
          };
        }),
    );
    expect(await app.readTable('animators')).toHaveLength(0);

    // A corrupt file is refused with a French message and changes nothing.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choisir un fichier de sauvegarde…' }).click();
    await (await chooser).setFiles({ name: 'abime.fourmiliere-backup.json', mimeType: 'application/json', buffer: Buffer.from((await readFile(backupPath, 'utf8')).slice(0, 5000)) });
    await expect(page.getByRole('alert')).toContainText('illisible ou incomplet');
    expect(await app.readTable('animators')).toHaveLength(0);

    // The real backup: preview, confirm, restored.
    const chooser2 = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choisir un fichier de sauvegarde…' }).click();
    await (await chooser2).setFiles(backupPath);
    await expect(page.getByRole('rowheader', { name: 'Animateurs (annuaire)' })).toBeVisible();
    await page.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
    await expect(page.getByText(/Sauvegarde restaurée/)).toBeVisible();
    const restored = await app.readTable<{ id: string; lastName: string }>('animators');
    expect(restored.map((a) => a.id).sort()).toEqual(animators.map((a) => a.id).sort());

    // The state just before the restore was kept as an automatic copy.
    await expect(page.getByRole('cell', { name: 'avant restauration' })).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);
  });
});

test.describe('personal data', () => {
  test('exports everything about a participant, then erases them everywhere', async ({ app, page }) => {
    await app.start('/reglages');
    await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
    await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible();
    const registrations = await app.readTable<{ personId: string }>('registrations');
    const providers = await app.readTable<{ id: string; lastName: string; firstName: string; structure: string }>('providers');
    const person = providers.find((p) => p.id === registrations[0]!.personId)!;
    const before = registrations.filter((r) => r.personId === person.id).length;
    expect(before).toBeGreaterThan(0);

    await app.goto('/reglages/donnees');
    await page.getByLabel('Rechercher une personne (nom, structure, commune)').fill(`${person.firstName} ${person.lastName} ${person.structure}`);
    await page.getByRole('button', { name: `${person.firstName} ${person.lastName}` }).first().click();
    await expect(page.getByText(frCount(before, 'inscription', 'inscriptions') + ' à des ateliers')).toBeVisible();

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter tout (JSON)' }).click();
    const exported = JSON.parse(await (await import('node:fs/promises')).readFile(await (await downloading).path(), 'utf8'));
    expect(exported.person.id).toBe(person.id);
    expect(exported.registrations).toHaveLength(before);

    await page.getByRole('button', { name: 'Effacer partout…' }).click();
    await expect(page.getByRole('dialog')).toContainText(frCount(before, 'inscription', 'inscriptions'));
    expect(await app.seriousA11yViolations()).toEqual([]);
    await page.getByRole('dialog').getByRole('button', { name: 'Supprimer' }).click();
    await expect(page.getByText(/a été effacé·e/)).toBeVisible();
    expect((await app.readTable<{ id: string }>('providers')).some((p) => p.id === person.id)).toBe(false);
    expect((await app.readTable<{ personId: string }>('registrations')).some((r) => r.personId === person.id)).toBe(false);

    await page.getByRole('button', { name: 'Voir ce qui a dépassé la durée' }).click();
    await expect(page.getByText(/fiches? (ont|a) dépassé|Aucune fiche n’a dépassé/).first()).toBeVisible();
  });
});

/**
 * A profile in a team restores an older backup: it goes on under a new id in the team
 * folder and retires its old device folder itself — a snapshot of the new id holds all
 * of it, a « left » marker names that snapshot, the old logs and snapshots are removed —
 * and Réglages › Données says so in French. The folder is read back and decrypted here,
 * independently of the app's code.
 */
import { writeFile } from 'node:fs/promises';
import { test, expect, AppModel } from './support/app';
import { PASSPHRASE, decrypt, fakePicker, folderFiles } from './support/team-folder';
import { savedThroughDialog, stubSaveDialog } from './support/save-dialog';

test('after a restore, the old device folder is retired by this profile, and the screen says so', async ({ browser, baseURL }, testInfo) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL, locale: 'fr-FR' });
  await context.addInitScript(fakePicker);
  const a = new AppModel(await context.newPage());
  await stubSaveDialog(a.page);
  await a.start('/reglages', { name: 'Anne Équipe', structure: 'OT de Pau', region: 'Nouvelle-Aquitaine' });
  await a.page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
  await expect(a.page.getByText(/fiches de démonstration ajoutées/)).toBeVisible();
  await a.goto('/reglages/donnees');
  const panel = a.page.getByRole('region', { name: 'Dossier d’équipe' });
  await panel.getByRole('button', { name: 'Choisir le dossier d’équipe…' }).click();
  await panel.getByLabel('Phrase de passe de l’équipe').fill(PASSPHRASE);
  await panel.getByRole('button', { name: 'Rejoindre l’équipe (ou la créer)' }).click();
  await expect(panel.getByText(/Dernière synchronisation réussie/)).toBeVisible({ timeout: 30_000 });
  const before = await folderFiles(a.page);
  const oldDir = Object.keys(before).find((f) => f.endsWith('/log-000001.json.enc'))!.split('/').slice(0, 2).join('/');
  const oldId = oldDir.split('/')[1]!;
  expect(Object.keys(before).filter((f) => f.startsWith(`${oldDir}/log-`)).length).toBeGreaterThan(0);

  // a backup, then its restore
  await a.page.getByRole('button', { name: 'Exporter une sauvegarde' }).click();
  const saved = await savedThroughDialog(a.page);
  const backupPath = testInfo.outputPath(saved.name);
  await writeFile(backupPath, saved.text);
  const chooser = a.page.waitForEvent('filechooser');
  await a.page.getByRole('button', { name: 'Choisir un fichier de sauvegarde…' }).click();
  await (await chooser).setFiles(backupPath);
  await a.page.getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
  await a.page.getByRole('dialog').getByRole('button', { name: 'Restaurer cette sauvegarde' }).click();
  await expect(a.page.getByText(/Sauvegarde restaurée/)).toBeVisible();
  const config = (await a.readTable<{ id: string; key: string; replica?: string; retiring?: { id: string }[] }>('syncState')).find((r) => r.id === '~config')!;
  expect(config.replica).toBeTruthy();
  expect(config.replica).not.toBe(oldId);
  expect(config.retiring?.map((f) => f.id)).toEqual([oldId]);

  await panel.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  const retired = panel.getByRole('region', { name: 'Anciens dossiers de ce poste' });
  await expect(retired).toContainText(`« ${oldId} » : retiré le`, { timeout: 60_000 });
  await expect(retired).toContainText(`nouvel identifiant dans le dossier d’équipe (${config.replica})`);
  await expect(panel.getByRole('row', { name: /Anne Équipe/ }).filter({ hasText: 'ancien dossier de ce poste, retiré après une restauration' })).toBeVisible();
  await retired.screenshot({ path: testInfo.outputPath('retired-folder.png') });

  // the folder, decrypted here: the old folder keeps only its marker, which names the new id's snapshot
  const key = Uint8Array.from(Buffer.from(config.key, 'base64'));
  const after = await folderFiles(a.page);
  expect(Object.keys(after).filter((f) => f.startsWith(`${oldDir}/`))).toEqual([`${oldDir}/left.json.enc`]);
  const marker = JSON.parse(decrypt(key, `${oldDir}/left.json.enc`, after[`${oldDir}/left.json.enc`]!)) as { replacedBy: string; coveredBy: number; lastSeq: number };
  expect(marker.replacedBy).toBe(config.replica);
  const cover = Object.keys(after).filter((f) => f.startsWith(`devices/${config.replica}/snapshot-${String(marker.coveredBy).padStart(6, '0')}-`));
  expect(cover.length).toBeGreaterThan(0);
  // what the old folder published is in that snapshot: every workshop of the demo data
  const workshops = await a.readTable<{ id: string }>('workshops');
  const states = cover.map((f) => (JSON.parse(decrypt(key, f, after[f]!)) as { states: { t: string; id: string }[] }).states).flat();
  for (const w of workshops) expect(states.some((s) => s.t === 'workshops' && s.id === w.id), w.id).toBe(true);
  expect(await a.seriousA11yViolations()).toEqual([]);
  await context.close();
});

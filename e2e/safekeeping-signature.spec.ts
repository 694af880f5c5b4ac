import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { test, expect, AppModel } from './support/app';
import { savedThroughDialog, stubSaveDialog } from './support/save-dialog';

test('a merge preview names the signer, trusts them on request, and refuses a forged file', async ({ browser, baseURL }, testInfo) => {
  // Machine A: demo data, one exchange file, and its own fingerprint as Réglages shows it.
  const contextA = await browser.newContext({ baseURL, acceptDownloads: true, locale: 'fr-FR' });
  const a = new AppModel(await contextA.newPage());
  await a.start('/reglages', { name: 'Anne Machine', structure: 'OT de Pau', region: 'Nouvelle-Aquitaine' });
  await a.page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
  await expect(a.page.getByText(/fiches de démonstration ajoutées/)).toBeVisible();
  await a.goto('/reglages/donnees');
  const own = await a.page.getByTestId('own-fingerprint').textContent();
  const fingerprintOfA = /([0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4} [0-9A-F]{4})/.exec(own ?? '')?.[1];
  expect(fingerprintOfA).toBeTruthy();
  const downloading = a.page.waitForEvent('download');
  await a.page.getByRole('button', { name: 'Exporter un fichier d’échange' }).click();
  const genuinePath = await (await downloading).path();
  const genuine = JSON.parse(await readFile(genuinePath, 'utf8'));
  expect(genuine.signer.deviceName).toBe('Anne Machine (OT de Pau)');

  // Machine B.
  const contextB = await browser.newContext({ baseURL, acceptDownloads: true, locale: 'fr-FR' });
  const b = new AppModel(await contextB.newPage());
  await b.start('/reglages/donnees', { name: 'Bruno Machine', structure: 'OT de Bayonne', region: 'Nouvelle-Aquitaine' });
  const choose = async (path: string) => {
    const chooser = b.page.waitForEvent('filechooser');
    await b.page.getByRole('button', { name: 'Fusionner un fichier d’échange…' }).click();
    await (await chooser).setFiles(path);
  };

  // First time seen: an unknown signer, with A's fingerprint, and an offer to trust.
  await choose(genuinePath);
  await expect(b.page.getByRole('heading', { name: /Aperçu de la fusion avec «\sAnne Machine/ })).toBeVisible();
  const notice = b.page.getByTestId('signature-notice');
  await expect(notice).toContainText(`Signé par Anne Machine (OT de Pau), signataire inconnu`);
  await expect(notice).toContainText(`empreinte ${fingerprintOfA}`);
  expect(await b.seriousA11yViolations()).toEqual([]);
  await notice.getByRole('button', { name: 'Faire confiance à ce signataire' }).click();
  await expect(notice).toContainText('Signé par Anne Machine (OT de Pau), signataire de confiance sur ce poste');
  await b.page.getByRole('button', { name: 'Fusionner', exact: true }).click();
  await expect(b.page.getByText(/Fusion terminée/)).toBeVisible();
  const providers = (await b.readTable('providers')).length;
  expect(providers).toBeGreaterThan(0);

  // The forgery of the issue: every participant deleted, checksum recomputed, signature kept.
  const forged = structuredClone(genuine);
  forged.tombstones = forged.tables.providers.map((p: { id: string }, i: number) => ({ id: `forged-${i}`, table: 'providers', recordId: p.id, deletedAt: new Date().toISOString(), rev: { device: genuine.device, counter: genuine.clock + 1 + i } }));
  forged.tables.providers = [];
  forged.checksum = createHash('sha256').update(JSON.stringify([forged.tables, forged.tombstones])).digest('hex');
  const forgedPath = testInfo.outputPath('forged.fourmiliere-echange.json');
  await writeFile(forgedPath, JSON.stringify(forged));
  await choose(forgedPath);
  await expect(b.page.getByRole('alert')).toContainText('Fichier refusé : sa signature n’est pas valable (elle ne correspond pas au contenu)');
  await expect(b.page.getByRole('alert')).toContainText('Rien n’a été modifié.');
  await expect(b.page.getByRole('heading', { name: /Aperçu de la fusion/ })).toHaveCount(0);
  expect((await b.readTable('providers')).length).toBe(providers);

  // The same device's file without its signature: imported only with a clear warning.
  const stripped = structuredClone(genuine);
  delete stripped.signer;
  delete stripped.signature;
  const strippedPath = testInfo.outputPath('stripped.fourmiliere-echange.json');
  await writeFile(strippedPath, JSON.stringify(stripped));
  await choose(strippedPath);
  await expect(b.page.getByTestId('signature-notice')).toHaveText(/^Fichier non signé, alors que le poste qu’il nomme \(Anne Machine \(OT de Pau\)\) signe ses fichiers/);
  await contextA.close();
  await contextB.close();
});

test('a backup written by the app is signed by this device, and a re-summed forgery is refused', async ({ app, page }, testInfo) => {
  // Backups are saved through the browser's save dialog, which Playwright cannot drive: a stand-in keeps the file.
  await stubSaveDialog(page);
  await app.start('/reglages', { name: 'Anne Machine', structure: 'OT de Pau', region: 'Nouvelle-Aquitaine' });
  await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
  await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible();
  await app.goto('/reglages/donnees');
  await page.getByRole('button', { name: 'Exporter une sauvegarde' }).click();
  const saved = await savedThroughDialog(page);
  const backupPath = testInfo.outputPath(saved.name);
  await writeFile(backupPath, saved.text);
  // written in the backup worker: signed there, the private key nowhere in the file
  const backup = JSON.parse(await readFile(backupPath, 'utf8'));
  expect(backup.signer).toMatchObject({ deviceName: 'Anne Machine (OT de Pau)', publicKey: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(backup.signature).toMatch(/^[0-9a-f]{128}$/);
  expect(backup.tables.settings.records.map((r: { key: string }) => r.key)).not.toContain('signing.key');

  const choose = async (path: string) => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choisir un fichier de sauvegarde…' }).click();
    await (await chooser).setFiles(path);
  };
  await choose(backupPath);
  await expect(page.getByTestId('signature-notice')).toContainText('Signé par ce poste (Anne Machine (OT de Pau)), empreinte');

  // Every checksum recomputed after an edit, the signature kept: refused, nothing restored.
  const before = (await app.readTable<{ id: string; lastName: string }>('animators')).map((a) => `${a.id}:${a.lastName}`).sort();
  backup.tables.animators.records[0].lastName = 'Pirate';
  const sums: string[] = [];
  for (const [name, section] of Object.entries(backup.tables as Record<string, { sha256: string; records: unknown[] }>)) {
    section.sha256 = createHash('sha256').update(JSON.stringify(section.records)).digest('hex');
    sums.push(`${name}:${section.sha256}`);
  }
  backup.checksum = createHash('sha256').update(sums.join('\n')).digest('hex');
  const forgedPath = testInfo.outputPath('forged.fourmiliere-backup.json');
  await writeFile(forgedPath, JSON.stringify(backup));
  await choose(forgedPath);
  await expect(page.getByRole('alert')).toContainText('Sauvegarde refusée : sa signature n’est pas valable (elle ne correspond pas au contenu)');
  await expect(page.getByRole('button', { name: 'Restaurer cette sauvegarde' })).toHaveCount(0);
  expect((await app.readTable<{ id: string; lastName: string }>('animators')).map((a) => `${a.id}:${a.lastName}`).sort()).toEqual(before);
});

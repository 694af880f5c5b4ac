/**
 * Two browser profiles share their data through a team folder. The folder is each
 * profile's own private file system (the browser's directory picker cannot be driven
 * headless, so it is answered with that folder), and the test copies the files from
 * one to the other the way Syncthing or a cloud client would.
 */
import type { Page } from '@playwright/test';
import { test, expect, AppModel } from './support/app';

const PASSPHRASE = 'phrase de passe de l’équipe';

/** The directory picker answers with a folder of the profile's private file system. */
const fakePicker = () => {
  (window as unknown as { showDirectoryPicker: () => Promise<FileSystemDirectoryHandle> }).showDirectoryPicker = async () => (await navigator.storage.getDirectory()).getDirectoryHandle('equipe', { create: true });
};

/** Every file of the team folder, path → base64. */
async function folderFiles(page: Page): Promise<Record<string, string>> {
  return page.evaluate(async () => {
    const out: Record<string, string> = {};
    const walk = async (dir: FileSystemDirectoryHandle, prefix: string) => {
      for await (const entry of (dir as unknown as { values(): AsyncIterable<FileSystemHandle> }).values()) {
        if (entry.kind === 'directory') await walk(entry as FileSystemDirectoryHandle, `${prefix}${entry.name}/`);
        else {
          const bytes = new Uint8Array(await (await (entry as FileSystemFileHandle).getFile()).arrayBuffer());
          let text = '';
          for (let i = 0; i < bytes.length; i += 8192) text += String.fromCharCode(...bytes.subarray(i, i + 8192));
          out[`${prefix}${entry.name}`] = btoa(text);
        }
      }
    };
    await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('equipe', { create: true }), '');
    return out;
  });
}

/** What a sync service does: files of one replica appear in the other. */
async function carry(from: Page, to: Page): Promise<number> {
  const files = await folderFiles(from);
  return to.evaluate(async (files) => {
    let copied = 0;
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('equipe', { create: true });
    for (const [path, b64] of Object.entries(files)) {
      const parts = path.split('/');
      let dir = root;
      for (const p of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(p, { create: true });
      const name = parts.at(-1)!;
      if (await dir.getFileHandle(name).then(() => true, () => false)) continue;
      const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await w.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
      await w.close();
      copied++;
    }
    return copied;
  }, files);
}

test('two profiles join one team folder: wrong passphrase refused in French, data arrive, a device leaves', async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const contextA = await browser.newContext({ baseURL, locale: 'fr-FR' });
  await contextA.addInitScript(fakePicker);
  const a = new AppModel(await contextA.newPage());
  await a.start('/reglages', { name: 'Anne Équipe', structure: 'OT de Pau', region: 'Nouvelle-Aquitaine' });
  await a.page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
  await expect(a.page.getByText(/fiches de démonstration ajoutées/)).toBeVisible();
  await a.goto('/reglages/donnees');
  const panelA = a.page.getByRole('region', { name: 'Dossier d’équipe' });
  await expect(panelA.getByText('Aucun dossier d’équipe choisi.')).toBeVisible();
  await panelA.getByRole('button', { name: 'Choisir le dossier d’équipe…' }).click();
  await expect(panelA.getByText('Dossier choisi dans le navigateur : equipe')).toBeVisible();
  await panelA.getByLabel('Phrase de passe de l’équipe').fill(PASSPHRASE);
  await panelA.getByRole('button', { name: 'Rejoindre l’équipe (ou la créer)' }).click();
  await expect(a.page.getByText('L’équipe a été créée dans ce dossier. Donnez la phrase de passe aux autres postes.')).toBeVisible();
  await expect(panelA.getByText(/Dernière synchronisation réussie/)).toBeVisible({ timeout: 30_000 });
  const filesA = await folderFiles(a.page);
  expect(Object.keys(filesA)).toContain('team.json');
  expect(Object.keys(filesA).some((f) => /^devices\/[^/]+\/log-000001\.json\.enc$/.test(f))).toBe(true);
  // what is in the folder is not readable without the key
  const someLog = Object.entries(filesA).find(([f]) => f.endsWith('.json.enc'))![1];
  expect(atob(someLog)).not.toContain('workshops');

  const contextB = await browser.newContext({ baseURL, locale: 'fr-FR' });
  await contextB.addInitScript(fakePicker);
  const b = new AppModel(await contextB.newPage());
  await b.start('/reglages/donnees', { name: 'Bruno Équipe', structure: 'OT de Bayonne', region: 'Nouvelle-Aquitaine' });
  expect(await carry(a.page, b.page)).toBeGreaterThan(1);
  const panelB = b.page.getByRole('region', { name: 'Dossier d’équipe' });
  await panelB.getByRole('button', { name: 'Choisir le dossier d’équipe…' }).click();
  await panelB.getByLabel('Phrase de passe de l’équipe').fill('une autre phrase de passe');
  await panelB.getByRole('button', { name: 'Rejoindre l’équipe (ou la créer)' }).click();
  await expect(panelB.getByRole('alert')).toContainText('Phrase de passe incorrecte pour l’équipe de ce dossier');
  expect(await b.readTable('workshops')).toEqual([]);
  await panelB.getByLabel('Phrase de passe de l’équipe').fill(PASSPHRASE);
  await panelB.getByRole('button', { name: 'Rejoindre l’équipe (ou la créer)' }).click();
  await expect(b.page.getByText('Ce poste a rejoint l’équipe.')).toBeVisible();
  await expect(panelB.getByText(/Dernière synchronisation réussie/)).toBeVisible({ timeout: 60_000 });
  const workshopsA = await a.readTable<{ id: string; title: string }>('workshops');
  await expect.poll(async () => (await b.readTable('workshops')).length, { timeout: 60_000 }).toBe(workshopsA.length);
  await expect(panelB.getByRole('row', { name: /Anne Équipe/ })).toContainText('actif');
  expect(await b.seriousA11yViolations()).toEqual([]);

  // B leaves: the others learn it from the folder
  await panelB.getByRole('button', { name: 'Quitter l’équipe' }).click();
  await b.page.getByRole('dialog').getByRole('button', { name: 'Quitter l’équipe' }).click();
  await expect(b.page.getByText('Ce poste a quitté l’équipe. Ses données sont conservées.')).toBeVisible();
  expect((await b.readTable('workshops')).length).toBe(workshopsA.length);
  await carry(b.page, a.page);
  await panelA.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  await expect(panelA.getByRole('row', { name: /Bruno Équipe/ })).toContainText('a quitté l’équipe');
  await contextA.close();
  await contextB.close();
});

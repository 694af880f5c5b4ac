import { readFile } from 'node:fs/promises';
import { test, expect, AppModel } from './support/app';
import { editRecord } from './support/data';

test('two machines exchange files, edit on both sides, merge, resolve a conflict and undo it', async ({ browser, baseURL }) => {
  // Machine A: demo data, export everything.
  const contextA = await browser.newContext({ baseURL, acceptDownloads: true, locale: 'fr-FR' });
  const a = new AppModel(await contextA.newPage());
  await a.start('/reglages', { name: 'Anne Machine', structure: 'OT de Pau', region: 'Nouvelle-Aquitaine' });
  await a.page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
  await expect(a.page.getByText(/fiches de démonstration ajoutées/)).toBeVisible();
  await a.goto('/reglages/donnees');
  const exportFrom = async (app: AppModel) => {
    const downloading = app.page.waitForEvent('download');
    await app.page.getByRole('button', { name: 'Exporter un fichier d’échange' }).click();
    return (await downloading).path();
  };
  const first = await exportFrom(a);

  // Machine B: a separate browser profile merges it.
  const contextB = await browser.newContext({ baseURL, acceptDownloads: true, locale: 'fr-FR' });
  const b = new AppModel(await contextB.newPage());
  await b.start('/reglages/donnees', { name: 'Bruno Machine', structure: 'OT de Bayonne', region: 'Nouvelle-Aquitaine' });
  const mergeInto = async (app: AppModel, path: string, from = 'Anne Machine') => {
    const chooser = app.page.waitForEvent('filechooser');
    await app.page.getByRole('button', { name: 'Fusionner un fichier d’échange…' }).click();
    await (await chooser).setFiles(path);
    await expect(app.page.getByRole('heading', { name: new RegExp(`Aperçu de la fusion avec « ${from}`) })).toBeVisible();
  };
  await mergeInto(b, first);
  const workshopsA = await a.readTable<{ id: string; title: string }>('workshops');
  await expect(b.page.getByRole('row', { name: /Ajouts/ })).toContainText(/\d{3}/);
  await b.page.getByRole('button', { name: 'Fusionner', exact: true }).click();
  await expect(b.page.getByText(/Fusion terminée/)).toBeVisible();
  expect((await b.readTable('workshops')).length).toBe(workshopsA.length);

  // Both edit the same workshop, differently.
  const target = workshopsA[0]!;
  await editRecord(a.page, 'workshops', target.id, { title: 'Titre venu de A' });
  await editRecord(b.page, 'workshops', target.id, { title: 'Titre choisi sur B' });
  const second = await exportFrom(a);
  expect(JSON.parse(await readFile(second, 'utf8')).format).toBe('fourmiliere-exchange');
  await mergeInto(b, second);
  await expect(b.page.getByRole('row', { name: /Conflits/ })).toContainText('1');
  await b.page.getByRole('button', { name: 'Fusionner', exact: true }).click();

  // The inbox shows both versions; B takes A's; then undoes it.
  const card = b.page.getByRole('article', { name: /Ateliers — Titre choisi sur B/ });
  await expect(card.getByRole('cell', { name: /Titre venu de A/ })).toBeVisible();
  await expect(card.getByRole('rowheader', { name: 'Titre' })).toBeVisible();
  expect(await b.seriousA11yViolations()).toEqual([]);
  await card.getByRole('button', { name: 'Prendre leur version' }).click();
  await expect(b.page.getByText('Conflit résolu. La version écartée reste conservée.')).toBeVisible();
  let stored = (await b.readTable<{ id: string; title: string }>('workshops')).find((w) => w.id === target.id);
  expect(stored?.title).toBe('Titre venu de A');

  await b.page.getByRole('button', { name: 'Annuler ce choix' }).click();
  await expect(b.page.getByText(/Choix annulé/)).toBeVisible();
  stored = (await b.readTable<{ id: string; title: string }>('workshops')).find((w) => w.id === target.id);
  expect(stored?.title).toBe('Titre choisi sur B');
  await expect(b.page.getByRole('article', { name: /Titre choisi sur B/ })).toBeVisible();

  // The history lists both merges.
  await expect(b.page.getByRole('cell', { name: 'fusion' })).toHaveCount(2);

  // B keeps its own title; sent back, the choice reaches A as a plain update: A's
  // edit was already seen by B, and the copies of A's own records are no news.
  await b.page.getByRole('article', { name: /Titre choisi sur B/ }).getByRole('button', { name: 'Garder ma version' }).click();
  await expect(b.page.getByRole('article', { name: /Titre choisi sur B/ })).toHaveCount(0);
  const back = await exportFrom(b);
  await mergeInto(a, back, 'Bruno Machine');
  await expect(a.page.getByRole('row', { name: /Conflits/ })).toContainText('0');
  await expect(a.page.getByRole('row', { name: /Mises à jour/ })).toContainText('1');
  await a.page.getByRole('button', { name: 'Fusionner', exact: true }).click();
  await expect(a.page.getByText(/Fusion terminée/)).toBeVisible();
  expect((await a.readTable<{ id: string; title: string }>('workshops')).find((w) => w.id === target.id)?.title).toBe('Titre choisi sur B');
  await expect(a.page.getByRole('cell', { name: 'Mises à jour 1' })).toBeVisible(); // in A's exchange history
  await contextA.close();
  await contextB.close();
});

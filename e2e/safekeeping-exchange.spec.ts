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

test('an exchange file of some workshops: nothing to export until one is ticked, dates read as dates, and the file holds only it', async ({ app, page }) => {
  await app.start('/reglages', { name: 'Anne Machine', structure: 'OT de Pau', region: 'Nouvelle-Aquitaine' });
  await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
  await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible();
  await app.goto('/reglages/donnees');
  await page.getByLabel('Contenu du fichier').selectOption({ label: 'Des ateliers' });
  const exportButton = page.getByRole('button', { name: 'Exporter un fichier d’échange' });
  await expect(exportButton).toBeDisabled();
  const list = page.getByRole('group', { name: 'Ateliers à inclure' });
  const workshops = (await app.readTable<{ id: string; title: string; firstDate: string | null; deletedAt: string | null }>('workshops')).filter((w) => w.firstDate && !w.deletedAt);
  // The demo repeats some titles from year to year: the one ticked has a title of its own.
  const chosen = workshops.find((w) => workshops.filter((x) => x.title === w.title).length === 1)!;
  const box = list.getByRole('checkbox', { name: new RegExp(`^${chosen.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} — \\d{2}/\\d{2}/\\d{4}$`) });
  await expect(box).toBeVisible();
  await expect(list).not.toContainText(/\d{4}-\d{2}-\d{2}/);
  await box.check();
  await expect(exportButton).toBeEnabled();
  expect(await app.seriousA11yViolations()).toEqual([]);
  const downloading = page.waitForEvent('download');
  await exportButton.click();
  const file = JSON.parse(await readFile(await (await downloading).path(), 'utf8')) as { tables: { workshops: { id: string }[]; sessions: { workshopId: string }[] } };
  expect(file.tables.workshops.map((w) => w.id)).toEqual([chosen.id]);
  expect(new Set(file.tables.sessions.map((s) => s.workshopId))).toEqual(new Set([chosen.id]));
});

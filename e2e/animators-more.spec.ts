import Papa from 'papaparse';
import { extractText, getDocumentProxy } from 'unpdf';
import type { Page } from '@playwright/test';
import { test, expect, type AppModel } from './support/app';
import { download } from './support/animators';
import { putRecords } from './support/layout';

interface StoredAnimator {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  jobTitle: string;
  deletedAt: string | null;
}
interface StoredEnrolment {
  id: string;
  cohortId: string;
  animatorId: string;
}
interface StoredHistory {
  recordId: string;
  action: string;
  summary: string;
}

/** Fills the "Ajouter" form like a user and saves, accepting a duplicate warning when told to. */
async function addAnimator(page: Page, p: { firstName: string; lastName: string; email: string; phone?: string; jobTitle?: string }, acceptDuplicate = false) {
  await page.goto('./#/annuaire/nouveau');
  await page.getByRole('textbox', { name: 'Prénom', exact: true }).fill(p.firstName);
  await page.getByRole('textbox', { name: 'Nom', exact: true }).fill(p.lastName);
  await page.getByLabel('Courriel').fill(p.email);
  if (p.phone) await page.getByLabel('Téléphone').fill(p.phone);
  if (p.jobTitle) await page.getByLabel('Fonction').fill(p.jobTitle);
  await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  if (acceptDuplicate) {
    await expect(page.getByText('Cette personne semble déjà figurer dans l’annuaire :')).toBeVisible();
    await page.getByRole('button', { name: 'Enregistrer quand même' }).click();
  }
  await expect(page.getByRole('heading', { name: `${p.firstName} ${p.lastName}`, level: 1 })).toBeVisible();
}

async function live(app: AppModel): Promise<StoredAnimator[]> {
  return (await app.readTable<StoredAnimator>('animators')).filter((a) => !a.deletedAt);
}

// Rows another feature would create are written with putRecords (support/layout.ts).
const putRows = putRecords;

const enrolment = (id: string, cohortId: string, animatorId: string) => {
  const at = new Date().toISOString();
  return { id, cohortId, animatorId, status: 'en-cours', withdrawnAt: null, withdrawReason: '', assessments: {}, completedAt: null, createdAt: at, updatedAt: at, deletedAt: null, rev: { device: 'e2e', counter: 1 } };
};

test.describe('registry of animators: editing, the bin, duplicates and the dashboard', () => {
  test('edits with a French error at the field, keeps the history, soft-deletes and restores from the bin', async ({ app, page }) => {
    await app.start('/annuaire');
    await addAnimator(page, { firstName: 'Élodie', lastName: 'Marchand', email: 'elodie@ot-annecy.fr' });
    const [created] = await live(app);
    expect(created?.email).toBe('elodie@ot-annecy.fr');

    // A bad e-mail: the message sits at the field and nothing is saved
    await page.getByRole('link', { name: 'Modifier' }).click();
    await expect(page.getByRole('heading', { name: 'Modifier la fiche d’Élodie Marchand' })).toBeVisible();
    const email = page.getByLabel('Courriel');
    await email.fill('elodie@');
    await page.getByLabel('Fonction').fill('Chargée de projets e-tourisme');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByText('Corrigez les champs signalés avant d’enregistrer.')).toBeVisible();
    await expect(email).toHaveAttribute('aria-invalid', 'true');
    await expect(email).toHaveAccessibleDescription('Adresse e-mail invalide (exemple : prenom.nom@exemple.fr).');
    expect(await app.seriousA11yViolations()).toEqual([]);
    const unchanged = (await app.readTable<StoredAnimator>('animators'))[0];
    expect([unchanged?.email, unchanged?.jobTitle]).toEqual(['elodie@ot-annecy.fr', '']);

    // A valid change is saved and shows in the person's history
    await email.fill('Elodie.Marchand@OT-Annecy.fr');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Élodie Marchand', level: 1 })).toBeVisible();
    await expect(page.getByRole('definition').filter({ hasText: 'Chargée de projets e-tourisme' })).toBeVisible();
    const saved = (await app.readTable<StoredAnimator>('animators'))[0];
    expect([saved?.email, saved?.jobTitle]).toEqual(['elodie.marchand@ot-annecy.fr', 'Chargée de projets e-tourisme']);
    const history = page.getByTestId('animator-history').getByRole('listitem');
    await expect(history).toHaveCount(2);
    await expect(history.first()).toContainText('fiche modifiée (courriel, fonction)');
    await expect(history.last()).toContainText('fiche créée');

    // Soft-delete from the person's page
    await page.getByRole('button', { name: 'Mettre à la corbeille' }).click();
    await expect(page.getByText('Cette fiche est dans la corbeille.')).toBeVisible();
    expect((await app.readTable<StoredAnimator>('animators'))[0]?.deletedAt).toEqual(expect.any(String));
    await page.goto('./?region=toutes#/annuaire');
    await expect(page.getByTestId('animators-count')).toHaveText('0 fiche');

    // Restore from the bin
    await page.getByLabel('Corbeille').check();
    await expect(page.getByRole('heading', { name: 'Corbeille de l’annuaire' })).toBeVisible();
    await expect(page.getByTestId('animators-count')).toHaveText('1 fiche');
    expect(await app.seriousA11yViolations()).toEqual([]);
    await page.getByRole('link', { name: 'Élodie Marchand' }).click();
    await page.getByRole('button', { name: 'Restaurer' }).click();
    await expect(page.getByRole('link', { name: 'Modifier' })).toBeVisible();
    const restored = await app.readTable<StoredAnimator>('animators');
    expect(restored.map((a) => [a.id, a.deletedAt])).toEqual([[created?.id, null]]);
    await expect(history.first()).toContainText('fiche restaurée');
    await expect(page.getByTestId('animator-history')).toContainText('fiche mise à la corbeille');
    await page.goto('./?region=toutes#/annuaire');
    await expect(page.getByTestId('animators-count')).toHaveText('1 fiche');
  });

  test('merges two records sharing an e-mail side by side, moving the enrolments', async ({ app, page }) => {
    await app.start('/annuaire');
    await addAnimator(page, { firstName: 'Élodie', lastName: 'Marchand', email: 'elodie@ot-annecy.fr', phone: '04 50 45 00 33' });
    await addAnimator(page, { firstName: 'Élodie', lastName: 'Marchand-Roux', email: 'ELODIE@ot-annecy.fr', jobTitle: 'Chargée de projets e-tourisme' }, true);
    const both = await live(app);
    expect(both).toHaveLength(2);
    const first = both.find((a) => a.lastName === 'Marchand')!;
    const second = both.find((a) => a.lastName === 'Marchand-Roux')!;
    await putRows(page, 'enrolments', [enrolment('enr-1', 'cohort-2019', first.id), enrolment('enr-2', 'cohort-2021', second.id)]);

    await page.goto('./#/annuaire/doublons');
    await expect(page.getByRole('heading', { name: 'Doublons possibles' })).toBeVisible();
    await expect(page.getByText('1 paire de fiches partage un courriel, ou un nom dans la même structure.')).toBeVisible();
    // the pair comes in storage order (random ids)
    const pair = page.getByRole('table', { name: 'Doublons possibles' }).getByRole('row').filter({ hasText: 'même courriel' });
    await expect(pair.getByRole('rowheader')).toHaveText(/^Élodie Marchand(-Roux)? \/ Élodie Marchand(-Roux)?$/);
    await expect(pair.getByRole('cell').first()).toHaveText('même courriel');
    await page.getByRole('button', { name: 'Comparer et fusionner' }).click();

    const compare = page.getByRole('table', { name: 'Fusionner deux fiches' });
    await expect(compare.getByRole('columnheader')).toHaveText(['Champ', 'Fiche conservée', 'Autre fiche']);
    // Same values are shown once, differing ones offer a choice on both sides
    await expect(compare.getByRole('row', { name: /^Courriel/ })).toContainText('elodie@ot-annecy.fr');
    await expect(compare.getByRole('row', { name: /^Courriel/ }).getByRole('radio')).toHaveCount(0);
    await expect(compare.getByRole('row', { name: /^Nom/ }).getByRole('radio')).toHaveCount(2);
    expect(await app.seriousA11yViolations()).toEqual([]);

    // Pick each value wherever it sits, so the test holds whichever record is kept
    await compare.getByRole('radio', { name: 'Marchand-Roux' }).check();
    await compare.getByRole('radio', { name: '04 50 45 00 33' }).check();
    await compare.getByRole('radio', { name: 'Chargée de projets e-tourisme' }).check();
    await page.getByRole('button', { name: 'Fusionner', exact: true }).click();
    await expect(page.getByText('Aucun doublon détecté.')).toBeVisible();

    const after = await app.readTable<StoredAnimator>('animators');
    const kept = after.filter((a) => !a.deletedAt);
    expect(kept.map((a) => [a.firstName, a.lastName, a.email, a.phone, a.jobTitle])).toEqual([
      ['Élodie', 'Marchand-Roux', 'elodie@ot-annecy.fr', '04 50 45 00 33', 'Chargée de projets e-tourisme'],
    ]);
    const keptId = kept[0]!.id;
    const dropped = after.filter((a) => a.deletedAt);
    expect(dropped).toHaveLength(1);
    expect(dropped[0]!.id).not.toBe(keptId);
    const enrolments = await app.readTable<StoredEnrolment>('enrolments');
    expect(enrolments.map((e) => [e.cohortId, e.animatorId]).sort()).toEqual([
      ['cohort-2019', keptId],
      ['cohort-2021', keptId],
    ]);
    const merges = (await app.readTable<StoredHistory>('history')).filter((h) => h.action === 'merge');
    expect(merges.map((h) => h.recordId).sort()).toEqual([keptId, dropped[0]!.id].sort());

    // The dropped record waits in the bin
    await page.goto('./?region=toutes#/annuaire');
    await page.getByLabel('Corbeille').check();
    await expect(page.getByTestId('animators-count')).toHaveText('1 fiche');
  });

  test('drills down to the departments of a region, exports the table as CSV and prints a PDF', async ({ app, page }) => {
    // The web bridge prints with window.print(): record the calls (and the title it sets for the file name)
    await page.addInitScript(() => {
      const w = window as unknown as { __printed: string[]; print: () => void };
      w.__printed = [];
      w.print = () => void w.__printed.push(document.title);
    });
    await app.start('/annuaire/import');
    const csv = [
      'Prénom;Nom;Courriel;Structure;Commune;Code postal;Statut',
      'Gaëlle;Le Bihan;gaelle@pays-brest.bzh;Pays touristique de Brest;Brest;29200;Formée',
      'Yann;Le Goff;yann@ot-quimper.bzh;OT Quimper;Quimper;29000;Certifié',
      'Maïwenn;Riou;maiwenn@ot-rennes.bzh;OT Rennes;Rennes;35000;En formation',
      'Jérôme;Castaño;jerome@ot-ajaccio.fr;OT Ajaccio;Ajaccio;20000;Certifié',
    ].join('\r\n');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choisir un fichier CSV ou Excel…' }).click();
    await (await chooser).setFiles({ name: 'ant.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Simuler l’import' }).click();
    await page.getByRole('button', { name: 'Confirmer l’import (4 fiches)' }).click();
    await expect(page.getByText('Import terminé : 4 fiches créées, 0 mise à jour.')).toBeVisible();

    await page.goto('./#/annuaire/tableau-de-bord');
    // It opens on the profile's region; all regions are one click away.
    await page.getByRole('button', { name: 'Retour aux régions' }).click();
    const table = page.getByTestId('barometer-table');
    await expect(table.getByRole('row', { name: /^Bretagne/ }).getByRole('cell').first()).toHaveText('3');

    // Print: the button asks for a print of the dashboard; in print media the screen-only controls disappear
    await page.getByRole('button', { name: 'Imprimer ou PDF' }).click();
    expect(await page.evaluate(() => (window as unknown as { __printed: string[] }).__printed)).toEqual(['barometre']);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', landscape: true });
    await page.emulateMedia({ media: 'screen' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    // names wrapped at a hyphen in narrow cells come back split; apostrophes are typographic or not
    const flat = text.replace(/\s+/g, ' ').replace(/- /g, '-').replace(/’/g, "'");
    for (const region of ['Baromètre des régions', 'Bretagne', 'Corse', 'Île-de-France', "Provence-Alpes-Côte d'Azur", 'Guadeloupe', 'Mayotte']) expect(flat).toContain(region);
    expect(flat).not.toContain('Tableau en CSV');

    // Drill down to the departments of Bretagne
    await page.getByRole('button', { name: 'Départements : Bretagne' }).click();
    await expect(page.getByRole('heading', { name: 'Baromètre — Bretagne' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Par département' })).toBeVisible();
    const cells = (name: string) => table.getByRole('row', { name: new RegExp(`^${name}`) }).getByRole('cell');
    await expect(table.getByRole('rowheader')).toHaveText(["Côtes-d'Armor", 'Finistère', 'Ille-et-Vilaine', 'Morbihan'].map((n) => new RegExp(n.replace("'", "['’]"))));
    await expect(cells('Finistère').first()).toHaveText('2');
    await expect(cells('Ille-et-Vilaine').first()).toHaveText('1');
    await expect(cells('Morbihan').first()).toHaveText('0');
    expect(await app.seriousA11yViolations()).toEqual([]);

    // CSV of the drilled table, read back as French Excel would
    const file = await download(page, () => page.getByRole('button', { name: 'Tableau en CSV' }).click());
    expect(file.name).toBe('barometre-53.csv');
    expect(file.text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(file.text.slice(1), { header: true, delimiter: ';', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields?.slice(0, 4)).toEqual(['Département', 'Code', 'Population', 'Animateurs']);
    const byCode = Object.fromEntries(parsed.data.map((r) => [r['Code'], [r['Animateurs'], r['Certifié·e'], r['Structures']]]));
    expect(byCode).toEqual({ '22': ['0', '0', '0'], '29': ['2', '1', '2'], '35': ['1', '0', '1'], '56': ['0', '0', '0'] });
    expect(Number(parsed.data.find((r) => r['Code'] === '35')?.['Population'])).toBeGreaterThan(1_000_000);

    // Back to the regions, and a department's list opens filtered
    await page.getByRole('button', { name: 'Retour aux régions' }).click();
    await expect(page.getByRole('heading', { name: 'Baromètre des régions' })).toBeVisible();
    await page.getByRole('button', { name: 'Départements : Bretagne' }).click();
    await page.getByRole('button', { name: 'Liste : Finistère' }).click();
    await expect(page.getByTestId('animators-count')).toHaveText('2 fiches');
  });
});

import { test, expect } from './support/app';
import { frCount } from './support/french';

interface StoredAnimator {
  id: string;
  firstName: string;
  lastName: string;
  sortName: string;
  email: string;
  tokens: string[];
  deletedAt: string | null;
  regionCode: string;
}

const byName = (a: StoredAnimator, b: StoredAnimator) => (a.sortName < b.sortName ? -1 : a.sortName > b.sortName ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

test.describe('the registry list at length', () => {
  test('counts hundreds of people, scrolls to the last one, searches, and follows a change', async ({ app, page }) => {
    await app.start('/reglages');
    await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
    await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible();
    const live = (await app.readTable<StoredAnimator>('animators')).filter((a) => !a.deletedAt).sort(byName);
    expect(live.length).toBeGreaterThan(200);

    // The list opens on the profile's region (Nouvelle-Aquitaine); « Toutes » shows all of France.
    await app.goto('/annuaire');
    await expect(page.getByLabel('Région')).toHaveValue('75');
    await expect(page.getByTestId('animators-count')).toHaveText(frCount(live.filter((a) => a.regionCode === '75').length, 'fiche', 'fiches'));
    await page.getByLabel('Région').selectOption('');
    await expect(page.getByTestId('animators-count')).toHaveText(frCount(live.length, 'fiche', 'fiches'));
    await expect(page.getByLabel('Région')).toHaveValue('');
    const rows = page.getByRole('rowgroup', { name: 'Fiches (faire défiler)' }).getByRole('row');
    await expect(rows.first().getByRole('rowheader')).toHaveText(`${live[0]!.firstName} ${live[0]!.lastName}`);

    // The end of the list: rows read from the worker by position, never a placeholder left.
    const scroller = page.getByRole('rowgroup', { name: 'Fiches (faire défiler)' });
    await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = live[live.length - 1]!;
    await expect(rows.last().getByRole('rowheader')).toHaveText(`${last.firstName} ${last.lastName}`);
    await expect(rows.last()).toHaveAttribute('aria-rowindex', String(live.length + 1));
    await expect(scroller.getByText('…', { exact: true })).toHaveCount(0);

    // A search: the first rows, then the count of every match.
    const word = live[Math.floor(live.length / 2)]!.lastName;
    const folded = word.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().split(/[^a-z0-9]+/)[0]!;
    const matches = live.filter((a) => a.tokens.some((t) => t.startsWith(folded)));
    await page.getByLabel('Rechercher', { exact: true }).fill(folded);
    await expect(page.getByTestId('animators-count')).toHaveText(frCount(matches.length, 'fiche', 'fiches'));
    await expect(rows.first().getByRole('rowheader')).toHaveText(`${matches[0]!.firstName} ${matches[0]!.lastName}`);

    // A full e-mail address, typed as people copy it (capitals included), finds its owner and only them.
    const withMail = live.find((a) => a.email && live.filter((b) => b.email.toLowerCase() === a.email.toLowerCase()).length === 1)!;
    await page.getByLabel('Rechercher', { exact: true }).fill(withMail.email.toUpperCase());
    await expect(page.getByTestId('animators-count')).toHaveText('1 fiche');
    await expect(rows.first().getByRole('rowheader')).toHaveText(`${withMail.firstName} ${withMail.lastName}`);

    // A change made elsewhere in the app reaches the list's count.
    await page.getByLabel('Rechercher', { exact: true }).fill('');
    await expect(page.getByTestId('animators-count')).toHaveText(frCount(live.length, 'fiche', 'fiches'));
    await rows.first().getByRole('link').click();
    await page.getByRole('button', { name: 'Mettre à la corbeille' }).click();
    await expect(page.getByText('Cette fiche est dans la corbeille.')).toBeVisible();
    await page.goto('./?region=toutes#/annuaire');
    await expect(page.getByTestId('animators-count')).toHaveText(frCount(live.length - 1, 'fiche', 'fiches'));
  });
});

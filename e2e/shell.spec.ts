import { test, expect, DEFAULT_PROFILE } from './support/app';
import { useDesktopBridge } from './support/desktop-bridge';

test.describe('the application shell', () => {
  test('first run asks for a profile, explains errors in French, and keeps it across a reload', async ({ app, page }) => {
    await app.goto('/');
    await expect(page.getByRole('heading', { name: 'Bienvenue dans Fourmilière' })).toBeVisible();

    await page.getByRole('button', { name: 'Commencer' }).click();
    await expect(page.getByText('Le formulaire contient 3 erreurs')).toBeVisible();
    await expect(page.getByText('Indiquez votre nom (2 caractères au moins).')).toBeVisible();
    await expect(page.getByLabel('Nom et prénom')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('Choisissez votre région.')).toBeVisible();

    await app.fillProfile(DEFAULT_PROFILE);
    await expect(page.getByRole('heading', { name: 'Bonjour Camille' })).toBeVisible();

    const stored = await app.readTable<{ key: string; value: { name: string; regionCode: string } }>('settings');
    const profile = stored.find((row) => row.key === 'profile');
    expect(profile?.value.name).toBe('Camille Etcheverry');
    expect(profile?.value.regionCode).toBe('75');

    await page.reload();
    await expect(page.getByRole('heading', { name: 'Bonjour Camille' })).toBeVisible();
  });

  test('navigates to every section with the mouse and the keyboard shortcuts', async ({ app, page }) => {
    await app.start();
    for (const [name, path] of [
      ['Tutoriels', '#/tutoriels'],
      ['Ateliers', '#/ateliers'],
      ['Annuaire', '#/annuaire'],
      ['Promotions', '#/promotions'],
      ['Réglages', '#/reglages'],
    ] as const) {
      await app.nav(name).click();
      // (the registry opens on the profile's region: its address ends in /annuaire/ with ?region=)
      await expect(page).toHaveURL(new RegExp(`${path}/?$`));
      await expect(app.nav(name)).toHaveAttribute('aria-current', 'page');
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    }
    await page.keyboard.press('Control+2');
    await expect(page).toHaveURL(/#\/ateliers$/);
    await page.keyboard.press('Control+3');
    await expect(page).toHaveURL(/#\/annuaire\/?$/);
  });

  test('is usable with the keyboard alone: skip link, tab order, visible focus', async ({ app, page }) => {
    await app.start();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Aller au contenu' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#main')).toBeFocused();

    await page.locator('.shell-brand').focus();
    await page.keyboard.press('Tab');
    await expect(app.nav('Tutoriels')).toBeFocused();
    const outline = await app.nav('Tutoriels').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/ateliers$/);
  });

  test('switches to English and back, and follows the chosen theme', async ({ app, page }) => {
    await app.start('/reglages');
    await page.getByLabel('Langue de l’interface').selectOption('en');
    await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByLabel('Appearance').selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(23, 25, 30)');
    await page.getByLabel('Appearance').selectOption('light');
    await expect(page.locator('html')).toHaveCSS('background-color', 'rgb(246, 245, 241)');
    await page.getByLabel('Appearance').selectOption('dark');
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await page.getByLabel('Interface language').selectOption('fr');
    await expect(page.getByRole('heading', { name: 'Réglages' })).toBeVisible();
  });

  test('on the desktop, the language chosen is told to main for the date pickers, and the screen says when they follow', async ({ app, page }) => {
    await useDesktopBridge(page, () => {
      const told: string[] = [];
      (window as unknown as { __told: string[] }).__told = told;
      return { setLanguage: (language: string) => (told.push(language), Promise.resolve({ ok: true as const, value: undefined })) };
    });
    await app.start('/reglages');
    const told = () => page.evaluate(() => (window as unknown as { __told: string[] }).__told);
    await expect.poll(told).toEqual(['fr']);
    await expect(page.getByLabel('Langue de l’interface')).toHaveAccessibleDescription('Les champs de date et d’heure la suivent au prochain démarrage de l’application.');
    await page.getByLabel('Langue de l’interface').selectOption('en');
    await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
    await expect.poll(told).toEqual(['fr', 'en']);
    await expect(page.getByLabel('Interface language')).toHaveAccessibleDescription('Date and time fields follow it from the next start of the app.');
    expect(await app.seriousA11yViolations()).toEqual([]);
    await page.getByLabel('Interface language').selectOption('fr');
    await expect.poll(told).toEqual(['fr', 'en', 'fr']);
  });

  test('in the browser the language field says nothing of the desktop', async ({ app, page }) => {
    await app.start('/reglages');
    await expect(page.getByLabel('Langue de l’interface')).toHaveAccessibleDescription('');
  });

  test('edits the profile in Réglages and refuses an empty structure', async ({ app, page }) => {
    await app.start('/reglages');
    await page.getByLabel('Structure').fill('');
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await expect(page.getByText('Indiquez votre structure (2 caractères au moins).')).toBeVisible();
    await page.getByLabel('Structure').fill('OT Cœur de Béarn');
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await expect(page.getByText('Profil enregistré.')).toBeVisible();
    const stored = await app.readTable<{ key: string; value: { structure: string } }>('settings');
    expect(stored.find((r) => r.key === 'profile')?.value.structure).toBe('OT Cœur de Béarn');
  });

  test('has no serious accessibility violation on the main screens', async ({ app, page }) => {
    await app.goto('/');
    expect(await app.seriousA11yViolations()).toEqual([]);
    await app.start();
    for (const route of ['/', '/reglages', '/reglages/a-propos']) {
      await app.goto(route);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
      expect(await app.seriousA11yViolations(), route).toEqual([]);
    }
  });

  test('opens quick search from the desktop menu event', async ({ app, page }) => {
    await app.start('/annuaire');
    await page.evaluate(() => window.dispatchEvent(new CustomEvent('fourmiliere:quick-search')));
    await expect(page.getByRole('dialog', { name: 'Recherche rapide' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Recherche rapide' })).toBeHidden();
  });

  test('shows the data source years in À propos', async ({ app, page }) => {
    await app.start('/reglages/a-propos');
    await expect(page.getByText(/Code officiel géographique 2026/)).toBeVisible();
    await expect(page.getByText(/CC BY 4.0/)).toBeVisible();
  });
});

/**
 * Réglages › À propos on the desktop, with a stand-in for the Electron preload (the real
 * one needs the Electron binary; main's decisions are unit-tested in electron/lib/updater.test.ts).
 */
import { test, expect } from './support/app';
import { useDesktopBridge } from './support/desktop-bridge';

test('the update feed is shown, set, and refused when not https', async ({ app, page }) => {
  await useDesktopBridge(page, () => {
    const calls: unknown[] = [];
    (window as unknown as { __calls: unknown[] }).__calls = calls;
    let status = {
      enabled: false,
      reason: 'no-feed',
      url: '',
      intervalHours: 24,
      userUrl: '',
      userEnabled: true,
      lockedBy: null,
      lastCheckAt: null,
      restartNeeded: false,
    };
    const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });
    return {
      updateSettings: () => ok(status),
      configureUpdates: (args: { url: string; enabled: boolean }) => {
        calls.push(args);
        // what main answers (electron/lib/updater.ts applyUserChoice)
        if (args.url && !args.url.startsWith('https://')) {
          return Promise.resolve({ ok: false, error: 'Adresse refusée : une adresse de mises à jour commence par https:// et ne contient ni identifiant ni mot de passe. Rien n’a été modifié.' });
        }
        status = { ...status, enabled: args.enabled && !!args.url, reason: args.url ? (args.enabled ? null : 'settings') : 'no-feed', url: args.url, userUrl: args.url, userEnabled: args.enabled, restartNeeded: true } as typeof status;
        return ok(status);
      },
    };
  });
  await app.start('/reglages/a-propos');
  const panel = page.getByRole('region', { name: 'Mises à jour' });
  await expect(panel.getByTestId('updates-state')).toHaveText('Aucune mise à jour n’est recherchée : aucune adresse n’est indiquée.');

  await panel.getByLabel('Adresse des mises à jour (https)').fill('http://maj.ot-exemple.fr/');
  await panel.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(panel.getByRole('alert')).toHaveText(/^Adresse refusée\s: .*Rien n’a été modifié\.$/);
  await expect(panel.getByTestId('updates-state')).toHaveText(/aucune adresse n’est indiquée/);

  await panel.getByLabel('Adresse des mises à jour (https)').fill('https://maj.ot-exemple.fr/fourmiliere/');
  await panel.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(panel.getByTestId('updates-state')).toHaveText('Mises à jour recherchées à l’adresse https://maj.ot-exemple.fr/fourmiliere/, toutes les 24 h.');
  await expect(panel.getByText('Ces réglages prendront effet au prochain démarrage de Fourmilière.')).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __calls: unknown[] }).__calls)).toEqual([
    { url: 'http://maj.ot-exemple.fr/', enabled: true },
    { url: 'https://maj.ot-exemple.fr/fourmiliere/', enabled: true },
  ]);
  expect(await app.seriousA11yViolations()).toEqual([]);
});

test('where the organisation turned updates off, the person cannot turn them on', async ({ app, page }) => {
  await useDesktopBridge(page, () => {
    const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });
    return {
      updateSettings: () => ok({ enabled: false, reason: 'organisation', url: '', intervalHours: 24, userUrl: 'https://maj.ot-exemple.fr/', userEnabled: true, lockedBy: 'organisation', lastCheckAt: null, restartNeeded: false }),
      configureUpdates: () => Promise.resolve({ ok: false, error: 'non' }),
    };
  });
  await app.start('/reglages/a-propos');
  const panel = page.getByRole('region', { name: 'Mises à jour' });
  await expect(panel.getByTestId('updates-state')).toHaveText('Mises à jour désactivées par votre organisation, qui installe elle-même l’application.');
  await expect(panel.getByText('Ce réglage est fixé par votre organisation.')).toBeVisible();
  await expect(panel.getByLabel('Adresse des mises à jour (https)')).toBeDisabled();
  await expect(panel.getByLabel('Chercher les mises à jour')).toBeDisabled();
  await expect(panel.getByRole('button', { name: 'Enregistrer' })).toHaveCount(0);
});

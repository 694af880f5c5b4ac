/**
 * The helper language of the e2e tests: an `app` fixture that opens Fourmilière
 * like a user would, plus direct reads of what is stored, for real assertions.
 */
import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export interface ProfileInput {
  name: string;
  structure: string;
  region: string;
  role?: 'animateur' | 'formateur';
}

export const DEFAULT_PROFILE: ProfileInput = {
  name: 'Camille Etcheverry',
  structure: 'Office de tourisme du Pays basque',
  region: 'Nouvelle-Aquitaine',
};

export class AppModel {
  constructor(readonly page: Page) {}

  /** Opens the app at a hash route (e.g. '/ateliers'). */
  async goto(route = '/'): Promise<void> {
    await this.page.goto(`./#${route}`);
  }

  /** Opens the app and completes the first-run profile if it is asked for. */
  async start(route = '/', profile: ProfileInput = DEFAULT_PROFILE): Promise<void> {
    await this.goto(route);
    const firstRun = this.page.getByRole('heading', { name: 'Bienvenue dans Fourmilière' });
    const shell = this.page.getByRole('navigation', { name: 'Navigation principale' });
    await expect(firstRun.or(shell)).toBeVisible();
    if (await firstRun.isVisible()) await this.fillProfile(profile);
    await expect(shell).toBeVisible();
    if (route !== '/') await this.goto(route);
  }

  async fillProfile(profile: ProfileInput): Promise<void> {
    const p = this.page;
    await p.getByLabel('Nom et prénom').fill(profile.name);
    await p.getByLabel(profile.role === 'formateur' ? 'Formateur·rice / coordinateur·rice' : 'Animateur·rice numérique de territoire').check();
    await p.getByLabel('Structure').fill(profile.structure);
    await p.getByLabel('Région').selectOption({ label: profile.region });
    await p.getByRole('button', { name: 'Commencer' }).click();
  }

  nav(name: 'Tutoriels' | 'Ateliers' | 'Annuaire' | 'Promotions' | 'Réglages') {
    return this.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name });
  }

  /** All rows of a table of the app's IndexedDB database, read directly. */
  async readTable<T = Record<string, unknown>>(table: string): Promise<T[]> {
    return this.page.evaluate(
      (name) =>
        new Promise<T[]>((resolve, reject) => {
          const open = indexedDB.open('fourmiliere');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const req = db.transaction(name, 'readonly').objectStore(name).getAll();
            req.onsuccess = () => {
              resolve(req.result as T[]);
              db.close();
            };
            req.onerror = () => reject(req.error);
          };
        }),
      table,
    );
  }

  /** Runs axe on the current page; returns serious and critical violations. */
  async seriousA11yViolations(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  }
}

export const test = base.extend<{ app: AppModel }>({
  app: async ({ page }, use) => {
    await use(new AppModel(page));
  },
});
export { expect };

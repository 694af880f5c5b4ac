/**
 * Helper language of the promotions e2e: animators put straight into the
 * registry table (the registry screens belong to another feature), and the
 * steps a trainer takes on the promotion screens.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { deName } from './french';

export interface SeedAnimator {
  id: string;
  firstName: string;
  lastName: string;
  structureName: string;
  email: string;
}

const fold = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/** Registry records as the app writes them (tokens and sortName included, so the picker finds them). */
export async function seedAnimators(page: Page, people: SeedAnimator[]): Promise<void> {
  const records = people.map((p) => {
    const now = new Date().toISOString();
    return {
      id: p.id,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
      rev: { device: 'e2e', counter: Date.now() },
      firstName: p.firstName,
      lastName: p.lastName,
      email: p.email,
      phone: '',
      structureName: p.structureName,
      structureType: 'office-tourisme',
      jobTitle: 'Animateur numérique',
      communeInsee: '64445',
      communeName: 'Pau',
      postalCode: '64000',
      departmentCode: '64',
      regionCode: '75',
      status: 'en-formation',
      cohortId: null,
      trainingStart: null,
      trainingEnd: null,
      trainedYear: null,
      specialities: [],
      languages: [],
      notes: '',
      consent: { given: false, date: null, purpose: '' },
      lastContactAt: null,
      tokens: [...new Set(fold(`${p.firstName} ${p.lastName} ${p.structureName} Pau`).split(/[^a-z0-9]+/).filter(Boolean))],
      sortName: fold(`${p.lastName} ${p.firstName}`),
    };
  });
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fourmiliere');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          // Logged as the app's own writes are (db/registry-log.ts), so the registry's worker hears of them.
          const tx = db.transaction(['animators', 'registryLog'], 'readwrite');
          for (const row of rows) tx.objectStore('animators').put(row);
          tx.objectStore('registryLog').add({ ids: rows.map((r) => String((r as { id: unknown }).id)) });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    records,
  );
}

export class PromotionPage {
  constructor(readonly page: Page) {}

  tab(name: string): Locator {
    return this.page.getByRole('tablist', { name: 'Sections de la promotion' }).getByRole('tab', { name, exact: true });
  }

  sessionForm(moduleTitle: string): Locator {
    return this.page.getByRole('form', { name: `Nouvelle séance du module « ${moduleTitle} »` });
  }

  async addModule(input: { title: string; objectives: string; criteria: string }): Promise<void> {
    const p = this.page;
    await p.getByRole('button', { name: 'Ajouter un module' }).click();
    const form = p.getByRole('form', { name: 'Nouveau module' });
    await form.getByLabel('Titre du module').fill(input.title);
    await form.getByLabel('Objectifs').fill(input.objectives);
    await form.getByLabel('Critères d’évaluation').fill(input.criteria);
    await form.getByRole('button', { name: 'Enregistrer le module' }).click();
    await expect(p.getByRole('heading', { name: input.title, level: 2 })).toBeVisible();
  }

  async addSession(moduleTitle: string, date: string, halfDay: 'Matin' | 'Après-midi', hours = '3,5'): Promise<void> {
    const form = this.sessionForm(moduleTitle);
    await form.getByLabel('Date').fill(date);
    await form.getByLabel('Demi-journée').selectOption({ label: halfDay });
    await form.getByLabel('Heures').fill(hours);
    const sessions = this.page.getByRole('table', { name: `Séances du module ${moduleTitle}` }).getByRole('row');
    const before = await sessions.count();
    await form.getByRole('button', { name: 'Ajouter la séance' }).click();
    await expect(sessions).toHaveCount(before === 0 ? 2 : before + 1);
  }

  async pick(search: string, name: string): Promise<void> {
    const p = this.page;
    await p.getByRole('combobox', { name: 'Chercher des animateurs et animatrices' }).fill(search);
    await p.getByRole('option', { name: new RegExp(`^${name}`) }).click();
  }

  /** Draws a signature on the pad's canvas with the mouse, then validates it. */
  async drawSignature(): Promise<void> {
    const p = this.page;
    const canvas = p.getByTestId('signature-canvas');
    await expect(canvas).toBeVisible();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no canvas');
    await p.mouse.move(box.x + 30, box.y + box.height / 2);
    await p.mouse.down();
    for (let i = 1; i <= 12; i++) await p.mouse.move(box.x + 30 + i * 25, box.y + box.height / 2 + (i % 2 ? -30 : 30), { steps: 3 });
    await p.mouse.up();
    await p.getByRole('button', { name: 'Valider la signature' }).click();
  }

  /** Ticks one person on the shared sheet or the paper copy (both use a "Présence de …" group). */
  async mark(name: string, status: 'Présent' | 'Absent' | 'Excusé'): Promise<void> {
    const group = this.page.getByRole('group', { name: `Présence ${deName(name)}` });
    // click, then wait for the stored mark: the sheet shows the tick at once, then again once stored
    await group.getByLabel(status).click();
    await expect(group.getByLabel(status)).toBeChecked();
  }
}

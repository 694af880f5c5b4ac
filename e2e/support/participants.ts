/**
 * Page models of the participants side: the directory, a workshop's registrations,
 * attendance and evaluation tabs, and direct seeding of a workshop in IndexedDB
 * (the planning screens belong to another feature).
 */
import { expect, type Locator, type Page } from '@playwright/test';

export interface PersonInput {
  firstName: string;
  lastName: string;
  structure: string;
  email: string;
  consent: boolean;
  commune?: string;
}

export interface SeededWorkshop {
  id: string;
  sessionId: string;
  title: string;
  date: string;
}

/** Puts a workshop with one morning session straight into the app's database. */
export async function seedWorkshop(page: Page, input: { title: string; theme: string; capacity: number; date: string; animator: string }): Promise<SeededWorkshop> {
  const ids = { id: `w-${input.title.replace(/\W+/g, '-').toLowerCase()}`, sessionId: `s-${input.title.replace(/\W+/g, '-').toLowerCase()}` };
  await page.evaluate(
    ({ input, ids }) =>
      new Promise<void>((resolve, reject) => {
        const now = new Date().toISOString();
        const base = { createdAt: now, updatedAt: now, deletedAt: null, rev: { device: 'e2e', counter: Date.now() } };
        const workshop = {
          ...base,
          id: ids.id,
          title: input.title,
          theme: input.theme,
          description: 'Atelier pratique.',
          objectives: 'Mettre sa fiche à jour.',
          audience: [],
          prerequisites: '',
          format: 'collectif',
          place: { communeInsee: '64445', communeName: 'Pau', address: '1 place Royale', room: 'Salle des fêtes' },
          capacity: input.capacity,
          animators: [input.animator],
          status: 'publie',
          accessibility: 'Salle de plain-pied.',
          contact: 'OT Pau — 05 00 00 00 00',
          agenda: [],
          materials: [],
          materialsNotes: '',
          evaluationQuestions: [],
          isTemplate: false,
          templateId: null,
          firstDate: input.date,
          lastDate: input.date,
        };
        const session = { ...base, id: ids.sessionId, workshopId: ids.id, start: `${input.date}T09:00`, end: `${input.date}T12:00`, sequence: 0, cancelled: false };
        const open = indexedDB.open('fourmiliere');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['workshops', 'sessions'], 'readwrite');
          tx.objectStore('workshops').put(workshop);
          tx.objectStore('sessions').put(session);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { input, ids },
  );
  return { ...ids, title: input.title, date: input.date };
}

export class Directory {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto('./#/ateliers/participants');
    await expect(this.page.getByRole('heading', { name: 'Participants et prestataires' })).toBeVisible();
  }

  async fill(person: PersonInput): Promise<void> {
    const p = this.page;
    await p.getByRole('link', { name: 'Nouveau participant' }).click();
    await p.getByLabel('Prénom').fill(person.firstName);
    await p.getByLabel(/^Nom( \*)?$/).fill(person.lastName);
    await p.getByLabel('Structure').fill(person.structure);
    await p.getByLabel('Adresse e-mail').fill(person.email);
    if (person.commune) {
      await p.getByRole('combobox', { name: 'Commune' }).fill(person.commune);
      await p.getByRole('option', { name: new RegExp(`^${person.commune} `) }).first().click();
    }
    if (person.consent) await p.getByLabel('La personne accepte de recevoir les invitations aux ateliers').check();
  }

  async add(person: PersonInput): Promise<void> {
    await this.open();
    await this.fill(person);
    await this.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(this.page.getByRole('heading', { name: `${person.firstName} ${person.lastName}` })).toBeVisible();
  }
}

export class WorkshopPage {
  constructor(readonly page: Page, readonly workshop: SeededWorkshop) {}

  async open(): Promise<void> {
    await this.page.goto(`./#/ateliers/${this.workshop.id}`);
    await expect(this.page.getByRole('heading', { name: this.workshop.title, level: 1 })).toBeVisible();
  }

  /** The workshop page's tabs (tabs or links, whichever the page uses). */
  tab(name: RegExp): Locator {
    return this.page.getByRole('tab', { name }).or(this.page.getByRole('link', { name })).first();
  }

  async registrations(): Promise<void> {
    await this.tab(/^Inscri/).click();
  }
  async attendance(): Promise<void> {
    await this.tab(/Émargement|Présences/).click();
  }
  async evaluation(): Promise<void> {
    await this.tab(/^Évaluation/).click();
  }

  async register(name: string): Promise<void> {
    const p = this.page;
    await p.getByLabel('Chercher dans l’annuaire').fill(name.split(' ').at(-1) ?? name);
    await p.getByRole('button', { name: `Inscrire ${name}`, exact: true }).click();
    await expect(p.getByLabel('Chercher dans l’annuaire')).toHaveValue('');
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
}

/**
 * Page models of workshop planning: the list, the workshop page and its tabs,
 * the calendar and the programme; plus reading an exported .ics with ical.js.
 */
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import { expect, type Download, type Page } from '@playwright/test';

export interface WorkshopInput {
  title: string;
  theme?: string;
  commune?: string;
  room?: string;
  capacity?: string;
  animators?: string;
  contact?: string;
}

export class WorkshopsModel {
  constructor(readonly page: Page) {}

  async create(input: WorkshopInput): Promise<string> {
    const p = this.page;
    await p.getByRole('link', { name: 'Nouvel atelier' }).click();
    await this.fillInfo(input);
    await p.getByRole('button', { name: 'Créer l’atelier' }).click();
    await expect(p.getByRole('heading', { level: 1, name: input.title })).toBeVisible();
    return p.url().split('/').at(-1)!;
  }

  async fillInfo(input: WorkshopInput): Promise<void> {
    const p = this.page;
    await p.getByLabel('Titre').fill(input.title);
    if (input.theme) await p.getByLabel('Thème', { exact: true }).selectOption({ label: input.theme });
    if (input.commune) await this.pickCommune(input.commune);
    if (input.room) await p.getByLabel('Salle').fill(input.room);
    if (input.capacity) await p.getByLabel('Nombre de places').fill(input.capacity);
    if (input.animators !== undefined) await p.getByLabel('Animation', { exact: true }).fill(input.animators);
    if (input.contact !== undefined) await p.getByLabel('Contact').fill(input.contact);
  }

  async pickCommune(name: string): Promise<void> {
    const combo = this.page.getByRole('combobox', { name: 'Commune' });
    await combo.fill(name);
    await this.page.getByRole('option', { name: new RegExp(`^${name} `) }).first().click();
    await expect(combo).toHaveValue(new RegExp(`^${name} \\(`));
  }

  tab(name: 'Informations' | 'Déroulé' | 'Matériel' | 'Inscriptions' | 'Présences' | 'Évaluation') {
    return this.page.getByRole('tablist', { name: 'Onglets de l’atelier' }).getByRole('tab', { name, exact: true });
  }

  async addSession(date: string, start: string, end: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Nouvelle séance' });
    await form.getByRole('textbox', { name: 'Date', exact: true }).fill(date);
    await form.getByRole('textbox', { name: 'Début', exact: true }).fill(start);
    await form.getByRole('textbox', { name: 'Fin', exact: true }).fill(end);
    await form.getByRole('button', { name: 'Ajouter la séance' }).click();
  }

  async addStep(title: string, minutes: number): Promise<void> {
    const p = this.page;
    await p.getByRole('button', { name: 'Ajouter une étape' }).click();
    const step = p.getByTestId('agenda-step').last();
    await step.getByLabel('Titre de l’étape').fill(title);
    await step.getByLabel('Durée (minutes)').fill(String(minutes));
  }

  async stepTitles(): Promise<string[]> {
    return this.page.getByTestId('agenda-step').getByLabel('Titre de l’étape').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  }
}

/** Waits for the download a click starts and returns its text. */
export async function downloadText(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const downloading = page.waitForEvent('download');
  await click();
  const download: Download = await downloading;
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

export interface ParsedEvent {
  uid: string;
  summary: string;
  sequence: number;
  status: string;
  tzid: string;
  start: string;
  startUtc: string;
  stamp: string;
}

/** Parses an .ics with ical.js, resolving TZID with the file's own VTIMEZONE. */
export function parseIcs(text: string): { timezones: string[]; events: ParsedEvent[] } {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const zones = calendar.getAllSubcomponents('vtimezone');
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  try {
    const events = calendar.getAllSubcomponents('vevent').map((c) => {
      const event = new ICAL.Event(c);
      return {
        uid: event.uid,
        summary: event.summary,
        sequence: event.sequence,
        status: String(c.getFirstPropertyValue('status')),
        tzid: String(c.getFirstProperty('dtstart')?.getParameter('tzid')),
        start: event.startDate.toString(),
        startUtc: event.startDate.toJSDate().toISOString(),
        stamp: String(c.getFirstProperty('dtstamp')?.toICALString()),
      };
    });
    return { timezones: zones.map((z) => String(z.getFirstPropertyValue('tzid'))), events };
  } finally {
    ICAL.TimezoneService.reset();
  }
}

/** Puts records straight into a table of the app's database (what another screen would have recorded). */
export async function putRows(page: Page, table: string, rows: Record<string, unknown>[]): Promise<void> {
  await page.evaluate(
    ({ table, rows }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fourmiliere');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction(table, 'readwrite');
          const now = new Date().toISOString();
          rows.forEach((row, i) => tx.objectStore(table).put({ createdAt: now, updatedAt: now, deletedAt: null, rev: { device: 'e2e', counter: Date.now() + i }, ...row }));
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { table, rows },
  );
}

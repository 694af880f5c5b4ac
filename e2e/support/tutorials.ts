/**
 * Page model of the tutorial library (library, reader, editor, packs) and a
 * builder of tutorial pack files, so tests read like the user's story.
 */
import { strToU8, zipSync } from 'fflate';
import { expect, type Page } from '@playwright/test';

export interface TutorialFile {
  id: string;
  title: string;
  summary?: string;
  theme?: string;
  level?: string;
  version?: number;
  changes?: string;
  body?: string;
}

export const REQUIRED_BODY = [
  '## Objectifs',
  '',
  'Savoir faire une chose utile.',
  '',
  '## Prérequis',
  '',
  'Un ordinateur.',
  '',
  '## Étapes',
  '',
  '1. Commencer.',
  '',
  "## Exercice pour l'atelier",
  '',
  'Essayer en binôme.',
  '',
  '## Check-list',
  '',
  '- [ ] Fait',
  '',
  '## Pour aller plus loin',
  '',
  '- [Écrire pour le web](tuto:ecrire-pour-le-web)',
  '',
].join('\n');

/** A tutorial Markdown file with its YAML front matter, as the FORMAT.md describes it. */
export function tutorialMarkdown(t: TutorialFile): string {
  return [
    '---',
    `id: ${t.id}`,
    `title: ${JSON.stringify(t.title)}`,
    `summary: ${JSON.stringify(t.summary ?? `Un résumé de « ${t.title} » pour l’atelier.`)}`,
    `theme: ${t.theme ?? 'metier-ant'}`,
    `level: ${t.level ?? 'debutant'}`,
    'duration: 30',
    'audience: both',
    'tags: [test, atelier]',
    'reviewed: 2026-11-20',
    `version: ${t.version ?? 1}`,
    `changes: ${JSON.stringify(t.changes ?? 'Première version.')}`,
    '---',
    '',
    t.body ?? REQUIRED_BODY,
  ].join('\n');
}

/**
 * A tutorial pack: a zip of Markdown files and a manifest. `manifest` replaces the
 * generated one (null: no manifest at all), `files` adds raw files, to build broken packs.
 */
export function buildPack(tutorials: TutorialFile[], options: { manifest?: unknown; files?: Record<string, string> } = {}): Buffer {
  const files: Record<string, Uint8Array> = {};
  for (const t of tutorials) files[`${t.id}.md`] = strToU8(tutorialMarkdown(t));
  for (const [name, text] of Object.entries(options.files ?? {})) files[name] = strToU8(text);
  const manifest = 'manifest' in options ? options.manifest : {
    format: 'fourmiliere-tutorial-pack',
    formatVersion: 1,
    createdAt: '2026-11-28T10:00:00.000Z',
    tutorials: tutorials.map((t) => ({ id: t.id, file: `${t.id}.md`, version: t.version ?? 1, changes: t.changes ?? 'Première version.' })),
  };
  if (manifest !== null) files['manifest.json'] = strToU8(JSON.stringify(manifest));
  return Buffer.from(zipSync(files));
}

export class TutorialsModel {
  constructor(readonly page: Page) {}

  get searchBox() {
    return this.page.getByLabel('Rechercher un tutoriel');
  }

  /** The card of a tutorial in the library list, found by its title. */
  card(title: string | RegExp) {
    return this.page.getByRole('article').filter({ has: this.page.getByRole('link', { name: title }) });
  }

  /** Titles of the cards, in display order. */
  async cardTitles(): Promise<string[]> {
    return this.page.locator('article.tl-card h2').allInnerTexts();
  }

  toc() {
    return this.page.getByRole('navigation', { name: 'Sommaire' });
  }

  readerBody() {
    return this.page.locator('.tl-body').first();
  }

  async writeTutorial(t: { id: string; title: string; summary: string; tags: string; body: string }): Promise<void> {
    const p = this.page;
    await p.getByLabel('Identifiant (minuscules et tirets)').fill(t.id);
    await p.getByLabel('Titre').fill(t.title);
    await p.getByLabel('Résumé').fill(t.summary);
    await p.getByLabel('Mots-clés (séparés par des virgules)').fill(t.tags);
    await p.getByLabel('Contenu (Markdown)').fill(t.body);
  }

  /**
   * Imports a pack as a user picking a file would. The browser bridge opens its hidden
   * `bridge-file-input`; headless Chromium cancels a file dialog nobody intercepts, so
   * the file is given through Playwright's file chooser.
   */
  async importPack(name: string, bytes: Buffer): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Importer un pack…' }).click();
    const fileChooser = await chooser;
    expect(await fileChooser.element().getAttribute('data-testid')).toBe('bridge-file-input');
    await fileChooser.setFiles({ name, mimeType: 'application/zip', buffer: bytes });
  }

  packPreview() {
    return this.page.getByRole('region', { name: /Contenu du pack/ });
  }

  /** Rewrites one stored progress row, as if it had been written by an older version of the app. */
  async setSeenVersion(tutorialId: string, seenVersion: number): Promise<void> {
    await this.page.evaluate(
      ([id, version]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('fourmiliere');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const store = db.transaction('tutorialProgress', 'readwrite').objectStore('tutorialProgress');
            const req = store.index('tutorialId').get(id);
            req.onsuccess = () => {
              const row = req.result as { seenVersion: number } | undefined;
              if (!row) return reject(new Error(`no progress for ${id}`));
              const put = store.put({ ...row, seenVersion: version });
              put.onsuccess = () => {
                db.close();
                resolve();
              };
              put.onerror = () => reject(put.error);
            };
            req.onerror = () => reject(req.error);
          };
        }),
      [tutorialId, seenVersion] as const,
    );
  }
}

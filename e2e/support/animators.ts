/** Helper language of the registry e2e: a messy spreadsheet and file round-trips. */
import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';

/** A real-world export: BOM, `;`, quoted line breaks, accents, a duplicate and one invalid row. */
export const MESSY_CSV =
  '\uFEFF' +
  [
    'PRÉNOM;nom;E-mail;Structure;Commune;Code postal;Région;Statut;Notes',
    'Hélène;Lefèvre;helene@ot-besancon.fr;Office de tourisme de Besançon;Besançon;25000;Bourgogne-Franche-Comté;Certifiée;"Référente vidéo\nà Besançon"',
    'Gaëlle;Le Bihan;gaelle@pays-brest.bzh;Pays touristique de Brest;Brest;29200;Bretagne;Formée;',
    'Jérôme;Castaño;jerome@ot-ajaccio.fr;OT Ajaccio;Ajaccio;20000;Corse;Certifié;',
    'Paul;Durand;paul@exemple;OT Dole;Dole;39100;;Formé;adresse fausse',
    'Helene;Lefevre;HELENE@ot-besancon.fr;Office de tourisme de Besançon;Besançon;25000;;Certifiée;doublon',
  ].join('\r\n') +
  '\r\n';

export async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const downloading = page.waitForEvent('download');
  await click();
  const d: Download = await downloading;
  return { name: d.suggestedFilename(), text: await readFile((await d.path())!, 'utf8') };
}

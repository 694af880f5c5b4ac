import { extractText, getDocumentProxy } from 'unpdf';
import { test, expect } from './support/app';
import { downloadText, parseIcs, putRows, WorkshopsModel } from './support/workshops';

interface StoredWorkshop {
  id: string;
  title: string;
  capacity: number;
  contact: string;
  place: { communeInsee: string; communeName: string; room: string };
  agenda: { title: string; minutes: number; tutorialIds: string[] }[];
  materials: { label: string; checked: boolean; note?: string }[];
  materialsNotes: string;
  isTemplate: boolean;
  templateId: string | null;
  deletedAt: string | null;
  firstDate: string | null;
}
interface StoredSession {
  id: string;
  workshopId: string;
  start: string;
  end: string;
  sequence: number;
  cancelled: boolean;
}

test.describe('workshop planning', () => {
  test('plans a workshop: info with checks, a session, a déroulé compared with it, materials', async ({ app, page }) => {
    const workshops = new WorkshopsModel(page);
    await app.start('/ateliers');
    await expect(page.getByRole('heading', { level: 1, name: 'Ateliers' })).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);

    // Bad input: a French message at the field, nothing saved.
    await page.getByRole('link', { name: 'Nouvel atelier' }).click();
    await workshops.fillInfo({ title: 'Google Business Profile', theme: 'Google Business Profile', commune: 'Pau', room: 'Salle des fêtes', capacity: '0', contact: 'accueil@ot-pau' });
    await page.getByRole('button', { name: 'Créer l’atelier' }).click();
    await expect(page.getByText('Le formulaire contient 2 erreurs : rien n’a été enregistré.')).toBeVisible();
    await expect(page.getByText('Indiquez un nombre de places entier entre 1 et 1000.')).toBeVisible();
    await expect(page.getByText('L’adresse e-mail du contact n’est pas valide.')).toBeVisible();
    await expect(page.getByLabel('Contact')).toHaveAttribute('aria-invalid', 'true');
    expect(await app.readTable('workshops')).toEqual([]);

    await page.getByLabel('Nombre de places').fill('10');
    await page.getByLabel('Contact').fill('Camille — accueil@ot-pau.fr');
    await page.getByRole('button', { name: 'Créer l’atelier' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Google Business Profile' })).toBeVisible();
    const [stored] = await app.readTable<StoredWorkshop>('workshops');
    expect(stored).toMatchObject({ title: 'Google Business Profile', capacity: 10, place: { communeInsee: '64445', communeName: 'Pau', room: 'Salle des fêtes' } });

    // A session: end before start is refused, then a morning slot.
    await workshops.addSession('2026-03-10', '12:00', '09:00');
    await expect(page.getByText('L’heure de fin doit être après l’heure de début.')).toBeVisible();
    expect(await app.readTable('sessions')).toEqual([]);
    await workshops.addSession('2026-03-10', '09:00', '12:00');
    const sessionsTable = page.getByRole('table');
    await expect(sessionsTable.getByRole('row', { name: /mardi 10 mars 2026/ })).toContainText('3 h');
    await expect(sessionsTable.getByRole('row', { name: /mardi 10 mars 2026/ })).toContainText('matin');
    expect(await app.seriousA11yViolations()).toEqual([]);

    // The déroulé: total against the session, reordered with the keyboard and by dragging.
    await workshops.tab('Déroulé').click();
    await workshops.addStep('Accueil et tour de table', 20);
    await workshops.addStep('Créer sa fiche', 100);
    await workshops.addStep('Questions', 30);
    await expect(page.getByTestId('agenda-total')).toHaveText('Total du déroulé : 2 h 30');
    await expect(page.getByTestId('agenda-comparison')).toContainText('Le déroulé dure 2 h 30, soit 30 min de moins que la séance (3 h).');
    await page.getByRole('button', { name: 'Descendre l’étape « Accueil et tour de table »' }).click();
    await expect(page.getByRole('button', { name: 'Descendre l’étape « Accueil et tour de table »' })).toBeFocused();
    expect(await workshops.stepTitles()).toEqual(['Créer sa fiche', 'Accueil et tour de table', 'Questions']);
    await page.getByTestId('drag-handle').nth(1).dragTo(page.getByTestId('agenda-step').nth(0));
    expect(await workshops.stepTitles()).toEqual(['Accueil et tour de table', 'Créer sa fiche', 'Questions']);
    await page.getByTestId('agenda-step').nth(2).getByLabel('Durée (minutes)').fill('60');
    // A step links a tutorial, found by typing without accents.
    await page.getByTestId('agenda-step').nth(1).getByRole('combobox', { name: 'Tutoriels liés' }).fill('fiche etablissement google');
    await page.getByRole('option', { name: /Google Business Profile/ }).first().click();
    await expect(page.getByTestId('agenda-step').nth(1).getByRole('list', { name: 'Tutoriels liés' })).toContainText('Google Business Profile');
    // the same tutorial linked again prints once; a step's material joins the checklist
    await page.getByTestId('agenda-step').nth(2).getByRole('combobox', { name: 'Tutoriels liés' }).fill('google business');
    await page.getByRole('option', { name: /Google Business Profile/ }).first().click();
    await page.getByTestId('agenda-step').nth(0).getByLabel('Matériel').fill('Vidéoprojecteur ; Paperboard');
    await expect(page.getByTestId('agenda-comparison')).toContainText('Le déroulé correspond à la séance (3 h).');
    await page.getByRole('button', { name: 'Enregistrer le déroulé' }).click();
    await expect(page.getByText('Déroulé enregistré.')).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);
    const [withAgenda] = await app.readTable<StoredWorkshop>('workshops');
    expect(withAgenda?.agenda[1]?.tutorialIds).toEqual(['fiche-google-business-profile']);
    expect(withAgenda?.agenda[2]?.tutorialIds).toEqual(['fiche-google-business-profile']);
    expect(withAgenda?.agenda.map((s) => [s.title, s.minutes])).toEqual([
      ['Accueil et tour de table', 20],
      ['Créer sa fiche', 100],
      ['Questions', 60],
    ]);
    // The déroulé printed for the day: only the document goes to the PDF.
    await page.getByRole('button', { name: 'Imprimer le déroulé' }).click();
    await expect(page.getByRole('article', { name: 'Déroulé' }).getByRole('rowheader', { name: 'Créer sa fiche' })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(await page.pdf({ format: 'A4' }))), { mergePages: true });
    await page.emulateMedia({ media: 'screen' });
    const flat = text.replace(/\s+/g, ' ');
    // the plan of the day: the session's date, times and place; each step on its clock
    for (const words of ['Google Business Profile', 'mardi 10 mars 2026', '9 h – 12 h', 'Salle des fêtes', '9 h – 9 h 20 Accueil et tour de table 20 min', '9 h 20 – 11 h Créer sa fiche 1 h 40', '11 h – 12 h Questions 1 h'])
      expect(flat).toContain(words);
    expect(text).not.toContain('Navigation principale');
    await page.getByRole('button', { name: 'Fermer' }).click();

    // The linked tutorials print together as the workshop's handouts: for participants,
    // without the animator's exercise, links with their address, the page count said first.
    await page.getByRole('button', { name: 'Supports participants (1)' }).click();
    const count = page.getByTestId('handout-pages');
    await expect(count).toHaveText(/^1 tutoriel, sans les consignes de l’animateur\s:\senviron \d+ pages? par participant\.$/);
    const announced = Number(/environ (\d+)/.exec((await count.textContent()) ?? '')?.[1]);
    await page.emulateMedia({ media: 'print' });
    const participantPdf = await getDocumentProxy(new Uint8Array(await page.pdf({ preferCSSPageSize: true })));
    const handouts = await extractText(participantPdf, { mergePages: true });
    await page.emulateMedia({ media: 'screen' });
    expect(handouts.text).toContain('version participant');
    expect(handouts.text).toContain('Objectifs');
    expect(handouts.text).toMatch(/Google Business Profile/);
    expect(handouts.text).toContain('(https://support.google.com/business)');
    expect(handouts.text).not.toMatch(/Exercice pour l.atelier/);
    expect(Math.abs(participantPdf.numPages - announced)).toBeLessThanOrEqual(1);
    await page.getByRole('button', { name: 'Fermer' }).click();
    await page.getByRole('button', { name: 'Version animateur (1)' }).click();
    await expect(page.getByTestId('handout-pages')).toHaveText(/version complète de l’animateur/);
    await page.emulateMedia({ media: 'print' });
    const animator = await extractText(await getDocumentProxy(new Uint8Array(await page.pdf({ preferCSSPageSize: true }))), { mergePages: true });
    await page.emulateMedia({ media: 'screen' });
    expect(animator.text).toMatch(/Exercice pour l.atelier/);
    await page.getByRole('button', { name: 'Fermer' }).click();

    // The materials checklist.
    await workshops.tab('Matériel').click();
    await page.getByRole('button', { name: /^Ajouter le matériel du déroulé \(1 élément\s:\sPaperboard\)$/ }).click();
    await page.getByRole('checkbox', { name: 'Vidéoprojecteur' }).check();
    await page.getByLabel('Note pour « Wi-Fi ou partage 4G »').fill('Pas de Wi-Fi : prendre le routeur 4G');
    await page.getByLabel('Notes', { exact: true }).fill('Clé de la salle à la mairie');
    await page.getByRole('button', { name: 'Enregistrer le matériel' }).click();
    await expect(page.getByText('Matériel enregistré.')).toBeVisible();
    await expect(page.getByText(/^1 sur 9 prêt/)).toBeVisible();
    const [withMaterials] = await app.readTable<StoredWorkshop>('workshops');
    expect(withMaterials?.materials.find((m) => m.label === 'Vidéoprojecteur')?.checked).toBe(true);
    expect(withMaterials?.materials.find((m) => m.label === 'Wi-Fi ou partage 4G')?.note).toBe('Pas de Wi-Fi : prendre le routeur 4G');
    expect(withMaterials?.materialsNotes).toBe('Clé de la salle à la mairie');
    expect(withMaterials?.materials.find((m) => m.label === 'Paperboard')?.checked).toBe(false);
  });

  test('duplicates, saves a template, builds the programme, shows the calendar, exports .ics and reads it back', async ({ app, page }) => {
    const workshops = new WorkshopsModel(page);
    await app.start('/ateliers');
    await workshops.create({ title: 'Avis en ligne', theme: 'E-réputation et avis', commune: 'Pau', room: 'Salle des fêtes', animators: 'Camille Etcheverry' });
    await workshops.addSession('2026-03-10', '09:00', '12:00');
    await workshops.addSession('2026-03-17', '14:00', '17:00');
    await expect(page.getByRole('row', { name: /mardi 17 mars 2026/ })).toBeVisible();

    // Another workshop in the same room at an overlapping time: both warn.
    const firstUrl = page.url();
    await page.goto(page.url().replace(/#.*$/, '#/ateliers'));
    await workshops.create({ title: 'Instagram', commune: 'Pau', room: 'salle des fêtes', animators: 'Hugo Larralde' });
    await workshops.addSession('2026-03-10', '11:00', '13:00');
    await expect(page.getByText('La salle « salle des fêtes » est aussi réservée pour « Avis en ligne » le 10/03/2026 de 9 h à 12 h.')).toBeVisible();
    await page.goto(firstUrl);
    await expect(page.getByRole('heading', { level: 1, name: 'Avis en ligne' })).toBeVisible();

    // Change the slot of the second session: its SEQUENCE grows.
    await page.getByRole('button', { name: 'Modifier la séance du mardi 17 mars 2026' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Début', exact: true }).fill('14:30');
    await page.getByRole('dialog').getByRole('button', { name: 'Enregistrer la séance' }).click();
    await expect(page.getByText('Séance modifiée (version 1 pour les agendas).')).toBeVisible();
    // Cancel the first one: it will be a cancelled event.
    await page.getByRole('button', { name: 'Annuler la séance du mardi 10 mars 2026' }).click();
    await expect(page.getByRole('row', { name: /mardi 10 mars 2026/ })).toContainText('Annulée');

    const sessions = await app.readTable<StoredSession>('sessions');
    const avis = (await app.readTable<StoredWorkshop>('workshops')).find((w) => w.title === 'Avis en ligne')!;
    const mine = sessions.filter((s) => s.workshopId === avis.id).sort((a, b) => a.start.localeCompare(b.start));
    expect(mine.map((s) => [s.start, s.sequence, s.cancelled])).toEqual([
      ['2026-03-10T09:00', 1, true],
      ['2026-03-17T14:30', 1, false],
    ]);

    // The workshop's .ics, parsed back by ical.js.
    const ics = await downloadText(page, () => page.getByRole('button', { name: 'Exporter l’agenda (.ics)' }).click());
    expect(ics.name).toBe('Avis-en-ligne.ics');
    const parsed = parseIcs(ics.text);
    expect(parsed.timezones).toEqual(['Europe/Paris']);
    expect(parsed.events.map((e) => [e.uid, e.summary, e.status, e.sequence, e.tzid, e.start, e.startUtc])).toEqual([
      [`${mine[0]!.id}@fourmiliere.app`, 'ANNULÉ — Avis en ligne', 'CANCELLED', 1, 'Europe/Paris', '2026-03-10T09:00:00', '2026-03-10T08:00:00.000Z'],
      [`${mine[1]!.id}@fourmiliere.app`, 'Avis en ligne', 'TENTATIVE', 1, 'Europe/Paris', '2026-03-17T14:30:00', '2026-03-17T13:30:00.000Z'],
    ]);
    expect(parsed.events[0]!.stamp).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/);
    // One session alone keeps the same UID.
    const one = await downloadText(page, () => page.getByRole('button', { name: 'Exporter la séance du mardi 17 mars 2026 en .ics' }).click());
    expect(parseIcs(one.text).events.map((e) => e.uid)).toEqual([`${mine[1]!.id}@fourmiliere.app`]);

    // Duplicate, then save the original as a template.
    await page.getByRole('button', { name: 'Dupliquer' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Avis en ligne (copie)' })).toBeVisible();
    await expect(page.getByText('Aucune séance pour l’instant.')).toBeVisible();
    await page.goto(firstUrl);
    await page.getByRole('button', { name: 'Enregistrer comme modèle' }).click();
    await expect(page.getByText('Modèle « Avis en ligne » enregistré.')).toBeVisible();

    // The programme, from the template.
    await page.goto(page.url().replace(/#.*$/, '#/ateliers'));
    await page.getByRole('navigation', { name: 'Sections des ateliers' }).getByRole('link', { name: 'Programme annuel' }).click();
    await page.getByRole('combobox', { name: 'Modèle', exact: true }).selectOption({ label: 'Avis en ligne' });
    await page.getByRole('textbox', { name: 'Date', exact: true }).fill('2026-10-06');
    await page.getByRole('textbox', { name: 'Début', exact: true }).fill('14:00');
    await page.getByRole('textbox', { name: 'Fin', exact: true }).fill('17:00');
    await page.getByRole('button', { name: 'Ajouter au programme' }).click();
    await expect(page.getByText('Atelier « Avis en ligne » ajouté au programme.')).toBeVisible();
    await page.getByLabel('Année').selectOption('2026');
    await expect(page.getByRole('heading', { name: 'Programme des ateliers 2026' })).toBeVisible();
    await expect(page.getByRole('region', { name: /Octobre 2026/ }).getByRole('link', { name: 'Avis en ligne' })).toBeVisible();
    const stored = await app.readTable<StoredWorkshop>('workshops');
    const template = stored.find((w) => w.isTemplate)!;
    expect(stored.find((w) => w.templateId === template.id)?.firstDate).toBe('2026-10-06');

    const csv = await downloadText(page, () => page.getByRole('button', { name: 'Exporter en CSV' }).click());
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text).toContain('06/10/2026;14:00;17:00;Avis en ligne;E-réputation et avis;Pau');
    const programmeIcs = parseIcs((await downloadText(page, () => page.getByRole('button', { name: 'Exporter l’agenda (.ics)' }).click())).text);
    expect(programmeIcs.events.map((e) => e.start)).toEqual(['2026-03-10T09:00:00', '2026-03-10T11:00:00', '2026-03-17T14:30:00', '2026-10-06T14:00:00']);

    // The calendar, in French, weeks starting on Monday.
    await app.goto('/ateliers/calendrier/2026-03-10');
    await expect(page.getByRole('heading', { level: 2, name: 'mars 2026' })).toBeVisible();
    await expect(page.getByRole('columnheader').first()).toHaveText('lun.');
    const tuesday = page.locator('td[data-date="2026-03-10"]');
    await expect(tuesday.getByRole('link', { name: /9\sh–12\sh Avis en ligne · Pau \(annulée\)/ })).toBeVisible();
    await expect(tuesday.getByRole('link', { name: /11\sh–13\sh Instagram/ })).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);
    await page.getByRole('button', { name: 'Semaine' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Semaine du 9 mars 2026' })).toBeVisible();
    await page.getByRole('button', { name: /Suivant/ }).click();
    await expect(page.locator('td[data-date="2026-03-17"]').getByRole('link', { name: /14\sh\s30–17\sh Avis en ligne/ })).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);
  });

  test('filters the list, and deletes a workshop with registrations only after confirming, recoverably', async ({ app, page }) => {
    const workshops = new WorkshopsModel(page);
    await app.start('/ateliers');
    await workshops.create({ title: 'Facebook pour les gîtes', theme: 'Réseaux sociaux', commune: 'Bayonne' });
    await workshops.addSession('2026-05-12', '09:00', '12:00');
    await expect(page.getByRole('row', { name: /12 mai 2026/ })).toBeVisible();
    const id = page.url().split('/').at(-1)!;
    await page.evaluate(
      (workshopId) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('fourmiliere');
          open.onsuccess = () => {
            const tx = open.result.transaction('registrations', 'readwrite');
            const now = new Date().toISOString();
            for (const n of [1, 2]) tx.objectStore('registrations').put({ id: `r${n}`, workshopId, personId: `p${n}`, status: 'inscrit', waitRank: 0, history: [], createdAt: now, updatedAt: now, deletedAt: null, rev: { device: 'e2e', counter: n } });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      id,
    );
    // capacity below the number registered is refused at the field
    await page.getByLabel('Nombre de places').fill('1');
    await page.getByLabel('Titre').fill('Facebook pour les gîtes et campings');
    await page.getByRole('button', { name: 'Enregistrer l’atelier' }).click();
    await expect(page.getByText('Il y a déjà plus d’inscrits que ce nombre de places')).toBeVisible();
    await expect(page.getByLabel('Nombre de places')).toHaveAttribute('aria-invalid', 'true');
    expect((await app.readTable<StoredWorkshop>('workshops')).find((w) => w.id === id)).toMatchObject({ capacity: 12, title: 'Facebook pour les gîtes' });
    await page.getByLabel('Titre').fill('Facebook pour les gîtes');
    await page.getByLabel('Nombre de places').fill('2');
    await page.getByRole('button', { name: 'Enregistrer l’atelier' }).click();
    await expect(page.getByText('Atelier enregistré.')).toBeVisible();
    expect((await app.readTable<StoredWorkshop>('workshops')).find((w) => w.id === id)?.capacity).toBe(2);

    await app.goto('/ateliers');
    await workshops.create({ title: 'Site web', theme: 'Site web', commune: 'Pau' });
    await app.goto('/ateliers');
    await expect(page.getByText('2 ateliers')).toBeVisible();
    await page.getByLabel('Thème').selectOption({ label: 'Réseaux sociaux' });
    await expect(page.getByText('1 atelier')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Facebook pour les gîtes' })).toBeVisible();
    await page.getByLabel('Thème').selectOption({ label: 'Tous' });
    await page.getByLabel('Commune').selectOption({ label: 'Pau' });
    await expect(page.getByRole('link', { name: 'Site web' })).toBeVisible();
    await expect(page.getByText('1 atelier')).toBeVisible();
    await page.getByLabel('Commune').selectOption({ label: 'Toutes les communes' });
    await page.getByLabel('Période').selectOption({ label: 'Dates choisies' });
    await page.getByLabel('Du', { exact: true }).fill('2026-05-01');
    await page.getByLabel('Au', { exact: true }).fill('2026-05-31');
    await expect(page.getByText('1 atelier')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Facebook pour les gîtes' })).toBeVisible();

    await page.getByRole('link', { name: 'Facebook pour les gîtes' }).click();
    await page.getByRole('button', { name: 'Supprimer', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Supprimer cet atelier ?' });
    await expect(dialog).toContainText('2 personnes sont inscrites ou en liste d’attente.');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    expect((await app.readTable<StoredWorkshop>('workshops')).find((w) => w.id === id)?.deletedAt).toBeNull();
    await page.getByRole('button', { name: 'Supprimer', exact: true }).click();
    await dialog.getByRole('button', { name: 'Mettre à la corbeille' }).click();
    await expect(page.getByText('Atelier « Facebook pour les gîtes » mis à la corbeille.')).toBeVisible();
    expect((await app.readTable<StoredWorkshop>('workshops')).find((w) => w.id === id)?.deletedAt).not.toBeNull();
    await page.getByRole('button', { name: 'Voir la corbeille' }).click();
    await page.getByRole('button', { name: 'Restaurer Facebook pour les gîtes' }).click();
    await expect(page.getByText('Atelier « Facebook pour les gîtes » restauré.')).toBeVisible();
    expect((await app.readTable<StoredWorkshop>('workshops')).find((w) => w.id === id)?.deletedAt).toBeNull();
  });

  test('prints the activity report of a period and territory, with charts, tables and CSV', async ({ app, page }) => {
    const workshops = new WorkshopsModel(page);
    await app.start('/ateliers');
    const pau = await workshops.create({ title: 'Facebook', theme: 'Réseaux sociaux', commune: 'Pau' });
    await workshops.addSession('2025-03-10', '09:00', '17:00');
    await expect(page.getByRole('row', { name: /10 mars 2025/ })).toBeVisible();
    await app.goto('/ateliers');
    const bayonne = await workshops.create({ title: 'Avis clients', theme: 'E-réputation et avis', commune: 'Bayonne' });
    await workshops.addSession('2025-04-02', '14:00', '16:30');
    await expect(page.getByRole('row', { name: /2 avril 2025/ })).toBeVisible();
    const sessions = await app.readTable<StoredSession>('sessions');
    const sPau = sessions.find((s) => s.workshopId === pau)!.id;
    const sBayonne = sessions.find((s) => s.workshopId === bayonne)!.id;
    const reg = (id: string, workshopId: string, personId: string) => ({ id, workshopId, personId, status: 'inscrit', waitRank: 0, history: [] });
    await putRows(page, 'registrations', [reg('r1', pau, 'ana'), reg('r2', pau, 'ben'), reg('r3', bayonne, 'ana'), reg('r4', bayonne, 'dan')]);
    const att = (id: string, sessionId: string, personId: string, halfDay: string, status = 'present') => ({ id, context: 'workshop', sessionId, halfDay, personId, role: 'participant', personName: personId, status, signature: null, audit: [] });
    await putRows(page, 'attendance', [att('a1', sPau, 'ana', 'matin'), att('a2', sPau, 'ana', 'apres-midi'), att('a3', sPau, 'ben', 'matin', 'absent'), att('a4', sBayonne, 'ana', 'apres-midi'), att('a5', sBayonne, 'dan', 'apres-midi')]);
    const evaluation = (id: string, subjectId: string, satisfaction: number) => ({ id, context: 'workshop', subjectId, personId: null, kind: 'chaud', answers: { satisfaction }, submittedAt: '2025-04-02T17:00:00.000Z', source: 'papier', dueDate: null, remindersSent: [] });
    await putRows(page, 'evaluations', [evaluation('e1', pau, 5), evaluation('e2', bayonne, 4)]);

    await app.goto('/ateliers/rapport');
    await page.getByLabel('Du', { exact: true }).fill('2025-01-01');
    await page.getByLabel('Au', { exact: true }).fill('2025-12-31');
    await page.getByLabel('Territoire').selectOption({ label: 'Département' });
    await page.getByRole('combobox', { name: 'Département' }).selectOption({ label: '64 — Pyrénées-Atlantiques' });
    const kpis = page.getByTestId('report-kpis');
    await expect(kpis).toContainText('Ateliers réalisés2');
    await expect(kpis).toContainText('Heures d’atelier10 h 30');
    await expect(kpis).toContainText('Participants uniques2');
    await expect(kpis).toContainText('Présences3');
    await expect(kpis).toContainText('Taux de présence75 %');
    await expect(kpis).toContainText('4,5 / 5 (2 réponses)');
    await expect(page.getByRole('img', { name: /Présences — par thème/ })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Par commune' }).getByRole('row', { name: /Bayonne/ })).toContainText('100 %');
    expect(await app.seriousA11yViolations()).toEqual([]);
    const csv = await downloadText(page, () => page.getByRole('button', { name: 'Exporter en CSV' }).click());
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Type de ligne;Libellé;Ateliers réalisés;Séances;Heures d’atelier;Participants uniques;Présences;Taux de présence;Satisfaction moyenne');
    expect(lines[1]).toBe('Total;64 — Pyrénées-Atlantiques;2;2;10,5;2;3;75;4,5');
    expect(lines).toContain('Commune;Pau;1;1;8;1;1;50;5');
  });
});

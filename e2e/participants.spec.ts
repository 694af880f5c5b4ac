import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { extractText, getDocumentProxy } from 'unpdf';
import { test, expect } from './support/app';
import { Directory, seedWorkshop, WorkshopPage, type PersonInput } from './support/participants';

const PEOPLE: PersonInput[] = [
  { firstName: 'Maïté', lastName: 'Arrieta', structure: 'Gîte du Moulin', email: 'maite@moulin.fr', consent: true, commune: 'Pau' },
  { firstName: 'Jon', lastName: 'Bordes', structure: 'Camping du Lac', email: 'jon@lac.fr', consent: true },
  { firstName: 'Lucie', lastName: 'Cazaux', structure: 'Ferme-auberge Bellevue', email: 'lucie@bellevue.fr', consent: false },
];
const name = (p: PersonInput) => `${p.firstName} ${p.lastName}`;

interface Row {
  personId: string;
  status: string;
  history: { status: string }[];
}

test.describe('participants, registrations and the day of the workshop', () => {
  test('directory refuses a bad e-mail and warns of duplicates', async ({ app, page }) => {
    await app.start('/ateliers/participants');
    const directory = new Directory(page);
    await directory.open();
    expect(await app.seriousA11yViolations()).toEqual([]);
    await directory.fill({ ...PEOPLE[0]!, email: 'maite@' });
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByText('Cette adresse e-mail n’est pas valide (exemple : nom@domaine.fr).')).toBeVisible();
    await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
    expect(await app.readTable('providers')).toEqual([]);
    expect(await app.seriousA11yViolations()).toEqual([]);

    await page.getByLabel('Adresse e-mail').fill(PEOPLE[0]!.email);
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Maïté Arrieta' })).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);

    await directory.open();
    await directory.fill({ ...PEOPLE[1]!, email: 'MAITE@moulin.fr' });
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await expect(page.getByText(/Doublon possible\s: 1 personne/)).toBeVisible();
    expect(await app.readTable('providers')).toHaveLength(1);
    const [stored] = await app.readTable<{ communeName: string; consent: { given: boolean; date: string } }>('providers');
    expect(stored?.communeName).toBe('Pau');
    expect(stored?.consent.given).toBe(true);
  });

  test('registers beyond capacity, promotes from the waiting list, signs, evaluates, prints and exports', async ({ app, page }) => {
    test.setTimeout(120_000); // a long story; on a loaded machine it went past the default minute
    // Tuesday 10 March 2026, 11:30 in Paris: during the morning session, signing is open
    await page.clock.setFixedTime(new Date('2026-03-10T11:30:00+01:00'));
    await app.start('/ateliers/participants');
    const directory = new Directory(page);
    for (const person of PEOPLE) await directory.add(person);
    const workshop = await seedWorkshop(page, { title: 'Google Business Profile', theme: 'google', capacity: 2, date: '2026-03-10', animator: 'Camille Etcheverry' });
    const w = new WorkshopPage(page, workshop);
    await w.open();
    await w.registrations();

    // Registrations beyond capacity go to the waiting list.
    for (const person of PEOPLE) await w.register(name(person));
    await expect(page.getByText('2 inscrits pour 2 places — 0 place libre, 1 en liste d’attente.')).toBeVisible();
    const providers = await app.readTable<{ id: string; lastName: string }>('providers');
    const idOf = (lastName: string) => providers.find((p) => p.lastName === lastName)!.id;
    let registrations = await app.readTable<Row>('registrations');
    expect(registrations.find((r) => r.personId === idOf('Cazaux'))?.status).toBe('attente');
    expect(await app.seriousA11yViolations()).toEqual([]);

    // Promote by hand once a place is free.
    await page.getByLabel('Quand une place se libère').uncheck();
    await page.getByRole('button', { name: 'Annuler l’inscription de Jon Bordes' }).click();
    await expect(page.getByText('1 inscrit pour 2 places')).toBeVisible();
    await page.getByRole('button', { name: 'Inscrire Lucie Cazaux depuis la liste d’attente' }).click();
    await expect(page.getByText('2 inscrits pour 2 places — 0 place libre, 0 en liste d’attente.')).toBeVisible();
    registrations = await app.readTable<Row>('registrations');
    const cazaux = registrations.find((r) => r.personId === idOf('Cazaux'))!;
    expect([cazaux.status, cazaux.history.map((h) => h.status)]).toEqual(['inscrit', ['attente', 'inscrit']]);
    expect(registrations.find((r) => r.personId === idOf('Bordes'))?.status).toBe('annule');

    // Attendance: sign on screen with the mouse, mark an absence, the animator attests by typing.
    await w.attendance();
    await page.getByRole('button', { name: 'Faire signer Maïté Arrieta' }).click();
    await w.drawSignature();
    await expect(page.getByText(/signé à \d{1,2}\sh/)).toBeVisible();
    await page.getByRole('group', { name: 'Présence de Lucie Cazaux' }).getByLabel('Absent').check();
    await page.getByRole('button', { name: 'Faire signer Camille Etcheverry' }).click();
    await page.getByRole('button', { name: 'Impossible de dessiner ? Attester en tapant son nom' }).click();
    await page.getByLabel('Nom et prénom tapés').fill('Camille Etcheverry');
    await page.getByLabel('J’atteste sur l’honneur ma présence à cette demi-journée').check();
    await page.getByRole('button', { name: 'Valider la signature' }).click();
    await expect(page.getByText(/attesté \(tapé\) à/)).toBeVisible();
    // A walk-in participant.
    await page.getByLabel('Nom et prénom', { exact: true }).fill('Paul Hirigoyen');
    await page.getByRole('button', { name: 'Ajouter et marquer présent' }).click();
    await expect(page.getByRole('rowheader', { name: /Paul Hirigoyen/ })).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);

    const attendance = await app.readTable<{ personName: string; role: string; status: string; signature: { image: string; signedAt: string; method: string } | null; audit: { action: string }[] }>('attendance');
    const arrieta = attendance.find((a) => a.personName === 'Maïté Arrieta')!;
    expect(arrieta.status).toBe('present');
    expect(arrieta.signature?.image).toMatch(/^data:image\/png;base64,/);
    expect(arrieta.signature?.method).toBe('drawn');
    // time-stamped with the clock of the signing (fixed above)
    expect(arrieta.signature!.signedAt).toBe('2026-03-10T10:30:00.000Z');
    expect(arrieta.audit.map((a) => a.action)).toEqual(['status', 'signature']);
    expect(attendance.find((a) => a.role === 'animateur')?.signature?.method).toBe('typed');
    expect(attendance.find((a) => a.personName === 'Lucie Cazaux')?.status).toBe('absent');
    expect(attendance.find((a) => a.personName === 'Paul Hirigoyen')?.status).toBe('present');

    // The pre-filled sign-in sheet, printed to PDF; only the sheet is printed.
    await page.getByRole('button', { name: 'Feuille signée — Matin' }).click();
    const sheet = page.getByRole('article', { name: 'Feuille d’émargement' });
    await expect(sheet.getByText('Maïté Arrieta')).toBeVisible();
    await expect(sheet.getByRole('img', { name: 'Signature de Maïté Arrieta' })).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
    for (const n of ['Maïté Arrieta', 'Lucie Cazaux', 'Paul Hirigoyen', 'Google Business Profile', 'Camille Etcheverry', 'Salle des fêtes']) expect(text).toContain(n);
    expect(text).not.toContain('Jon Bordes');
    expect(text).not.toContain('Navigation principale');
    expect(text).toMatch(/signé le \d\d\/\d\d\/\d{4}/);
    await page.getByRole('button', { name: 'Fermer' }).click();

    // Attendance CSV, read back as French Excel would.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Présences (CSV)' }).click();
    const download = await downloading;
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Date', 'Début', 'Fin', 'Demi-journée', 'Nom et prénom', 'Structure', 'Rôle', 'Présence', 'Signé le', 'Mode de signature', 'Saisie a posteriori le', 'Raison de la saisie a posteriori']);
    const arrietaRow = rows.find((r) => r[4] === 'Maïté Arrieta')!;
    expect(arrietaRow.slice(0, 8)).toEqual(['10/03/2026', '09:00', '12:00', 'Matin', 'Maïté Arrieta', 'Gîte du Moulin', 'Participant·e', 'Présent']);
    expect(arrietaRow[8]).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    expect(rows.find((r) => r[4] === 'Lucie Cazaux')?.[7]).toBe('Absent');

    // À chaud evaluation on the laptop passed around.
    await w.evaluation();
    await page.getByLabel('Participant·e').selectOption({ label: 'Maïté Arrieta' });
    await page.getByRole('group', { name: 'Satisfaction générale' }).getByLabel('5').check();
    await page.getByRole('group', { name: 'Utilité pour votre activité' }).getByLabel('4').check();
    await page.getByLabel('Ce que vous allez mettre en pratique').fill('Répondre aux avis');
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await expect(page.getByText('1 réponse', { exact: true }).first()).toBeVisible();
    await expect(page.getByRole('cell', { name: '5 / 5' })).toBeVisible();
    await expect(page.getByText('Répondre aux avis')).toBeVisible();
    const evaluations = await app.readTable<{ personId: string; kind: string; answers: Record<string, unknown> }>('evaluations');
    expect(evaluations).toEqual([expect.objectContaining({ personId: idOf('Arrieta'), kind: 'chaud', answers: { satisfaction: 5, usefulness: 4, apply: 'Répondre aux avis' } })]);

    // À froid follow-ups of the people present, months later.
    await page.clock.setFixedTime(new Date('2026-12-03T09:00:00+01:00'));
    await page.getByRole('button', { name: 'Programmer le suivi à froid des présents' }).click();
    await expect(page.getByText('2 suivis à froid programmés.')).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);
    await page.goto('./#/ateliers/suivis');
    await expect(page.getByRole('rowheader', { name: /Maïté Arrieta/ })).toBeVisible();
    await page.getByRole('button', { name: 'Noter l’envoi à Maïté Arrieta' }).click();
    await expect(page.getByText(/1 \(dernière le/)).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);

    // Segments: only people with consent, and the page says so.
    await page.goto('./#/ateliers/segments');
    await expect(page.getByText('Seules les personnes qui ont donné leur accord')).toBeVisible();
    await page.getByLabel('Atelier', { exact: true }).selectOption({ label: 'Google Business Profile (10/03/2026)' });
    await expect(page.getByRole('heading', { name: '1 personne à inviter' })).toBeVisible();
    await expect(page.getByLabel('Adresses à coller dans le champ Cci')).toHaveValue('maite@moulin.fr');
    await page.getByLabel('Les personnes inscrites mais absentes').check();
    await page.getByLabel('Atelier (facultatif)').selectOption({ label: 'Google Business Profile (10/03/2026)' });
    await expect(page.getByText('1 personne correspond aussi mais n’a pas donné son accord')).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);
  });
  test('« Nouvelle personne… » from the registrations tab checks the fields, offers the known person, and registers a new one', async ({ app, page }) => {
    await app.start('/ateliers/participants');
    await new Directory(page).add(PEOPLE[0]!);
    const workshop = await seedWorkshop(page, { title: 'Google Business Profile', theme: 'google', capacity: 10, date: '2026-12-15', animator: 'Camille Etcheverry' });
    const w = new WorkshopPage(page, workshop);
    await w.open();
    await w.registrations();
    await page.getByRole('button', { name: 'Nouvelle personne dans l’annuaire…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle personne, inscrite à l’atelier' });
    await dialog.getByRole('button', { name: 'Créer et inscrire', exact: true }).click();
    await expect(dialog.getByLabel(/^Nom/)).toHaveAttribute('aria-invalid', 'true');
    expect(await app.readTable('providers')).toHaveLength(1);

    // The same e-mail as someone in the directory: registering the known person is offered.
    await dialog.getByLabel('Prénom').fill('Maité');
    await dialog.getByLabel(/^Nom/).fill('Arrieta');
    await dialog.getByLabel('Adresse e-mail').fill('MAITE@moulin.fr');
    await dialog.getByRole('button', { name: 'Créer et inscrire', exact: true }).click();
    await expect(dialog.getByRole('button', { name: 'Inscrire Maïté Arrieta' })).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);

    // Someone else: created with the fields typed, and registered.
    await dialog.getByLabel('Prénom').fill('Ellande');
    await dialog.getByLabel(/^Nom/).fill('Sallaberry');
    await dialog.getByLabel('Structure').fill('Chambres d’hôtes Etxea');
    await dialog.getByLabel('Type d’activité').selectOption({ label: 'Chambres d’hôtes' });
    await dialog.getByLabel('Adresse e-mail').fill('ellande@etxea.fr');
    await dialog.getByLabel('Téléphone').fill('05 59 11 22 33');
    await dialog.getByRole('button', { name: 'Créer et inscrire', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Ellande Sallaberry est inscrit·e.')).toBeVisible();
    const created = (await app.readTable<{ id: string; lastName: string; structure: string; businessType: string; phone: string }>('providers')).find((p) => p.lastName === 'Sallaberry');
    expect(created).toMatchObject({ structure: 'Chambres d’hôtes Etxea', businessType: 'chambre-hotes', phone: '05 59 11 22 33' });
    const registrations = await app.readTable<{ personId: string; workshopId: string; status: string }>('registrations');
    expect(registrations.filter((r) => r.personId === created!.id)).toEqual([expect.objectContaining({ workshopId: workshop.id, status: 'inscrit' })]);
  });
});

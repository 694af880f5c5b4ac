/**
 * An ANT's week: last year's programme copied into this year, a two-half-day
 * workshop taking registrations session by session (8 places each, 10 people: a
 * waiting list per session), a walk-in picked from the people already known, and
 * the programme published — the flyer PDF read back with unpdf, the .ics parsed
 * with ical.js, the CSV with Papa Parse. The clock is set (Paris time) so the
 * story does not depend on the day the suite runs.
 */
import Papa from 'papaparse';
import { expect, test } from './support/app';
import { ORGANISATION, base, printPdf, putRows } from './support/paperwork';
import { downloadText, parseIcs } from './support/workshops';

const FIRST = ['Claire', 'Jon', 'Maite', 'Peio', 'Amaia', 'Xabi', 'Laia', 'Unai', 'Nora', 'Ander', 'Izaro', 'Beñat'];
const LAST = ['Mendiboure', 'Bordes', 'Arrieta', 'Etxeberri', 'Hiriart', 'Lasserre', 'Ocafrain', 'Sallaberry', 'Goyhenetche', 'Irigoyen', 'Haramboure', 'Larralde'];

function person(id: string, firstName: string, lastName: string, email: string, structure: string) {
  return {
    ...base(id),
    firstName,
    lastName,
    structure,
    businessType: 'hebergement',
    communeInsee: '64122',
    communeName: 'Biarritz',
    email,
    phone: '',
    consent: { given: true, date: '2025-10-01', purpose: 'invitations aux ateliers' },
    notes: '',
    lastContactAt: null,
    tokens: [firstName.toLowerCase(), lastName.toLowerCase(), ...structure.toLowerCase().split(/\s+/)],
    sortName: `${lastName.toLowerCase()} ${firstName.toLowerCase()}`,
  };
}

function workshop(id: string, title: string, firstDate: string, changes: Record<string, unknown> = {}) {
  return {
    ...base(id),
    title,
    theme: 'reseaux-sociaux',
    description: '',
    objectives: 'Publier régulièrement et répondre à sa communauté.',
    audience: [],
    prerequisites: '',
    format: 'collectif',
    place: { communeInsee: '64122', communeName: 'Biarritz', address: '1 square d’Ixelles', room: 'Salle Atalaye' },
    capacity: 8,
    animators: ['Camille Etcheverry'],
    status: 'realise',
    accessibility: 'Salle de plain-pied.',
    contact: '05 59 22 37 10',
    agenda: [],
    materials: [],
    materialsNotes: '',
    evaluationQuestions: [],
    isTemplate: false,
    templateId: null,
    firstDate,
    lastDate: firstDate,
    ...changes,
  };
}

const session = (id: string, workshopId: string, start: string, end: string) => ({ ...base(id), workshopId, start, end, sequence: 2, cancelled: false });

test.describe('an ANT’s week', () => {
  test('programme copied from last year, per-session registration with waiting lists, a known walk-in, the public programme read back', async ({ app, page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width: 1366, height: 850 });
    // Monday 2 March 2026, 10:00 in Paris
    await page.clock.setFixedTime(new Date('2026-03-02T10:00:00+01:00'));
    await app.start('/');
    const people = FIRST.slice(0, 10).map((f, i) => person(`p${i + 1}`, f, LAST[i]!, `p${i + 1}@exemple.fr`, `Gîte ${LAST[i]}`));
    await putRows(page, {
      settings: [{ key: 'organisation', value: ORGANISATION }],
      providers: [...people, person('dufau', 'Pierre', 'Dufau', 'pierre.dufau@surf-biarritz.fr', 'Surf Biarritz')],
      // last year: two half-days on Tuesday 11 March 2025, one morning on Thursday 15 May 2025, one cancelled
      workshops: [
        workshop('w25-rs', 'Réseaux sociaux : deux demi-journées', '2025-03-11'),
        workshop('w25-avis', 'Avis en ligne', '2025-05-15', { theme: 'e-reputation' }),
        workshop('w25-off', 'Atelier annulé', '2025-06-10', { status: 'annule' }),
      ],
      sessions: [
        session('s25-am', 'w25-rs', '2025-03-11T09:00', '2025-03-11T12:00'),
        session('s25-pm', 'w25-rs', '2025-03-11T14:00', '2025-03-11T17:00'),
        session('s25-avis', 'w25-avis', '2025-05-15T09:00', '2025-05-15T12:00'),
        session('s25-off', 'w25-off', '2025-06-10T09:00', '2025-06-10T12:00'),
      ],
      registrations: [{ ...base('r25'), workshopId: 'w25-rs', personId: 'p1', status: 'inscrit', waitRank: 0, history: [{ status: 'inscrit', at: '2025-03-01T08:00:00.000Z' }] }],
    });

    // --- the programme copied from last year
    await app.goto('/ateliers/programme');
    await page.getByLabel('Année').selectOption('2025');
    await page.getByRole('button', { name: 'Copier dans 2026' }).click();
    const report = page.getByRole('list', { name: 'Résultat de la copie' });
    await expect(report).toContainText('2 ateliers copiés dans 2026, en brouillon.');
    // 15 May 2025 (Thursday) → Thursday 14 May 2026, Ascension
    await expect(report).toContainText('« Avis en ligne » tombe le jeudi 14 mai 2026, jour férié (Ascension)');
    await expect(page.getByLabel('Année')).toHaveValue('2026');
    await expect(page.getByText('Férié : Ascension')).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);
    const workshops = await app.readTable<{ id: string; title: string; status: string; firstDate: string | null }>('workshops');
    const copies = workshops.filter((w) => w.firstDate?.startsWith('2026'));
    expect(copies.map((w) => [w.title, w.status, w.firstDate]).sort()).toEqual([
      ['Avis en ligne', 'brouillon', '2026-05-14'],
      ['Réseaux sociaux : deux demi-journées', 'brouillon', '2026-03-10'],
    ]);
    const rs = copies.find((w) => w.title.startsWith('Réseaux'))!;
    const sessions = (await app.readTable<{ id: string; workshopId: string; start: string }>('sessions')).filter((s) => s.workshopId === rs.id).sort((a, b) => a.start.localeCompare(b.start));
    expect(sessions.map((s) => s.start)).toEqual(['2026-03-10T09:00', '2026-03-10T14:00']);
    expect((await app.readTable<{ workshopId: string }>('registrations')).filter((r) => r.workshopId === rs.id)).toEqual([]);

    // --- published, then registration session by session, 8 places each
    await app.goto(`/ateliers/${rs.id}`);
    await page.getByLabel('Statut').selectOption({ label: 'Publié' });
    await page.getByRole('button', { name: 'Enregistrer l’atelier' }).click();
    await expect(page.getByText('Atelier enregistré.')).toBeVisible();
    await app.goto(`/ateliers/${rs.id}/inscriptions`);
    await page.getByRole('radio', { name: 'Séance par séance (8 places chacune)' }).check();
    await expect(page.getByText('Mode d’inscription enregistré.')).toBeVisible();
    const sessionPicker = page.getByRole('combobox', { name: 'Séance' });
    await expect(sessionPicker.locator('option')).toHaveText(['mardi 10 mars 2026, 9 h – 12 h : 0 / 8', 'mardi 10 mars 2026, 14 h – 17 h : 0 / 8']);
    const search = page.getByLabel('Chercher dans l’annuaire');
    const registerPerson = async (lastName: string, first: string) => {
      await search.fill(lastName);
      await page.getByRole('button', { name: `Inscrire ${first} ${lastName}` }).click();
      await expect(search).toHaveValue('');
    };
    for (let i = 0; i < 10; i++) await registerPerson(LAST[i]!, FIRST[i]!);
    await expect(page.getByText(`Séance complète : ${FIRST[9]} ${LAST[9]} est en liste d’attente de cette séance (rang 2).`)).toBeVisible();
    const summary = page.getByTestId('registration-summary');
    await expect(summary).toHaveText('8 inscrits pour 8 places — 0 place libre, 2 en liste d’attente.');
    await expect(page.getByRole('heading', { name: 'Liste d’attente (2)' })).toBeVisible();
    // the afternoon has its own places and its own list
    await sessionPicker.selectOption({ index: 1 });
    await expect(summary).toHaveText('0 inscrit pour 8 places — 8 places libres, 0 en liste d’attente.');
    for (let i = 0; i < 10; i++) await registerPerson(LAST[i]!, FIRST[i]!);
    await expect(summary).toHaveText('8 inscrits pour 8 places — 0 place libre, 2 en liste d’attente.');
    expect(await app.seriousA11yViolations()).toEqual([]);
    // the afternoon's convocation gives the afternoon only
    await page.getByRole('button', { name: `Convocation de ${FIRST[0]} ${LAST[0]}` }).click();
    const letter = page.getByRole('article', { name: `Convocation de ${FIRST[0]} ${LAST[0]}` });
    await expect(letter).toContainText('mardi 10 mars 2026, de 14 h à 17 h');
    await expect(letter).not.toContainText('de 9 h à 12 h');
    await page.getByRole('dialog', { name: 'Convocation' }).getByRole('button', { name: 'Fermer' }).click();
    // a place freed in the afternoon goes to the afternoon's first person waiting
    await page.getByRole('button', { name: `Annuler l’inscription de ${FIRST[2]} ${LAST[2]}` }).click();
    await expect(page.getByText(`Place libérée : ${FIRST[8]} ${LAST[8]} passe de la liste d’attente aux inscrits.`)).toBeVisible();
    type Reg = { workshopId: string; personId: string; status: string; sessionId?: string | null; walkIn?: boolean };
    const regs = (await app.readTable<Reg>('registrations')).filter((r) => r.workshopId === rs.id);
    const count = (sessionId: string, status: string) => regs.filter((r) => r.sessionId === sessionId && r.status === status).length;
    expect([count(sessions[0]!.id, 'inscrit'), count(sessions[0]!.id, 'attente'), count(sessions[1]!.id, 'inscrit'), count(sessions[1]!.id, 'attente'), count(sessions[1]!.id, 'annule')]).toEqual([8, 2, 8, 1, 1]);
    // the list shows the counts
    await app.goto('/ateliers');
    // next workshops first (soonest first), then the past ones, most recent first
    const rows = page.getByRole('table').getByRole('row');
    await expect(rows).toHaveCount(6);
    await expect(rows.nth(1)).toContainText('Réseaux sociaux : deux demi-journées10/03/2026');
    await expect(rows.nth(1)).toContainText('16 / 16, 3 en attente (par séance)');
    await expect(rows.nth(1)).toContainText('Complet');
    await expect(rows.nth(2)).toContainText('Avis en ligne14/05/2026');
    await expect(rows.nth(2)).toContainText('0 / 8');
    await expect(rows.nth(3)).toContainText('Atelier annulé10/06/2025');
    await expect(rows.nth(4)).toContainText('Avis en ligne15/05/2025');
    await expect(rows.nth(5)).toContainText('Réseaux sociaux : deux demi-journées11/03/2025');
    await expect(rows.nth(5)).toContainText('1 / 8');

    // --- the morning: Pierre Dufau comes without registering; he is already known
    await page.clock.setFixedTime(new Date('2026-03-10T09:20:00+01:00'));
    await app.goto(`/ateliers/${rs.id}/presences`);
    await page.getByLabel('Séance', { exact: true }).selectOption({ index: 0 });
    await page.getByLabel('Nom et prénom').fill('Pierre Dufau');
    const known = page.getByRole('list', { name: 'Déjà dans l’annuaire' });
    await expect(known).toContainText('Pierre Dufau Surf Biarritz · pierre.dufau@surf-biarritz.fr');
    // creating a new one is not done without a word: the same name is known
    await page.getByRole('button', { name: 'Ajouter et marquer présent', exact: true }).first().click();
    await expect(page.getByRole('alert').filter({ hasText: 'Une personne nommée Pierre Dufau est déjà dans l’annuaire' })).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);
    await known.getByRole('button', { name: 'Ajouter et marquer présent : Pierre Dufau' }).click();
    await expect(page.getByText('Pierre Dufau ajouté·e à la liste.')).toBeVisible();
    const dufaus = (await app.readTable<{ id: string; lastName: string; email: string }>('providers')).filter((p) => p.lastName === 'Dufau');
    expect(dufaus).toEqual([expect.objectContaining({ id: 'dufau', email: 'pierre.dufau@surf-biarritz.fr' })]);
    const walkIn = (await app.readTable<Reg>('registrations')).find((r) => r.personId === 'dufau');
    expect(walkIn).toMatchObject({ status: 'inscrit', walkIn: true, sessionId: sessions[0]!.id });
    const attendance = await app.readTable<{ personId: string; sessionId: string; status: string | null }>('attendance');
    expect(attendance.find((a) => a.personId === 'dufau')).toMatchObject({ sessionId: sessions[0]!.id, status: 'present' });
    // counted apart: « 8 + 1 sur place », and the Informations tab still saves
    await app.goto(`/ateliers/${rs.id}/inscriptions`);
    await expect(summary).toHaveText('8 inscrits + 1 sur place pour 8 places — 0 place libre, 2 en liste d’attente.');
    await app.goto(`/ateliers/${rs.id}`);
    await page.getByLabel('Salle').fill('Salle Atalaye (1er étage)');
    await page.getByRole('button', { name: 'Enregistrer l’atelier' }).click();
    await expect(page.getByText('Atelier enregistré.')).toBeVisible();

    // --- the activity report: the morning counts (its attendance was taken), the afternoon does not yet
    await app.goto('/ateliers/rapport');
    const kpis = page.getByTestId('report-kpis');
    await expect(kpis).toContainText('Séances1');
    await expect(page.getByText('1 séance passée n’a pas de présences relevées')).toBeVisible();
    await expect(page.getByRole('table', { name: 'Participants par activité' })).toContainText('Hébergement (hôtel)11');
    await expect(page.getByRole('table', { name: 'Participants par commune de leur structure' })).toContainText('Biarritz11');
    expect(await app.seriousA11yViolations()).toEqual([]);
    const printed = await printPdf(page, 'week-ant-report');
    expect(printed.text).toContain(ORGANISATION.name);
    expect(printed.text).toContain('Participants par activité');
    // no blank page
    for (const text of printed.pages) expect(text.length).toBeGreaterThan(20);

    // --- the public programme: flyer, agenda, table
    await app.goto('/ateliers/programme');
    await expect(page.getByText('1 atelier encore en brouillon n’y figure pas')).toBeVisible();
    await page.getByRole('button', { name: 'Programme public (PDF)' }).click();
    const overlay = page.getByRole('dialog', { name: 'Programme des ateliers 2026' });
    await expect(overlay.locator('h2.flyer-title')).toHaveText('Programme des ateliers 2026');
    expect(await app.seriousA11yViolations()).toEqual([]);
    const pdf = await printPdf(page, 'week-ant-flyer');
    expect(pdf.pages).toHaveLength(1);
    const flyer = pdf.text;
    for (const expected of [
      ORGANISATION.name,
      'Programme des ateliers 2026',
      'Mardi 10 mars 2026, 9 h – 12 h',
      'Mardi 10 mars 2026, 14 h – 17 h',
      'Réseaux sociaux : deux demi-journées',
      'Salle Atalaye (1er étage), 1 square d’Ixelles, Biarritz',
      'Comment s’inscrire',
      ORGANISATION.phone,
      ORGANISATION.email,
      'Page 1 sur 1',
    ])
      expect(flyer).toContain(expected);
    for (const internal of ['Publié', 'Brouillon', 'Complet', 'Avis en ligne', 'http', 'inscrits', 'attente']) expect(flyer).not.toContain(internal);
    await overlay.getByRole('button', { name: 'Fermer' }).click();

    const ics = await downloadText(page, () => page.getByRole('button', { name: 'Agenda public (.ics)' }).click());
    const calendar = parseIcs(ics.text);
    expect(calendar.events.map((e) => [e.summary, e.start, e.tzid, e.status])).toEqual([
      ['Réseaux sociaux : deux demi-journées', '2026-03-10T09:00:00', 'Europe/Paris', 'CONFIRMED'],
      ['Réseaux sociaux : deux demi-journées', '2026-03-10T14:00:00', 'Europe/Paris', 'CONFIRMED'],
    ]);
    expect(calendar.events.map((e) => e.uid)).toEqual(sessions.map((s) => `${s.id}@fourmiliere.app`));

    const csv = await downloadText(page, () => page.getByRole('button', { name: 'Tableau public (CSV)' }).click());
    const parsed = Papa.parse<Record<string, string>>(csv.text.replace(/^\uFEFF/, ''), { header: true, delimiter: ';', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).not.toContain('Statut');
    expect(parsed.data.map((r) => [r['Date'], r['Début'], r['Fin'], r['Atelier'], r['Commune'], r['Places']])).toEqual([
      ['10/03/2026', '09:00', '12:00', 'Réseaux sociaux : deux demi-journées', 'Biarritz', '8'],
      ['10/03/2026', '14:00', '17:00', 'Réseaux sociaux : deux demi-journées', 'Biarritz', '8'],
    ]);

    // --- the people still waiting are invited to the next session on the same subject
    await putRows(page, {
      workshops: [workshop('w26-rs-april', 'Réseaux sociaux : deux demi-journées', '2026-04-14', { status: 'publie' })],
      sessions: [session('s26-april', 'w26-rs-april', '2026-04-14T09:00', '2026-04-14T12:00')],
    });
    await app.goto('/ateliers/segments');
    await page.getByRole('radio', { name: 'La liste d’attente d’un atelier, à inviter à la prochaine séance' }).check();
    await page.getByRole('combobox', { name: 'Atelier', exact: true }).selectOption(rs.id);
    await expect(page.getByRole('heading', { name: '2 personnes à inviter' })).toBeVisible();
    await expect(page.getByLabel('Adresses à coller dans le champ Cci')).toHaveValue('p9@exemple.fr; p10@exemple.fr');
    await expect(page.getByRole('combobox', { name: 'Prochaine séance sur le même sujet' })).toHaveValue('w26-rs-april');
    expect(await app.seriousA11yViolations()).toEqual([]);
    await page.getByRole('button', { name: 'Inscrire la liste d’attente à « Réseaux sociaux : deux demi-journées »' }).click();
    await expect(page.getByText('« Réseaux sociaux : deux demi-journées » : 2 personnes inscrites.')).toBeVisible();
    const after = await app.readTable<Reg>('registrations');
    expect(after.filter((r) => r.workshopId === rs.id && r.status === 'attente')).toEqual([]);
    expect(after.filter((r) => r.workshopId === 'w26-rs-april').map((r) => [r.personId, r.status]).sort()).toEqual([
      ['p10', 'inscrit'],
      ['p9', 'inscrit'],
    ]);
  });
});

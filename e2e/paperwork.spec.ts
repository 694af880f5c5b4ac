/**
 * Paperwork that passes an audit: the organisation's identity, the date rules seen
 * on screen, and each document printed to PDF and read back (unpdf) — every field
 * present, the page counts right. The clock is set (Paris time) so the story does
 * not depend on the day the suite runs.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './support/app';
import { seedAnimators } from './support/cohorts';
import { ORGANISATION, base, printPdf, putRows } from './support/paperwork';
import { deName } from './support/french';

const FIRST_NAMES = ['Claire', 'Jon', 'Maite', 'Peio', 'Amaia', 'Xabi', 'Laia', 'Unai', 'Nora', 'Ander', 'Izaro', 'Beñat'];
const LAST_NAMES = ['Mendiboure', 'Bordes', 'Arrieta', 'Etxeberri', 'Dufau', 'Hiriart', 'Lasserre', 'Oçafrain', 'Sallaberry', 'Goyhenetche', 'Irigoyen', 'Haramboure'];
const STRUCTURES = ['Gîte Arraioa', 'Camping du Lac', 'Hôtel du Port', 'Ferme Etxea', 'Chambres Ilargi', 'Surf Biarritz', 'Musée de la Mer', 'Cidrerie Txopinondo', 'Meublé Itsasoa', 'Restaurant Bixi', 'Vélos Basques', 'Gîte Ura'];

function providers() {
  return FIRST_NAMES.map((firstName, i) => ({
    ...base(`p${i + 1}`),
    firstName,
    lastName: LAST_NAMES[i],
    structure: STRUCTURES[i],
    businessType: 'hebergement',
    communeInsee: '64122',
    communeName: 'Biarritz',
    email: `p${i + 1}@exemple.fr`,
    phone: '',
    consent: { given: true, date: '2026-10-01', purpose: 'invitations aux ateliers' },
    notes: '',
    lastContactAt: null,
    tokens: [FIRST_NAMES[i]!.toLowerCase(), LAST_NAMES[i]!.toLowerCase()],
    sortName: `${LAST_NAMES[i]!.toLowerCase()} ${FIRST_NAMES[i]!.toLowerCase()}`,
  }));
}

const WORKSHOP = {
  ...base('w-gbp'),
  title: 'Google Business Profile : les bases',
  theme: 'google',
  description: '',
  objectives: 'Mettre à jour sa fiche et répondre aux avis.',
  audience: [],
  prerequisites: 'Venir avec son ordinateur portable.',
  format: 'collectif',
  place: { communeInsee: '64122', communeName: 'Biarritz', address: '1 square d’Ixelles', room: 'Salle Atalaye' },
  capacity: 12,
  animators: ['Camille Etcheverry'],
  status: 'publie',
  accessibility: 'Salle de plain-pied, parking à 50 m.',
  contact: 'Camille Etcheverry — 05 59 22 37 10',
  agenda: [
    { id: 'a1', title: 'Accueil et tour de table', minutes: 15, objective: '', method: '', material: '', tutorialIds: [] },
    { id: 'a2', title: 'Créer et vérifier sa fiche', minutes: 90, objective: '', method: '', material: '', tutorialIds: [] },
    { id: 'a3', title: 'Répondre aux avis', minutes: 105, objective: '', method: '', material: '', tutorialIds: [] },
  ],
  materials: [],
  materialsNotes: '',
  evaluationQuestions: [
    { id: 'q1', label: 'La fiche Google vous paraît-elle plus claire ?', kind: 'scale' },
    { id: 'q2', label: 'Qu’allez-vous changer sur votre fiche cette semaine ?', kind: 'text' },
  ],
  isTemplate: false,
  templateId: null,
  firstDate: '2026-12-08',
  lastDate: '2026-12-08',
};
// Tuesday 8 December 2026, 09:00–12:30 Paris
const SESSION = { ...base('s-gbp'), workshopId: 'w-gbp', start: '2026-12-08T09:00', end: '2026-12-08T12:30', sequence: 0, cancelled: false };

const registrations = () =>
  FIRST_NAMES.map((_, i) => ({ ...base(`r${i + 1}`), workshopId: 'w-gbp', personId: `p${i + 1}`, status: 'inscrit', waitRank: 0, history: [{ status: 'inscrit', at: '2026-11-01T08:00:00.000Z' }] }));

test.describe('paperwork of a workshop', () => {
  test('organisation identity, refused early signing, a-posteriori entry, and the printed sheet, convocations and questionnaires', async ({ app, page }) => {
    test.setTimeout(180_000);
    // Wednesday 2 December 2026, 10:00 in Paris: six days before the workshop
    await page.clock.setFixedTime(new Date('2026-12-02T10:00:00+01:00'));
    await app.start('/reglages/organisme');

    // The organisation's identity: a wrong SIRET and an SVG logo are refused, nothing stored.
    await expect(page.getByRole('heading', { name: 'Identité de l’organisme' })).toBeVisible();
    await page.getByLabel('Nom de l’organisme').fill(ORGANISATION.name);
    await page.getByLabel('Adresse', { exact: true }).fill(ORGANISATION.address);
    await page.getByLabel('Code postal').fill(ORGANISATION.postcode);
    await page.getByLabel('Commune', { exact: true }).fill(ORGANISATION.town);
    await page.getByLabel('Téléphone').fill(ORGANISATION.phone);
    await page.getByLabel('Adresse e-mail').fill(ORGANISATION.email);
    await page.getByLabel('SIRET').fill('732 829 320 00075');
    await page.getByLabel('Numéro de déclaration d’activité (NDA)').fill('7564012346');
    await page.getByLabel('Numéro du certificat Qualiopi (facultatif)').fill(ORGANISATION.qualiopi);
    await page.getByLabel('Nom du ou de la signataire').fill(ORGANISATION.signatoryName);
    await page.getByLabel('Fonction du ou de la signataire').fill(ORGANISATION.signatoryRole);
    await page.getByLabel('Commune de « Fait à »').fill(ORGANISATION.defaultTown);
    await page.getByRole('button', { name: 'Enregistrer l’identité' }).click();
    await expect(page.getByText('Ce SIRET n’est pas valide')).toBeVisible();
    await expect(page.getByText('Le numéro de déclaration d’activité doit compter 11 chiffres.')).toBeVisible();
    expect((await app.readTable<{ key: string }>('settings')).find((r) => r.key === 'organisation')).toBeUndefined();
    await mkdir(test.info().outputDir, { recursive: true });
    const svg = join(test.info().outputDir, 'logo.png');
    await writeFile(svg, '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    let chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choisir un logo…' }).click();
    await (await chooser).setFiles(svg);
    await expect(page.getByText('Ce fichier n’est pas une image PNG ou JPEG (les SVG ne sont pas acceptés).')).toBeVisible();
    chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choisir un logo…' }).click();
    await (await chooser).setFiles(join('e2e', 'fixtures', 'logo-ot.png'));
    await expect(page.getByRole('img', { name: new RegExp(`^Logo\\s: ${ORGANISATION.name}$`) })).toBeVisible();
    await page.getByLabel('SIRET').fill('732 829 320 00074');
    await page.getByLabel('Numéro de déclaration d’activité (NDA)').fill(ORGANISATION.nda);
    await page.getByRole('button', { name: 'Enregistrer l’identité' }).click();
    await expect(page.getByText('Identité de l’organisme enregistrée.')).toBeVisible();
    const stored = (await app.readTable<{ key: string; value: Record<string, string> }>('settings')).find((r) => r.key === 'organisation')!.value;
    expect(stored).toMatchObject({ ...ORGANISATION });
    expect(stored.logo).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    await page.screenshot({ path: join('test-results', 'paperwork', 'organisation.png'), fullPage: true });
    expect(await app.seriousA11yViolations()).toEqual([]);

    await putRows(page, { providers: providers(), workshops: [WORKSHOP], sessions: [SESSION], registrations: registrations() });

    // Before the session: signing is closed, and the screen says when it opens.
    await page.goto('./#/ateliers/w-gbp/presences');
    await expect(page.getByText('La signature à l’écran et les présences ouvriront le mardi 8 décembre 2026 à 9 h')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Faire signer Claire Mendiboure' })).toBeDisabled();
    await expect(page.getByRole('group', { name: 'Présence de Jon Bordes' }).getByLabel('Présent')).toBeDisabled();
    // an apology can be noted ahead
    await page.getByRole('group', { name: 'Présence de Jon Bordes' }).getByLabel('Excusé').check();
    await page.screenshot({ path: join('test-results', 'paperwork', 'presences-before.png') });
    await expect.poll(async () => (await app.readTable<{ status: string }>('attendance')).map((r) => r.status)).toEqual(['excuse']);
    expect(await app.seriousA11yViolations()).toEqual([]);
    // the évaluation à chaud is closed too
    await page.goto('./#/ateliers/w-gbp/evaluation');
    await expect(page.getByText('L’évaluation à chaud ouvrira au début de la séance, le mardi 8 décembre 2026 à 9 h.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Enregistrer l’évaluation' })).toBeDisabled();

    // The convocations, one page each, with sender, date, salutation, clock times, place, contact, signature.
    await page.goto('./#/ateliers/w-gbp/inscriptions');
    await page.getByRole('button', { name: 'Convocations de tous les inscrits (12)' }).click();
    await expect(page.getByRole('article', { name: /^Convocation (de |d’)/ })).toHaveCount(12);
    expect(await app.seriousA11yViolations()).toEqual([]);
    const convocations = await printPdf(page, 'convocations');
    expect(convocations.pages).toHaveLength(12);
    const claire = convocations.pages.find((p) => p.includes('Claire Mendiboure'))!;
    for (const field of [
      ORGANISATION.name,
      '1 square d’Ixelles, 64200 Biarritz',
      'Biarritz, le mercredi 2 décembre 2026',
      'Convocation — Google Business Profile : les bases',
      'Bonjour Claire Mendiboure,',
      'mardi 8 décembre 2026, de 9 h à 12 h 30',
      'Salle Atalaye, 1 square d’Ixelles, Biarritz',
      'Salle de plain-pied, parking à 50 m.',
      '9 h – 9 h 15 Accueil et tour de table',
      '9 h 15 – 10 h 45 Créer et vérifier sa fiche',
      '10 h 45 – 12 h 30 Répondre aux avis',
      'Camille Etcheverry — 05 59 22 37 10',
      'Maïa Etchart Directrice',
    ])
      expect(claire, field).toContain(field);
    expect(claire).not.toContain('(Gîte Arraioa)');
    expect(convocations.text).not.toContain('Navigation principale');
    await page.getByRole('button', { name: 'Fermer' }).click();

    // The paper questionnaires: one page per participant plus a blank one, with the workshop's own questions.
    await page.goto('./#/ateliers/w-gbp/evaluation');
    await page.getByRole('button', { name: 'Imprimer les questionnaires papier (12 + 1 vierge)' }).click();
    const questionnaires = await printPdf(page, 'questionnaires');
    expect(questionnaires.pages).toHaveLength(13);
    for (const p of questionnaires.pages) {
      expect(p).toContain('Évaluation à chaud');
      expect(p).toContain('La fiche Google vous paraît-elle plus claire ?');
      expect(p).toContain('Qu’allez-vous changer sur votre fiche cette semaine ?');
      expect(p).toContain(ORGANISATION.name);
    }
    expect(questionnaires.pages[0]).toContain('Participant·e Amaia Dufau');
    expect(questionnaires.pages[0]).toContain('mardi 8 décembre 2026, 9 h – 12 h 30');
    expect(questionnaires.pages[12]).toContain('Participant·e ……');
    await page.getByRole('button', { name: 'Fermer' }).click();

    // On the day, 09:20: Claire signs on screen, the others are marked.
    await page.clock.setFixedTime(new Date('2026-12-08T09:20:00+01:00'));
    await page.goto('./#/ateliers/w-gbp/presences');
    await expect(page.getByText('Signature ouverte : chaque signature est horodatée.')).toBeVisible();
    await page.getByRole('button', { name: 'Faire signer Claire Mendiboure' }).click();
    const canvas = page.getByTestId('signature-canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 30 + i * 25, box.y + box.height / 2 + (i % 2 ? -25 : 25), { steps: 2 });
    await page.mouse.up();
    await page.getByRole('button', { name: 'Valider la signature' }).click();
    await expect(page.getByRole('img', { name: 'Signature de Claire Mendiboure' })).toBeVisible();
    for (const i of [2, 3, 4, 5, 6, 7, 8, 9]) await page.getByRole('group', { name: `Présence ${deName(`${FIRST_NAMES[i]} ${LAST_NAMES[i]}`)}` }).getByLabel('Présent').check();
    // a wrong tick goes back to « non renseigné », with its reason
    await page.getByRole('group', { name: 'Présence de Laia Lasserre' }).getByLabel('Absent').check();
    await page.getByRole('button', { name: 'Remettre à « non renseigné » : Laia Lasserre' }).click();
    await page.getByRole('dialog').getByLabel('Motif de la correction').fill('Cochée par erreur');
    await page.getByRole('dialog').getByRole('button', { name: 'Remettre à « non renseigné »' }).click();
    await expect(page.getByText('Laia Lasserre : non renseigné.')).toBeVisible();
    await expect.poll(async () => (await app.readTable<{ personId: string; status: string | null }>('attendance')).find((r) => r.personId === 'p7')?.status).toBeNull();

    // The évaluation à chaud is open now; typing Claire's form in again shows her answers and keeps the first ones.
    await page.goto('./#/ateliers/w-gbp/evaluation');
    await page.getByLabel('Participant·e').selectOption({ label: 'Claire Mendiboure' });
    await page.getByRole('group', { name: 'La fiche Google vous paraît-elle plus claire ?' }).getByLabel('4').check();
    await page.getByLabel('Qu’allez-vous changer sur votre fiche cette semaine ?').fill('Les horaires de Noël');
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await expect(page.getByText('1 réponse', { exact: true }).first()).toBeVisible();
    await page.getByLabel('Participant·e').selectOption({ label: 'Claire Mendiboure' });
    await expect(page.getByText(/Correction de l’évaluation de Claire Mendiboure enregistrée le 08\/12\/2026/)).toBeVisible();
    await expect(page.getByRole('group', { name: 'La fiche Google vous paraît-elle plus claire ?' }).getByLabel('4')).toBeChecked();
    await expect(page.getByLabel('Qu’allez-vous changer sur votre fiche cette semaine ?')).toHaveValue('Les horaires de Noël');
    await page.getByRole('group', { name: 'La fiche Google vous paraît-elle plus claire ?' }).getByLabel('2').check();
    await page.getByRole('button', { name: 'Enregistrer l’évaluation' }).click();
    await expect(page.getByText('Évaluation de Claire Mendiboure corrigée ; la version précédente est gardée.')).toBeVisible();
    const evaluations = await app.readTable<{ personId: string; answers: Record<string, unknown>; history: { answers: Record<string, unknown> }[] }>('evaluations');
    expect(evaluations).toHaveLength(1);
    expect(evaluations[0]).toMatchObject({ personId: 'p1', answers: { q1: 2, q2: 'Les horaires de Noël' }, history: [{ answers: { q1: 4, q2: 'Les horaires de Noël' } }] });
    expect(await app.seriousA11yViolations()).toEqual([]);

    // The next day: any entry is a posteriori and needs its reason.
    await page.clock.setFixedTime(new Date('2026-12-09T10:00:00+01:00'));
    await page.goto('./#/ateliers/w-gbp/presences');
    await expect(page.getByText('Cette séance a eu lieu le mardi 8 décembre 2026 : toute saisie est une saisie a posteriori')).toBeVisible();
    const izaro = page.getByRole('group', { name: 'Présence d’Izaro Irigoyen' });
    // refused at once (the tick does not stay), so a click rather than check()
    await izaro.getByLabel('Présent').click();
    await expect(page.getByText('Cette séance est passée : indiquez d’abord la raison de cette saisie a posteriori')).toBeVisible();
    await expect(izaro.getByLabel('Présent')).not.toBeChecked();
    expect((await app.readTable<{ personId: string }>('attendance')).find((r) => r.personId === 'p11')).toBeUndefined();
    await page.getByLabel('Raison de la saisie a posteriori').fill('Feuille papier signée le jour même, saisie le lendemain');
    await izaro.getByLabel('Présent').check();
    await expect(page.getByText(/Saisie a posteriori le 09\/12\/2026\s: Feuille papier signée le jour même/)).toBeVisible();
    await page.screenshot({ path: join('test-results', 'paperwork', 'presences-after.png') });
    const rows = await app.readTable<{ personId: string; status: string; aPosteriori: { reason: string } | null; audit: { aPosteriori?: boolean }[] }>('attendance');
    const late = rows.find((r) => r.personId === 'p11')!;
    expect(late).toMatchObject({ status: 'present', aPosteriori: { reason: 'Feuille papier signée le jour même, saisie le lendemain' } });
    expect(late.audit.at(-1)?.aPosteriori).toBe(true);
    expect(await app.seriousA11yViolations()).toEqual([]);

    // The signed sheet: 12 participants on ONE page, every field present, the late entry with its reason.
    await page.getByRole('button', { name: 'Feuille signée — Matin' }).click();
    await expect(page.getByRole('article', { name: 'Feuille d’émargement' })).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);
    const sheet = await printPdf(page, 'feuille-emargement-signee');
    expect(sheet.pages).toHaveLength(1);
    for (const field of [
      'Feuille d’émargement',
      ORGANISATION.name,
      'Organisateur',
      'Google Business Profile : les bases',
      'mardi 8 décembre 2026 — Matin',
      'de 9 h à 12 h 30 — durée 3 h 30',
      'Salle Atalaye, 1 square d’Ixelles, Biarritz',
      'Camille Etcheverry',
      'signé le 08/12/2026 09:20',
      'Saisie a posteriori le 09/12/2026 10:00 : Feuille papier signée le jour même, saisie le lendemain',
      'Excusé',
      'page 1/1',
      'Signature de l’animateur·rice (Camille Etcheverry)',
    ])
      expect(sheet.text, field).toContain(field);
    for (const name of LAST_NAMES) expect(sheet.text).toContain(name);
  });
});

test.describe('a long sign-in sheet', () => {
  test('20 participants take two pages (14 + 6), numbered, the trainer box with rows on the last', async ({ app, page }) => {
    await page.clock.setFixedTime(new Date('2026-12-02T10:00:00+01:00'));
    await app.start('/ateliers');
    const many = Array.from({ length: 20 }, (_, i) => ({ ...providers()[i % 12]!, id: `q${i + 1}`, firstName: 'Participant', lastName: `Personne${String(i + 1).padStart(2, '0')}` }));
    await putRows(page, {
      settings: [{ key: 'organisation', value: { ...ORGANISATION, logo: '' } }],
      providers: many,
      workshops: [{ ...WORKSHOP, capacity: 30 }],
      sessions: [SESSION],
      registrations: many.map((p, i) => ({ ...base(`rq${i + 1}`), workshopId: 'w-gbp', personId: p.id, status: 'inscrit', waitRank: 0, history: [] })),
    });
    await page.goto('./#/ateliers/w-gbp/presences');
    await page.getByRole('button', { name: 'Feuille vierge — Matin' }).click();
    await expect(page.getByRole('article', { name: /^Feuille d’émargement, page/ })).toHaveCount(2);
    const sheet = await printPdf(page, 'feuille-emargement-20');
    expect(sheet.pages).toHaveLength(2);
    expect(sheet.pages[0]).toContain('page 1/2');
    expect(sheet.pages[1]).toContain('page 2/2');
    expect(sheet.pages[0]).toContain('Personne14');
    expect(sheet.pages[0]).not.toContain('Signature de l’animateur·rice');
    expect(sheet.pages[1]).toContain('Personne15');
    expect(sheet.pages[1]).toContain('Personne20');
    expect(sheet.pages[1]).toContain('Signature de l’animateur·rice (Camille Etcheverry)');
    expect(sheet.pages[1]).toContain('Une signature par personne et par demi-journée.');
  });
});

test.describe('the certificate of completion', () => {
  test('fits one A4 page with the Ministry model fields, says « non évalué », and is refused for 0 h', async ({ app, page }) => {
    test.setTimeout(120_000);
    await page.clock.setFixedTime(new Date('2026-06-25T10:00:00+02:00'));
    await app.start('/promotions');
    await seedAnimators(page, [
      { id: 'a-maite', firstName: 'Maïté', lastName: 'Etxeberria', structureName: 'OT Pays basque', email: 'maite@ot-paysbasque.fr' },
      { id: 'a-bruno', firstName: 'Bruno', lastName: 'Laborde', structureName: 'OT Béarn', email: 'bruno@ot-bearn.fr' },
    ]);
    const cohort = {
      ...base('c1'),
      number: 7,
      nickname: 'Promotion Apidae',
      regionCode: '75',
      oldRegionCode: null,
      organiser: 'MONA',
      trainingBody: 'Campus e-tourisme',
      trainers: ['Anne Lacoste'],
      startDate: '2026-03-01',
      endDate: '2026-06-30',
      places: ['12 rue du Lycée, Pau'],
      status: 'en-cours',
      targetPath: 'Chargé de projets e-tourisme',
      riskThresholdPercent: 70,
      nature: 'Action de formation',
    };
    const modules = [
      { id: 'm1', title: 'Diagnostic numérique de territoire', objectives: 'Conduire un diagnostic numérique auprès des prestataires', criteria: [{ id: 'k1', label: 'Sait conduire un entretien' }, { id: 'k2', label: 'Sait restituer un diagnostic' }] },
      { id: 'm2', title: 'Animer un atelier', objectives: 'Préparer et animer un atelier collectif', criteria: [{ id: 'k3', label: 'Construit un déroulé' }] },
      { id: 'm3', title: 'Données touristiques ouvertes', objectives: 'Alimenter Apidae et DATAtourisme', criteria: [] },
    ].map((m, order) => ({ ...base(m.id), cohortId: 'c1', order, title: m.title, objectives: m.objectives, place: '', trainer: 'Anne Lacoste', tutorialIds: [], criteria: m.criteria, evaluationPlanned: m.criteria.length > 0 }));
    const sessions = [
      ['ms1', 'm1', '2026-03-10', 'matin'],
      ['ms2', 'm1', '2026-03-10', 'apres-midi'],
      ['ms3', 'm2', '2026-04-07', 'matin'],
      ['ms4', 'm3', '2026-05-12', 'matin'],
      ['ms5', 'm3', '2026-06-16', 'matin'],
    ].map(([id, moduleId, date, halfDay]) => ({ ...base(id!), moduleId, cohortId: 'c1', date, halfDay, start: halfDay === 'matin' ? '09:00' : '13:30', end: halfDay === 'matin' ? '12:30' : '17:00', hours: 3.5 }));
    const enrolments = [
      // Maïté: one criterion acquired, one explicitly not, one never assessed
      { ...base('e1'), cohortId: 'c1', animatorId: 'a-maite', status: 'termine', withdrawnAt: null, withdrawReason: '', assessments: { k1: true, k3: false }, completedAt: '2026-06-20' },
      // Bruno left after attending nothing
      { ...base('e2'), cohortId: 'c1', animatorId: 'a-bruno', status: 'abandon', withdrawnAt: '2026-04-01', withdrawReason: 'Changement de poste', assessments: {}, completedAt: null },
    ];
    const mark = (id: string, sessionId: string, halfDay: string, personId: string, status: string) => ({ ...base(id), context: 'module', sessionId, halfDay, personId, role: 'participant', personName: personId, status, signature: null, audit: [], aPosteriori: null });
    const attendance = [
      // Maïté misses the first half-day: her own dates start on 10 March afternoon, end on 12 May
      mark('t1', 'ms1', 'matin', 'a-maite', 'absent'),
      mark('t2', 'ms2', 'apres-midi', 'a-maite', 'present'),
      mark('t3', 'ms3', 'matin', 'a-maite', 'present'),
      mark('t4', 'ms4', 'matin', 'a-maite', 'present'),
      mark('t5', 'ms5', 'matin', 'a-maite', 'absent'),
      mark('t6', 'ms1', 'matin', 'a-bruno', 'absent'),
    ];
    await putRows(page, { settings: [{ key: 'organisation', value: { ...ORGANISATION, logo: '' } }], cohorts: [cohort], modules, moduleSessions: sessions, enrolments, attendance });

    await page.goto('./#/promotions/c1/documents');
    await expect(page.getByText('Pas de certificat pour Bruno Laborde : aucune heure suivie n’est enregistrée (0 h).')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Attestation de Bruno Laborde' })).toHaveCount(0);
    expect(await app.seriousA11yViolations()).toEqual([]);
    await page.getByRole('button', { name: 'Attestation de Maïté Etxeberria' }).click();
    await expect(page.getByRole('article', { name: 'Attestation de Maïté Etxeberria' })).toBeVisible();
    await expect(page.getByText('Avant d’imprimer')).toHaveCount(0);
    expect(await app.seriousA11yViolations()).toEqual([]);
    const certificate = await printPdf(page, 'certificat-realisation');
    expect(certificate.pages).toHaveLength(1);
    for (const field of [
      'Certificat de réalisation',
      ORGANISATION.name,
      'numéro de déclaration d’activité 75640123464',
      'SIRET 732 829 320 00074',
      'Je soussigné·e Maïa Etchart, Directrice, représentant le dispensateur de l’action concourant au développement des compétences Office de tourisme de Biarritz, organisme enregistré',
      'Maïté Etxeberria',
      'OT Pays basque',
      'Chargé de projets e-tourisme (Promotion n° 7 — Promotion Apidae)',
      '☒ action de formation',
      '☐ bilan de compétences',
      '☐ action de VAE',
      '☐ action de formation par apprentissage',
      'qui s’est déroulée du 10/03/2026 au 12/05/2026',
      'pour une durée de 10 h 30 réalisées (sur 17 h 30 prévues)',
      'Sait conduire un entretien Acquis',
      'Sait restituer un diagnostic Non évalué',
      'Construit un déroulé Non acquis',
      'Fait à Biarritz, le 20/06/2026',
      'Cachet et signature du responsable du dispensateur de formation',
    ])
      expect(certificate.text, field).toContain(field);
    expect(certificate.text).not.toContain('Bruno Laborde');
    await page.getByRole('button', { name: 'Fermer' }).click();

    // Without the NDA, the screen says what the certificate lacks before printing.
    await putRows(page, { settings: [{ key: 'organisation', value: { ...ORGANISATION, nda: '', defaultTown: '' } }] });
    await page.getByRole('button', { name: 'Attestation de Maïté Etxeberria' }).click();
    const missing = page.getByRole('status').filter({ hasText: 'Avant d’imprimer' });
    await expect(missing).toContainText('Numéro de déclaration d’activité (NDA)');
    await expect(missing).toContainText('Commune de « Fait à »');
    await page.getByRole('button', { name: 'Fermer' }).click();

    // A promotion that is not a declared training action ends with a plain attestation: no NDA asked, none printed.
    await putRows(page, { cohorts: [{ ...cohort, legalForm: false }] });
    // rows written outside Dexie are not seen by live queries already running
    await page.reload();
    await page.getByRole('button', { name: 'Attestation de Maïté Etxeberria' }).click();
    await expect(missing).toContainText('Commune de « Fait à »');
    await expect(missing).not.toContainText('Numéro de déclaration d’activité (NDA)');
    const attestation = await printPdf(page, 'attestation-simple');
    expect(attestation.pages).toHaveLength(1);
    expect(attestation.text).toContain('Attestation de fin de formation');
    expect(attestation.text).toContain('Je soussigné·e Maïa Etchart, Directrice, représentant l’organisme Office de tourisme de Biarritz,');
    expect(attestation.text).toContain('pour une durée de 10 h 30 réalisées');
    expect(attestation.text).not.toContain('Certificat de réalisation');
    expect(attestation.text).not.toContain('déclaration d’activité');
    expect(attestation.text).not.toContain('☒');
    await page.getByRole('button', { name: 'Fermer' }).click();

    // The paper questionnaire of a module: one page per person of the promotion and a blank one.
    await page.goto('./#/promotions/c1/evaluations');
    await page.getByRole('button', { name: 'Imprimer les questionnaires papier (2 + 1 vierge)' }).click();
    expect(await app.seriousA11yViolations()).toEqual([]);
    const questionnaires = await printPdf(page, 'questionnaires-module');
    expect(questionnaires.pages).toHaveLength(3);
    expect(questionnaires.pages[0]).toContain('Promotion n° 7 — Promotion Apidae — Diagnostic numérique de territoire');
    expect(questionnaires.pages[0]).toContain('mardi 10 mars 2026, 9 h – 12 h 30');
    expect(questionnaires.text).toContain('Satisfaction générale');
  });
});

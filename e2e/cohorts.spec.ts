import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { extractText, getDocumentProxy } from 'unpdf';
import { expect, test } from './support/app';
import { PromotionPage, seedAnimators } from './support/cohorts';

interface AnimatorRow {
  id: string;
  firstName: string;
  status: string;
  cohortId: string | null;
  trainingStart: string | null;
  trainingEnd: string | null;
  trainedYear: number | null;
}

test('a trainer follows a promotion from its creation to the attestation', async ({ app, page }) => {
  test.setTimeout(120_000);
  // Tuesday 10 March 2026 at 17:00 in Paris: both half-days of that day are open for attendance
  await page.clock.setFixedTime(new Date('2026-03-10T17:00:00+01:00'));
  await app.start('/promotions');
  await seedAnimators(page, [
    { id: 'a-maite', firstName: 'Maïté', lastName: 'Etxeberria', structureName: 'OT Pays basque', email: 'maite@ot-paysbasque.fr' },
    { id: 'a-bruno', firstName: 'Bruno', lastName: 'Laborde', structureName: 'OT Béarn', email: 'bruno@ot-bearn.fr' },
    { id: 'a-other', firstName: 'Odile', lastName: 'Sarrade', structureName: 'OT Landes', email: '' },
  ]);
  const promo = new PromotionPage(page);

  // The promotion, run in a pre-2016 region; a wrong date is refused at its field and nothing is saved.
  await app.nav('Promotions').click();
  await expect(page.getByText('Aucune promotion pour l’instant')).toBeVisible();
  expect(await app.seriousA11yViolations()).toEqual([]);
  await page.getByRole('link', { name: 'Nouvelle promotion' }).click();
  await page.getByLabel('Surnom').fill('Promotion Jimdo');
  await page.getByLabel('Ancienne région (avant 2016)').check();
  await page.getByLabel(/^Ancienne région( \*)?$/).selectOption({ label: 'Aquitaine' });
  await expect(page.getByText('Comptée aujourd’hui dans la région Nouvelle-Aquitaine.')).toBeVisible();
  await page.getByLabel('Organisateur').fill('MONA');
  await page.getByLabel('Organisme de formation').fill('Campus e-tourisme');
  await page.getByLabel('Formateurs et formatrices').fill('Anne Lacoste');
  await page.getByLabel('Lieux').fill('Pau');
  await page.getByLabel(/^Date de début/).fill('2026-03-01');
  await page.getByLabel(/^Date de fin/).fill('2026-02-01');
  await page.getByRole('button', { name: 'Créer la promotion' }).click();
  await expect(page.getByText('La fin doit être après le début.')).toBeVisible();
  expect(await app.readTable('cohorts')).toEqual([]);
  expect(await app.seriousA11yViolations()).toEqual([]);
  await page.getByLabel(/^Date de fin/).fill('2026-06-30');
  await page.getByRole('button', { name: 'Créer la promotion' }).click();
  await expect(page.getByRole('heading', { name: 'Promotion n° 1 — Promotion Jimdo', level: 1 })).toBeVisible();
  await expect(page.getByText('Nouvelle-Aquitaine (ex-Aquitaine)')).toBeVisible();
  const [cohort] = await app.readTable<{ id: string; regionCode: string; oldRegionCode: string; trainers: string[] }>('cohorts');
  expect(cohort).toMatchObject({ regionCode: '75', oldRegionCode: '72', trainers: ['Anne Lacoste'] });

  // Modules and their half-day sessions; a session outside the promotion and negative hours are refused.
  await promo.tab('Modules et séances').click();
  await promo.addModule({ title: 'Diagnostic numérique de territoire', objectives: 'Conduire un diagnostic numérique auprès des prestataires', criteria: 'Sait conduire un entretien' });
  const form = promo.sessionForm('Diagnostic numérique de territoire');
  await form.getByLabel('Date').fill('2026-07-15');
  await form.getByLabel('Heures').fill('-3');
  await form.getByRole('button', { name: 'Ajouter la séance' }).click();
  await expect(form.getByText('La séance doit avoir lieu pendant la promotion (du 01/03/2026 au 30/06/2026).')).toBeVisible();
  await expect(form.getByText('Le nombre d’heures ne peut pas être négatif.')).toBeVisible();
  expect(await app.readTable('moduleSessions')).toEqual([]);
  await promo.addSession('Diagnostic numérique de territoire', '2026-03-10', 'Matin');
  await promo.addSession('Diagnostic numérique de territoire', '2026-03-10', 'Après-midi');
  await promo.addModule({ title: 'Animer un atelier', objectives: 'Préparer et animer un atelier collectif', criteria: 'Construit un déroulé' });
  await promo.addSession('Animer un atelier', '2026-04-07', 'Matin');
  await expect(page.getByText('2 modules, 3 demi-journées, 10 h 30 au total')).toBeVisible();
  expect(await app.seriousA11yViolations()).toEqual([]);

  // Enrol two people from the registry and one created on the fly.
  await promo.tab('Participants').click();
  await promo.pick('Etxe', 'Maïté Etxeberria');
  await promo.pick('Labor', 'Bruno Laborde');
  await page.getByRole('button', { name: 'Inscrire (2)' }).click();
  await expect(page.getByRole('rowheader', { name: 'Bruno Laborde' })).toBeVisible();
  await page.getByRole('button', { name: 'Créer une fiche' }).click();
  await page.getByLabel(/^Prénom/).fill('Claire');
  await page.getByLabel(/^Nom( \*)?$/).fill('Dufau');
  await page.getByRole('button', { name: 'Créer et sélectionner' }).click();
  await page.getByRole('button', { name: 'Inscrire (1)' }).click();
  await expect(page.getByRole('rowheader', { name: 'Claire Dufau' })).toBeVisible();
  expect(await app.seriousA11yViolations()).toEqual([]);
  const enrolments = await app.readTable<{ animatorId: string; status: string }>('enrolments');
  expect(enrolments).toHaveLength(3);
  let animators = await app.readTable<AnimatorRow>('animators');
  const claire = animators.find((a) => a.firstName === 'Claire')!;
  expect(enrolments.map((e) => e.animatorId).sort()).toEqual(['a-bruno', 'a-maite', claire.id].sort());
  expect(animators.find((a) => a.id === 'a-maite')).toMatchObject({ status: 'en-formation', cohortId: cohort!.id, trainingStart: '2026-03-01' });
  expect(animators.find((a) => a.id === 'a-other')?.cohortId).toBeNull();

  // First session, on screen: Maïté signs on the canvas, Bruno is absent, Claire present.
  await promo.tab('Modules et séances').click();
  await page.getByRole('link', { name: 'Émargement — 10/03/2026 Matin' }).click();
  await expect(page.getByRole('heading', { name: /Diagnostic numérique de territoire — mardi 10 mars 2026, Matin/ })).toBeVisible();
  await page.getByRole('button', { name: 'Faire signer Maïté Etxeberria' }).click();
  await promo.drawSignature();
  await expect(page.getByRole('img', { name: 'Signature de Maïté Etxeberria' })).toBeVisible();
  await promo.mark('Bruno Laborde', 'Absent');
  await promo.mark('Claire Dufau', 'Présent');
  expect(await app.seriousA11yViolations()).toEqual([]);

  // Second session, ticked from the paper sheet.
  await promo.tab('Modules et séances').click();
  await page.getByRole('link', { name: 'Émargement — 10/03/2026 Après-midi' }).click();
  await page.getByLabel('Depuis la feuille papier').check();
  await promo.mark('Maïté Etxeberria', 'Présent');
  await promo.mark('Bruno Laborde', 'Absent');
  await promo.mark('Claire Dufau', 'Excusé');
  expect(await app.seriousA11yViolations()).toEqual([]);
  const attendance = await app.readTable<{ personId: string; status: string; halfDay: string; context: string; signature: { method: string; signedAt: string } | null }>('attendance');
  const maiteMorning = attendance.find((a) => a.personId === 'a-maite' && a.halfDay === 'matin')!;
  expect(maiteMorning).toMatchObject({ context: 'module', status: 'present' });
  expect(maiteMorning.signature?.method).toBe('drawn');
  // time-stamped with the clock of the signing (fixed above)
  expect(maiteMorning.signature!.signedAt).toBe('2026-03-10T16:00:00.000Z');
  expect(attendance.filter((a) => a.personId === 'a-bruno').map((a) => a.status)).toEqual(['absent', 'absent']);
  // the rest of the story happens months later
  await page.clock.setFixedTime(new Date('2026-12-03T09:00:00+01:00'));

  // The dashboard: the grid, the hours, who is at risk and why.
  await promo.tab('Tableau de bord').click();
  const grid = page.getByRole('table', { name: 'Présences de chaque personne à chaque demi-journée' });
  const bruno = grid.getByRole('row', { name: /Bruno Laborde/ });
  await expect(bruno).toContainText(/0\sh sur 10\sh\s30/);
  await expect(bruno).toContainText('À risque');
  await expect(grid.getByRole('row', { name: /Maïté Etxeberria/ })).toContainText(/7\sh sur 10\sh\s30/);
  await expect(grid.getByRole('row', { name: /Maïté Etxeberria/ })).not.toContainText('À risque');
  const risks = page.getByRole('region', { name: 'Personnes à accompagner' }).or(page.locator('section[aria-labelledby="cohort-risk"]'));
  await expect(risks.getByRole('listitem').filter({ hasText: 'Bruno Laborde' })).toContainText('deux séances manquées d’affilée ; sous le seuil d’heures');
  await expect(risks.getByRole('listitem').filter({ hasText: 'Claire Dufau' })).toContainText('sous le seuil d’heures');
  await expect(page.getByRole('table', { name: 'Progression par journée' }).getByRole('row', { name: /10\/03\/2026/ })).toContainText('7 h');
  expect(await app.seriousA11yViolations()).toEqual([]);

  // The cohort as CSV, read back as French Excel would.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter la promotion (CSV)' }).click();
  const csv = await readFile((await (await downloading).path())!, 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const rows = Papa.parse<string[]>(csv.slice(1), { delimiter: ';', skipEmptyLines: true }).data;
  expect(rows[0]).toEqual([
    'Nom', 'Prénom', 'E-mail', 'Structure', 'Statut', 'Date de sortie', 'Date de fin de parcours',
    '10/03/2026 Matin — Diagnostic numérique de territoire', '10/03/2026 Après-midi — Diagnostic numérique de territoire', '07/04/2026 Matin — Animer un atelier',
    'Heures suivies', 'Heures prévues', 'Pourcentage',
  ]);
  expect(rows.find((r) => r[0] === 'Etxeberria')).toEqual(['Etxeberria', 'Maïté', 'maite@ot-paysbasque.fr', 'OT Pays basque', 'En cours', '', '', 'Présent', 'Présent', '', '7', '10,5', '66,67']);
  expect(rows.find((r) => r[0] === 'Dufau')?.slice(7, 10)).toEqual(['Présent', 'Excusé', '']);

  // Maïté completes the path: the registry follows, the undo brings it back.
  await grid.getByRole('link', { name: 'Maïté Etxeberria' }).click();
  await page.getByRole('checkbox', { name: 'Sait conduire un entretien' }).check();
  await page.getByLabel('Date de fin de parcours').fill('2026-06-20');
  await page.getByRole('button', { name: 'Parcours terminé' }).click();
  await expect(page.getByText('Maïté Etxeberria : Terminé. L’annuaire est à jour.')).toBeVisible();
  expect(await app.seriousA11yViolations()).toEqual([]);
  animators = await app.readTable<AnimatorRow>('animators');
  expect(animators.find((a) => a.id === 'a-maite')).toMatchObject({ status: 'forme', cohortId: cohort!.id, trainingStart: '2026-03-01', trainingEnd: '2026-06-20', trainedYear: 2026 });
  expect((await app.readTable<{ animatorId: string; status: string; completedAt: string }>('enrolments')).find((e) => e.animatorId === 'a-maite')).toMatchObject({ status: 'termine', completedAt: '2026-06-20' });
  await page.getByRole('button', { name: 'Annuler', exact: true }).click();
  await expect(page.getByText('Modification annulée, dans la promotion et dans l’annuaire.')).toBeVisible();
  animators = await app.readTable<AnimatorRow>('animators');
  expect(animators.find((a) => a.id === 'a-maite')).toMatchObject({ status: 'en-formation', trainingEnd: null, trainedYear: null });
  expect((await app.readTable<{ animatorId: string; status: string }>('enrolments')).find((e) => e.animatorId === 'a-maite')?.status).toBe('en-cours');
  await page.getByRole('button', { name: 'Parcours terminé' }).click();
  await expect(page.getByText('Parcours achevé le 20/06/2026.')).toBeVisible();

  // Her attestation, printed to PDF and read back.
  await page.getByRole('button', { name: 'Attestation de fin de formation' }).click();
  const attestation = page.getByRole('article', { name: 'Attestation de Maïté Etxeberria' });
  await expect(attestation).toBeVisible();
  expect(await app.seriousA11yViolations()).toEqual([]);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  await page.emulateMedia({ media: 'screen' });
  const { text: raw } = await extractText(await getDocumentProxy(new Uint8Array(pdf)), { mergePages: true });
  const text = raw.replace(/\s+/g, ' '); // table cells wrap lines
  for (const expected of ['Certificat de réalisation', 'Maïté Etxeberria', 'Conduire un diagnostic numérique auprès des prestataires', 'Préparer et animer un atelier collectif', 'Campus e-tourisme', '☒ action de formation', 'Sait conduire un entretien', 'Acquis']) expect(text).toContain(expected);
  // her own dates and the hours she attended, not the promotion's
  expect(text).toContain('qui s’est déroulée du 10/03/2026 au 10/03/2026');
  expect(text).toContain('pour une durée de 7 h réalisées (sur 10 h 30 prévues)');
  expect(text).toContain('Sait conduire un entretien Acquis');
  expect(text).not.toContain('Navigation principale');
  expect(text).not.toContain('Bruno Laborde');
  await page.getByRole('button', { name: 'Fermer' }).click();

  // All attestations at once, the signed sign-in sheet and the convocations of a session.
  await promo.tab('Attestations').click();
  expect(await app.seriousA11yViolations()).toEqual([]);
  // Bruno attended nothing: no certificate for him, and the screen says why
  await expect(page.getByText('Pas de certificat pour Bruno Laborde : aucune heure suivie n’est enregistrée (0 h).')).toBeVisible();
  await page.getByRole('button', { name: 'Toutes les attestations (2)' }).click();
  await expect(page.getByRole('article', { name: /^Attestation de / })).toHaveCount(2);
  await page.getByRole('button', { name: 'Fermer' }).click();
  await promo.tab('Modules et séances').click();
  await page.getByRole('link', { name: 'Émargement — 10/03/2026 Matin' }).click();
  await page.getByRole('button', { name: 'Feuille d’émargement signée' }).click();
  const sheet = page.getByRole('article', { name: 'Feuille d’émargement' });
  await expect(sheet.getByRole('img', { name: 'Signature de Maïté Etxeberria' })).toBeVisible();
  await expect(sheet).toContainText('Anne Lacoste');
  await expect(sheet).toContainText('Absent');
  expect(await app.seriousA11yViolations()).toEqual([]);
  await page.getByRole('button', { name: 'Fermer' }).click();
  await page.getByRole('button', { name: 'Convocations' }).click();
  const convocation = page.getByRole('article', { name: 'Convocation de Claire Dufau' });
  await expect(convocation).toContainText('mardi 10 mars 2026');
  await expect(convocation).toContainText('Conduire un diagnostic numérique auprès des prestataires');
  await expect(page.getByRole('article', { name: /^Convocation (de |d’)/ })).toHaveCount(3);
  await page.getByRole('button', { name: 'Fermer' }).click();

  // Évaluation à froid at the end of the path: one follow-up per person still in the promotion.
  await promo.tab('Évaluations').click();
  await page.getByRole('button', { name: 'Programmer les évaluations à froid' }).click();
  await expect(page.getByText('3 évaluations à froid programmées.')).toBeVisible();
  const followUps = await app.readTable<{ context: string; subjectId: string; kind: string; dueDate: string }>('evaluations');
  expect(followUps.filter((e) => e.context === 'cohort' && e.subjectId === cohort!.id && e.kind === 'froid')).toHaveLength(3);
  expect(await app.seriousA11yViolations()).toEqual([]);
});

test('enrolling nobody, and attendance for someone who left, are refused with a French message', async ({ app, page }) => {
  await app.start('/promotions');
  await seedAnimators(page, [{ id: 'a-jon', firstName: 'Jon', lastName: 'Bordes', structureName: 'OT Bayonne', email: '' }]);
  await page.getByRole('link', { name: 'Nouvelle promotion' }).click();
  await page.getByLabel(/^Date de début/).fill('2026-09-01');
  await page.getByLabel(/^Date de fin/).fill('2026-12-15');
  await page.getByRole('button', { name: 'Créer la promotion' }).click();
  await expect(page.getByRole('heading', { name: 'Promotion n° 1', level: 1 })).toBeVisible();
  const promo = new PromotionPage(page);
  await promo.tab('Participants').click();
  await page.getByRole('button', { name: 'Inscrire (0)' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Choisissez au moins une personne dans l’annuaire.' })).toBeVisible();
  await promo.pick('Bord', 'Jon Bordes');
  await page.getByRole('button', { name: 'Inscrire (1)' }).click();
  await page.getByRole('link', { name: 'Jon Bordes' }).click();
  await page.getByRole('button', { name: 'Enregistrer l’abandon' }).click();
  await expect(page.getByText('Indiquez le motif (3 caractères au moins).')).toBeVisible();
  expect((await app.readTable<{ status: string }>('enrolments'))[0]?.status).toBe('en-cours');
  await page.getByLabel(/^Date de sortie/).fill('2026-10-01');
  await page.getByLabel(/^Motif/).fill('Changement de poste');
  await page.getByRole('button', { name: 'Enregistrer l’abandon' }).click();
  await expect(page.getByText('Sortie le 01/10/2026 : Changement de poste')).toBeVisible();
  expect((await app.readTable<{ id: string; status: string }>('animators')).find((a) => a.id === 'a-jon')?.status).toBe('abandon');
  expect(await app.seriousA11yViolations()).toEqual([]);
});

test('a plan of modules is taken from a previous promotion, on creation and later from the Modules tab', async ({ app, page }) => {
  test.setTimeout(120_000);
  await app.start('/promotions/nouvelle');
  const promo = new PromotionPage(page);
  await page.getByLabel('Surnom').fill('Promotion Jimdo');
  await page.getByLabel(/^Date de début/).fill('2026-03-02');
  await page.getByLabel(/^Date de fin/).fill('2026-06-30');
  // No earlier promotion: nothing to copy from is offered.
  await expect(page.getByLabel('Copier les modules d’une promotion précédente')).toHaveCount(0);
  await page.getByRole('button', { name: 'Créer la promotion' }).click();
  await expect(page.getByRole('heading', { name: 'Promotion n° 1 — Promotion Jimdo', level: 1 })).toBeVisible();
  await promo.tab('Modules et séances').click();
  await promo.addModule({ title: 'Diagnostic numérique de territoire', objectives: 'Conduire un diagnostic', criteria: 'Sait conduire un entretien' });
  await promo.addSession('Diagnostic numérique de territoire', '2026-03-10', 'Matin');

  // A new promotion takes it on creation: the module and its half-day, moved to its own dates.
  await app.goto('/promotions/nouvelle');
  await page.getByLabel('Surnom').fill('Promotion Wix');
  await page.getByLabel(/^Date de début/).fill('2026-09-07');
  await page.getByLabel(/^Date de fin/).fill('2026-12-18');
  const from = page.getByLabel('Copier les modules d’une promotion précédente');
  await expect(from).toHaveAccessibleDescription('Objectifs, critères et tutoriels sont repris ; les séances sont décalées aux dates de cette promotion.');
  await from.selectOption({ label: 'Promotion n° 1 — Promotion Jimdo' });
  await page.getByRole('button', { name: 'Créer la promotion' }).click();
  await expect(page.getByRole('heading', { name: 'Promotion n° 2 — Promotion Wix', level: 1 })).toBeVisible();
  const cohorts = await app.readTable<{ id: string; number: number }>('cohorts');
  const second = cohorts.find((c) => c.number === 2)!.id;
  const modules = () => app.readTable<{ cohortId: string; title: string; objectives: string }>('modules').then((all) => all.filter((m) => m.cohortId === second));
  expect(await modules()).toEqual([expect.objectContaining({ title: 'Diagnostic numérique de territoire', objectives: 'Conduire un diagnostic' })]);
  const sessions = (await app.readTable<{ cohortId: string; date: string }>('moduleSessions')).filter((s) => s.cohortId === second);
  expect(sessions.map((s) => s.date)).toEqual(['2026-09-15']);

  // Later, from the Modules tab: the plan again, added after what is there.
  await promo.tab('Modules et séances').click();
  await page.getByLabel('Copier les modules d’une promotion précédente').selectOption({ label: 'Promotion n° 1 — Promotion Jimdo' });
  await page.getByRole('button', { name: 'Copier les modules' }).click();
  await expect(page.getByText(/1 module et 1 séance copiés/)).toBeVisible();
  expect(await modules()).toHaveLength(2);
  expect(await app.seriousA11yViolations()).toEqual([]);
});

/**
 * A trainer's week, from the home page: the next module of a promotion is convoked
 * by e-mail drafts (a zip of .eml files read back with fflate, mailparser and
 * ical.js), the J-2 reminders prepared, the incomplete sheet completed, and the
 * people at risk shown; each line of « À faire » clears once its work is done.
 */
import { mkdir } from 'node:fs/promises';
import { expect, test } from './support/app';
import { seedAnimators } from './support/cohorts';
import { downloadDrafts, toAddress } from './support/mail';
import { base, ORGANISATION, putRows } from './support/paperwork';

const TRAINER = { name: 'Anne Lacoste', structure: 'MONA — Mission des offices de tourisme', region: 'Nouvelle-Aquitaine', role: 'formateur' as const };
const NNBSP = '\u202f';
const NBSP = '\u00a0';

const session = (id: string, moduleId: string, date: string, halfDay: 'matin' | 'apres-midi') => ({
  ...base(id),
  moduleId,
  cohortId: 'c-jimdo',
  date,
  halfDay,
  start: halfDay === 'matin' ? '09:00' : '13:30',
  end: halfDay === 'matin' ? '12:30' : '17:00',
  hours: 3.5,
});
const mark = (sessionId: string, personId: string, name: string, status: 'present' | 'absent') => ({
  ...base(`att-${sessionId}-${personId}`),
  context: 'module',
  sessionId,
  halfDay: 'matin',
  personId,
  role: 'participant',
  personName: name,
  status,
  signature: null,
  aPosteriori: null,
  audit: [{ at: '2026-03-02T11:00:00.000Z', device: 'e2e', action: 'status', from: null, to: status, reason: '', previous: null }],
});

test('a trainer convokes the next module, sends the reminders and follows the people at risk from the home page', async ({ app, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 850 });
  // Monday 9 March 2026, 10:00 in Paris: the second module starts on Wednesday
  await page.clock.setFixedTime(new Date('2026-03-09T10:00:00+01:00'));
  await app.start('/', TRAINER);
  await expect(page.getByText('Ce qui est à faire pour vos promotions')).toBeVisible();
  await expect(page.getByText(/Rien d’urgent/)).toBeVisible();
  await expect(page.getByText('Aucune sauvegarde téléchargée depuis ce navigateur')).toBeVisible();

  // The promotion as planned in its screens: one module held last week, the next one on Wednesday.
  await seedAnimators(page, [
    { id: 'a-maite', firstName: 'Maïté', lastName: 'Etxeberria', structureName: 'OT Pays basque', email: 'maite@ot-paysbasque.fr' },
    { id: 'a-bruno', firstName: 'Bruno', lastName: 'Laborde', structureName: 'OT Béarn', email: 'bruno@ot-bearn.fr' },
    { id: 'a-chloe', firstName: 'Chloé', lastName: 'Dufau', structureName: 'OT Landes', email: 'chloe@ot-landes.fr' },
  ]);
  await putRows(page, {
    settings: [{ key: 'organisation', value: ORGANISATION }],
    cohorts: [
      {
        ...base('c-jimdo'), number: 12, nickname: 'Promotion Jimdo', regionCode: '75', oldRegionCode: null, organiser: 'MONA', trainingBody: 'Campus e-tourisme', trainers: ['Anne Lacoste'],
        startDate: '2026-03-01', endDate: '2026-06-30', places: ['CCI de Pau'], status: 'en-cours', targetPath: 'Parcours ANT', riskThresholdPercent: 70, contact: 'Anne Lacoste — 06 00 00 00 00', accessInfo: 'Parking gratuit, salle au rez-de-chaussée.', legalForm: true,
      },
    ],
    modules: [
      { ...base('m-diag'), cohortId: 'c-jimdo', order: 0, title: 'Diagnostic numérique', objectives: 'Conduire un diagnostic.', place: 'CCI de Pau', trainer: 'Anne Lacoste', tutorialIds: [], criteria: [], evaluationPlanned: false },
      { ...base('m-social'), cohortId: 'c-jimdo', order: 1, title: 'Réseaux sociaux et e-réputation', objectives: 'Répondre aux avis en ligne.', place: 'CCI de Pau', trainer: 'Anne Lacoste', tutorialIds: [], criteria: [], evaluationPlanned: false },
    ],
    moduleSessions: [session('ms-1', 'm-diag', '2026-03-02', 'matin'), session('ms-2', 'm-diag', '2026-03-03', 'matin'), session('ms-3', 'm-social', '2026-03-11', 'matin'), session('ms-4', 'm-social', '2026-03-11', 'apres-midi')],
    enrolments: ['a-maite', 'a-bruno', 'a-chloe'].map((a) => ({ ...base(`e-${a}`), cohortId: 'c-jimdo', animatorId: a, status: 'en-cours', withdrawnAt: null, withdrawReason: '', assessments: {}, completedAt: null })),
    // Bruno missed both half-days; Chloé's second morning was never typed in
    attendance: [
      mark('ms-1', 'a-maite', 'Maïté Etxeberria', 'present'),
      mark('ms-1', 'a-bruno', 'Bruno Laborde', 'absent'),
      mark('ms-1', 'a-chloe', 'Chloé Dufau', 'present'),
      mark('ms-2', 'a-maite', 'Maïté Etxeberria', 'present'),
      mark('ms-2', 'a-bruno', 'Bruno Laborde', 'absent'),
    ],
  });

  // The home page says what is due, for a trainer (read afresh: the rows above were written behind the app's back).
  await page.reload();
  const section = (name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
  await expect(section('Prochaines séances').getByRole('listitem')).toHaveCount(2);
  await expect(section('Prochaines séances')).toContainText(`Réseaux sociaux et e-réputation · Promotion n° 12 — Promotion Jimdo — mercredi 11 mars 2026, 9${NBSP}h`);
  await expect(section('Feuilles d’émargement incomplètes')).toContainText(`Diagnostic numérique · Promotion n° 12 — Promotion Jimdo — mardi 3 mars 2026, Matin${NNBSP}: 1 personne sans présence notée`);
  await expect(section('Convocations à envoyer')).toContainText('3 personnes à convoquer');
  await expect(section('Rappels J-2 à envoyer').getByRole('listitem')).toHaveCount(2);
  const atRisk = section('Personnes à risque dans les promotions');
  await expect(atRisk.getByRole('link', { name: 'Voir le suivi de Bruno Laborde' })).toBeVisible();
  await expect(atRisk).toContainText('Promotion n° 12 — Promotion Jimdo : 2 personnes à risque');
  await expect(atRisk).toContainText('Bruno Laborde — deux séances manquées de suite, sous le seuil d’assiduité');
  await expect(atRisk.getByRole('link', { name: 'Voir le suivi de Chloé Dufau' })).toBeVisible();
  expect(await app.seriousA11yViolations()).toEqual([]);
  await mkdir('test-results/agenda', { recursive: true });
  await page.screenshot({ path: 'test-results/agenda/home-trainer.png', fullPage: true });

  // « Convoquer tous » on the next module: one draft per person, zipped.
  await section('Convocations à envoyer').getByRole('link', { name: /Réseaux sociaux/ }).click();
  await expect(page.getByRole('heading', { name: 'Réseaux sociaux et e-réputation', level: 2 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Convoquer tous au prochain module : Réseaux sociaux et e-réputation (3)' })).toBeVisible();
  const tools = page.getByRole('region', { name: 'Réseaux sociaux et e-réputation' }).getByRole('group').filter({ hasText: 'Convocations et rappels par e-mail' });
  await tools.getByText('Convocations et rappels par e-mail').click();
  expect(await app.seriousA11yViolations()).toEqual([]);
  const { name, drafts } = await downloadDrafts(page, () => tools.getByRole('button', { name: 'Convoquer tous (3) : Réseaux sociaux et e-réputation' }).click());
  expect(name).toBe('Convocations-Reseaux-sociaux-et-e-reputation.zip');
  expect(drafts.map((d) => d.file).sort()).toEqual(['Convocation-Bruno-Laborde.eml', 'Convocation-Chloe-Dufau.eml', 'Convocation-Maite-Etxeberria.eml']);
  const maite = drafts.find((d) => d.file === 'Convocation-Maite-Etxeberria.eml')!;
  expect(maite.mail.headers.get('x-unsent')).toBe('1');
  expect(toAddress(maite.mail)).toBe('maite@ot-paysbasque.fr');
  expect(maite.mail.from?.value[0]).toEqual({ name: 'Office de tourisme de Biarritz', address: 'formation@biarritz.fr' });
  expect(maite.mail.subject).toBe('Convocation — Promotion n° 12 — Promotion Jimdo — Réseaux sociaux et e-réputation — mercredi 11 mars 2026');
  expect(maite.mail.text).toContain('Bonjour Maïté Etxeberria,');
  expect(maite.mail.text).toContain(`- mercredi 11 mars 2026 (Après-midi), de 13${NBSP}h${NBSP}30 à 17${NBSP}h`);
  expect(maite.mail.text).toContain('Parking gratuit, salle au rez-de-chaussée.');
  expect(maite.events.map((e) => [e.uid, e.tzid, e.start, e.startUtc, e.sequence])).toEqual([
    ['ms-3@fourmiliere.app', 'Europe/Paris', '2026-03-11T09:00:00', '2026-03-11T08:00:00.000Z', 0],
    ['ms-4@fourmiliere.app', 'Europe/Paris', '2026-03-11T13:30:00', '2026-03-11T12:30:00.000Z', 0],
  ]);
  await expect(page.getByText('3 brouillons enregistrés dans un .zip')).toBeVisible();
  // each enrolment now says when it was convoked, and how
  await expect(tools.getByRole('row', { name: /Maïté Etxeberria/ })).toContainText('envoyée le 9 mars 2026 à 10 h (brouillon .eml)');
  const enrolments = await app.readTable<{ id: string; contacts?: { kind: string; channel: string; subjectId: string; at: string }[] }>('enrolments');
  expect(enrolments.map((e) => e.contacts)).toEqual(Array(3).fill([{ kind: 'convocation', channel: 'eml', subjectId: 'm-social', at: '2026-03-09T09:00:00.000Z' }]));

  // Back home: the convocations line is gone; the reminders are prepared from there.
  await app.goto('/');
  await expect(section('Prochaines séances')).toBeVisible();
  await expect(section('Convocations à envoyer')).toHaveCount(0);
  const reminders = section('Rappels J-2 à envoyer');
  const morning = await downloadDrafts(page, () => reminders.getByRole('button', { name: /^Préparer les rappels.*9\sh$/ }).click());
  expect(morning.drafts).toHaveLength(3);
  expect(morning.drafts[0]!.mail.subject).toBe(`Rappel — Réseaux sociaux et e-réputation — mercredi 11 mars 2026 à 9${NBSP}h`);
  expect(morning.drafts[0]!.events.map((e) => e.uid)).toEqual(['ms-3@fourmiliere.app']);
  await expect(reminders.getByRole('listitem')).toHaveCount(1);
  await downloadDrafts(page, () => reminders.getByRole('button', { name: /Préparer les rappels/ }).click());
  await expect(section('Rappels J-2 à envoyer')).toHaveCount(0);

  // The sheet left incomplete: completed from the paper copy, with the reason it comes late.
  await section('Feuilles d’émargement incomplètes').getByRole('link', { name: /Compléter la feuille/ }).click();
  await page.getByLabel('Depuis la feuille papier').check();
  await page.getByLabel('Raison de la saisie a posteriori').fill('Feuille papier signée le jour même, saisie ce lundi');
  const chloe = page.getByRole('group', { name: 'Présence de Chloé Dufau' });
  await chloe.getByLabel('Présent').click();
  await expect(chloe.getByLabel('Présent')).toBeChecked();
  await app.goto('/');
  await expect(section('Prochaines séances')).toBeVisible();
  await expect(section('Feuilles d’émargement incomplètes')).toHaveCount(0);
  // Chloé attended both half-days: only Bruno is still at risk
  await expect(section('Personnes à risque dans les promotions').getByRole('link', { name: /Voir le suivi de/ })).toHaveCount(1);
  await section('Personnes à risque dans les promotions').getByRole('link', { name: 'Voir le suivi de Bruno Laborde' }).click();
  await expect(page.getByRole('heading', { name: /Bruno Laborde/ })).toBeVisible();
  expect(await app.seriousA11yViolations()).toEqual([]);
});

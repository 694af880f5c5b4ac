/**
 * The ANT's side of « À faire »: a workshop on Wednesday with people registered and
 * one waiting; « Convoquer tous » from the home page saves the drafts (read back with
 * fflate, mailparser and ical.js) and the line disappears; a place freed for the
 * person waiting brings back one convocation to send, and only that one.
 * Plus the home page with the demo data, at an office laptop's size.
 */
import { mkdir } from 'node:fs/promises';
import { expect, test } from './support/app';
import { downloadDrafts, toAddress } from './support/mail';
import { ORGANISATION, putRows } from './support/paperwork';
import { Directory, seedWorkshop, WorkshopPage } from './support/participants';

const NBSP = '\u00a0';

test('an ANT convokes everyone from the home page and the line clears', async ({ app, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 850 });
  // Monday 9 March 2026, 10:00 in Paris
  await page.clock.setFixedTime(new Date('2026-03-09T10:00:00+01:00'));
  await app.start('/');
  await expect(page.getByText('Ce qui est à faire pour vos ateliers')).toBeVisible();
  await expect(page.getByText(/Rien d’urgent/)).toBeVisible();
  expect(await app.seriousA11yViolations()).toEqual([]);

  await putRows(page, { settings: [{ key: 'organisation', value: ORGANISATION }] });
  const workshop = await seedWorkshop(page, { title: 'Google Business Profile', theme: 'google', capacity: 2, date: '2026-03-11', animator: 'Camille Etcheverry' });
  const directory = new Directory(page);
  await directory.add({ firstName: 'Maïté', lastName: 'Arrieta', structure: 'Gîte Arrieta', email: 'maite@gite-arrieta.fr', consent: true });
  await directory.add({ firstName: 'Jon', lastName: 'Etxart', structure: 'Camping Etxart', email: 'jon@camping-etxart.fr', consent: true });
  await directory.add({ firstName: 'Pierre', lastName: 'Dufau', structure: 'Restaurant Dufau', email: 'pierre@dufau.fr', consent: true });
  const w = new WorkshopPage(page, workshop);
  await w.open();
  await w.registrations();
  await w.register('Maïté Arrieta');
  await w.register('Jon Etxart');
  await w.register('Pierre Dufau');

  // Home: the session, the convocations and reminders to send, the person waiting.
  await app.goto('/');
  const section = (name: string) => page.getByRole('region', { name: new RegExp(`^${name}`) });
  await expect(section('Prochaines séances')).toContainText(`Google Business Profile — mercredi 11 mars 2026, 9${NBSP}h`);
  await expect(section('Prochaines séances')).toContainText('2 personnes attendues');
  await expect(section('Convocations à envoyer')).toContainText('2 personnes à convoquer');
  await expect(section('Rappels J-2 à envoyer')).toContainText('2 rappels à envoyer');
  await expect(section('Personnes en attente d’une place')).toContainText('1 personne en attente, aucune place libre');
  expect(await app.seriousA11yViolations()).toEqual([]);
  await mkdir('test-results/agenda', { recursive: true });
  await page.screenshot({ path: 'test-results/agenda/home-ant.png', fullPage: true });

  // « Convoquer tous » on the line: a zip with one draft per person registered.
  const { name, drafts } = await downloadDrafts(page, () => section('Convocations à envoyer').getByRole('button', { name: 'Convoquer tous : Google Business Profile' }).click());
  expect(name).toBe('Convocations-Google-Business-Profile.zip');
  expect(drafts.map((d) => toAddress(d.mail)).sort()).toEqual(['jon@camping-etxart.fr', 'maite@gite-arrieta.fr']);
  const maite = drafts.find((d) => toAddress(d.mail) === 'maite@gite-arrieta.fr')!;
  expect(maite.mail.headers.get('x-unsent')).toBe('1');
  expect(maite.mail.subject).toBe('Convocation — Google Business Profile — mercredi 11 mars 2026');
  expect(maite.mail.text).toContain('Bonjour Maïté Arrieta,');
  expect(maite.mail.text).toContain('Nous avons le plaisir de confirmer votre inscription à l’atelier');
  expect(maite.mail.text).toContain(`- mercredi 11 mars 2026, de 9${NBSP}h à 12${NBSP}h`);
  expect(maite.events.map((e) => [e.uid, e.summary, e.tzid, e.startUtc, e.sequence])).toEqual([[`${workshop.sessionId}@fourmiliere.app`, 'Google Business Profile', 'Europe/Paris', '2026-03-11T08:00:00.000Z', 0]]);
  await expect(section('Convocations à envoyer')).toHaveCount(0);
  await expect(section('Rappels J-2 à envoyer')).toBeVisible();

  // The registrations tab says who was convoked, when and how.
  await w.open();
  await w.registrations();
  const tools = page.getByRole('region', { name: 'Convocations et rappels par e-mail' });
  await expect(tools.getByRole('row', { name: /Maïté Arrieta/ })).toContainText('envoyée le 9 mars 2026 à 10 h (brouillon .eml)');
  expect(await app.seriousA11yViolations()).toEqual([]);

  // Jon cancels: Pierre gets his place, and only Pierre is still to convoke.
  await page.getByRole('button', { name: 'Annuler l’inscription de Jon Etxart' }).click();
  await expect(page.getByText(/Pierre Dufau passe de la liste d’attente aux inscrits/)).toBeVisible();
  await app.goto('/');
  await expect(section('Personnes en attente d’une place')).toHaveCount(0);
  await expect(section('Convocations à envoyer')).toContainText('1 personne à convoquer');
  const single = await downloadDrafts(page, () => section('Convocations à envoyer').getByRole('button', { name: 'Convoquer tous : Google Business Profile' }).click());
  expect(single.name).toBe('Convocation-Pierre-Dufau.eml');
  expect(single.drafts.map((d) => toAddress(d.mail))).toEqual(['pierre@dufau.fr']);
  await expect(section('Convocations à envoyer')).toHaveCount(0);
  const registrations = await app.readTable<{ personId: string; status: string; contacts?: { kind: string; channel: string }[] }>('registrations');
  expect(registrations.filter((r) => r.status === 'inscrit').map((r) => r.contacts?.map((c) => `${c.kind}/${c.channel}`))).toEqual([['convocation/eml'], ['convocation/eml']]);

  // One click from a next session to its own attendance sheet (the workshop's second session here).
  const base = { createdAt: '2026-03-09T09:00:00.000Z', updatedAt: '2026-03-09T09:00:00.000Z', deletedAt: null, rev: { device: 'e2e', counter: 1 } };
  await putRows(page, { sessions: [{ ...base, id: 's-second', workshopId: workshop.id, start: '2026-03-18T14:00', end: '2026-03-18T17:00', sequence: 0, cancelled: false }] });
  await page.reload();
  await expect(section('Prochaines séances').getByRole('listitem')).toHaveCount(2);
  await section('Prochaines séances').getByRole('link', { name: /^Ouvrir la feuille de présence : Google Business Profile, mercredi 18 mars 2026/ }).click();
  await expect(page.getByLabel('Séance')).toHaveValue('s-second');
  expect(await app.seriousA11yViolations()).toEqual([]);

  // An à froid follow-up fell due: its reminder is a draft too, and the line clears.
  const maiteId = (await app.readTable<{ id: string; lastName: string }>('providers')).find((p) => p.lastName === 'Arrieta')!.id;
  await putRows(page, {
    evaluations: [{ ...base, id: 'ev-froid', context: 'workshop', subjectId: workshop.id, personId: maiteId, kind: 'froid', answers: {}, submittedAt: null, source: 'ecran', dueDate: '2026-03-01', remindersSent: [] }],
  });
  await app.goto('/');
  await page.reload();
  const followUps = section('Questionnaires à froid à relancer');
  await expect(followUps).toContainText('Google Business Profile : 1 relance due depuis le 01/03/2026');
  const reminder = await downloadDrafts(page, () => followUps.getByRole('button', { name: 'Préparer les relances : Google Business Profile' }).click());
  expect(reminder.name).toBe('Relance-Maite-Arrieta.eml');
  expect(reminder.drafts[0]!.mail.subject).toBe('Votre avis quelques semaines après « Google Business Profile »'.replace('« ', '«\u202f').replace(' »', '\u202f»'));
  expect(reminder.drafts[0]!.mail.headers.get('x-unsent')).toBe('1');
  expect(reminder.drafts[0]!.mail.attachments).toEqual([]);
  await expect(followUps).toHaveCount(0);
  const [evaluation] = await app.readTable<{ remindersSent: string[]; contacts: { kind: string; channel: string }[] }>('evaluations');
  expect(evaluation).toMatchObject({ remindersSent: ['2026-03-09T09:00:00.000Z'], contacts: [{ kind: 'relance', channel: 'eml' }] });
});

test('the home page with the demo data, at 1366×850', async ({ app, page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 850 });
  await app.start('/reglages');
  await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
  await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible({ timeout: 60_000 });
  await app.goto('/');
  await expect(page.getByRole('region', { name: 'Sauvegardes' })).toContainText('Aucune sauvegarde téléchargée');
  await expect(page.getByText('Calcul de ce qui est à faire…')).toHaveCount(0);
  expect(await app.seriousA11yViolations()).toEqual([]);
  await mkdir('test-results/agenda', { recursive: true });
  await page.screenshot({ path: 'test-results/agenda/home-demo-ant.png' });
  await page.screenshot({ path: 'test-results/agenda/home-demo-ant-full.png', fullPage: true });
});

/**
 * The drafts read back by independent parsers: mailparser for the message (headers,
 * UTF-8 subject and text, the attachment), ical.js for the .ics inside it, fflate for
 * the zip.
 */
import ICAL from 'ical.js';
import { simpleParser, type ParsedMail } from 'mailparser';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRecord } from '../../db/records';
import type { Evaluation, Registration, WorkshopSession } from '../../domain/workshops';
import { translate, type Translate } from '../../i18n';
import { freshDb } from '../../test/db';
import { addSession, createCohort, enrol, saveModule, updateSession } from '../promotions/repository';
import { emptyCohortForm, emptyModuleForm, emptySessionForm, formOfSession } from '../promotions/validation';
import { saveOrganisation } from '../settings/organisation';
import { sessionUid } from '../workshops/ics';
import { seedPerson, seedWorkshop } from '../workshops/registrations/fixtures';
import { register } from '../workshops/registrations/repository';
import { followUpReminders, MailSetupError, moduleConvocations, moduleReminders, workshopConvocations, workshopReminders, type MailContext } from './drafts';
import { buildEml, mailtoHref, zipDrafts } from './mail';

const t: Translate = (key, params) => translate('fr', key, params);
const NOW = new Date('2026-03-02T09:00:00Z');
const ctx: MailContext = { t, locale: 'fr', sender: 'Camille Etcheverry', now: NOW };
const NNBSP = '\u202f';
/** clock times: « 9 h 30 » with no-break spaces (i18n/format.ts) */
const NBSP = '\u00a0';

beforeEach(async () => {
  freshDb();
  await saveOrganisation({ name: 'Office de tourisme Cœur de Béarn', email: 'ateliers@ot-bearn.fr', phone: '05 59 00 00 00', signatoryName: 'Hélène Darrigrand', signatoryRole: 'directrice' });
});
afterEach(() => ICAL.TimezoneService.reset());

function calendarOf(mail: ParsedMail) {
  const attachment = mail.attachments.find((a) => a.contentType === 'text/calendar');
  if (!attachment) throw new Error('no .ics attached');
  const vcalendar = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8')));
  for (const zone of vcalendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { attachment, events: vcalendar.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c)) };
}

async function workshopWithPeople() {
  const { workshop, session } = await seedWorkshop(
    {
      title: 'Réussir sa fiche Google — « avis » et photos',
      capacity: 8,
      accessibility: 'Salle de plain-pied, boucle magnétique.',
      prerequisites: 'Avoir ses identifiants Google.',
      contact: 'Léa — 05 59 12 34 56',
      objectives: 'Mettre à jour sa fiche.',
      agenda: [
        { id: 'a', title: 'Accueil café', minutes: 15, objective: '', method: '', material: '', tutorialIds: [] },
        { id: 'b', title: 'Créer ou réclamer sa fiche', minutes: 75, objective: '', method: '', material: '', tutorialIds: [] },
      ],
    },
    ['2026-03-10T09:30', '2026-03-10T12:00'],
  );
  const maite = await seedPerson('Etxeberria', { email: 'maite@gite-etxea.fr' });
  const noMail = await seedPerson('Sans-Adresse', { email: '' });
  const regA = await register(workshop, maite.id, {}, NOW);
  const regB = await register(workshop, noMail.id, {}, NOW);
  return { workshop, session, regA, regB, maite };
}

describe('workshop convocations as .eml drafts', () => {
  it('writes one draft per person with an address, read back by mailparser with its .ics by ical.js', async () => {
    const { workshop, session, regA } = await workshopWithPeople();
    const batch = await workshopConvocations(workshop.id, ctx);
    expect(batch.withoutAddress).toEqual(['Alex Sans-Adresse']);
    expect(batch.recordIds).toEqual([regA.id]);
    expect(batch.files.map((f) => f.name)).toEqual(['Convocation-Alex-Etxeberria.eml']);
    const mail = await simpleParser(batch.files[0]!.content);
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.subject).toBe('Convocation — Réussir sa fiche Google — « avis » et photos — mardi 10 mars 2026');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0] : null).toEqual({ name: 'Alex Etxeberria', address: 'maite@gite-etxea.fr' });
    expect(mail.from?.value[0]).toEqual({ name: 'Office de tourisme Cœur de Béarn', address: 'ateliers@ot-bearn.fr' });
    expect(mail.date?.toISOString()).toBe(NOW.toISOString());
    const text = mail.text ?? '';
    expect(text).toContain('Bonjour Alex Etxeberria,');
    expect(text).toContain(`- mardi 10 mars 2026, de 9${NBSP}h${NBSP}30 à 12${NBSP}h`);
    expect(text).toContain(`Lieu${NNBSP}: Salle A, 1 place Royale, Pau`);
    expect(text).toContain('Salle de plain-pied, boucle magnétique.');
    expect(text).toContain('Avoir ses identifiants Google.');
    expect(text).toContain('Léa — 05 59 12 34 56');
    expect(text).toContain(`9${NBSP}h${NBSP}45 – 11${NBSP}h  Créer ou réclamer sa fiche`);
    expect(text).toContain('Hélène Darrigrand, directrice\nOffice de tourisme Cœur de Béarn');

    const { attachment, events } = calendarOf(mail);
    expect(attachment.filename).toBe('atelier.ics');
    expect(events).toHaveLength(1);
    const [event] = events;
    expect(event?.uid).toBe(sessionUid(session));
    expect(event?.summary).toBe(workshop.title);
    expect(event?.location).toBe('Salle A, 1 place Royale, Pau');
    expect(event?.startDate.zone.tzid).toBe('Europe/Paris');
    expect(event?.startDate.toString()).toBe('2026-03-10T09:30:00');
    expect(event?.startDate.toJSDate().toISOString()).toBe('2026-03-10T08:30:00.000Z');
    expect(event?.endDate.toJSDate().toISOString()).toBe('2026-03-10T11:00:00.000Z');
    expect(event?.sequence).toBe(0);
  });

  it('encodes the subject as UTF-8 and keeps lines short', () => {
    const eml = buildEml({ from: { name: 'OT', addr: 'ot@exemple.fr' }, to: { name: 'Zoé Œuvray', addr: 'zoe@exemple.fr' }, subject: 'Été : Œuvre — « à froid »', body: 'Ligne\nsuivante', date: NOW });
    const headers = eml.split('\r\n\r\n')[0]!;
    expect(headers).toMatch(/^Subject: =\?utf-8\?B\?[A-Za-z0-9+/=]+\?=$/m);
    // nothing but ASCII in the headers, CRLF line ends, no line beyond RFC 5322's 998
    expect(/^[\x20-\x7e\r\n\t]*$/.test(eml)).toBe(true);
    expect(eml.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(eml).toMatch(/\r\nX-Unsent: 1\r\n/);
  });

  it('refuses without the organisation’s address, and names the problem', async () => {
    const { workshop } = await workshopWithPeople();
    await saveOrganisation({ name: 'OT sans adresse', email: '' });
    await expect(workshopConvocations(workshop.id, ctx)).rejects.toBeInstanceOf(MailSetupError);
    expect(t(new MailSetupError().key)).toContain('Réglages › Organisme');
  });

  it('writes the J-2 reminder of one session and zips several drafts', async () => {
    const { workshop, session } = await workshopWithPeople();
    const other = await seedPerson('Ibarra', { email: 'ibarra@exemple.fr' });
    await register(workshop, other.id, {}, NOW);
    const batch = await workshopReminders(session.id, ctx);
    expect(batch.subjectId).toBe(session.id);
    expect(batch.files.map((f) => f.name)).toEqual(['Rappel-Alex-Etxeberria.eml', 'Rappel-Alex-Ibarra.eml']);
    const unzipped = unzipSync(zipDrafts(batch.files));
    expect(Object.keys(unzipped)).toEqual(['Rappel-Alex-Etxeberria.eml', 'Rappel-Alex-Ibarra.eml']);
    const mail = await simpleParser(strFromU8(unzipped['Rappel-Alex-Ibarra.eml']!));
    expect(mail.subject).toBe(`Rappel — ${workshop.title} — mardi 10 mars 2026 à 9${NBSP}h${NBSP}30`);
    expect(mail.text).toContain('En cas d’empêchement, merci de prévenir');
    expect(calendarOf(mail).events.map((e) => e.uid)).toEqual([sessionUid(session)]);
  });
});

describe('per-session registrations', () => {
  it('convokes a person to the session chosen, and reminds only the people of that session', async () => {
    const { workshop, session: morning } = await seedWorkshop({ title: 'Deux demi-journées', capacity: 8 }, ['2026-03-10T09:00', '2026-03-10T12:00']);
    const afternoon = createRecord<WorkshopSession>({ workshopId: workshop.id, start: '2026-03-10T14:00', end: '2026-03-10T17:00', sequence: 0, cancelled: false });
    const { getDb } = await import('../../db/database');
    await getDb().sessions.put(afternoon);
    const [am, pm] = [await seedPerson('Matin', { email: 'matin@exemple.fr' }), await seedPerson('Soir', { email: 'soir@exemple.fr' })];
    const reg = (personId: string, sessionId: string) => ({ ...createRecord<Registration>({ workshopId: workshop.id, personId, status: 'inscrit', waitRank: 0, history: [] }), sessionId }) as Registration;
    await getDb().registrations.bulkPut([reg(am.id, morning.id), reg(pm.id, afternoon.id)]);
    const batch = await workshopConvocations(workshop.id, ctx);
    const mails = await Promise.all(batch.files.map((f) => simpleParser(f.content)));
    const byTo = new Map(mails.map((m) => [m.to && !Array.isArray(m.to) ? m.to.value[0]?.address : '', m]));
    expect(calendarOf(byTo.get('matin@exemple.fr')!).events.map((e) => e.uid)).toEqual([sessionUid(morning)]);
    expect(calendarOf(byTo.get('soir@exemple.fr')!).events.map((e) => e.uid)).toEqual([sessionUid(afternoon)]);
    expect(byTo.get('soir@exemple.fr')!.text).toContain(`de 14${NBSP}h à 17${NBSP}h`);
    expect(byTo.get('soir@exemple.fr')!.text).not.toContain(`de 9${NBSP}h à 12${NBSP}h`);
    const reminders = await workshopReminders(afternoon.id, ctx);
    expect(reminders.texts.map((x) => x.to)).toEqual(['soir@exemple.fr']);
  });
});

describe('module convocations', () => {
  async function cohortModule() {
    const cohort = await createCohort({ ...emptyCohortForm(4, '75', 'Anne Lacoste'), nickname: 'Jimdo', startDate: '2026-03-01', endDate: '2026-06-30', status: 'en-cours', places: 'CCI de Pau' });
    const animators = ['Maïté Etxeberria|maite@ot.fr', 'Bruno Laborde|', 'Odile Sarrade|odile@ot.fr'].map((s) => {
      const [name, email] = s.split('|') as [string, string];
      const [firstName, lastName] = name.split(' ') as [string, string];
      return createRecord({ firstName, lastName, email, phone: '', structureName: 'OT', structureType: 'office-tourisme', jobTitle: '', communeInsee: '', communeName: '', postalCode: '', departmentCode: '64', regionCode: '75', status: 'en-formation', cohortId: null, trainingStart: null, trainingEnd: null, trainedYear: null, specialities: [], languages: [], notes: '', consent: { given: false, date: null, purpose: '' }, lastContactAt: null, tokens: [], sortName: lastName.toLowerCase() } as never);
    });
    const { getDb } = await import('../../db/database');
    await getDb().animators.bulkPut(animators as never);
    const enrolments = await enrol(cohort.id, (animators as unknown as { id: string }[]).map((a) => a.id));
    const module = await saveModule(cohort.id, { ...emptyModuleForm('Anne Lacoste', ''), title: 'Réseaux sociaux et e-réputation', objectives: 'Répondre aux avis.' });
    const morning = await addSession(module.id, emptySessionForm('2026-03-12', 'matin'));
    const afternoon = await addSession(module.id, emptySessionForm('2026-03-12', 'apres-midi'));
    return { cohort, module, morning, afternoon, enrolments };
  }

  it('convokes each person following the promotion to the module, with its half-days in the .ics', async () => {
    const { module, morning, afternoon } = await cohortModule();
    const batch = await moduleConvocations(module.id, ctx);
    expect(batch.withoutAddress).toEqual(['Bruno Laborde']);
    expect(batch.files.map((f) => f.name)).toEqual(['Convocation-Maite-Etxeberria.eml', 'Convocation-Odile-Sarrade.eml']);
    const mail = await simpleParser(batch.files[0]!.content);
    expect(mail.subject).toBe('Convocation — Promotion n° 4 — Jimdo — Réseaux sociaux et e-réputation — jeudi 12 mars 2026');
    expect(mail.headers.get('x-unsent')).toBe('1');
    expect(mail.text).toContain('Bonjour Maïté Etxeberria,');
    expect(mail.text).toContain(`- jeudi 12 mars 2026 (Matin), de 9${NBSP}h à 12${NBSP}h${NBSP}30`);
    expect(mail.text).toContain(`- jeudi 12 mars 2026 (Après-midi), de 13${NBSP}h${NBSP}30 à 17${NBSP}h`);
    expect(mail.text).toContain(`Lieu${NNBSP}: CCI de Pau`);
    expect(mail.text).toContain('Merci de signer la feuille d’émargement');
    const { events } = calendarOf(mail);
    expect(events.map((e) => [e.uid, e.startDate.toString(), e.endDate.toString(), e.location, e.sequence])).toEqual([
      [sessionUid(morning), '2026-03-12T09:00:00', '2026-03-12T12:30:00', 'CCI de Pau', 0],
      [sessionUid(afternoon), '2026-03-12T13:30:00', '2026-03-12T17:00:00', 'CCI de Pau', 0],
    ]);
    expect(events[0]?.summary).toContain('Réseaux sociaux et e-réputation');
  });

  it('keeps the UID and raises SEQUENCE when a session moves', async () => {
    const { morning } = await cohortModule();
    const moved = await updateSession(morning.id, { ...formOfSession(morning), start: '09:30' });
    const batch = await moduleReminders(moved.id, ctx);
    const { events } = calendarOf(await simpleParser(batch.files[0]!.content));
    expect(events.map((e) => [e.uid, e.sequence, e.startDate.toString()])).toEqual([[sessionUid(morning), 1, '2026-03-12T09:30:00']]);
    // a change that does not move it keeps the sequence
    const same = await updateSession(moved.id, { ...formOfSession(moved), hours: '3' });
    expect(same.sequence).toBe(1);
  });
});

describe('follow-up reminders and mailto', () => {
  it('drafts the à froid questions to each person', async () => {
    const { workshop, maite } = await workshopWithPeople();
    const { getDb } = await import('../../db/database');
    const e = createRecord<Evaluation>({ context: 'workshop', subjectId: workshop.id, personId: maite.id, kind: 'froid', answers: {}, submittedAt: null, source: 'ecran', dueDate: '2026-04-10', remindersSent: [] });
    await getDb().evaluations.put(e);
    const batch = await followUpReminders([e.id], ctx);
    expect(batch.table).toBe('evaluations');
    const mail = await simpleParser(batch.files[0]!.content);
    expect(mail.attachments).toEqual([]);
    expect(mail.subject).toContain('Votre avis quelques semaines après');
    expect(mail.text).toContain('Avez-vous mis en pratique ce que vous avez appris');
  });

  it('builds a mailto: link whose subject and body decode back', () => {
    const href = mailtoHref('léa@exemple.fr', 'Convocation — « Été »', 'Bonjour Léa,\n\nÀ bientôt & merci');
    const url = new URL(href);
    expect(url.protocol).toBe('mailto:');
    expect(decodeURIComponent(url.pathname)).toBe('léa@exemple.fr');
    expect(url.searchParams.get('subject')).toBe('Convocation — « Été »');
    expect(url.searchParams.get('body')).toBe('Bonjour Léa,\n\nÀ bientôt & merci');
    expect(href.startsWith('mailto:l%C3%A9a@exemple.fr?')).toBe(true);
  });

  it('shortens a body too long for a link, at a line, and says so', () => {
    const body = Array.from({ length: 200 }, (_, i) => `Ligne ${i} : été, « accents »`).join('\n');
    const href = mailtoHref('lea@exemple.fr', 'Sujet', body, '[…] suite dans le brouillon');
    expect(href.length).toBeLessThanOrEqual(4000);
    const read = new URL(href).searchParams.get('body')!;
    expect(read.startsWith('Ligne 0 : été, « accents »\nLigne 1')).toBe(true);
    expect(read.endsWith('\n\n[…] suite dans le brouillon')).toBe(true);
    expect(body.startsWith(read.split('\n\n[…]')[0]!)).toBe(true);
  });
});

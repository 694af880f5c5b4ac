/**
 * The évaluation à chaud answered on the participants' phones. The real collect
 * server (electron/lib/collect-server.ts) runs in this test process on 127.0.0.1;
 * the app page gets a stand-in for the Electron preload whose collect methods reach
 * that server, and whose answer handler is the renderer function the Electron event
 * calls. A phone (mobile viewport, its own browser context) fills the served page;
 * the answers are read back from the app's IndexedDB.
 */
import { request } from 'node:http';
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { devices, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './support/app';
import { useDesktopBridge } from './support/desktop-bridge';
import { base, putRows } from './support/paperwork';
import { startCollect, type CollectHandle } from '../electron/lib/collect-server';

const SHOTS = process.env.COLLECT_SHOTS_DIR;
const PHONE = { ...devices['Pixel 7'], viewport: { width: 390, height: 844 } };

/** Yesterday in Paris: the session has started, the évaluation à chaud is open. */
function yesterday(): string {
  const d = new Date(Date.now() - 24 * 3600_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

const PEOPLE = [
  ['p1', 'Claire', 'Mendiboure', 'Gîte Arraioa'],
  ['p2', 'Jon', 'Arrieta', 'Camping du Lac'],
  ['p3', 'Peio', 'Etxeberri', 'Ferme Etxea'],
] as const;

async function seed(page: Page): Promise<void> {
  const day = yesterday();
  await putRows(page, {
    providers: PEOPLE.map(([id, firstName, lastName, structure]) => ({
      ...base(id),
      firstName,
      lastName,
      structure,
      businessType: 'hebergement',
      communeInsee: '64122',
      communeName: 'Biarritz',
      email: `${id}@exemple.fr`,
      phone: '',
      consent: { given: true, date: '2026-10-01', purpose: 'invitations aux ateliers' },
      notes: '',
      lastContactAt: null,
      tokens: [firstName.toLowerCase(), lastName.toLowerCase()],
      sortName: `${lastName.toLowerCase()} ${firstName.toLowerCase()}`,
    })),
    workshops: [
      {
        ...base('w-collect'),
        title: 'Répondre aux avis en ligne',
        theme: 'avis',
        description: '',
        objectives: 'Répondre aux avis.',
        audience: [],
        prerequisites: '',
        format: 'collectif',
        place: { communeInsee: '64122', communeName: 'Biarritz', address: '1 square d’Ixelles', room: 'Salle Atalaye' },
        capacity: 12,
        animators: ['Camille Etcheverry'],
        status: 'publie',
        accessibility: '',
        contact: '',
        agenda: [],
        materials: [],
        materialsNotes: '',
        evaluationQuestions: [
          { id: 'q-clair', label: 'Les explications étaient-elles claires ?', kind: 'scale' },
          { id: 'q-utile', label: 'Allez-vous répondre à vos avis cette semaine ?', kind: 'scale' },
          { id: 'q-texte', label: 'Quel avis allez-vous traiter en premier ?', kind: 'text' },
        ],
        isTemplate: false,
        templateId: null,
        firstDate: day,
        lastDate: day,
      },
    ],
    sessions: [{ ...base('s-collect'), workshopId: 'w-collect', start: `${day}T09:00`, end: `${day}T12:00`, sequence: 0, cancelled: false }],
    registrations: PEOPLE.map(([id]) => ({ ...base(`r-${id}`), workshopId: 'w-collect', personId: id, status: 'inscrit', waitRank: 0, history: [{ status: 'inscrit', at: '2026-11-01T08:00:00.000Z' }] })),
  });
}

/** The Electron preload, played by this test: collect:start/stop reach the real server here. */
async function desktopBridge(page: Page): Promise<{ current: () => CollectHandle | null }> {
  let handle: CollectHandle | null = null;
  await page.exposeFunction('__collectStart', async ({ address, ...args }: { title: string; sessionLabel: string; roster: { id: string; name: string }[]; questions: { id: string; label: string; kind: 'scale' | 'text' }[]; address?: string }) => {
    await handle?.stop();
    handle = await startCollect({
      ...args,
      // two "networks" of this machine: 127.0.0.2 is loopback too on Linux
      bindAddress: address ?? '127.0.0.1',
      // what main + preload do: deliver to the window's handler, answer the phone with its outcome
      onAnswer: (answer) => page.evaluate((payload) => (window as unknown as { __collectDeliver: (p: unknown) => Promise<{ ok: true } | { ok: false; reason: 'too-early' | 'invalid' | 'storage' }> }).__collectDeliver(payload), { deliveryId: randomUUID(), ...answer }),
    });
    return { url: handle.url, address: `${handle.address}:${handle.port}`, addresses: ['127.0.0.1', '127.0.0.2'], expiresAt: handle.expiresAt };
  });
  await page.exposeFunction('__collectStop', async () => {
    await handle?.stop();
    handle = null;
  });
  await useDesktopBridge(page, () => {
    const w = window as unknown as Record<string, unknown> & { __collectStart: (a: unknown) => Promise<unknown>; __collectStop: () => Promise<void> };
    const ok = <T,>(value: T) => Promise.resolve({ ok: true as const, value });
    return {
      collectStart: async (args: unknown) => ok(await w.__collectStart(args)),
      collectStop: async () => ok(await w.__collectStop()),
      onCollectAnswer: (handler: unknown) => {
        w.__collectDeliver = handler;
        return () => undefined;
      },
      onCollectEnded: () => () => undefined,
    };
  });
  return { current: () => handle };
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

interface StoredEvaluation {
  personId: string | null;
  respondentName?: string;
  source: string;
  kind: string;
  answers: Record<string, number | string>;
  history?: { answers: Record<string, number | string>; source: string }[];
}

test('participants answer on their phones; answers and corrections are stored like the laptop’s', async ({ app, page, browser }) => {
  // one long story with three browser contexts, on a shared two-core machine
  test.setTimeout(180_000);
  const desktop = await desktopBridge(page);
  await page.setViewportSize({ width: 1366, height: 900 });
  await app.start('/');
  await seed(page);
  await app.goto('/ateliers/w-collect/evaluation');
  const panel = page.getByRole('region', { name: 'Réponses sur les téléphones' });
  await expect(panel.getByText(/même réseau Wi-Fi/)).toBeVisible();
  await expect(panel.getByText(/pare-feu/)).toBeVisible();
  await panel.getByRole('button', { name: 'Collecter sur les téléphones' }).click();

  const qr = panel.getByRole('img', { name: /^Code QR de l’adresse http:\/\/127\.0\.0\.1:\d+\/[a-z2-9]{26}\/$/ });
  await expect(qr).toBeVisible();
  const url = (await panel.getByTestId('collect-url').textContent())!.trim();
  expect(url).toBe(desktop.current()!.url);
  await expect(panel.getByTestId('collect-count')).toContainText('0 / 3 réponses');
  expect(await app.seriousA11yViolations()).toEqual([]);

  // The first phone: Claire picks her name and answers.
  const phoneA = await browser.newContext(PHONE);
  const phone = await phoneA.newPage();
  await phone.goto(url);
  await expect(phone.getByRole('heading', { level: 1, name: 'Répondre aux avis en ligne' })).toBeVisible();
  await expect(phone.getByText(/^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d+ \S+ \d{4}, 9\sh – 12\sh$/)).toBeVisible();
  await expect(phone.getByRole('radio', { name: 'Claire Mendiboure' })).toBeVisible();
  const axe = await new AxeBuilder({ page: phone }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  if (SHOTS) {
    await mkdir(SHOTS, { recursive: true });
    await phone.screenshot({ path: `${SHOTS}/phone-390x844.png`, fullPage: true });
    await panel.screenshot({ path: `${SHOTS}/desktop-panel.png` });
  }

  // Sending with nothing chosen says what is missing; nothing is stored.
  await phone.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(phone.getByRole('alert')).toHaveText('Choisissez votre nom dans la liste, ou « Mon nom n’est pas dans la liste ».');
  await phone.getByRole('radio', { name: 'Claire Mendiboure' }).check();
  await expect(phone.getByRole('alert')).toBeHidden();
  await phone.getByRole('group', { name: 'Les explications étaient-elles claires ?' }).getByText('4', { exact: true }).tap();
  await phone.getByRole('group', { name: 'Allez-vous répondre à vos avis cette semaine ?' }).getByText('5', { exact: true }).tap();
  await phone.getByLabel('Quel avis allez-vous traiter en premier ?').fill('Le commentaire sur le petit-déjeuner');
  // the chosen note is shown filled (drawn without :has(), for older phone browsers)
  await expect(phone.getByRole('group', { name: 'Les explications étaient-elles claires ?' }).getByText('4', { exact: true })).toHaveCSS('background-color', 'rgb(29, 95, 191)');
  await expect(phone.getByRole('group', { name: 'Les explications étaient-elles claires ?' }).getByText('3', { exact: true })).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  if (SHOTS) await phone.screenshot({ path: `${SHOTS}/phone-filled.png`, fullPage: true });
  await phone.getByRole('button', { name: 'Envoyer mes réponses' }).tap();
  await expect(phone.getByText('Vos réponses sont enregistrées. Merci !')).toBeVisible();
  expect((await new AxeBuilder({ page: phone }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()).violations.map((v) => v.id)).toEqual([]);

  await expect(panel.getByTestId('collect-count')).toContainText('1 / 3 réponse');
  let rows = await app.readTable<StoredEvaluation>('evaluations');
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ personId: 'p1', source: 'telephone', kind: 'chaud', answers: { 'q-clair': 4, 'q-utile': 5, 'q-texte': 'Le commentaire sur le petit-déjeuner' } });

  // « Modifier ma réponse »: the same record, corrected, the first answers in its history.
  await phone.getByRole('button', { name: 'Modifier ma réponse' }).tap();
  await expect(phone.getByText('Vous répondez au nom de : Claire Mendiboure')).toBeVisible();
  await phone.getByRole('group', { name: 'Les explications étaient-elles claires ?' }).getByText('2', { exact: true }).tap();
  await phone.getByRole('button', { name: 'Envoyer mes réponses' }).tap();
  await expect(phone.getByText('Votre réponse corrigée est enregistrée. Merci !')).toBeVisible();
  await expect(panel.getByTestId('collect-count')).toContainText('dont 1 par téléphone, 1 corrigée');
  rows = await app.readTable<StoredEvaluation>('evaluations');
  expect(rows).toHaveLength(1);
  expect(rows[0]!.answers['q-clair']).toBe(2);
  expect(rows[0]!.history).toEqual([expect.objectContaining({ answers: { 'q-clair': 4, 'q-utile': 5, 'q-texte': 'Le commentaire sur le petit-déjeuner' }, source: 'telephone' })]);

  // The phone reloads the page (left in the background): what was sent comes back, to correct it.
  await phone.reload();
  await expect(phone.getByText('Votre réponse corrigée est enregistrée. Merci !')).toBeVisible();
  await phone.getByRole('button', { name: 'Modifier ma réponse' }).tap();
  await expect(phone.getByText('Vous répondez au nom de : Claire Mendiboure')).toBeVisible();
  await expect(phone.getByRole('group', { name: 'Les explications étaient-elles claires ?' }).getByRole('radio', { name: '2' })).toBeChecked();
  await expect(phone.getByLabel('Quel avis allez-vous traiter en premier ?')).toHaveValue('Le commentaire sur le petit-déjeuner');
  await phone.getByRole('group', { name: 'Allez-vous répondre à vos avis cette semaine ?' }).getByText('4', { exact: true }).tap();
  await phone.getByRole('button', { name: 'Envoyer mes réponses' }).tap();
  await expect(phone.getByText('Votre réponse corrigée est enregistrée. Merci !')).toBeVisible();
  rows = await app.readTable<StoredEvaluation>('evaluations');
  expect(rows).toHaveLength(1);
  expect(rows[0]!.answers).toEqual({ 'q-clair': 2, 'q-utile': 4, 'q-texte': 'Le commentaire sur le petit-déjeuner' });
  expect(rows[0]!.history).toHaveLength(2);

  // A second phone, at 360 px: someone absent from the list types their name.
  const phoneB = await browser.newContext({ ...PHONE, viewport: { width: 360, height: 740 } });
  const second = await phoneB.newPage();
  await second.goto(url);
  await second.getByRole('radio', { name: 'Mon nom n’est pas dans la liste' }).check();
  await second.getByLabel('Votre nom et prénom').fill('Maïté Bordes');
  await second.getByRole('group', { name: 'Les explications étaient-elles claires ?' }).getByText('5', { exact: true }).tap();
  expect(await second.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await second.getByRole('button', { name: 'Envoyer mes réponses' }).tap();
  await expect(second.getByText('Vos réponses sont enregistrées. Merci !')).toBeVisible();
  await expect(panel.getByTestId('collect-count')).toContainText('2 / 3 réponses');
  rows = await app.readTable<StoredEvaluation>('evaluations');
  expect(rows.find((r) => r.personId === null)).toMatchObject({ respondentName: 'Maïté Bordes', source: 'telephone', answers: { 'q-clair': 5 } });

  // Walk-in: the animator registers the typed name; the form becomes that person's.
  const typed = panel.getByRole('list', { name: 'Noms tapés sur les téléphones' });
  await expect(typed.getByRole('listitem')).toHaveText(['Inscrire Maïté Bordes comme venu·e sans inscription']);
  if (SHOTS) await panel.screenshot({ path: `${SHOTS}/desktop-panel-answers.png` });
  expect(await app.seriousA11yViolations()).toEqual([]);
  await typed.getByRole('button', { name: 'Inscrire Maïté Bordes comme venu·e sans inscription' }).click();
  await expect(page.getByText('Maïté Bordes est inscrit·e comme venu·e sans inscription, avec sa réponse.')).toBeVisible();
  await expect(typed).toHaveCount(0);
  const walkIn = (await app.readTable<{ id: string; firstName: string; lastName: string }>('providers')).find((p) => p.lastName === 'Bordes');
  expect(walkIn).toMatchObject({ firstName: 'Maïté' });
  expect(await app.readTable<{ personId: string; workshopId: string; status: string }>('registrations')).toContainEqual(expect.objectContaining({ personId: walkIn!.id, workshopId: 'w-collect', status: 'inscrit' }));
  rows = await app.readTable<StoredEvaluation>('evaluations');
  expect(rows.find((r) => r.respondentName === 'Maïté Bordes')).toMatchObject({ personId: walkIn!.id, answers: { 'q-clair': 5 } });
  await expect(panel.getByTestId('collect-count')).toContainText('2 / 4 réponses');
  // Her phone corrects her answer: still her one record.
  await second.getByRole('button', { name: 'Modifier ma réponse' }).tap();
  await second.getByRole('group', { name: 'Les explications étaient-elles claires ?' }).getByText('3', { exact: true }).tap();
  await second.getByRole('button', { name: 'Envoyer mes réponses' }).tap();
  await expect(second.getByText('Votre réponse corrigée est enregistrée. Merci !')).toBeVisible();
  rows = await app.readTable<StoredEvaluation>('evaluations');
  expect(rows).toHaveLength(2);
  expect(rows.find((r) => r.personId === walkIn!.id)).toMatchObject({ answers: { 'q-clair': 3 }, history: [expect.objectContaining({ answers: { 'q-clair': 5 } })] });

  // The results screen counts them like any other evaluation.
  const results = page.getByRole('region', { name: 'Résultats de l’atelier' });
  await expect(results.getByText('2 réponses', { exact: true })).toBeVisible();
  // (2 after Claire's correction + 3 after Maïté's) / 2
  await expect(results.getByRole('row', { name: /Les explications étaient-elles claires/ })).toContainText('2,5');

  // Another network: a new address and QR code, the old one closed, the answers still counted.
  await panel.getByLabel('Réseau des téléphones').selectOption('127.0.0.2');
  await expect(panel.getByTestId('collect-url')).toHaveText(/^http:\/\/127\.0\.0\.2:\d+\/[a-z2-9]{26}\/$/);
  await expect(panel.getByRole('img', { name: /^Code QR de l’adresse http:\/\/127\.0\.0\.2:/ })).toBeVisible();
  await expect(get(url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  const url2 = (await panel.getByTestId('collect-url').textContent())!.trim();
  expect(await get(url2)).toBe(200);
  await expect(panel.getByTestId('collect-count')).toContainText('2 / 4 réponses');
  await expect(panel.getByTestId('collect-count')).toContainText('dont 2 par téléphone, 2 corrigées');

  // Stopped: the page is gone from the network, the phone says it could not send.
  await panel.getByRole('button', { name: 'Arrêter la collecte' }).click();
  await expect(panel.getByText('Collecte arrêtée : 2 réponses reçues par téléphone. La page ne répond plus sur les téléphones.')).toBeVisible();
  await expect(get(url2)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  await phone.getByRole('button', { name: 'Modifier ma réponse' }).tap();
  await phone.getByRole('button', { name: 'Envoyer mes réponses' }).tap();
  await expect(phone.getByRole('alert')).toContainText('Envoi impossible');
  expect(await app.readTable('evaluations')).toHaveLength(2);
  await phoneA.close();
  await phoneB.close();
});

test('in a browser, collecting on phones needs the desktop app and the printed questionnaire is offered', async ({ app, page }) => {
  await app.start('/');
  await seed(page);
  await app.goto('/ateliers/w-collect/evaluation');
  const panel = page.getByRole('region', { name: 'Réponses sur les téléphones' });
  await expect(panel.getByRole('note')).toHaveText(/demande l’application de bureau Fourmilière/);
  await expect(panel.getByRole('button', { name: 'Collecter sur les téléphones' })).toHaveCount(0);
  await panel.getByRole('button', { name: 'Imprimer le questionnaire' }).click();
  await expect(page.getByText('Quel avis allez-vous traiter en premier ?').last()).toBeVisible();
  expect(await app.seriousA11yViolations()).toEqual([]);
});

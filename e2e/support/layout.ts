/**
 * Shared by the crawl and the UI-kit layout spec: the demo data made complete enough to
 * crawl (a cohort with modules and people, a duplicate pair), every route, and the layout
 * measures of a page (sideways overflow, cut column headers, split tables).
 */
import type { Page } from '@playwright/test';
import { expect, type AppModel } from './app';
import { editRecord } from './data';

/** Writes records straight into a table, as another device's merge would. */
export async function putRecords(page: Page, table: string, rows: Record<string, unknown>[]): Promise<void> {
  await page.evaluate(
    ({ table, rows }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('fourmiliere');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          // Animators written here are logged as the app's own writes are (db/registry-log.ts).
          const tx = db.transaction(table === 'animators' ? [table, 'registryLog'] : [table], 'readwrite');
          for (const row of rows) tx.objectStore(table).put(row);
          if (table === 'animators') tx.objectStore('registryLog').add({ ids: rows.map((r) => String(r.id)) });
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    { table, rows },
  );
}

/**
 * Most demo promotions have no modules or people: give one of them two modules,
 * three half-days and three people (one who left), so its grid, person and session pages are crawled.
 */
export async function fillCohort(app: AppModel, cohort: { id: string; startDate: string }, animatorIds: string[]): Promise<{ enrolment: string; moduleSession: string }> {
  const now = new Date().toISOString();
  const base = (id: string) => ({ id, createdAt: now, updatedAt: now, deletedAt: null, rev: { device: 'crawl', counter: 1 } });
  const day = (offset: number) => new Date(Date.parse(`${cohort.startDate}T12:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  await putRecords(app.page, 'modules', [
    { ...base('crawl-m1'), cohortId: cohort.id, order: 0, title: 'Diagnostic numérique de territoire', objectives: 'Conduire un diagnostic', place: 'Pau', trainer: 'Anne Lacoste', tutorialIds: [], criteria: [{ id: 'c1', label: 'Sait conduire un entretien' }], evaluationPlanned: true },
    { ...base('crawl-m2'), cohortId: cohort.id, order: 1, title: 'Animer un atelier', objectives: 'Préparer et animer un atelier', place: 'Pau', trainer: 'Anne Lacoste', tutorialIds: [], criteria: [], evaluationPlanned: false },
  ]);
  await putRecords(app.page, 'moduleSessions', [
    { ...base('crawl-s1'), moduleId: 'crawl-m1', cohortId: cohort.id, date: day(1), halfDay: 'matin', start: '09:00', end: '12:30', hours: 3.5 },
    { ...base('crawl-s2'), moduleId: 'crawl-m1', cohortId: cohort.id, date: day(1), halfDay: 'apres-midi', start: '14:00', end: '17:30', hours: 3.5 },
    { ...base('crawl-s3'), moduleId: 'crawl-m2', cohortId: cohort.id, date: day(8), halfDay: 'matin', start: '09:00', end: '12:00', hours: 3 },
  ]);
  const statuses = ['en-cours', 'termine', 'abandon'] as const;
  await putRecords(
    app.page,
    'enrolments',
    animatorIds.slice(0, 3).map((animatorId, i) => ({
      ...base(`crawl-e${i}`), cohortId: cohort.id, animatorId, status: statuses[i], withdrawnAt: statuses[i] === 'abandon' ? day(9) : null,
      withdrawReason: statuses[i] === 'abandon' ? 'Changement de poste' : '', assessments: {}, completedAt: statuses[i] === 'termine' ? day(9) : null,
    })),
  );
  return { enrolment: 'crawl-e0', moduleSession: 'crawl-s1' };
}

export interface Ids {
  workshop?: string;
  template?: string;
  animator?: string;
  provider?: string;
  cohort?: string;
  enrolment?: string;
  moduleSession?: string;
}

export function routesOf(ids: Ids): string[] {
  const routes = [
    '/',
    '/tutoriels', '/tutoriels/nouveau', '/tutoriels/corbeille', '/tutoriels/packs', '/tutoriels/repondre-aux-avis-clients', '/tutoriels/repondre-aux-avis-clients/modifier',
    '/ateliers', '/ateliers/nouveau', '/ateliers/calendrier', '/ateliers/programme', '/ateliers/modeles', '/ateliers/modeles/nouveau', '/ateliers/rapport',
    '/ateliers/participants', '/ateliers/participants/nouveau', '/ateliers/segments', '/ateliers/suivis',
    '/annuaire', '/annuaire/nouveau', '/annuaire/import', '/annuaire/tableau-de-bord', '/annuaire/doublons',
    '/promotions', '/promotions/nouvelle',
    '/reglages', '/reglages/donnees', '/reglages/raccourcis', '/reglages/a-propos',
  ];
  if (ids.workshop) for (const tab of ['', '/deroule', '/materiel', '/inscriptions', '/presences', '/evaluation']) routes.push(`/ateliers/${ids.workshop}${tab}`);
  if (ids.provider) routes.push(`/ateliers/participants/${ids.provider}`, `/ateliers/participants/${ids.provider}/modifier`);
  if (ids.animator) routes.push(`/annuaire/${ids.animator}`, `/annuaire/${ids.animator}/modifier`);
  if (ids.cohort) {
    for (const tab of ['', '/modules', '/personnes', '/documents', '/evaluations', '/modifier']) routes.push(`/promotions/${ids.cohort}${tab}`);
    if (ids.enrolment) routes.push(`/promotions/${ids.cohort}/personnes/${ids.enrolment}`);
    if (ids.moduleSession) routes.push(`/promotions/${ids.cohort}/seances/${ids.moduleSession}`);
  }
  return routes;
}

export async function firstId(app: AppModel, table: string, keep: (row: Record<string, unknown>) => boolean = () => true): Promise<string | undefined> {
  try {
    const rows = await app.readTable(table);
    const row = rows.find((r) => r.deletedAt == null && keep(r));
    return row ? String(row.id) : undefined;
  } catch {
    return undefined;
  }
}

export interface Layout {
  overflow: number;
  cutHeaders: string[];
  /** tables whose header row is laid out apart from their body (a broken grid layout) */
  splitTables: string[];
}

export async function layoutOf(app: AppModel): Promise<Layout> {
  return app.page.evaluate(() => {
    const doc = document.documentElement;
    const overflow = doc.scrollWidth - doc.clientWidth;
    const cutHeaders: string[] = [];
    for (const th of document.querySelectorAll<HTMLElement>('th, [role="columnheader"]')) {
      const box = th.getBoundingClientRect();
      if (box.width === 0 || th.closest('.visually-hidden')) continue;
      const text = th.innerText.trim();
      if (!text) continue;
      // cut inside its cell (ellipsis or overflow), or past the right edge of a clipping container
      // screen-reader-only text (.visually-hidden: 1 px, clipped) is meant to be invisible, not cut
      const srOnly = (el: Element) => el.closest('.visually-hidden') !== null || el.getBoundingClientRect().width <= 1;
      const cut = (el: Element) => !srOnly(el) && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible';
      let clipped = cut(th) || [...th.querySelectorAll('*')].some(cut);
      for (let el = th.parentElement; el && !clipped; el = el.parentElement) {
        const style = getComputedStyle(el);
        if (style.overflowX !== 'visible') {
          const frame = el.getBoundingClientRect();
          if (box.right > frame.right + 1 && style.overflowX === 'hidden') clipped = true;
          break;
        }
      }
      if (clipped) cutHeaders.push(text);
    }
    const splitTables: string[] = [];
    for (const table of document.querySelectorAll('table')) {
      const head = table.querySelector('thead tr')?.getBoundingClientRect();
      const body = table.querySelector('tbody tr')?.getBoundingClientRect();
      if (!head || !body || head.width === 0 || body.width === 0) continue;
      const overlap = Math.min(head.right, body.right) - Math.max(head.left, body.left);
      if (overlap < Math.min(head.width, body.width) / 2) splitTables.push(table.querySelector('caption')?.textContent?.trim() || (table.getAttribute('aria-label') ?? '(sans titre)'));
    }
    return { overflow, cutHeaders, splitTables };
  });
}

/** Opens the app, loads the demo data and completes it; returns the ids the routes need. */
export async function loadCrawlData(app: AppModel): Promise<Ids> {
  const page = app.page;
  await app.start('/reglages');
  await page.getByRole('button', { name: 'Charger des données de démonstration' }).click();
  await expect(page.getByText(/fiches de démonstration ajoutées/)).toBeVisible({ timeout: 60_000 });

  // A duplicate pair (same e-mail) so the merge screen is crawled too.
  const animators = (await app.readTable<{ id: string; email: string; deletedAt: string | null }>('animators')).filter((a) => !a.deletedAt && a.email);
  await editRecord(page, 'animators', animators[1]!.id, { email: animators[0]!.email });
  // The demo's own running and finished promotions have their people; fill one of the others.
  const enrolled = new Set((await app.readTable<{ cohortId: string }>('enrolments')).map((e) => e.cohortId));
  const cohort = (await app.readTable<{ id: string; startDate: string }>('cohorts')).find((c) => !enrolled.has(c.id));
  const filled = await fillCohort(app, cohort!, animators.slice(2).map((a) => a.id));

  const ids: Ids = {
    workshop: await firstId(app, 'workshops', (r) => !r.isTemplate),
    template: await firstId(app, 'workshops', (r) => Boolean(r.isTemplate)),
    animator: await firstId(app, 'animators'),
    provider: await firstId(app, 'providers'),
    cohort: cohort!.id,
    enrolment: filled.enrolment,
    moduleSession: filled.moduleSession,
  };
  expect(ids.workshop && ids.animator && ids.provider && ids.cohort, 'the demo data has a workshop, an animator, a provider and a cohort').toBeTruthy();
  return ids;
}

/** Waits until the page's main region has painted its content: no « Chargement… » left in it. */
export async function settled(app: AppModel): Promise<void> {
  await expect(app.page.locator('#main').getByText(/^\s*Chargement…?\s*$/)).toHaveCount(0, { timeout: 20_000 });
  await app.page.waitForLoadState('networkidle');
}

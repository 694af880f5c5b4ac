/**
 * The tutorial library beyond the happy path of tutorial-library.spec.ts: browsing,
 * the live table of contents, links, the "mis à jour" badge, hostile Markdown,
 * own versions of bundled tutorials, and packs imported through the file input.
 */
import { test, expect } from './support/app';
import { buildPack, REQUIRED_BODY, TutorialsModel, tutorialMarkdown } from './support/tutorials';

test.describe('tutorials', () => {
  test('browses by theme and level, sorts by duration, reads with a live contents and follows links in the app or to the OS browser', async ({ app, page, context }) => {
    const tutorials = new TutorialsModel(page);
    await app.start('/tutoriels');
    await expect(page.getByText('33 fiches pratiques, disponibles sans connexion.')).toBeVisible();

    await page.getByLabel('Thème').selectOption({ label: 'Métier d’ANT' });
    await expect(page.getByText('4 résultats')).toBeVisible();
    await page.getByLabel('Trier par').selectOption({ label: 'Durée' });
    const durations = (await page.locator('article.tl-card .tl-meta').allInnerTexts()).map((text) => Number(/(\d+) min/.exec(text)?.[1]));
    expect(durations).toEqual([...durations].sort((a, b) => a - b));
    expect(durations.at(-1)).toBe(180);
    await page.getByLabel('Niveau').selectOption({ label: 'Avancé' });
    expect(await tutorials.cardTitles()).toEqual([expect.stringMatching(/diagnostic numérique/i)]);
    await page.getByLabel('Thème').selectOption({ label: 'Tous' });
    await expect(page.getByText('5 résultats')).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);

    await app.goto('/tutoriels/accessibilite-web');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Accessibilité web');
    await expect(page.getByText(/Lecture\s: \d+ min/)).toBeVisible();
    expect(await app.seriousA11yViolations()).toEqual([]);

    // The contents follows the scrolling.
    await page.locator('#tuto-exercice-pour-l-atelier').scrollIntoViewIfNeeded();
    await page.evaluate(() => document.getElementById('tuto-exercice-pour-l-atelier')?.scrollIntoView({ block: 'start' }));
    await expect(tutorials.toc().getByRole('link', { name: 'Exercice pour l\'atelier' })).toHaveAttribute('aria-current', 'true');
    await page.evaluate(() => document.getElementById('tuto-objectifs')?.scrollIntoView({ block: 'start' }));
    await expect(tutorials.toc().getByRole('link', { name: 'Objectifs' })).toHaveAttribute('aria-current', 'true');

    // Next in the theme (site-web, by title).
    await expect(page.getByRole('link', { name: /^Suivant\s: Créer un site web simple/ })).toBeVisible();
    await expect(page.getByRole('link', { name: /^Précédent/ })).toHaveCount(0);

    // An external link goes to the OS browser (a new window in browser mode); the reader stays.
    await context.route('https://accessibilite.numerique.gouv.fr/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>RGAA</title>' }));
    const opened = context.waitForEvent('page');
    await tutorials.readerBody().getByRole('link', { name: 'RGAA : critères et tests' }).click();
    const external = await opened;
    await external.waitForURL(/accessibilite\.numerique\.gouv\.fr\/methode\/criteres-et-tests/);
    await external.close();
    await expect(page).toHaveURL(/#\/tutoriels\/accessibilite-web$/);

    // An internal link navigates inside the app, in the same window.
    const pagesBefore = context.pages().length;
    await tutorials.readerBody().getByRole('link', { name: 'Écrire pour le web' }).click();
    await expect(page).toHaveURL(/#\/tutoriels\/ecrire-pour-le-web$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Écrire pour le web');
    expect(context.pages()).toHaveLength(pagesBefore);
  });

  test('shows "mis à jour" and the change notes when the bundled tutorial is newer than the version read', async ({ app, page }) => {
    const tutorials = new TutorialsModel(page);
    await app.start('/tutoriels');
    await tutorials.searchBox.fill('accessibilite');
    await expect(tutorials.card(/Accessibilité web/).getByText('nouveau', { exact: true })).toBeVisible();

    await app.goto('/tutoriels/accessibilite-web');
    await expect(page.getByText(/Nouveautés de la version 2\s: Ajout des WCAG 2\.2/)).toBeVisible();
    await expect.poll(async () => (await app.readTable<{ tutorialId: string; seenVersion: number }>('tutorialProgress')).find((p) => p.tutorialId === 'accessibilite-web')?.seenVersion).toBe(2);

    // As if version 1 had been read before the app (and its library) was updated.
    await tutorials.setSeenVersion('accessibilite-web', 1);
    await app.goto('/tutoriels');
    await page.reload();
    await tutorials.searchBox.fill('accessibilite');
    await expect(tutorials.card(/Accessibilité web/).getByText('mis à jour', { exact: true })).toBeVisible();

    await tutorials.card(/Accessibilité web/).getByRole('link').click();
    await expect(page.getByText(/Nouveautés de la version 2/)).toBeVisible();
    await app.goto('/tutoriels');
    await tutorials.searchBox.fill('accessibilite');
    await expect(tutorials.card(/Accessibilité web/)).toBeVisible();
    await expect(tutorials.card(/Accessibilité web/).getByText(/^(mis à jour|nouveau)$/)).toHaveCount(0);
  });

  test('renders hostile Markdown inertly and quickly, in the live preview and in the reader', async ({ app, page }) => {
    const tutorials = new TutorialsModel(page);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const requests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith('http://127.0.0.1')) requests.push(r.url());
    });
    const hostile = [
      REQUIRED_BODY,
      '<script>window.__pwned = "script"</script>',
      '<img src=x onerror="window.__pwned = \'img\'">',
      '[clic](javascript:window.__pwned=1)',
      '[clic2](JaVaScRiPt:alert(1))',
      '[données](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '<a href="javascript:alert(1)">lien brut</a>',
      '<svg onload=alert(1)></svg>',
      '<iframe src="https://evil.example/"></iframe>',
      '![pixel](https://tracker.example/pixel.png)',
      '## main',
      '## <b onclick=alert(1)>titre piégé</b>',
      '::: astuce\n<script>alert(2)</script>\n:::',
      Array.from({ length: 400 }, (_, i) => `${'  '.repeat(i)}- niveau ${i}`).join('\n'),
    ].join('\n\n');

    await app.start('/tutoriels/nouveau');
    const started = Date.now();
    await tutorials.writeTutorial({ id: 'fiche-piegee', title: 'Fiche piégée', summary: 'Un contenu hostile qui doit rester inerte.', tags: 'test', body: hostile });
    const preview = page.getByRole('region', { name: 'Aperçu' });
    await expect(preview).toContainText('titre piégé');
    const previewed = Date.now();
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Fiche piégée');
    const saved = Date.now();
    console.log(`hostile tutorial: typed and previewed in ${previewed - started} ms, saved and opened in ${saved - previewed} ms`);
    expect(saved - started).toBeLessThan(10_000);

    const body = tutorials.readerBody();
    await expect(body).toContainText('<script>window.__pwned = "script"</script>');
    const report = await body.evaluate((root) => ({
      pwned: (window as unknown as { __pwned?: unknown }).__pwned ?? null,
      dangerousTags: [...root.querySelectorAll('script, iframe, svg, img, object, embed, form, style')].map((e) => e.tagName),
      handlers: [...root.querySelectorAll('*')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${e.tagName}[${a.name}]`)),
      hrefs: [...root.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
      ids: [...root.querySelectorAll('[id]')].map((e) => e.id),
      main: document.getElementById('main')?.tagName ?? null,
    }));
    expect(report.pwned).toBeNull();
    expect(report.dangerousTags).toEqual([]);
    expect(report.handlers).toEqual([]);
    expect(report.hrefs.filter((h) => !/^(https?:|mailto:|#)/.test(h))).toEqual([]);
    expect(report.ids.filter((id) => !id.startsWith('tuto-'))).toEqual([]);
    expect(report.ids).toContain('tuto-main');
    expect(report.main).toBe('MAIN');
    expect(dialogs).toEqual([]);
    expect(requests).toEqual([]);
  });

  test('duplicates a bundled tutorial as my version, keeps the bundled one untouched, and restores it', async ({ app, page }) => {
    await app.start('/tutoriels/page-facebook-professionnelle');
    const bundledTitle = await page.getByRole('heading', { level: 1 }).innerText();
    await page.getByRole('button', { name: 'Créer ma version' }).click();
    await page.getByLabel('Titre').fill('Notre page Facebook, version de l’OT');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notre page Facebook, version de l’OT');
    const own = await app.readTable<{ meta: { id: string; title: string }; basedOn: string | null; deletedAt: string | null }>('tutorials');
    expect(own).toEqual([expect.objectContaining({ basedOn: 'page-facebook-professionnelle', deletedAt: null, meta: expect.objectContaining({ id: 'page-facebook-professionnelle', title: 'Notre page Facebook, version de l’OT' }) })]);

    await app.goto('/tutoriels');
    await new TutorialsModel(page).searchBox.fill('facebook');
    await expect(page.getByRole('link', { name: 'Notre page Facebook, version de l’OT' })).toBeVisible();
    await expect(page.getByRole('link', { name: bundledTitle })).toHaveCount(0);

    await app.goto('/tutoriels/page-facebook-professionnelle');
    await page.getByRole('button', { name: 'Revenir à la version d’origine' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(bundledTitle);
    expect((await app.readTable<{ deletedAt: string | null }>('tutorials'))[0]?.deletedAt).not.toBeNull();
  });

  test('previews a pack (new, updated with its notes, conflicting) before installing, and refuses malformed packs with nothing written', async ({ app, page }) => {
    const tutorials = new TutorialsModel(page);
    // My own version of the Facebook tutorial, which the pack will conflict with.
    await app.start('/tutoriels/page-facebook-professionnelle');
    await page.getByRole('button', { name: 'Créer ma version' }).click();
    await page.getByLabel('Titre').fill('Facebook à notre façon');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Facebook à notre façon');

    await app.goto('/tutoriels/packs');
    await tutorials.importPack(
      'pack-collegues.zip',
      buildPack([
        { id: 'qr-codes-accueil', title: 'Des QR codes pour l’accueil' },
        { id: 'accessibilite-web', title: 'Accessibilité web (version des collègues)', version: 3, changes: 'Exemples de déclarations d’accessibilité commentés.' },
        { id: 'page-facebook-professionnelle', title: 'Facebook selon les collègues', version: 2, changes: 'Nouvelle interface.' },
      ]),
    );
    const preview = tutorials.packPreview();
    await expect(preview).toContainText('Contenu du pack « pack-collegues.zip »');
    await expect(preview.getByLabel(/Des QR codes pour l’accueil/)).toBeChecked();
    await expect(preview.getByText(/Des QR codes pour l’accueil/)).toContainText('nouveau');
    await expect(preview.getByText(/Accessibilité web \(version des collègues\)/)).toContainText('mise à jour');
    await expect(preview).toContainText('Exemples de déclarations d’accessibilité commentés.');
    await expect(preview.getByText(/Facebook selon les collègues/)).toContainText('conflit avec votre version');
    await expect(preview.getByLabel(/Facebook selon les collègues/)).not.toBeChecked();
    // Nothing is written by the preview.
    expect(await app.readTable('tutorials')).toHaveLength(1);
    expect(await app.seriousA11yViolations()).toEqual([]);

    await page.getByRole('button', { name: 'Installer ces tutoriels' }).click();
    await expect(page.getByText('2 tutoriels installés.')).toBeVisible();
    const rows = await app.readTable<{ meta: { id: string; title: string; version: number }; basedOn: string | null }>('tutorials');
    expect(rows.map((r) => r.meta.title).sort()).toEqual(['Accessibilité web (version des collègues)', 'Des QR codes pour l’accueil', 'Facebook à notre façon']);
    expect(rows.find((r) => r.meta.id === 'accessibilite-web')).toMatchObject({ basedOn: 'accessibilite-web', meta: { version: 3 } });

    // Malformed packs: refused with a French message naming the file and the problem; nothing written.
    const before = await app.readTable('tutorials');
    const malformed: [string, Buffer, RegExp][] = [
      ['niveau-faux.zip', buildPack([{ id: 'niveau-faux', title: 'Niveau inconnu', level: 'expert' }]), /niveau-faux\.md : Le champ «\sniveau\s» doit prendre l’une des valeurs prévues\./],
      ['sans-manifeste.zip', buildPack([{ id: 'orphelin', title: 'Sans manifeste' }], { manifest: null }), /manifest\.json absent/],
      [
        'fichier-manquant.zip',
        buildPack([], { manifest: { format: 'fourmiliere-tutorial-pack', formatVersion: 1, createdAt: '2026-11-28T10:00:00.000Z', tutorials: [{ id: 'fantome', file: 'fantome.md', version: 1, changes: '' }] } }),
        /fantome\.md : fichier annoncé dans le manifeste mais absent/,
      ],
      ['entete-cassee.zip', buildPack([], { manifest: { format: 'fourmiliere-tutorial-pack', formatVersion: 1, createdAt: '2026-11-28T10:00:00.000Z', tutorials: [{ id: 'casse', file: 'casse.md', version: 1, changes: '' }] }, files: { 'casse.md': 'pas d’en-tête du tout' } }), /casse\.md : en-tête \(front matter\) absent/],
      ['mauvais-id.zip', buildPack([], { manifest: { format: 'fourmiliere-tutorial-pack', formatVersion: 1, createdAt: '2026-11-28T10:00:00.000Z', tutorials: [{ id: 'autre', file: 'vrai.md', version: 1, changes: '' }] }, files: { 'vrai.md': tutorialMarkdown({ id: 'vrai', title: 'Vrai' }) } }), /vrai\.md : l’identifiant ne correspond pas au manifeste/],
    ];
    for (const [name, bytes, message] of malformed) {
      await tutorials.importPack(name, bytes);
      const alert = page.getByRole('alert');
      await expect(alert).toContainText(message);
      await expect(alert).toContainText('Pack refusé');
      await expect(alert).toContainText('Rien n’a été installé.');
      await expect(tutorials.packPreview()).toHaveCount(0);
    }
    expect(await app.readTable('tutorials')).toEqual(before);
  });

  test('quick search from another section tolerates typos and missing accents; Escape closes it', async ({ app, page }) => {
    await app.start('/annuaire');
    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Recherche rapide' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(page).toHaveURL(/#\/annuaire/);

    await page.keyboard.press('Control+k');
    await expect(dialog).toBeVisible();
    await page.keyboard.type('cybersecurte');
    await expect(dialog.getByRole('option').first()).toContainText('Cybersécurité');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/tutoriels\/cybersecurite-bases$/);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('ybersécurité');
  });
});

test('prints a participant handout of a tutorial, without the animator’s exercise, and searches by the names people type', async ({ app, page }) => {
  await app.start('/tutoriels');
  await page.getByLabel('Rechercher un tutoriel').fill('gmb');
  await expect(page.locator('article.tl-card').first()).toContainText('Google Business Profile');
  await app.goto('/tutoriels/cybersecurite-bases');
  await page.getByRole('button', { name: 'Imprimer pour les participants' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('handout-pages')).toHaveText(/^1 tutoriel, sans les consignes de l’animateur\s:\senviron \d+ pages? par participant\.$/);
  await expect(dialog.getByRole('heading', { name: 'Objectifs' })).toBeVisible();
  await expect(dialog.getByRole('heading', { name: /Exercice pour l.atelier/ })).toHaveCount(0);
  expect(await app.seriousA11yViolations()).toEqual([]);
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await expect(page.getByRole('button', { name: 'Version animateur' })).toBeVisible();
});

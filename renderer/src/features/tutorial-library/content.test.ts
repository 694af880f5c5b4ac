/** Fails the build when a bundled tutorial has bad front matter, a broken link or a missing section. */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkBody, parseTutorialFile } from './frontmatter';
import { tutorialThemes } from '../../domain/tutorials';

const dir = join(__dirname, '../../../../resources/tutorials');
const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'FORMAT.md');
const parsed = files.map((f) => [f, parseTutorialFile(f, readFileSync(join(dir, f), 'utf8'))] as const);
const ids = new Set(parsed.flatMap(([, p]) => (p.ok ? [p.meta.id] : [])));

describe('bundled tutorials', () => {
  it('are at least 30 and cover every theme', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
    const themes = new Set(parsed.flatMap(([, p]) => (p.ok ? [p.meta.theme] : [])));
    expect([...tutorialThemes].filter((t) => !themes.has(t))).toEqual([]);
  });

  it.each(parsed)('%s has valid front matter, the required sections and working links', (file, p) => {
    expect(p.ok ? '' : p.error).toBe('');
    if (!p.ok) return;
    expect(p.meta.id).toBe(file.replace(/\.md$/, ''));
    expect(checkBody(p.body, ids)).toEqual([]);
    expect(p.body.split(/\s+/).filter(Boolean).length).toBeGreaterThanOrEqual(600);
    expect(p.body).toMatch(/^::: astuce$/m);
    expect(p.body).toMatch(/^::: attention$/m);
    expect(p.body).toMatch(/^- \[ \] /m);
  });

  it('reports bad files with French messages naming the file', () => {
    expect(parseTutorialFile('x.md', 'pas d’en-tête')).toEqual({ ok: false, error: expect.stringContaining('x.md : en-tête (front matter) absent') });
    expect(parseTutorialFile('y.md', '---\ntitle: [\n---\n')).toEqual({ ok: false, error: expect.stringContaining('y.md : en-tête illisible') });
    const bad = parseTutorialFile('z.md', '---\nid: z\ntitle: Titre\nsummary: Un résumé assez long\ntheme: cuisine\nlevel: debutant\nduration: 30\naudience: both\ntags: [a]\nreviewed: 2026-01-01\nversion: 1\nchanges: ""\n---\n');
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^z\.md : Le champ «\s?thème\s?» doit prendre l’une des valeurs prévues\.$/) });
    expect(checkBody('## Objectifs\n[x](tuto:inconnu)', ids)).toEqual(expect.arrayContaining(['section « Prérequis » manquante', 'lien vers un tutoriel inconnu : tuto:inconnu']));
  });
});

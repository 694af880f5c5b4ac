/**
 * The bundled tutorials follow resources/tutorials/FORMAT.md beyond what the schema
 * checks: what would render wrongly (raw HTML shown as text, an unknown or unclosed
 * callout, a plain-http link) or read badly in a workshop (no check-list items,
 * duplicate titles) fails the build here, naming the file and the line.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseTutorialFile } from './frontmatter';

const dir = join(__dirname, '../../../../resources/tutorials');
const files = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'FORMAT.md');
const CALLOUTS = new Set(['astuce', 'attention', 'exercice', 'a-retenir']);

function parsed(file: string) {
  const result = parseTutorialFile(file, readFileSync(join(dir, file), 'utf8'));
  if (!result.ok) throw new Error(result.error);
  return result;
}

/** Lines outside fenced code blocks, with their 1-based number in the body. */
function proseLines(body: string): { n: number; text: string }[] {
  let fenced = false;
  return body.split('\n').flatMap((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) {
      fenced = !fenced;
      return [];
    }
    return fenced ? [] : [{ n: i + 1, text }];
  });
}

/** Every FORMAT.md rule the schema does not carry, as problems naming the line. */
function formatProblems(body: string, tags: readonly string[]): string[] {
  const problems: string[] = [];
  if (tags.length < 2) problems.push('au moins 2 mots-clés');
  for (const tag of tags) if (tag !== tag.toLowerCase()) problems.push(`mot-clé « ${tag} » en minuscules`);
  let openCallout: { kind: string; n: number } | null = null;
  for (const { n, text } of proseLines(body)) {
    const container = /^:::\s*(\S*)\s*$/.exec(text);
    if (container) {
      const kind = container[1] ?? '';
      if (kind === '') {
        if (!openCallout) problems.push(`ligne ${n} : « ::: » ferme un encadré qui n’est pas ouvert`);
        openCallout = null;
      } else if (!CALLOUTS.has(kind)) problems.push(`ligne ${n} : encadré inconnu « ${kind} »`);
      else if (openCallout) problems.push(`ligne ${n} : encadré « ${kind} » ouvert dans l’encadré de la ligne ${openCallout.n}`);
      else openCallout = { kind, n };
    }
    const code = text.replace(/`[^`]*`/g, '');
    if (/<\/?[a-z][a-z0-9]*(\s[^>]*)?>/i.test(code)) problems.push(`ligne ${n} : HTML brut (affiché tel quel)`);
    for (const [, image] of code.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)) if (!/^images\/[\w.-]+$/.test(image!)) problems.push(`ligne ${n} : image hors du dossier images/ (${image})`);
    for (const [, href] of code.matchAll(/(?<!!)\[[^\]]*\]\(([^)\s]+)/g)) if (!/^(https:\/\/|tuto:|mailto:|#)/.test(href!)) problems.push(`ligne ${n} : lien non autorisé (${href})`);
  }
  if (openCallout) problems.push(`ligne ${openCallout.n} : encadré « ${openCallout.kind} » jamais fermé`);
  const checklist = /^## Check-list\n([\s\S]*?)(?=^## )/m.exec(body)?.[1] ?? '';
  if ((checklist.match(/^- \[ \] \S/gm) ?? []).length < 3) problems.push('la check-list compte moins de 3 cases « - [ ] »');
  return problems;
}

describe('bundled tutorials follow FORMAT.md', () => {
  it.each(files)('%s', (file) => {
    const { meta, body } = parsed(file);
    expect(formatProblems(body, meta.tags)).toEqual([]);
  });

  it('have distinct titles', () => {
    const titles = files.map((f) => parsed(f).meta.title);
    expect(titles.filter((t, i) => titles.indexOf(t) !== i)).toEqual([]);
  });

  it('the checks catch what they are meant to', () => {
    const bad = [
      '## Objectifs',
      '<b>gras</b> et `<code>` permis',
      '::: conseil',
      ':::',
      '::: astuce',
      'jamais fermé',
      '[site](http://exemple.fr) [mail](mailto:a@b.fr) [ok](https://exemple.fr)',
      '![photo](https://exemple.fr/a.jpg)',
      '## Check-list',
      '- [ ] une seule',
      '## Pour aller plus loin',
    ].join('\n');
    expect(formatProblems(bad, ['Facebook'])).toEqual([
      'au moins 2 mots-clés',
      'mot-clé « Facebook » en minuscules',
      'ligne 2 : HTML brut (affiché tel quel)',
      'ligne 3 : encadré inconnu « conseil »',
      'ligne 4 : « ::: » ferme un encadré qui n’est pas ouvert',
      'ligne 7 : lien non autorisé (http://exemple.fr)',
      'ligne 8 : image hors du dossier images/ (https://exemple.fr/a.jpg)',
      'ligne 5 : encadré « astuce » jamais fermé',
      'la check-list compte moins de 3 cases « - [ ] »',
    ]);
  });
});

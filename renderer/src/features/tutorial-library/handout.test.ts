import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pagesFor, participantBody, uniqueIds } from './handout';
import { parseTutorialFile } from './frontmatter';

const body = `## Objectifs

Savoir faire.

::: exercice
Chronométrez : 10 min.
:::

## Étapes

1. Ouvrir.

::: astuce
Gardez ceci.
:::

## Exercice pour l'atelier

::: attention
Prévoir 20 min par binôme.
:::

Consigne animateur.

## Check-list

- [ ] Fait
`;

describe('participant handout', () => {
  it('leaves out the workshop exercise section and exercise callouts, keeps the rest', () => {
    const out = participantBody(body);
    expect(out).not.toMatch(/Exercice pour l/);
    expect(out).not.toMatch(/Chronométrez|20 min par binôme|Consigne animateur/);
    expect(out).toMatch(/## Objectifs/);
    expect(out).toMatch(/::: astuce\nGardez ceci\.\n:::/);
    expect(out).toMatch(/## Check-list\n\n- \[ \] Fait/);
  });
  it('works on every bundled tutorial: sections kept, animator parts gone', () => {
    const dir = join(__dirname, '../../../../resources/tutorials');
    const file = readFileSync(join(dir, 'fiche-google-business-profile.md'), 'utf8');
    const parsed = parseTutorialFile('fiche-google-business-profile.md', file);
    if (!parsed.ok) throw new Error(parsed.error);
    const out = participantBody(parsed.body);
    for (const heading of ['## Objectifs', '## Prérequis', '## Étapes', '## Check-list', '## Pour aller plus loin']) expect(out).toContain(heading);
    expect(out).not.toMatch(/^## Exercice pour l/m);
    expect(out).not.toMatch(/^::: exercice/m);
    expect(out.length).toBeLessThan(parsed.body.length);
  });
  it('prints each tutorial once, in order of first use', () => {
    expect(uniqueIds(['a', 'b', 'a', 'c', 'b'])).toEqual(['a', 'b', 'c']);
  });
  it('counts pages per handout, each starting a new page', () => {
    const mm = 3.78;
    expect(pagesFor([], mm)).toBe(0);
    expect(pagesFor([100], mm)).toBe(1);
    expect(pagesFor([267 * mm * 2.5, 267 * mm * 0.3], mm)).toBe(4);
    expect(pagesFor([267 * mm], mm)).toBe(1);
  });
});

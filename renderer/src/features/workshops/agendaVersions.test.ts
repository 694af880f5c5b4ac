import { describe, expect, it } from 'vitest';
import { combineSteps, differingSteps, ORDER_KEY } from './agendaVersions';

const step = (id: string, title: string, minutes = 15) => ({ id, title, minutes });

describe('two versions of a déroulé', () => {
  const opened = [step('a', 'Accueil'), step('b', 'Créer la fiche', 60), step('c', 'Bilan')];
  // Stored: « Créer la fiche » got longer and a break was added after it. Mine: « Accueil » renamed, « Bilan » removed.
  const theirs = [step('a', 'Accueil'), step('b', 'Créer la fiche', 75), step('p', 'Pause', 10), step('c', 'Bilan')];
  const mine = [step('a', 'Accueil café'), step('b', 'Créer la fiche', 60)];

  it('lists the steps that differ, present in one version only included', () => {
    expect(differingSteps(mine, theirs)).toEqual(['a', 'b', 'p', 'c']);
    expect(differingSteps(opened, opened)).toEqual([]);
    expect(differingSteps([opened[1]!, opened[0]!, opened[2]!], opened)).toEqual([ORDER_KEY]);
  });

  it('builds the déroulé of the choice step by step', () => {
    const combined = combineSteps(mine, theirs, { a: 'mine', b: 'theirs', p: 'theirs', c: 'mine' });
    expect(combined.map((s) => [s.title, s.minutes])).toEqual([['Accueil café', 15], ['Créer la fiche', 75], ['Pause', 10]]);
    expect(combineSteps(mine, theirs, { a: 'theirs', b: 'theirs', p: 'theirs', c: 'theirs' })).toEqual(theirs);
    expect(combineSteps([opened[1]!, opened[0]!, opened[2]!], opened, { [ORDER_KEY]: 'theirs' }).map((s) => s.id)).toEqual(['a', 'b', 'c']);
  });
});

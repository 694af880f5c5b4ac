import { beforeEach, describe, expect, it } from 'vitest';
import type { FourmiliereDatabase } from '../../db/database';
import { StaleRecordError } from '../../db/records';
import type { TutorialMeta } from '../../domain/tutorials';
import { freshDb } from '../../test/db';
import { saveUserTutorial } from './userTutorials';

let db: FourmiliereDatabase;
beforeEach(() => {
  db = freshDb();
});

const meta: TutorialMeta = {
  id: 'fiche-google',
  title: 'Créer une fiche Google',
  summary: 'Créer et vérifier la fiche d’établissement.',
  theme: 'metier-ant',
  level: 'debutant',
  duration: 60,
  audience: 'both',
  tags: ['google'],
  reviewed: '2026-12-01',
  version: 1,
  changes: 'Première version.',
};

describe('user tutorials', () => {
  it('a save from a stale editor (two tabs) writes nothing; the text saved in the other tab survives', async () => {
    const opened = await saveUserTutorial(meta, '## Objectifs\n\nCréer la fiche.\n');
    const ref = { recordId: opened.id, basedOn: null };
    // Tab 1 saves a new text from the revision both tabs opened.
    const afterTab1 = await saveUserTutorial({ ...meta, version: 2 }, '## Objectifs\n\nCréer puis vérifier la fiche.\n', { ...ref, expected: opened.rev });
    // Tab 2, still on the first revision, changes the title: refused with the stored version.
    const error = await saveUserTutorial({ ...meta, title: 'Fiche Google', version: 2 }, opened.body, { ...ref, expected: opened.rev }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StaleRecordError);
    expect((error as StaleRecordError).current.rev).toEqual(afterTab1.rev);
    const stored = (await db.tutorials.get(opened.id))!;
    expect(stored.body).toBe('## Objectifs\n\nCréer puis vérifier la fiche.\n');
    expect(stored.meta.title).toBe('Créer une fiche Google');
    expect(stored.rev).toEqual(afterTab1.rev);
    // From the stored revision, the save goes through; a save without a revision (packs, duplicates) is unchecked as before.
    const saved = await saveUserTutorial({ ...stored.meta, title: 'Fiche Google', version: 3 }, stored.body, { ...ref, expected: stored.rev });
    expect(saved.meta).toMatchObject({ title: 'Fiche Google', version: 3 });
    expect(saved.body).toBe(stored.body);
    await saveUserTutorial({ ...saved.meta, version: 4 }, saved.body, ref);
    expect((await db.tutorials.get(opened.id))!.meta.version).toBe(4);
  });
});

/** The tutorials: bundled Markdown files plus the user's own (and own versions of bundled ones). */
import { getDb } from '../../db/database';
import type { Revision } from '../../db/records';
import type { TutorialMeta, UserTutorial } from '../../domain/tutorials';
import { parseTutorialFile } from './frontmatter';

export interface Tutorial {
  meta: TutorialMeta;
  body: string;
  source: 'bundled' | 'user';
  /** for a user version of a bundled tutorial: the bundled one it replaces */
  basedOn: string | null;
  /** the user record id, when source is 'user' */
  recordId: string | null;
  /** the user record's revision, when source is 'user': the editor saves from it */
  rev?: Revision;
}

const files = import.meta.glob('../../../../resources/tutorials/*.md', { query: '?raw', import: 'default' }) as Record<string, () => Promise<string>>;

let bundled: Promise<Tutorial[]> | null = null;

async function loadOne(path: string, load: () => Promise<string>): Promise<Tutorial | null> {
  const parsed = parseTutorialFile(path.split('/').pop() ?? path, await load());
  if (!parsed.ok) {
    console.warn(parsed.error);
    return null;
  }
  return { meta: parsed.meta, body: parsed.body, source: 'bundled', basedOn: null, recordId: null };
}

/** Bundled tutorials, loaded once. A broken file is skipped (the content test fails the build on it). */
export function bundledTutorials(): Promise<Tutorial[]> {
  bundled ??= Promise.all(
    Object.entries(files)
      .filter(([path]) => !path.endsWith('/FORMAT.md'))
      .map(([path, load]) => loadOne(path, load)),
  ).then((list) => list.filter((t): t is Tutorial => t !== null).sort((a, b) => a.meta.title.localeCompare(b.meta.title, 'fr')));
  return bundled;
}
export function fromRecord(r: UserTutorial): Tutorial {
  return { meta: r.meta, body: r.body, source: 'user', basedOn: r.basedOn, recordId: r.id, rev: r.rev };
}

/** Bundled + user tutorials; a user version hides the bundled one it is based on. Deleted ones are in the bin. */
export async function allTutorials(): Promise<Tutorial[]> {
  const [base, own] = await Promise.all([bundledTutorials(), getDb().tutorials.toArray()]);
  const live = own.filter((r) => r.deletedAt === null);
  const replaced = new Set(live.map((r) => r.basedOn).filter((x): x is string => x !== null));
  const ownIds = new Set(live.map((r) => r.meta.id));
  return [...base.filter((t) => !replaced.has(t.meta.id) && !ownIds.has(t.meta.id)), ...live.map(fromRecord)].sort((a, b) => a.meta.title.localeCompare(b.meta.title, 'fr'));
}

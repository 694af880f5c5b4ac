/** The library as the screens see it: tutorials, progress and one search index, kept live. */
import { useEffect, useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { getDb } from '../../db/database';
import type { TutorialProgress } from '../../domain/tutorials';
import { bundledTutorials, fromRecord, type Tutorial } from './catalog';
import { createTutorialSearch, type TutorialSearch } from './search';

export interface Library {
  tutorials: Tutorial[];
  byId: Map<string, Tutorial>;
  bundledVersion: Map<string, number>;
  progress: Map<string, TutorialProgress>;
  search: TutorialSearch;
}

let searchIndex: { search: TutorialSearch; ids: Map<string, Tutorial> } | null = null;

export function useLibrary(): Library | undefined {
  const [bundled, setBundled] = useState<Tutorial[] | null>(null);
  useEffect(() => {
    void bundledTutorials().then(setBundled);
  }, []);
  const own = useLiveQuery(() => getDb().tutorials.toArray(), []);
  const progressRows = useLiveQuery(() => getDb().tutorialProgress.toArray(), []);
  return useMemo(() => {
    if (!bundled || !own || !progressRows) return undefined;
    const live = own.filter((r) => r.deletedAt === null);
    const replaced = new Set(live.map((r) => r.basedOn ?? r.meta.id));
    const tutorials = [...bundled.filter((t) => !replaced.has(t.meta.id)), ...live.map(fromRecord)].sort((a, b) => a.meta.title.localeCompare(b.meta.title, 'fr'));
    const byId = new Map(tutorials.map((t) => [t.meta.id, t]));
    // One index for the session, updated incrementally as the user's tutorials change.
    if (!searchIndex) searchIndex = { search: createTutorialSearch(tutorials), ids: new Map(byId) };
    else {
      for (const [id, t] of byId) if (searchIndex.ids.get(id) !== t) searchIndex.search.upsert(t);
      for (const id of searchIndex.ids.keys()) if (!byId.has(id)) searchIndex.search.remove(id);
      searchIndex.ids = new Map(byId);
    }
    return {
      tutorials,
      byId,
      bundledVersion: new Map(bundled.map((t) => [t.meta.id, t.meta.version])),
      progress: new Map(progressRows.map((p) => [p.tutorialId, p])),
      search: searchIndex.search,
    };
  }, [bundled, own, progressRows]);
}

/** "nouveau" (never opened) or "mis à jour" (bundled version above the one last seen). */
export function freshness(t: Tutorial, progress: TutorialProgress | undefined): 'new' | 'updated' | null {
  if (t.source !== 'bundled') return null;
  if (!progress || progress.seenVersion === 0) return progress?.lastReadAt ? null : 'new';
  return t.meta.version > progress.seenVersion ? 'updated' : null;
}

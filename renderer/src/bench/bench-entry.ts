/**
 * The benchmark page (renderer/bench.html), built only by scripts/bench.mjs:
 * the app's own modules plus raw baselines, driven from Node through
 * window.__bench. Nothing here ships in the app bundle.
 */
import { ensureDeviceId } from '../db/settings';
import { runDueBackups } from '../features/safekeeping/backup-service';
import type { RunResult } from './measure';
import { scenarios, type Params } from './scenarios';
import { seed, tableCounts, type SeedInfo, type SeedRequest } from './seed';

export interface BenchApi {
  seed(request: SeedRequest): Promise<SeedInfo>;
  counts(): Promise<Record<string, number>>;
  /** writes the automatic copies the app would write 5 s after starting, if due; returns the kinds and the time taken */
  settleBackups(): Promise<{ kinds: string[]; ms: number }>;
  list(): { id: string; unavailable: string | null; hasBaseline: boolean }[];
  prepare(id: string, params: Params): Promise<Record<string, number | string>>;
  run(id: string, side: 'subject' | 'baseline', params: Params): Promise<RunResult>;
}

function scenario(id: string) {
  const found = scenarios.find((s) => s.id === id);
  if (!found) throw new Error(`unknown scenario ${id}`);
  return found;
}

const api: BenchApi = {
  seed,
  counts: tableCounts,
  async settleBackups() {
    const started = performance.now();
    const kinds = await runDueBackups();
    return { kinds, ms: performance.now() - started };
  },
  list: () => scenarios.map((s) => ({ id: s.id, unavailable: s.unavailable(), hasBaseline: Boolean(s.baseline) })),
  prepare: async (id, params) => (await scenario(id).prepare?.(params)) ?? {},
  run: async (id, side, params) => {
    const s = scenario(id);
    if (side === 'baseline') {
      if (!s.baseline) throw new Error(`${id} has no baseline`);
      return s.baseline(params);
    }
    const why = s.unavailable();
    if (why) throw new Error(`${id}: ${why}`);
    return s.subject(params);
  },
};

declare global {
  interface Window {
    __bench?: BenchApi;
  }
}

void ensureDeviceId().then(() => {
  window.__bench = api;
  document.body.dataset.benchReady = 'true';
});

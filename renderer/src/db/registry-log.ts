/**
 * Every write to `animators` also adds, in the same transaction, the ids it touched to
 * `registryLog` (a clear or a range deletion adds null: everything). The in-memory registry
 * (features/animators/registry-live.ts) reads the entries after the one its snapshot
 * includes and reads those records again: a snapshot is never silently stale, whoever wrote
 * (this window, another window, a worker importing), even if the app quit right after.
 * A Dexie middleware so that no write path can forget it.
 */
import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';

export const REGISTRY_LOG = 'registryLog';
const WATCHED = 'animators';

function touchedIds(req: DBCoreMutateRequest): string[] | null {
  if (req.type === 'deleteRange') return null;
  if (req.type === 'delete') return req.keys.map(String);
  if (req.keys) return req.keys.map(String);
  return req.values.map((v) => String((v as { id: unknown }).id));
}

export const registryLogMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'registry-log',
  create(down) {
    const logged = down.schema.tables.some((t) => t.name === REGISTRY_LOG);
    if (!logged) return down;
    return {
      ...down,
      transaction(stores, mode, options) {
        // The log is written in the writer's own transaction: both stored, or neither.
        const scope = mode === 'readwrite' && stores.includes(WATCHED) && !stores.includes(REGISTRY_LOG) ? [...stores, REGISTRY_LOG] : stores;
        return down.transaction(scope, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== WATCHED) return table;
        const log = down.table(REGISTRY_LOG);
        return {
          ...table,
          mutate(req) {
            const ids = touchedIds(req);
            if (ids !== null && ids.length === 0) return table.mutate(req);
            return Promise.all([table.mutate(req), log.mutate({ type: 'add', trans: req.trans, values: [{ ids }] })]).then(([result]) => result);
          },
        };
      },
    };
  },
};

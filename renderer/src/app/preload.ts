/**
 * Work started once the app has booted: `afterMs` after the page's load event (the first
 * screen's own reads go first), when the window is next idle (a timeout bounds the wait on
 * a busy window). Kept out of the first screen's way: the cold start is timed to that
 * screen, and what is started here runs beside what follows it.
 */
export function whenBooted(task: () => void, { afterMs = 500, timeout = 2000 } = {}): () => void {
  let cancel = () => {};
  let done = false;
  const idle = () => {
    if (done) return;
    const timer = setTimeout(whenIdle, afterMs);
    cancel = () => clearTimeout(timer);
  };
  const whenIdle = () => {
    if (done) return;
    if (typeof window.requestIdleCallback === 'function') {
      const handle = window.requestIdleCallback(() => !done && task(), { timeout });
      cancel = () => window.cancelIdleCallback(handle);
    } else {
      const timer = setTimeout(() => !done && task(), 200);
      cancel = () => clearTimeout(timer);
    }
  };
  if (document.readyState === 'complete') idle();
  else {
    window.addEventListener('load', idle, { once: true });
    cancel = () => window.removeEventListener('load', idle);
  }
  return () => {
    done = true;
    cancel();
  };
}

/**
 * The registry's worker started (it loads the registry from its snapshot), and the count and
 * first rows the snapshot keeps read ahead for the list: at boot (below), and at a click on
 * « Annuaire » made before that, beside the fetch of its code. One worker for the app: a
 * screen that asks first starts it itself, and this finds it there.
 */
export function startRegistry(): Promise<void> {
  return Promise.all([import('../db/database'), import('../features/animators/registry-client'), import('../features/animators/registry-kept')]).then(([{ getDb }, { registryClient }, { readKeptAhead }]) => {
    const db = getDb();
    registryClient(db.name);
    // the list takes this read (or reads again after a failure)
    readKeptAhead(db).catch(() => undefined);
  });
}

/**
 * The registry's worker started once the app has booted (issue #21): it loads the registry
 * from its snapshot meanwhile, so the Annuaire, the baromètre or a picker opened later
 * answer from memory instead of waiting for that load; the Annuaire's code is fetched too.
 */
export function preloadRegistryWhenBooted(prefetchScreens: () => Promise<unknown>): () => void {
  let ended = false;
  const cancel = whenBooted(() => {
    void Promise.all([import('../db/database'), import('../features/animators/registry-client')])
      .then(([{ getDb }, { registryClient }]) => {
        if (ended) return;
        registryClient(getDb().name);
        // The Annuaire's screens too (the route's own loader): a click on « Annuaire » then only renders.
        return prefetchScreens();
      })
      .catch((error: unknown) => console.warn('registry preload failed', error));
  });
  return () => {
    ended = true;
    cancel();
  };
}

/**
 * While a restore, an import or a merge runs, closing or reloading the window asks
 * first: the browser shows its own "leave the site?" prompt, the desktop its dialog
 * (electron/main.ts, on 'will-prevent-unload'). The write is one transaction, so a
 * close would not corrupt anything, but the person would lose the operation unseen.
 */
let holds = 0;

function onBeforeUnload(event: BeforeUnloadEvent): void {
  event.preventDefault();
  // Older browsers read the prompt from returnValue (its text is not shown anymore).
  event.returnValue = true;
}

/** Warns before unload until the returned function is called (once). */
export function holdUnload(): () => void {
  if (typeof window === 'undefined') return () => undefined;
  if (holds++ === 0) window.addEventListener('beforeunload', onBeforeUnload);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--holds === 0) window.removeEventListener('beforeunload', onBeforeUnload);
  };
}

/** How many writes hold the window now (for tests). */
export const unloadHolds = (): number => holds;

/**
 * Long work on the main thread (planning an import, writing a backup) is cut into
 * slices so the window keeps painting and answering input between them.
 */

/**
 * Lets the window paint and handle input between chunks of long work. Uses
 * scheduler.yield() where the browser has it, else a message-channel hop: unlike
 * nested setTimeout(0), neither is clamped to 4 ms.
 */
export function yieldToUi(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * A checkpoint to call often inside a loop: it yields to the UI only once the
 * current slice has run for budgetMs, so short work pays nothing.
 */
export function timeSlicer(budgetMs = 30): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < budgetMs) return;
    await yieldToUi();
    sliceStart = performance.now();
  };
}

/**
 * Timing inside the page: wall time of one awaited run, plus the longest
 * main-thread task seen meanwhile (Long Tasks API, tasks over 50 ms).
 */

export interface Check {
  ok: boolean;
  detail: string;
}

export interface RunResult {
  /** wall time of the run, ms */
  ms: number;
  /** per-item samples when a run is many small operations (e.g. keystrokes) */
  samples?: number[];
  /** the longest main-thread task during the run, ms (0: none over 50 ms) */
  longestTaskMs: number;
  check?: Check;
  extra?: Record<string, number | string>;
}

const longTasks: { start: number; duration: number }[] = [];
let observing = false;

function observeLongTasks(): void {
  if (observing) return;
  observing = true;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // Long Tasks API missing: longestTaskMs stays 0 (reported as such).
  }
}

/** Lets pending observers and macrotasks run (long-task entries are delivered late). */
export function settle(ms = 30): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function longestTaskBetween(start: number, end: number): number {
  let longest = 0;
  for (const task of longTasks) if (task.start + task.duration >= start && task.start <= end) longest = Math.max(longest, task.duration);
  return longest;
}

export interface Timed<T> {
  value: T;
  ms: number;
  longestTaskMs: number;
}

/** Times one async operation, then waits for long-task entries to arrive. */
export async function timed<T>(run: () => Promise<T> | T): Promise<Timed<T>> {
  observeLongTasks();
  await settle(0);
  const start = performance.now();
  const value = await run();
  const end = performance.now();
  await settle();
  return { value, ms: end - start, longestTaskMs: longestTaskBetween(start, end) };
}

/** The déroulé laid on a session's clock, for the printed plan of the day, and what its steps ask to bring. */
import { foldText } from '../../db/records';

/** A step placed in a session's day: when it starts and ends ("HH:MM"). */
export interface TimedStep<S> {
  step: S;
  start: string;
  end: string;
}

/**
 * Each step starts when the previous one ends, from the session's start
 * ("2026-03-10T09:00" → 09:00, 09:20, …). Past midnight the times wrap, as a clock does.
 */
export function timedSteps<S extends { minutes: number }>(steps: readonly S[], sessionStart: string): TimedStep<S>[] {
  const [h, m] = sessionStart.slice(11, 16).split(':').map(Number);
  let at = (h ?? 0) * 60 + (m ?? 0);
  const hhmm = (minutes: number) => {
    const day = ((minutes % 1440) + 1440) % 1440;
    return `${String(Math.floor(day / 60)).padStart(2, '0')}:${String(day % 60).padStart(2, '0')}`;
  };
  return steps.map((step) => {
    const start = hhmm(at);
    at += step.minutes;
    return { step, start, end: hhmm(at) };
  });
}

/**
 * What the déroulé's steps ask to bring, not yet on the materials checklist: one item
 * per line or « ; »-separated part of a step's material, compared without accents or case.
 */
export function stepMaterials(steps: readonly { material: string }[], checklist: readonly { label: string }[]): string[] {
  const fold = (s: string) => foldText(s).replace(/\s+/g, ' ').trim();
  const known = new Set(checklist.map((i) => fold(i.label)));
  const found: string[] = [];
  for (const step of steps) {
    for (const part of step.material.split(/[\n;]+/)) {
      const label = part.replace(/^[-•*]\s*/, '').trim().slice(0, 200);
      if (!label || known.has(fold(label))) continue;
      known.add(fold(label));
      found.push(label);
    }
  }
  return found;
}

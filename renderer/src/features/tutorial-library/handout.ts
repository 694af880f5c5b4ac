/**
 * Handouts: what a tutorial prints as, for participants or for the animator.
 *
 * The participant handout keeps what a participant takes home — objectives,
 * prerequisites, steps, check-list, further reading — and leaves out what only the
 * animator needs: the « Exercice pour l'atelier » section (with its timings) and
 * `::: exercice` callouts wherever they are.
 */
export type HandoutVersion = 'participant' | 'animateur';

const ANIMATOR_SECTION = /^##\s+Exercice pour l[’']atelier\s*$/iu;

/** The tutorial's Markdown without its animator-only parts. */
export function participantBody(body: string): string {
  const out: string[] = [];
  let skippingSection = false;
  let calloutDepth = 0;
  let skippingCallout = false;
  for (const line of body.split('\n')) {
    if (/^##\s/.test(line)) skippingSection = ANIMATOR_SECTION.test(line.trim());
    if (skippingSection) continue;
    const opening = /^:::\s*([\w-]+)\s*$/.exec(line);
    if (opening) {
      if (skippingCallout) calloutDepth += 1;
      else if (opening[1] === 'exercice') {
        skippingCallout = true;
        calloutDepth = 1;
      }
      if (skippingCallout) continue;
    } else if (/^:::\s*$/.test(line) && skippingCallout) {
      calloutDepth -= 1;
      if (calloutDepth === 0) skippingCallout = false;
      continue;
    }
    if (skippingCallout) continue;
    out.push(line);
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

/** Tutorial ids in order of first use, each once (a tutorial linked from three steps prints once). */
export function uniqueIds(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}

/** A4 less 15 mm margins on each side: the printed area a handout page holds. */
export const HANDOUT_PAGE_MM = { width: 180, height: 267 } as const;

/**
 * Pages a set of handouts prints on, from the height of each one laid out at the
 * printed width: each handout starts a new page.
 */
export function pagesFor(heightsPx: readonly number[], pxPerMm: number): number {
  const pageHeight = HANDOUT_PAGE_MM.height * pxPerMm;
  return heightsPx.reduce((sum, h) => sum + Math.max(1, Math.ceil(h / pageHeight - 0.02)), 0);
}

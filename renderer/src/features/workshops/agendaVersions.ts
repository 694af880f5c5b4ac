/**
 * Two versions of a déroulé side by side (a stale tab's and the stored one): which
 * steps differ, and the déroulé made of the person's choice step by step.
 */

interface Step {
  id: string;
}

/** The key of the choice about the order of the steps both versions have. */
export const ORDER_KEY = 'order';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Ids of the steps that differ (changed, or present in one version only), mine's order first; ORDER_KEY when the shared steps are ordered differently. */
export function differingSteps<S extends Step>(mine: readonly S[], theirs: readonly S[]): string[] {
  const theirsById = new Map(theirs.map((s) => [s.id, s]));
  const mineById = new Map(mine.map((s) => [s.id, s]));
  const ids = [...mine.map((s) => s.id), ...theirs.filter((s) => !mineById.has(s.id)).map((s) => s.id)];
  const out = ids.filter((id) => !same(mineById.get(id), theirsById.get(id)));
  const sharedMine = mine.filter((s) => theirsById.has(s.id)).map((s) => s.id);
  const sharedTheirs = theirs.filter((s) => mineById.has(s.id)).map((s) => s.id);
  if (!same(sharedMine, sharedTheirs)) out.push(ORDER_KEY);
  return out;
}

/**
 * The déroulé of the choice: each step from the chosen version (dropped if absent
 * there), steps not listed kept from mine; ordered as the chosen order, steps the
 * other version alone has coming after their predecessor.
 */
export function combineSteps<S extends Step>(mine: readonly S[], theirs: readonly S[], choice: Record<string, 'mine' | 'theirs'>): S[] {
  const mineById = new Map(mine.map((s) => [s.id, s]));
  const theirsById = new Map(theirs.map((s) => [s.id, s]));
  const [first, second] = choice[ORDER_KEY] === 'theirs' ? [theirs, mine] : [mine, theirs];
  const order = first.map((s) => s.id);
  second.forEach((s, i) => {
    if (order.includes(s.id)) return;
    const before = i > 0 ? order.indexOf(second[i - 1]!.id) : -1;
    order.splice(before + 1, 0, s.id);
  });
  const out: S[] = [];
  for (const id of order) {
    const step = (choice[id] ?? 'mine') === 'theirs' ? theirsById.get(id) : mineById.get(id);
    if (step) out.push(step);
  }
  return out;
}

/**
 * Which other listings are most like one: more categories in common first, then in the same area,
 * then in A to Z order. Pure, so the ranking is tested on its own; the pages give it the listings
 * by category once per build (src/data/directory.ts).
 */

export interface Comparable {
  id: string;
  data: { categories: readonly string[]; areas: readonly string[] };
}

/**
 * Up to `limit` listings sharing a category with `listing`, best first. `byCategory` holds every
 * listing under each of its categories, `place` each listing's place A to Z. One pass over those
 * sharing a category keeps the best few, rather than sorting them all, since it runs for every
 * listing's page.
 */
export function mostAlike<T extends Comparable>(listing: T, byCategory: ReadonlyMap<string, readonly T[]>, place: ReadonlyMap<T, number>, limit: number): T[] {
  const shared = new Map<T, number>();
  for (const id of listing.data.categories) for (const other of byCategory.get(id) ?? []) if (other.id !== listing.id) shared.set(other, (shared.get(other) ?? 0) + 1);
  const areas = new Set(listing.data.areas);
  type Ranked = { other: T; count: number; sameArea: number; place: number };
  const before = (a: Ranked, b: Ranked) => b.count - a.count || b.sameArea - a.sameArea || a.place - b.place;
  const best: Ranked[] = [];
  for (const [other, count] of shared) {
    const full = best.length >= limit;
    if (full && (limit === 0 || count < best[limit - 1].count)) continue;
    const candidate = { other, count, sameArea: Number(other.data.areas.some((area) => areas.has(area))), place: place.get(other)! };
    if (full && before(candidate, best[limit - 1]) >= 0) continue;
    let at = best.length;
    while (at > 0 && before(candidate, best[at - 1]) < 0) at--;
    best.splice(at, 0, candidate);
    if (best.length > limit) best.pop();
  }
  return best.map(({ other }) => other);
}

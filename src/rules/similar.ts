/**
 * Which other listings are most like one: more categories in common first, then in the same area,
 * then in A to Z order. Pure, so the ranking is tested on its own; the pages make the index once per
 * build (src/data/directory.ts) and ask it once for every listing's page.
 */

export interface Comparable {
  id: string;
  data: { categories: readonly string[]; areas: readonly string[] };
}

/** The listings A to Z, each category's listings by their place in that order, and room to count in. */
export interface SimilarityIndex<T extends Comparable> {
  listings: readonly T[];
  byCategory: ReadonlyMap<string, readonly number[]>;
  /** Categories in common with the listing being asked about, by place; all zero between questions. */
  counts: Uint16Array;
  /** The places counted so far, to set back to zero. */
  counted: Uint32Array;
}

/** The index of `listings`, given A to Z. A listing naming a category twice is counted twice, both ways. */
export function similarityIndex<T extends Comparable>(listings: readonly T[]): SimilarityIndex<T> {
  const byCategory = new Map<string, number[]>();
  listings.forEach((listing, place) => {
    for (const id of listing.data.categories) {
      if (!byCategory.has(id)) byCategory.set(id, []);
      byCategory.get(id)!.push(place);
    }
  });
  return { listings, byCategory, counts: new Uint16Array(listings.length), counted: new Uint32Array(listings.length) };
}

/**
 * Up to `limit` other listings sharing a category with `listing`, best first. Counting in a typed array
 * and keeping only the best few, rather than sorting every listing that shares a category, keeps it
 * quick when a county has hundreds of groups in each category.
 */
export function mostAlike<T extends Comparable>(index: SimilarityIndex<T>, listing: T, limit: number): T[] {
  const { listings, byCategory, counts, counted } = index;
  let touched = 0;
  for (const id of listing.data.categories) {
    for (const place of byCategory.get(id) ?? []) if (counts[place]++ === 0) counted[touched++] = place;
  }
  const areas = new Set(listing.data.areas);
  type Ranked = { place: number; count: number; sameArea: number };
  const before = (a: Ranked, b: Ranked) => b.count - a.count || b.sameArea - a.sameArea || a.place - b.place;
  const best: Ranked[] = [];
  for (let n = 0; n < touched; n++) {
    const place = counted[n];
    const count = counts[place];
    counts[place] = 0;
    const other = listings[place];
    if (other.id === listing.id) continue;
    const full = best.length >= limit;
    if (full && (limit === 0 || count < best[limit - 1].count)) continue;
    const candidate = { place, count, sameArea: Number(other.data.areas.some((area) => areas.has(area))) };
    if (full && before(candidate, best[limit - 1]) >= 0) continue;
    let at = best.length;
    while (at > 0 && before(candidate, best[at - 1]) < 0) at--;
    best.splice(at, 0, candidate);
    if (best.length > limit) best.pop();
  }
  return best.map(({ place }) => listings[place]);
}

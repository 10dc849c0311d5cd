/**
 * The search filters, one definition for both searches: listing pages carry these values as
 * Pagefind filters, and the server-rendered search (JavaScript off) filters and counts by them.
 * "When" (open now, this week) depends on the moment of the search, so only the server has it,
 * worked out for each request from the one clock (`whenValues`).
 */
import { isOpenAt, meetsWithinAWeek, type Session, type UkTime } from '../rules/schedule';

export const facets = ['type', 'area', 'category', 'audience', 'cost', 'day', 'when', 'accessibility', 'language'] as const;
export type Facet = (typeof facets)[number];
export type FacetValues = Partial<Record<Facet, string[]>>;
export type Selection = Partial<Record<Facet, string[]>>;

/** Results shown at a time, on the server's pages and by the browser's "show more". */
export const resultsPerPage = 20;

/** Reads the chosen filters from a URL's query string, e.g. `?area=Chatteris&area=March`. */
export function selectionFrom(params: URLSearchParams): Selection {
  const selection: Selection = {};
  for (const facet of facets) {
    const values = params.getAll(facet).map((value) => value.trim()).filter(Boolean);
    if (values.length) selection[facet] = [...new Set(values)].slice(0, 50);
  }
  return selection;
}

/** Within a filter any chosen value matches; across filters every one must. */
export function matchesSelection(values: FacetValues, selection: Selection, except?: Facet): boolean {
  return facets.every((facet) => {
    const chosen = selection[facet];
    if (facet === except || !chosen?.length) return true;
    return chosen.some((value) => values[facet]?.includes(value));
  });
}

/**
 * For each filter, how many results each of its values would give, counting with the other
 * filters applied but not this one, so choosing a second area widens rather than empties.
 */
export function facetCounts(items: { facets: FacetValues }[], selection: Selection): Record<Facet, Map<string, number>> {
  return Object.fromEntries(
    facets.map((facet) => {
      const counts = new Map<string, number>();
      for (const item of items) {
        if (!matchesSelection(item.facets, selection, facet)) continue;
        for (const value of item.facets[facet] ?? []) counts.set(value, (counts.get(value) ?? 0) + 1);
      }
      const sorted = [...counts].sort(([a], [b]) => a.localeCompare(b, 'en-GB'));
      return [facet, new Map(sorted)];
    }),
  ) as Record<Facet, Map<string, number>>;
}

/** A listing's "when" values at a UK time: its name for open now and for this week, where each applies. */
export function whenValues(sessions: readonly Session[], at: UkTime, names: { now: string; week: string }): string[] {
  return [...(isOpenAt(sessions, at) ? [names.now] : []), ...(meetsWithinAWeek(sessions, at) ? [names.week] : [])];
}

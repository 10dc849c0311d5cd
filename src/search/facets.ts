/**
 * The search filters, one definition for both searches: listing pages carry these values as
 * Pagefind filters, and the server-rendered search (JavaScript off) filters and counts by them.
 * "When" (open now, this week) depends on the moment of the search, so only the server has it,
 * worked out for each request from the one clock (`whenValues`). So does "date" (today, this week,
 * this weekend, the next 30 days: the windows of /whats-on/), which an event or course has by its dates.
 */
import { isOpenAt, meetsWithinAWeek, type Session, type UkTime } from '../rules/schedule';

export const facets = ['type', 'area', 'category', 'audience', 'cost', 'day', 'when', 'date', 'accessibility', 'language'] as const;
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

/** Sorts names as residents read them; one collator, as `localeCompare` with a locale makes one a call. */
export const byName = new Intl.Collator('en-GB').compare;

/**
 * For each filter, how many results each of its values would give, counting with the other
 * filters applied but not this one, so choosing a second area widens rather than empties.
 * One pass: an item missing no chosen filter counts in every filter; missing one, only in that one.
 */
export function facetCounts(items: { facets: FacetValues }[], selection: Selection): Record<Facet, Map<string, number>> {
  const chosen = facets.filter((facet) => selection[facet]?.length);
  const counts = Object.fromEntries(facets.map((facet) => [facet, new Map<string, number>()])) as Record<Facet, Map<string, number>>;
  const add = (facet: Facet, values: string[] = []) => {
    const count = counts[facet];
    for (const value of values) count.set(value, (count.get(value) ?? 0) + 1);
  };
  for (const item of items) {
    let missing: Facet | undefined;
    let missed = 0;
    for (const facet of chosen) {
      if (selection[facet]!.some((value) => item.facets[facet]?.includes(value))) continue;
      missing = facet;
      if (++missed > 1) break;
    }
    if (missed === 0) for (const facet of facets) add(facet, item.facets[facet]);
    else if (missed === 1) add(missing!, item.facets[missing!]);
  }
  for (const facet of facets) counts[facet] = new Map([...counts[facet]].sort(([a], [b]) => byName(a, b)));
  return counts;
}

/** A listing's "when" values at a UK time: its name for open now and for this week, where each applies. */
export function whenValues(sessions: readonly Session[], at: UkTime, names: { now: string; week: string }): string[] {
  return [...(isOpenAt(sessions, at) ? [names.now] : []), ...(meetsWithinAWeek(sessions, at) ? [names.week] : [])];
}

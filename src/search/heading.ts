/**
 * The heading of a search: what was found, counted in words that fit, e.g. "22 groups and places in
 * Chatteris", "1 group in Whittlesey", "3 results for “toddlers”". The noun comes from what the
 * results are (or, when there are none, from the types chosen): groups, places, both, or results.
 */
import type { Translate } from '../i18n';

export interface HeadingFacts {
  query: string;
  /** How many results there are. */
  count: number;
  /** The kind of each result, e.g. "Group or service" (`kind.*`). */
  kinds: string[];
  /** The types chosen in the filter. */
  types: string[];
  /** The towns and villages chosen. */
  areas: string[];
  /** Whether any filter other than type and area is chosen. */
  otherFilters: boolean;
}

/** How to count what was found: groups, places, groups and places, or results when there are other kinds among them. */
export function nounFor(kinds: string[], t: Translate): 'groups' | 'places' | 'groupsAndPlaces' | 'results' {
  const present = new Set(kinds);
  const group = t('kind.group');
  const place = t('kind.asset');
  if (present.size === 0 || [...present].some((kind) => kind !== group && kind !== place)) return 'results';
  return present.size === 2 ? 'groupsAndPlaces' : present.has(group) ? 'groups' : 'places';
}

const singular = { groups: 'group', places: 'place', results: 'result' } as const;

export function searchHeading({ query, count, kinds, types, areas, otherFilters }: HeadingFacts, t: Translate): string {
  if (query) return t(count === 1 ? 'search.result' : count === 0 ? 'search.none' : 'search.results', { count, query });
  if (!types.length && !areas.length && !otherFilters) return t('search.title');
  const noun = nounFor(count ? kinds : types, t);
  const counted = count === 1 && noun !== 'groupsAndPlaces' ? t(`search.counted.${singular[noun]}`) : t(`search.counted.${noun}`, { count });
  if (areas.length) return t('search.in', { counted, areas: areas.join(t('search.or')) });
  return otherFilters ? t('search.filtered', { counted }) : counted;
}

import { LRUCache } from 'lru-cache';
import { type Facet, type Selection, byName, facetCounts, facets, matchesSelection } from './facets';
import { type SearchDocument, searchDocuments, words } from './text-search';
import { type LatLng, sortByDistance } from '../rules/distance';
import type { Page } from '../rules/paging';

/**
 * One search as the search page asks for it, and the one page of its results it shows. A search's
 * ranked and filtered results and its filter counts are kept (a bounded LRU per directory), so
 * a search asked again, or its next page, costs only cutting out the page: on 10,000 listings the
 * ranking, counting and sorting of every match is most of a request's time.
 */
export interface SearchRequest {
  query: string;
  /** Town and village names, which a query can name to rank their listings first. */
  areaNames: readonly string[];
  selection: Selection;
  sort: 'relevance' | 'name' | 'distance';
  /** Where distances are measured from; sorting by distance needs it. */
  origin?: LatLng;
  /** The page asked for, from 1; out of range is the nearest page there is. */
  page: number;
  perPage: number;
}

export interface SearchAnswer {
  /** How many documents the words find, before any filter. */
  matched: number;
  /** How many the filters leave. */
  total: number;
  /** For each filter, its values and how many results each would give (facetCounts). */
  counts: Record<Facet, Map<string, number>>;
  /** The page shown: its number, how many pages there are, and its results. */
  page: Page<SearchDocument>;
  /** Kilometres from the origin, for the page's results that have a location (sorted by distance). */
  distances: Map<string, number>;
}

interface Kept {
  matched: number;
  results: SearchDocument[];
  counts: Record<Facet, Map<string, number>>;
  distances?: number[];
}

/** Up to this many results kept in all (about 8 bytes each, plus the counts), so memory stays bounded. */
const keptResults = 2_000_000;
const kept = new WeakMap<readonly SearchDocument[], LRUCache<string, Kept>>();

/** The same key for the same search however it was written: words as matched, filters in a fixed order. */
function keyOf(request: SearchRequest): string {
  const selection = facets.filter((facet) => request.selection[facet]?.length).map((facet) => [facet, [...request.selection[facet]!].sort()]);
  const origin = request.sort === 'distance' && request.origin ? [request.origin.lat, request.origin.lng] : [];
  return JSON.stringify([words(request.query), request.areaNames.length, selection, request.sort, origin]);
}

function compute(documents: readonly SearchDocument[], request: SearchRequest): Kept {
  const matches = searchDocuments(documents, request.query, request.areaNames);
  const counts = facetCounts(matches, request.selection);
  const results = matches.filter((document) => matchesSelection(document.facets, request.selection));
  if (request.sort === 'name') results.sort((a, b) => byName(a.title, b.title));
  if (request.sort === 'distance' && request.origin) {
    const sorted = sortByDistance(results, request.origin, (result) => result.location);
    return { matched: matches.length, results: sorted.map(({ item }) => item), counts, distances: sorted.map(({ km }) => km ?? Number.NaN) };
  }
  return { matched: matches.length, results, counts };
}

/** The search's answer: its counts and only the page asked for, from the kept results when it was asked before. */
export function searchPage(documents: readonly SearchDocument[], request: SearchRequest): SearchAnswer {
  let cache = kept.get(documents);
  if (!cache) {
    cache = new LRUCache<string, Kept>({ maxSize: keptResults, sizeCalculation: (answer) => answer.results.length + 1 });
    kept.set(documents, cache);
  }
  const key = keyOf(request);
  let answer = cache.get(key);
  if (!answer) {
    answer = compute(documents, request);
    cache.set(key, answer);
  }
  // Only the page shown is cut out (as paginate() in src/rules/paging.ts cuts each page).
  const total = Math.max(1, Math.ceil(answer.results.length / request.perPage));
  const number = Math.min(Math.max(request.page, 1), total);
  const from = (number - 1) * request.perPage;
  const items = answer.results.slice(from, from + request.perPage);
  const distances = new Map<string, number>();
  if (answer.distances) {
    items.forEach((item, index) => {
      const km = answer.distances![from + index];
      if (!Number.isNaN(km)) distances.set(item.href, km);
    });
  }
  return { matched: answer.matched, total: answer.results.length, counts: answer.counts, page: { number, total, items }, distances };
}

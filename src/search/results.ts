import { LRUCache } from 'lru-cache';
import { type Facet, type Selection, byName, facetCounts, facets, matchesSelection, whenValues } from './facets';
import { type SearchDocument, searchDocuments, words } from './text-search';
import { welcomesAge } from '../rules/ages';
import { type Centred, type LatLng, placeOf, sortByDistance } from '../rules/distance';
import type { Page } from '../rules/paging';
import type { UkTime } from '../rules/schedule';
import type { Window } from '../whats-on/status';
import { stillOn } from './dates';

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
  /** Only groups and places whose ages include it. */
  age?: number;
  /** The UK time "open now" and "this week" are worked out at, and their names as filter values. */
  when: { at: UkTime; names: { now: string; week: string } };
  /**
   * The moment events, courses and roles are judged at (past ones and closed roles are left out, an
   * event's next date found) and the date filter's names for today, this week, this weekend and the
   * next 30 days. Without it they are searched as plain documents.
   */
  dates?: { now: Date; names: Record<Window, string> };
  sort: 'relevance' | 'name' | 'distance';
  /** Where distances are measured from (sorting by distance needs it); a listing with no position is placed at the nearest of its areas' centres. */
  origin?: { centre: LatLng; areas: readonly Centred[] };
  /** The page asked for, from 1; out of range is the nearest page there is. */
  page: number;
  perPage: number;
}

export interface SearchAnswer {
  /** How many documents the words find, before any filter. */
  matched: number;
  /** How many the filters leave. */
  total: number;
  /** The kinds among the results ("Group or service", …), for the heading. */
  kinds: string[];
  /** For each filter, its values and how many results each would give (facetCounts). */
  counts: Record<Facet, Map<string, number>>;
  /** The page shown: its number, how many pages there are, and its results. */
  page: Page<SearchDocument>;
  /** Kilometres from the origin for the page's results that have a place, and the area a listing without a position was placed in. */
  distances: Map<string, { km: number; area?: string }>;
}

interface Kept {
  matched: number;
  results: SearchDocument[];
  kinds: string[];
  counts: Record<Facet, Map<string, number>>;
  /** Beside each result, when there is an origin. */
  distances?: ({ km: number; area?: string } | undefined)[];
}

/**
 * Up to this many results kept in all, so memory stays bounded: a result is a reference to its
 * document (8 bytes), or for a group with sessions a small copy carrying its "when" values.
 */
const keptResults = 500_000;
const kept = new WeakMap<readonly SearchDocument[], LRUCache<string, Kept>>();

/** The same key for the same search however it was written: words as matched, filters in a fixed order. */
function keyOf(request: SearchRequest): string {
  const selection = facets.filter((facet) => request.selection[facet]?.length).map((facet) => [facet, [...request.selection[facet]!].sort()]);
  const origin = request.origin ? [request.origin.centre.lat, request.origin.centre.lng] : [];
  // "Open now" and "this week" change with the minute, so a search is kept for the minute it was made in.
  const when = [request.when.at.day, request.when.at.time, request.dates ? Math.floor(request.dates.now.getTime() / 60_000) : null];
  return JSON.stringify([words(request.query), request.areaNames.length, selection, request.age ?? null, when, request.sort, origin]);
}

/**
 * A document as this search sees it: a group with its "when" values for the moment; an event with
 * its next date and "date" values, or left out once its last date has ended; a closed role left out.
 */
function atTheMoment(document: SearchDocument, request: SearchRequest): SearchDocument | undefined {
  const { when, dates } = request;
  if (document.sessions) return { ...document, facets: { ...document.facets, when: whenValues(document.sessions, when.at, when.names) } };
  if (!dates || !(document.schedule || document.closes)) return document;
  const on = stillOn(document, dates.now);
  if (on === undefined) return undefined;
  if (on === true) return document;
  return { ...document, next: on.next, facets: { ...document.facets, date: on.windows.map((window) => dates.names[window]) } };
}

/** Events and courses take each other's places in the ranking, next date first, so the soonest of them come first wherever they rank. */
function byNextDate(results: SearchDocument[]): SearchDocument[] {
  const dated = results.filter((result) => result.next);
  if (dated.length < 2) return results;
  const soonest = [...dated].sort((a, b) => a.next!.start.getTime() - b.next!.start.getTime());
  let taken = 0;
  return results.map((result) => (result.next ? soonest[taken++]! : result));
}

function compute(documents: readonly SearchDocument[], request: SearchRequest): Kept {
  const { age, origin } = request;
  const matches = searchDocuments(documents, request.query, request.areaNames)
    .filter((document) => age === undefined || (document.listing && welcomesAge(document.ages, age)))
    .flatMap((document) => atTheMoment(document, request) ?? []);
  const counts = facetCounts(matches, request.selection);
  const dateOrder = request.dates ? Object.values(request.dates.names) : [];
  counts.date = new Map([...counts.date].sort(([a], [b]) => dateOrder.indexOf(a) - dateOrder.indexOf(b)));
  let results = matches.filter((document) => matchesSelection(document.facets, request.selection));
  if (request.sort === 'name') results.sort((a, b) => byName(a.title, b.title));
  else results = byNextDate(results);
  const kinds = [...new Set(results.map((result) => result.kind))];
  if (!origin) return { matched: matches.length, results, kinds, counts };
  // A listing with no position of its own is measured from the nearest area it serves, and says so.
  const centres = new Map(origin.areas.map((area) => [area.name, area]));
  const placed = new Map(results.map((result) => [result.href, placeOf(result.location, result.listing ? (result.facets.area ?? []).flatMap((name) => centres.get(name) ?? []) : [], origin.centre)]));
  const measured = sortByDistance(results, origin.centre, (result) => placed.get(result.href)?.at);
  if (request.sort === 'distance') results = measured.map(({ item }) => item);
  const byHref = new Map(measured.map(({ item, km }) => [item.href, km === undefined ? undefined : { km, area: placed.get(item.href)?.area }]));
  return { matched: matches.length, results, kinds, counts, distances: results.map((result) => byHref.get(result.href)) };
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
  const distances = new Map<string, { km: number; area?: string }>();
  items.forEach((item, index) => {
    const distance = answer.distances?.[from + index];
    if (distance) distances.set(item.href, distance);
  });
  return { matched: answer.matched, total: answer.results.length, kinds: answer.kinds, counts: answer.counts, page: { number, total, items }, distances };
}

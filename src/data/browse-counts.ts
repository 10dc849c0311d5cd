/**
 * The search's filter counts a listing page shows (BrowseFilters), counted once per build for each
 * choice: every page of the group list shares one, and every page of a town shares its own.
 */
import { type Facet, facetCounts, type Selection } from '../search/facets';
import { forgetWithAnswers, once } from './once';
import { searchDocuments } from './search-documents';

// Counted at build, so without events and roles, which may have passed or closed by the time the page is read.
const listings = once(async () => (await searchDocuments()).filter((document) => !document.schedule && !document.closes));

const counted = new Map<string, Promise<Record<Facet, Map<string, number>>>>();
forgetWithAnswers(() => counted.clear());

/** Each filter's values with how many listings each would find, given the page's own choice; shared, so read them only. */
export function browseCounts(selection: Selection): Promise<Record<Facet, Map<string, number>>> {
  const count = async () => facetCounts(await listings(), selection);
  if (import.meta.env.DEV) return count();
  const key = JSON.stringify(selection);
  if (!counted.has(key)) counted.set(key, count());
  return counted.get(key)!;
}

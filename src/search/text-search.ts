import type { FacetValues } from './facets';
import type { LatLng } from '../rules/distance';

/** Plain keyword matching for the server-rendered search: every word must appear somewhere in the document. */

export interface SearchDocument {
  href: string;
  title: string;
  summary: string;
  /** What kind of entry it is, shown in results. */
  kind: string;
  /** Everything else worth matching: areas, categories, body text. */
  keywords: string;
  /** Its values for each search filter. */
  facets: FacetValues;
  /** Where it is, for sorting by distance. */
  location?: LatLng;
  /** Not reviewed for 12 months: ranked below listings that have been. */
  overdue?: boolean;
}

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Documents matching every word of the query: reviewed before overdue, then title matches first, then A to Z. */
export function searchDocuments(documents: SearchDocument[], query: string): SearchDocument[] {
  const terms = words(query);
  // No words: everything, A to Z, for browsing by filters alone.
  if (terms.length === 0) return [...documents].sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
  const scored = documents.flatMap((document) => {
    const title = words(document.title).join(' ');
    const text = words(`${document.title} ${document.summary} ${document.keywords}`).join(' ');
    if (!terms.every((term) => text.includes(term))) return [];
    return [{ document, score: terms.filter((term) => title.includes(term)).length }];
  });
  return scored
    .sort(
      (a, b) =>
        Number(a.document.overdue ?? false) - Number(b.document.overdue ?? false) ||
        b.score - a.score ||
        a.document.title.localeCompare(b.document.title, 'en-GB'),
    )
    .map(({ document }) => document);
}

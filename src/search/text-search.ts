import stem from 'wink-porter2-stemmer';
import type { FacetValues } from './facets';
import type { LatLng } from '../rules/distance';

/**
 * Keyword matching for the search; the server ranks every search, typed or loaded. Every word of the
 * query, reduced to its stem (Porter2, as Pagefind's English stemmer, so the static index finds the
 * same), must begin a word of the document, so "walking" finds "walk" and "walks".
 */

export interface SearchDocument {
  href: string;
  title: string;
  summary: string;
  /** What kind of entry it is, shown in results. */
  kind: string;
  /** Everything else worth matching, such as the body text; filter values are matched too. */
  keywords: string;
  /** Its values for each search filter. */
  facets: FacetValues;
  /** Where it is, for sorting by distance. */
  location?: LatLng;
  /** Not reviewed for 12 months: ranked below listings that have been. */
  overdue?: boolean;
}

/** The words of a text, lower case and without accents; other keyword indexes (src/openreferral) split text the same way. */
export const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

// Each word as written and as its stem, so a stem begins one or the other; worked out once per document.
const wordForms = (text: string) => new Set(words(text).flatMap((word) => [word, stem(word)]));
const formsOf = new WeakMap<SearchDocument, { text: Set<string>; title: Set<string> }>();
function forms(document: SearchDocument) {
  let known = formsOf.get(document);
  if (!known) {
    const facetValues = Object.values(document.facets).flat().join(' ');
    known = { text: wordForms(`${document.title} ${document.summary} ${document.keywords} ${facetValues}`), title: wordForms(document.title) };
    formsOf.set(document, known);
  }
  return known;
}
/**
 * Works out every document's word forms before the first search needs them, a batch at a time with a
 * pause between, so a server warming a newly published release keeps answering meanwhile (on 10,000
 * listings this is seconds of work, which the first search would otherwise do in one go).
 */
export async function prepareSearch(documents: readonly SearchDocument[], batch = 250): Promise<void> {
  for (let start = 0; start < documents.length; start += batch) {
    for (const document of documents.slice(start, start + batch)) forms(document);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const begins = (forms: Set<string>, term: string) => {
  for (const form of forms) if (form.startsWith(term)) return true;
  return false;
};

/** Documents matching every word of the query: reviewed before overdue, then title matches first, then A to Z. */
export function searchDocuments(documents: SearchDocument[], query: string): SearchDocument[] {
  const terms = words(query).map((word) => stem(word));
  // No words: everything, A to Z, for browsing by filters alone.
  if (terms.length === 0) return [...documents].sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
  const scored = documents.flatMap((document) => {
    const { text, title } = forms(document);
    if (!terms.every((term) => begins(text, term))) return [];
    return [{ document, score: terms.filter((term) => begins(title, term)).length }];
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

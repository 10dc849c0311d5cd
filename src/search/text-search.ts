import stem from 'wink-porter2-stemmer';
import { type FacetValues, byName as compareNames } from './facets';
import type { AgeRange } from '../rules/ages';
import type { LatLng } from '../rules/distance';
import type { Session } from '../rules/schedule';
import type { Occurrence, Schedule } from '../whats-on/recurrence';

/**
 * Keyword search; the server ranks every search, typed or loaded. Every word of the query, reduced
 * to its stem (Porter2, as Pagefind's English stemmer), must begin a word of the document, so
 * "walking" finds "walk" and "walks". On top of that rule, the words residents use are understood:
 * - a document's categories and audiences bring their names and synonyms ("exercise" finds the
 *   health walks, "foodbank" the food banks), and rank above a match in its text;
 * - a word of 5 letters or more may have one typo ("excercise");
 * - compound words join and split ("foodbank", "food bank");
 * - little words ("over", "near", "for") need not match, and a town or village named in the query
 *   ranks the listings there first instead of needing its name in their text.
 */

export interface SearchDocument {
  href: string;
  title: string;
  summary: string;
  /** What kind of entry it is, shown in results. */
  kind: string;
  /** Everything else worth matching, such as the body text; filter values are matched too. */
  keywords: string;
  /** The names and synonyms of its categories and audiences. */
  terms?: string;
  /** Its values for each search filter. */
  facets: FacetValues;
  /** When it meets while it is running (none while temporarily closed), for open now and this week. */
  sessions?: Session[];
  /** The ages it welcomes; a listing without one welcomes every age. */
  ages?: AgeRange;
  /** Where it is, for sorting by distance. */
  location?: LatLng;
  /** A group or a place, which ranks above a fund, story or page that matches as well. */
  listing?: boolean;
  /** Offers a quick exit (domestic abuse, crisis support): a page of results showing it offers one too. */
  sensitive?: boolean;
  /** Not reviewed for 12 months: ranked below listings that have been, when all else is equal. */
  overdue?: boolean;
  /** An event or course's dates, with a UID of its own: found until its last date ends, by date, next date first (results.ts). */
  schedule?: Schedule & { uid: string };
  /** A volunteering role's closing day: found until the end of it. */
  closes?: Date;
  /** An event's next date, as of the search: set on the results by results.ts, never on the documents. */
  next?: Occurrence;
}

/** The words of a text, lower case and without accents; other keyword indexes (src/openreferral) split text the same way. */
export const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);

/** Each word as written and as its stem, and each two neighbours joined ("food bank" → "foodbank"). */
function formSet(text: string): Set<string> {
  const list = words(text);
  const forms = new Set(list.flatMap((word) => [word, stem(word)]));
  for (let i = 0; i + 1 < list.length; i++) forms.add(list[i] + list[i + 1]);
  return forms;
}

/**
 * Word forms as one string with a space before and after each: a form begins with a term when the string
 * includes space-and-term, and is the term when it includes it between spaces. A string holds them in a
 * tenth of the memory of a set of strings, and a build can write them for the server to load.
 */
const joined = (forms: Iterable<string>) => ` ${[...forms].join(' ')} `;

/** A document's word forms by where they are found. */
export interface Forms {
  title: string;
  terms: string;
  summary: string;
  /** Its other forms: from its text and filter values, and not in its title, terms or summary. */
  rest: string;
}
const formsOf = new WeakMap<SearchDocument, Forms>();
/** A document's word forms, worked out on first use (or given by `withForms`). */
export function forms(document: SearchDocument): Forms {
  let known = formsOf.get(document);
  if (!known) {
    const facetValues = Object.values(document.facets).flat().join(' ');
    const [title, terms, summary] = [document.title, document.terms ?? '', document.summary].map(formSet);
    const rest = formSet(`${document.title} ${document.summary} ${document.terms ?? ''} ${document.keywords} ${facetValues}`);
    for (const form of [...title, ...terms, ...summary]) rest.delete(form);
    known = { title: joined(title), terms: joined(terms), summary: joined(summary), rest: joined(rest) };
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
  vocabulary(documents);
}

/** Documents whose forms and vocabulary were worked out before (by the build): searching them works nothing out again. */
export function withForms(documents: readonly SearchDocument[], known: readonly Forms[], words: string[]): void {
  documents.forEach((document, index) => formsOf.set(document, known[index]!));
  vocabularies.set(documents, words);
}

const begins = (forms: string, term: string) => forms.includes(` ${term}`);
const holds = (forms: string, word: string) => forms.includes(` ${word} `);
/** All of a document's forms, wherever they are found. */
const everywhere = ({ title, terms, summary, rest }: Forms) => [title, terms, summary, rest];

/** Words that say how, not what: a query need not find them. */
const littleWords = new Set(['a', 'an', 'and', 'the', 'for', 'in', 'on', 'at', 'of', 'to', 'near', 'me', 'my', 'with', 'over', 'under', 'around', 'about', 'from', 'is', 'are', 'i', 'can', 'where', 'what', 'how', 'any', 'some', 'local', 'nearby']);

/** Every word written in the documents, for finding what a mistyped word was meant to be. */
const vocabularies = new WeakMap<readonly SearchDocument[], string[]>();
export function vocabulary(documents: readonly SearchDocument[]): string[] {
  let known = vocabularies.get(documents);
  if (!known) {
    const all = new Set<string>();
    for (const document of documents) for (const place of everywhere(forms(document))) for (const form of place.split(' ')) if (form) all.add(form);
    known = [...all];
    vocabularies.set(documents, known);
  }
  return known;
}

/** Whether two words are at most one letter added, dropped, changed or swapped apart. */
export function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.slice(i + 1) === b.slice(i + 1)) return true; // changed
  if (a.slice(i + 1) === b.slice(i)) return true; // a has one more
  if (a.slice(i) === b.slice(i + 1)) return true; // b has one more
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swapped
}

/** A word of the query: what must begin a document's word, and what it may have been meant to be. */
interface Term {
  word: string;
  stem: string;
  /** Words of the documents one typo away, for words of 5 letters or more. */
  nearby: string[];
  /** Need not be found (a little word). */
  optional: boolean;
}

function termsOf(query: string, documents: readonly SearchDocument[]): Term[] {
  const list = words(query);
  const vocab = list.some((word) => word.length >= 5) ? vocabulary(documents) : [];
  return list.map((word) => ({
    word,
    stem: stem(word),
    nearby: word.length >= 5 ? vocab.filter((known) => known.length >= 4 && known !== word && oneEditApart(known, word)) : [],
    optional: littleWords.has(word),
  }));
}

/** How well forms hold a term: 2 as written, 1 with a typo, 0 not at all. */
function found(where: string[], term: Term): number {
  if (where.some((forms) => begins(forms, term.stem) || begins(forms, term.word))) return 2;
  return term.nearby.some((word) => where.some((forms) => holds(forms, word))) ? 1 : 0;
}

/** Points for a document, or undefined when a word of the query is not in it. */
function score(document: SearchDocument, terms: Term[], places: string[]): number | undefined {
  const known = forms(document);
  const text = everywhere(known);
  const anywhere = (term: string) => text.some((forms) => begins(forms, term));
  let points = 0;
  for (let i = 0; i < terms.length; i++) {
    const term = terms[i];
    const inText = found(text, term);
    if (inText === 0) {
      // "food bank" finds "foodbank": this word and the next, joined.
      const next = terms[i + 1];
      if (next && anywhere(term.word + next.word)) {
        points += 2;
        i++;
        continue;
      }
      // "foodbank" found for "food", so "bank" is in it too.
      const previous = terms[i - 1];
      if (previous && anywhere(previous.word + term.word)) continue;
      if (term.optional) continue;
      return undefined;
    }
    // In the name counts most, then in a category or synonym, then in the summary, then anywhere.
    points += found([known.title], term) * 4 + found([known.terms], term) * 3 + found([known.summary], term) * 2 + inText;
  }
  if (places.length && document.facets.area?.some((area) => places.includes(area))) points += 20;
  // Groups and places before funds, stories and pages that match as well.
  if (document.listing) points += 1;
  return points;
}

/** Town and village names in the query ("free exercise Chatteris"), and the words left. */
function placesIn(query: string, areaNames: readonly string[]): { rest: string; places: string[] } {
  let rest = ` ${words(query).join(' ')} `;
  const places: string[] = [];
  // Longest names first, so "Wisbech St Mary" is not taken for Wisbech.
  for (const name of [...areaNames].sort((a, b) => b.length - a.length)) {
    const spelled = ` ${words(name).join(' ')} `;
    if (rest.includes(spelled)) {
      places.push(name);
      rest = rest.replace(spelled, ' ');
    }
  }
  return { rest: rest.trim(), places };
}

const cache = new WeakMap<readonly SearchDocument[], Map<string, SearchDocument[]>>();
const cacheSize = 500;

/**
 * Documents matching the query, best first: name, then category or synonym, then text, then those
 * reviewed in the last year before those not; a town named in the query puts its listings first.
 * With no words, everything A to Z, for browsing by filters alone. Answers are kept per query.
 */
export function searchDocuments(documents: readonly SearchDocument[], query: string, areaNames: readonly string[] = []): SearchDocument[] {
  const key = `${words(query).join(' ')}|${areaNames.length}`;
  let answers = cache.get(documents);
  if (!answers) cache.set(documents, (answers = new Map()));
  const known = answers.get(key);
  if (known) return [...known];
  const answer = rank(documents, query, areaNames);
  if (answers.size >= cacheSize) answers.delete(answers.keys().next().value!);
  answers.set(key, answer);
  return [...answer];
}

function rank(documents: readonly SearchDocument[], query: string, areaNames: readonly string[]): SearchDocument[] {
  const byName = (a: SearchDocument, b: SearchDocument) => compareNames(a.title, b.title);
  if (words(query).length === 0) return [...documents].sort(byName);
  const { rest, places } = placesIn(query, areaNames);
  // A query that is only a place's name searches for the name.
  const terms = termsOf(rest && places.length ? rest : query, documents);
  const wherever = !(rest && places.length);
  const everyWordLittle = terms.every((term) => term.optional);
  if (everyWordLittle) for (const term of terms) term.optional = false;
  const scored = documents.flatMap((document) => {
    const points = score(document, terms, wherever ? [] : places);
    return points === undefined ? [] : [{ document, points }];
  });
  return scored
    .sort((a, b) => b.points - a.points || Number(a.document.overdue ?? false) - Number(b.document.overdue ?? false) || byName(a.document, b.document))
    .map(({ document }) => document);
}

/**
 * The plain rule alone, every word's stem beginning a word of the document, as the Open Referral
 * API's keyword index (src/openreferral/keyword-index.ts) applies it.
 */
export function matchesEveryWord(document: SearchDocument, query: string): boolean {
  const facetValues = Object.values(document.facets).flat().join(' ');
  const text = ` ${words(`${document.title} ${document.summary} ${document.keywords} ${facetValues}`).flatMap((word) => [word, stem(word)]).join(' ')} `;
  return words(query).every((word) => begins(text, stem(word)));
}

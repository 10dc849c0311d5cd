/**
 * Keyword search over thousands of services fast enough for an API under load: the same matching
 * as the site's search (src/search/text-search.ts: every word of the query, stemmed, must begin a
 * word of the service, as written or stemmed), answered from an index of word forms built once
 * instead of by scanning every service on every request.
 */
import stem from 'wink-porter2-stemmer';
import { words } from '../search/text-search';

export interface Indexed {
  title: string;
  text: string;
}

export interface KeywordIndex {
  /** Positions of the documents matching every word of the query: more query words in the title first, then in the order given. */
  match(query: string): number[];
}

export function keywordIndex(documents: Indexed[]): KeywordIndex {
  // Stemming is the slow part and a directory repeats its words, so each word is stemmed once.
  const stems = new Map<string, string>();
  const stemOf = (word: string) => {
    let found = stems.get(word);
    if (found === undefined) stems.set(word, (found = stem(word)));
    return found;
  };
  const formsOf = (text: string) => new Set(words(text).flatMap((word) => [word, stemOf(word)]));
  const postings = new Map<string, number[]>();
  const titles = documents.map((document, position) => {
    for (const form of formsOf(`${document.title} ${document.text}`)) {
      const list = postings.get(form);
      if (list) list.push(position);
      else postings.set(form, [position]);
    }
    return formsOf(document.title);
  });
  const forms = [...postings.keys()].sort();

  /** Documents with a word form that begins with `term`: the forms from the first not before it, while they start with it. */
  function beginning(term: string): Uint8Array {
    const found = new Uint8Array(documents.length);
    let low = 0;
    let high = forms.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (forms[middle] < term) low = middle + 1;
      else high = middle;
    }
    for (let index = low; index < forms.length && forms[index].startsWith(term); index++) {
      for (const position of postings.get(forms[index])!) found[position] = 1;
    }
    return found;
  }

  return {
    match(query) {
      const terms = [...new Set(words(query).map(stemOf))];
      if (terms.length === 0) return documents.map((_, position) => position);
      const sets = terms.map(beginning);
      const matched: { position: number; score: number }[] = [];
      for (let position = 0; position < documents.length; position++) {
        if (!sets.every((set) => set[position])) continue;
        let score = 0;
        for (const term of terms) for (const form of titles[position]) if (form.startsWith(term)) { score++; break; }
        matched.push({ position, score });
      }
      return matched.sort((a, b) => b.score - a.score || a.position - b.position).map(({ position }) => position);
    },
  };
}

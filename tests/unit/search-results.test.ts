import { describe, expect, it } from 'vitest';
import { facetCounts, facets, matchesSelection, type Selection } from '../../src/search/facets';
import { searchPage } from '../../src/search/results';
import { type SearchDocument, searchDocuments } from '../../src/search/text-search';
import { paginate } from '../../src/rules/paging';
import { distanceKm } from '../../src/rules/distance';

const areas = ['Chatteris', 'March', 'Wisbech'];
const days = ['Monday', 'Tuesday', 'Friday'];
const costs = ['Free', 'Low cost'];
// 120 listings whose areas, days and costs vary, so filters cross in every way.
const documents: SearchDocument[] = Array.from({ length: 120 }, (_, index) => ({
  href: `/groups/group-${index}/`,
  title: `${['Lunch club', 'Walking group', 'Food bank', 'Library'][index % 4]} ${String(1000 - index)}`,
  summary: '',
  kind: 'Group',
  keywords: index % 3 ? 'lunch' : 'walk',
  facets: { type: ['Group'], area: [areas[index % 3], ...(index % 7 === 0 ? [areas[(index + 1) % 3]] : [])], day: [days[index % 3 === 0 ? 0 : index % 2 ? 1 : 2]], cost: [costs[index % 5 === 0 ? 1 : 0]] },
  location: { lat: 52.4 + (index % 11) / 100, lng: 0.05 + (index % 13) / 100 },
  listing: true,
}));

/** What the search page did before the answers were kept: rank, count, filter and sort every match, then cut the pages. */
function everyMatch(query: string, selection: Selection, sort: 'relevance' | 'name' | 'distance', page: number) {
  const matches = searchDocuments(documents, query, areas);
  const counts = facetCounts(matches, selection);
  let results = matches.filter((document) => matchesSelection(document.facets, selection));
  if (sort === 'name') results.sort((a, b) => a.title.localeCompare(b.title, 'en-GB'));
  if (sort === 'distance') results = [...results].sort((a, b) => distanceKm({ lat: 52.5, lng: 0.1 }, a.location!) - distanceKm({ lat: 52.5, lng: 0.1 }, b.location!));
  const pages = paginate(results, 20);
  return { matched: matches.length, total: results.length, counts, page: pages[Math.min(Math.max(page, 1), pages.length) - 1] };
}

const when = { at: { day: 'tuesday', time: '12:00' }, names: { now: 'Open now', week: 'This week' } } as const;
const origin = { centre: { lat: 52.5, lng: 0.1 }, areas: [] };
const ask = (query: string, selection: Selection, sort: 'relevance' | 'name' | 'distance' = 'relevance', page = 1) =>
  searchPage(documents, { query, areaNames: areas, selection, sort, when, origin: sort === 'distance' ? origin : undefined, page, perPage: 20 });

describe('a page of search results', () => {
  const cases: [string, Selection, 'relevance' | 'name' | 'distance', number][] = [
    ['lunch', {}, 'relevance', 1],
    ['lunch', { area: ['March'] }, 'relevance', 2],
    ['lunch', { area: ['March', 'Wisbech'], day: ['Tuesday'] }, 'name', 1],
    ['', { cost: ['Low cost'], day: ['Monday', 'Friday'] }, 'relevance', 1],
    ['', {}, 'relevance', 4],
    ['walking chatteris', {}, 'relevance', 1],
    ['lunch', { area: ['Chatteris'] }, 'distance', 2],
  ];

  it.each(cases)('is what ranking, counting and sorting every match gives: “%s” %o by %s, page %i', (query, selection, sort, page) => {
    const expected = everyMatch(query, selection, sort, page);
    for (const time of ['first', 'again']) {
      const answer = ask(query, selection, sort, page);
      expect({ time, matched: answer.matched, total: answer.total }).toEqual({ time, matched: expected.matched, total: expected.total });
      expect(answer.page.number).toBe(expected.page.number);
      expect(answer.page.total).toBe(expected.page.total);
      expect(answer.page.items.map((item) => item.href)).toEqual(expected.page.items.map((item) => item.href));
      for (const facet of facets) expect([...answer.counts[facet]]).toEqual([...expected.counts[facet]]);
    }
  });

  it('gives the nearest page there is for a page out of range, and one empty page when nothing matches', () => {
    expect(ask('lunch', {}, 'relevance', 99).page.number).toBe(everyMatch('lunch', {}, 'relevance', 99).page.total);
    expect(ask('lunch', {}, 'relevance', -3).page.number).toBe(1);
    const none = ask('zzzzqqq', {});
    expect({ matched: none.matched, total: none.total, number: none.page.number, pages: none.page.total, items: none.page.items }).toEqual({ matched: 0, total: 0, number: 1, pages: 1, items: [] });
  });

  it('gives each result on the page its distance when there is a place to measure from, and none otherwise', () => {
    const answer = ask('lunch', {}, 'distance', 1);
    expect([...answer.distances.keys()]).toEqual(answer.page.items.map((item) => item.href));
    expect(answer.distances.get(answer.page.items[0].href)?.km).toBeCloseTo(distanceKm({ lat: 52.5, lng: 0.1 }, answer.page.items[0].location!), 6);
    const unsorted = searchPage(documents, { query: 'lunch', areaNames: areas, selection: {}, sort: 'relevance', when, origin, page: 1, perPage: 20 });
    expect(unsorted.page.items.map((item) => item.href)).toEqual(ask('lunch', {}).page.items.map((item) => item.href));
    expect(unsorted.distances.size).toBe(20);
    expect(ask('lunch', {}, 'relevance', 1).distances.size).toBe(0);
  });

  it('places a listing without a position at the nearest of its areas, and says which', () => {
    const placeless: SearchDocument[] = [{ ...documents[0], href: '/groups/helpline/', location: undefined, facets: { ...documents[0].facets, area: ['Far', 'Near'] } }];
    const answer = searchPage(placeless, { query: '', areaNames: [], selection: {}, sort: 'distance', when, page: 1, perPage: 20,
      origin: { centre: { lat: 52.5, lng: 0.1 }, areas: [{ name: 'Far', centre: { lat: 52.9, lng: 0.1 } }, { name: 'Near', centre: { lat: 52.51, lng: 0.1 } }] } });
    expect(answer.distances.get('/groups/helpline/')).toEqual({ km: distanceKm({ lat: 52.5, lng: 0.1 }, { lat: 52.51, lng: 0.1 }), area: 'Near' });
  });

  it('works out open now afresh for another minute, and keeps the answer within the same one', () => {
    const meeting: SearchDocument[] = [{ ...documents[0], href: '/groups/shed/', sessions: [{ day: 'tuesday', opens: '10:00', closes: '12:30', frequency: 'weekly' }] }];
    const at = (time: string) => searchPage(meeting, { query: '', areaNames: [], selection: { when: ['Open now'] }, sort: 'relevance', when: { ...when, at: { day: 'tuesday', time } }, page: 1, perPage: 20 });
    expect(at('12:00').total).toBe(1);
    expect(at('12:00').counts).toBe(at('12:00').counts);
    expect(at('12:30').total).toBe(0);
  });

  it('keeps one answer for the same filters chosen in another order, and a different one for different filters', () => {
    const one = ask('lunch', { area: ['March', 'Wisbech'], day: ['Tuesday'] });
    expect(ask('lunch', { day: ['Tuesday'], area: ['Wisbech', 'March'] }).counts).toBe(one.counts);
    expect(ask('lunch', { area: ['March'], day: ['Tuesday'] }).counts).not.toBe(one.counts);
  });
});

describe('filter counts', () => {
  it('count a value as if only the other filters were chosen, with two filters chosen', () => {
    const items = documents.slice(0, 40);
    const selection: Selection = { area: ['March'], day: ['Tuesday'], cost: ['Free'] };
    const counts = facetCounts(items, selection);
    for (const facet of facets) {
      const expected = new Map<string, number>();
      for (const item of items.filter((item) => matchesSelection(item.facets, selection, facet))) for (const value of item.facets[facet] ?? []) expected.set(value, (expected.get(value) ?? 0) + 1);
      expect(Object.fromEntries(counts[facet])).toEqual(Object.fromEntries(expected));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { facetCounts, matchesSelection, selectionFrom } from '../../src/search/facets';

const walks = { facets: { type: ['Group'], area: ['Chatteris'], cost: ['Free'] } };
const choir = { facets: { type: ['Group'], area: ['March'], cost: ['Low cost'] } };
const library = { facets: { type: ['Place'], area: ['March'], cost: [] } };

describe('search filters', () => {
  it('reads repeated filters from the address', () => {
    expect(selectionFrom(new URLSearchParams('q=walk&area=Chatteris&area=March&cost=&day=Monday'))).toEqual({ area: ['Chatteris', 'March'], day: ['Monday'] });
  });

  it('matches any chosen value within a filter and every filter across them', () => {
    expect(matchesSelection(walks.facets, { area: ['Chatteris', 'March'] })).toBe(true);
    expect(matchesSelection(walks.facets, { area: ['Chatteris'], cost: ['Low cost'] })).toBe(false);
  });

  it('counts each value as if only the other filters were chosen', () => {
    const counts = facetCounts([walks, choir, library], { area: ['March'] });
    expect([...counts.area]).toEqual([['Chatteris', 1], ['March', 2]]);
    expect([...counts.type]).toEqual([['Group', 1], ['Place', 1]]);
  });
});

import { describe, expect, it } from 'vitest';
import { facetCounts, matchesSelection, selectionFrom, whenValues } from '../../src/search/facets';

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

describe('the when filter', () => {
  const names = { now: 'Open now', week: 'This week' };
  const rhymeTime = [{ day: 'tuesday' as const, opens: '10:00', closes: '10:30', frequency: 'weekly' as const }];

  it('is open now and this week during a weekly session, and neither for a fortnightly one', () => {
    expect(whenValues(rhymeTime, { day: 'tuesday', time: '10:15' }, names)).toEqual(['Open now', 'This week']);
    expect(whenValues([{ ...rhymeTime[0], frequency: 'fortnightly' }], { day: 'tuesday', time: '10:15' }, names)).toEqual([]);
  });

  it('is read from the address like any other filter', () => {
    expect(selectionFrom(new URLSearchParams('when=Open+now&day=Tuesday'))).toEqual({ day: ['Tuesday'], when: ['Open now'] });
  });
});

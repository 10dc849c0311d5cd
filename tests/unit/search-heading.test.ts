import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n';
import { searchHeading } from '../../src/search/heading';

const t = translator('en-GB');
const group = t('kind.group');
const place = t('kind.asset');
const facts = { query: '', count: 0, kinds: [], types: [], areas: [], otherFilters: false };

describe('the heading of a search with no words', () => {
  it('counts groups and places in a town', () => {
    expect(searchHeading({ ...facts, count: 22, kinds: [group, place, group], areas: ['Chatteris'] }, t)).toBe('22 groups and places in Chatteris');
  });

  it('says "1 group", not "1 groups"', () => {
    expect(searchHeading({ ...facts, count: 1, kinds: [group], areas: ['Whittlesey'], otherFilters: true }, t)).toBe('1 group in Whittlesey');
    expect(searchHeading({ ...facts, count: 1, kinds: [place], otherFilters: true }, t)).toBe('1 place for the filters you chose');
  });

  it('counts results when funds, stories or pages are among them', () => {
    expect(searchHeading({ ...facts, count: 30, kinds: [group, t('kind.fund')], areas: ['March', 'Wisbech'] }, t)).toBe('30 results in March or Wisbech');
  });

  it('takes the noun from the types chosen when nothing is found', () => {
    expect(searchHeading({ ...facts, count: 0, types: [group], areas: ['Manea'], otherFilters: true }, t)).toBe('0 groups in Manea');
    expect(searchHeading({ ...facts, count: 0, otherFilters: true }, t)).toBe('0 results for the filters you chose');
  });

  it('counts groups alone when only the type is chosen', () => {
    expect(searchHeading({ ...facts, count: 86, kinds: [group], types: [group] }, t)).toBe('86 groups');
  });

  it('is "Search" with nothing chosen', () => {
    expect(searchHeading(facts, t)).toBe('Search');
  });
});

describe('the heading of a search with words', () => {
  it('counts results for the words, whatever the filters', () => {
    expect(searchHeading({ ...facts, query: 'toddlers', count: 1, kinds: [group], areas: ['Whittlesey'], otherFilters: true }, t)).toBe('1 result for “toddlers”');
    expect(searchHeading({ ...facts, query: 'toddlers', count: 0 }, t)).toBe('No results for “toddlers”.');
  });
});

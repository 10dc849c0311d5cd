import { describe, expect, test } from 'vitest';
import { pageHref, pageLinks, paginate } from '../../src/rules/paging';

describe('a long list cut into pages', () => {
  test('every entry is on exactly one page, in order', () => {
    const pages = paginate(Array.from({ length: 105 }, (_, i) => i), 50);
    expect(pages.map((page) => page.items.length)).toEqual([50, 50, 5]);
    expect(pages.flatMap((page) => page.items)).toEqual(Array.from({ length: 105 }, (_, i) => i));
    expect(pages.every((page) => page.total === 3)).toBe(true);
  });

  test('an empty list still has a first page', () => {
    expect(paginate([], 50)).toEqual([{ number: 1, total: 1, items: [] }]);
  });

  test('the first page keeps the list’s own address', () => {
    expect(pageHref('/groups/', 1)).toBe('/groups/');
    expect(pageHref('/groups/', 4)).toBe('/groups/page/4/');
  });
});

describe('page links', () => {
  test('a short run of pages is shown whole', () => {
    expect(pageLinks(2, 3)).toEqual([1, 2, 3]);
  });

  test('a long run shows first, last and the neighbours of the current page, with gaps', () => {
    expect(pageLinks(10, 200)).toEqual([1, null, 9, 10, 11, null, 200]);
    expect(pageLinks(1, 200)).toEqual([1, 2, null, 200]);
    expect(pageLinks(200, 200)).toEqual([1, null, 199, 200]);
  });

  test('a gap of one page is an ellipsis, never a hidden neighbour', () => {
    expect(pageLinks(3, 5)).toEqual([1, 2, 3, 4, 5]);
  });
});

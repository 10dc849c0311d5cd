import { describe, expect, it } from 'vitest';
import { type Comparable, mostAlike, similarityIndex } from '../../src/rules/similar';

const listing = (id: string, categories: string[], areas: string[]): Comparable => ({ id, data: { categories, areas } });

/** The listings A to Z by id, as the build gives them, and their index. */
function indexOf(listings: Comparable[]) {
  const alphabetical = [...listings].sort((a, b) => a.id.localeCompare(b.id));
  return similarityIndex(alphabetical);
}

/** The ranking written the plain way: every listing sharing a category, sorted, the first few kept. */
function sortedAll(of: Comparable, listings: readonly Comparable[], limit: number) {
  const place = new Map(listings.map((listing, index) => [listing, index]));
  const shared = new Map<Comparable, number>();
  for (const id of of.data.categories) for (const other of listings) for (const category of other.data.categories) if (category === id && other.id !== of.id) shared.set(other, (shared.get(other) ?? 0) + 1);
  const sameArea = (other: Comparable) => Number(other.data.areas.some((area) => of.data.areas.includes(area)));
  return [...shared].sort(([a, x], [b, y]) => y - x || sameArea(b) - sameArea(a) || place.get(a)! - place.get(b)!).slice(0, limit).map(([other]) => other);
}

describe('the groups most like a group', () => {
  const walking = listing('walking-wisbech', ['walking', 'health'], ['wisbech']);
  const listings = [
    walking,
    listing('health-march', ['health'], ['march']),
    listing('walking-march', ['walking', 'health'], ['march']),
    listing('walking-wisbech-2', ['walking'], ['wisbech']),
    listing('anything-wisbech', ['walking'], ['wisbech']),
    listing('knitting-wisbech', ['crafts'], ['wisbech']),
  ];
  const index = indexOf(listings);

  it('puts more categories in common first, then the same area, then A to Z, and never the group itself', () => {
    expect(mostAlike(index, walking, 4).map(({ id }) => id)).toEqual([
      'walking-march', 'anything-wisbech', 'walking-wisbech-2', 'health-march',
    ]);
  });

  it('keeps only as many as asked for, and leaves out groups with nothing in common', () => {
    expect(mostAlike(index, walking, 2).map(({ id }) => id)).toEqual(['walking-march', 'anything-wisbech']);
    expect(mostAlike(index, walking, 10).map(({ id }) => id)).not.toContain('knitting-wisbech');
    expect(mostAlike(index, walking, 0)).toEqual([]);
  });

  it('ranks exactly as sorting every group sharing a category would, across a generated county', () => {
    // A fixed pseudo-random county, so a failure is repeatable.
    let seed = 18;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    const county = Array.from({ length: 600 }, (_, n) => listing(
      `group-${String(random(10_000)).padStart(5, '0')}-${n}`,
      Array.from({ length: 1 + random(3) }, () => `category-${random(12)}`),
      Array.from({ length: 1 + random(2) }, () => `area-${random(8)}`),
    ));
    const countyIndex = indexOf(county);
    for (const group of county) {
      for (const limit of [1, 4, 9]) expect(mostAlike(countyIndex, group, limit)).toEqual(sortedAll(group, countyIndex.listings, limit));
    }
  });
});

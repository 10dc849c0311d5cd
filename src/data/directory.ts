/**
 * Queries over the content collections, applying the rules residents rely on (visibility, order).
 * Each runs once per build and is shared by every page (see once.ts).
 */
import { type CollectionEntry, getCollection } from 'astro:content';
import { fundStatus } from '../rules/fund-status';
import { isListed } from '../rules/visibility';
import { once } from './once';
import { today } from './site';

const byName = (a: { data: { name: string } }, b: { data: { name: string } }) =>
  a.data.name.localeCompare(b.data.name, 'en-GB');

/** Groups residents can see today, A to Z. */
export const listedGroups = once(async (): Promise<CollectionEntry<'groups'>[]> =>
  (await getCollection('groups', ({ data }) => isListed(data, today))).sort(byName),
);

// Listed groups by category, and each group's place A to Z, so finding similar groups stays quick
// with thousands of them.
const groupsByCategory = once(async () => {
  const groups = await listedGroups();
  const byCategory = new Map<string, CollectionEntry<'groups'>[]>();
  for (const group of groups) {
    for (const id of group.data.categories) {
      if (!byCategory.has(id)) byCategory.set(id, []);
      byCategory.get(id)!.push(group);
    }
  }
  return { byCategory, alphabetical: new Map(groups.map((group, place) => [group, place])) };
});

/** Up to four other listed groups most like this one: more categories in common first, then in the same area, then A to Z. */
export async function similarGroups(group: CollectionEntry<'groups'>, limit = 4): Promise<CollectionEntry<'groups'>[]> {
  const { byCategory, alphabetical } = await groupsByCategory();
  const shared = new Map<CollectionEntry<'groups'>, number>();
  for (const id of group.data.categories) for (const other of byCategory.get(id) ?? []) if (other.id !== group.id) shared.set(other, (shared.get(other) ?? 0) + 1);
  const sameArea = (other: CollectionEntry<'groups'>) => Number(other.data.areas.some((area) => group.data.areas.includes(area)));
  return [...shared]
    .sort(([a, x], [b, y]) => y - x || sameArea(b) - sameArea(a) || alphabetical.get(a)! - alphabetical.get(b)!)
    .slice(0, limit)
    .map(([other]) => other);
}

export const assetsByName = once(async (): Promise<CollectionEntry<'assets'>[]> => (await getCollection('assets')).sort(byName));

export const areasByName = once(async (): Promise<CollectionEntry<'areas'>[]> => (await getCollection('areas')).sort(byName));

/** Funds with their status on a day: those accepting applications first, soonest deadline first. */
export async function fundsOn(day: Date) {
  const order = ['closing-soon', 'open', 'rolling', 'opens-soon', 'not-open-yet', 'closed'];
  const funds = (await getCollection('funds')).map((fund) => ({ fund, status: fundStatus(fund.data, day) }));
  return funds.sort(
    (a, b) =>
      order.indexOf(a.status) - order.indexOf(b.status) ||
      (a.fund.data.closes?.getTime() ?? Infinity) - (b.fund.data.closes?.getTime() ?? Infinity) ||
      byName(a.fund, b.fund),
  );
}

/** Funds with their status on the build day (server-rendered pages use fundsOn with the request's day). */
export const fundsWithStatus = once(() => fundsOn(today));

/** Stories, newest first. */
export const storiesByDate = once(async (): Promise<CollectionEntry<'stories'>[]> =>
  (await getCollection('stories')).sort((a, b) => b.data.date.getTime() - a.data.date.getTime()),
);

/** Top-level categories, each with its subcategories. */
export const categoryTree = once(async () => {
  const all = await getCollection('categories');
  return all
    .filter((category) => !category.data.parent)
    .map((parent) => ({ parent, children: all.filter((child) => child.data.parent === parent.id) }));
});

type Named = 'categories' | 'audiences' | 'accessibility' | 'languages' | 'areas';
const names = new Map<Named, () => Promise<Map<string, string>>>();

/** A lookup of names by id for a taxonomy collection or the areas. */
export function namesOf(collection: Named): Promise<Map<string, string>> {
  if (!names.has(collection)) {
    names.set(collection, once(async () => new Map((await getCollection(collection)).map((entry) => [entry.id, entry.data.name as string]))));
  }
  return names.get(collection)!();
}

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

export const assetsByName = once(async (): Promise<CollectionEntry<'assets'>[]> => (await getCollection('assets')).sort(byName));

export const areasByName = once(async (): Promise<CollectionEntry<'areas'>[]> => (await getCollection('areas')).sort(byName));

/** Funds with their status today: those accepting applications first, soonest deadline first. */
export const fundsWithStatus = once(async () => {
  const order = ['closing-soon', 'open', 'rolling', 'opens-soon', 'not-open-yet', 'closed'];
  const funds = (await getCollection('funds')).map((fund) => ({ fund, status: fundStatus(fund.data, today) }));
  return funds.sort(
    (a, b) =>
      order.indexOf(a.status) - order.indexOf(b.status) ||
      (a.fund.data.closes?.getTime() ?? Infinity) - (b.fund.data.closes?.getTime() ?? Infinity) ||
      byName(a.fund, b.fund),
  );
});

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

/**
 * Queries over the content collections, applying the rules residents rely on (visibility, order).
 * Each runs once per build and is shared by every page (see once.ts).
 */
import { type CollectionEntry, getCollection } from 'astro:content';
import { fundStatus } from '../rules/fund-status';
import { mostAlike, similarityIndex } from '../rules/similar';
import { isListed } from '../rules/visibility';
import { once } from './once';
import { today } from './site';

const byName = (a: { data: { name: string } }, b: { data: { name: string } }) =>
  a.data.name.localeCompare(b.data.name, 'en-GB');

/** Groups residents can see today, A to Z. */
export const listedGroups = once(async (): Promise<CollectionEntry<'groups'>[]> =>
  (await getCollection('groups', ({ data }) => isListed(data, today))).sort(byName),
);

// Listed groups by category, by their place A to Z, so finding similar groups stays quick with thousands of them.
const groupSimilarity = once(async () => similarityIndex(await listedGroups()));

/** Up to four other listed groups most like this one: more categories in common first, then in the same area, then A to Z. */
export async function similarGroups(group: CollectionEntry<'groups'>, limit = 4): Promise<CollectionEntry<'groups'>[]> {
  return mostAlike(await groupSimilarity(), group, limit);
}

// Listed groups by id with their place A to Z, and by the place they name as their venue.
const groupsByVenue = once(async () => {
  const groups = await listedGroups();
  const byVenue = new Map<string, CollectionEntry<'groups'>[]>();
  for (const group of groups) {
    if (!group.data.venue) continue;
    if (!byVenue.has(group.data.venue)) byVenue.set(group.data.venue, []);
    byVenue.get(group.data.venue)!.push(group);
  }
  return { byVenue, byId: new Map(groups.map((group, place) => [group.id, { group, place }])) };
});

/** The listed groups a place names as related, and those that name it as their venue, A to Z. */
export async function groupsAt(asset: CollectionEntry<'assets'>): Promise<CollectionEntry<'groups'>[]> {
  const { byVenue, byId } = await groupsByVenue();
  const related = new Map<CollectionEntry<'groups'>, number>();
  for (const id of asset.data.relatedGroups) {
    const listed = byId.get(id);
    if (listed) related.set(listed.group, listed.place);
  }
  for (const group of byVenue.get(asset.id) ?? []) related.set(group, byId.get(group.id)!.place);
  return [...related].sort(([, a], [, b]) => a - b).map(([group]) => group);
}

/** Stories by each group they name, newest first. */
export const storiesByGroup = once(async () => {
  const byGroup = new Map<string, CollectionEntry<'stories'>[]>();
  for (const story of await storiesByDate()) {
    for (const id of new Set(story.data.groups)) {
      if (!byGroup.has(id)) byGroup.set(id, []);
      byGroup.get(id)!.push(story);
    }
  }
  return byGroup;
});

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

/** Each category by id, and each one's subcategories in the collection's order. */
export const categoryIndex = once(async () => {
  const all = await getCollection('categories');
  const children = new Map<string, CollectionEntry<'categories'>[]>();
  for (const category of all) {
    const parent = category.data.parent;
    if (parent === undefined) continue;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(category);
  }
  return {
    byId: new Map(all.map((category) => [category.id, category])),
    /** What each category says about itself (for the sensitivity rule), by id. */
    data: new Map(all.map((category) => [category.id, category.data])),
    children,
  };
});

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

type ById = 'areas' | 'assets' | 'contacts';
const byIds = new Map<ById, () => Promise<Map<string, CollectionEntry<ById>>>>();

/** A lookup of entries by id, made once per build, for pages that would otherwise call getEntry once each. */
export function entriesById<C extends ById>(collection: C): Promise<Map<string, CollectionEntry<C>>> {
  if (!byIds.has(collection)) {
    byIds.set(collection, once(async () => new Map((await getCollection(collection)).map((entry) => [entry.id, entry as CollectionEntry<ById>]))));
  }
  return byIds.get(collection)!() as Promise<Map<string, CollectionEntry<C>>>;
}

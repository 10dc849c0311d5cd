/**
 * What search knows about each entry: its text, and its filter values (type, area, category, …),
 * built once per process. Listing pages print the same filter values for Pagefind.
 */
import { type CollectionEntry, getCollection } from 'astro:content';
import * as devalue from 'devalue';
import type { FacetValues } from '../search/facets';
import { type Forms, forms, type SearchDocument, vocabulary, withForms } from '../search/text-search';
import { readBuildData, writeBuildData } from './build-data';
import { assetsByName, fundsWithStatus, listedGroups, namesOf, storiesByDate } from './directory';
import { once } from './once';
import { isSensitive } from '../rules/sensitivity';
import { isReviewOverdue } from '../rules/visibility';
import { getSite, today } from './site';
import { allEvents, allRoles } from './whats-on';

const lookups = once(async () => {
  const [areas, categories, audiences, accessibility, languages] = await Promise.all(
    (['areas', 'categories', 'audiences', 'accessibility', 'languages'] as const).map((name) => namesOf(name)),
  );
  const categoryEntries = await getCollection('categories');
  const categoryFlags = new Map(categoryEntries.map((category) => [category.id, category.data]));
  const parents = new Map(categoryEntries.map((category) => [category.id, category.data.parent]));
  // A term's name and the other words residents use for it, which search matches as the term.
  const spoken = new Map([...categoryEntries, ...(await getCollection('audiences'))].map((term) => [`${term.collection}/${term.id}`, [term.data.name, ...term.data.synonyms].join(' ')]));
  return { areas, categories, audiences, accessibility, languages, parents, spoken, categoryFlags, t: (await getSite()).t };
});

type Lookups = Awaited<ReturnType<typeof lookups>>;
/** The names and synonyms of a listing's categories (with their parents) and audiences. */
const termsOf = (categories: string[], audiences: string[], l: Lookups) =>
  [...withParents(categories, l).map((id) => l.spoken.get(`categories/${id}`)), ...audiences.map((id) => l.spoken.get(`audiences/${id}`))].filter(Boolean).join(' ');
const named = (ids: string[], names: Map<string, string>) => [...new Set(ids.map((id) => names.get(id) ?? id))];
// A listing in a subcategory is found under its parent category too.
const withParents = (ids: string[], { parents }: Lookups) => [...ids, ...ids.map((id) => parents.get(id)).filter((id) => id !== undefined)];

function groupFacets(data: CollectionEntry<'groups'>['data'], l: Lookups): FacetValues {
  return {
    type: [l.t('kind.group')],
    area: named(data.areas, l.areas),
    category: named(withParents(data.categories, l), l.categories),
    audience: named(data.audiences, l.audiences),
    cost: [l.t(`cost.${data.cost.type}`)],
    day: [...new Set(data.schedule.map((session) => l.t(`day.${session.day}`)))],
    accessibility: named(data.accessibility, l.accessibility),
    language: named(data.languages, l.languages),
  };
}

function assetFacets(data: CollectionEntry<'assets'>['data'], l: Lookups): FacetValues {
  return {
    type: [l.t('kind.asset')],
    area: named([data.area], l.areas),
    category: named(withParents(data.categories, l), l.categories),
    accessibility: named(data.accessibility, l.accessibility),
  };
}

/** Filter values a listing page carries for Pagefind. */
export async function facetsOf(entry: CollectionEntry<'groups'> | CollectionEntry<'assets'>): Promise<FacetValues> {
  const l = await lookups();
  return entry.collection === 'groups' ? groupFacets(entry.data, l) : assetFacets(entry.data as CollectionEntry<'assets'>['data'], l);
}

/**
 * What a build writes for the server's search: the documents without the text their word forms came
 * from; the forms, with each different set of category and audience forms written once; and every word.
 * An event's dates and a role's closing day go apart, in a form that keeps dates (the rest is plain JSON,
 * which parses in a fraction of the time and memory).
 */
interface BuiltSearch {
  documents: SearchDocument[];
  dated: string;
  forms: (Omit<Forms, 'terms'> & { terms: number })[];
  termForms: string[];
  vocabulary: string[];
}
type Dated = { at: number; schedule?: SearchDocument['schedule']; closes?: Date };
const searchFile = 'search.json';

/** The search documents: on the server as its build wrote them, ready to search; in the build and dev, from the content. */
export const searchDocuments = once(async (): Promise<SearchDocument[]> => {
  const built = readBuildData<BuiltSearch>(searchFile);
  if (!built) return documentsFromContent();
  const { documents, termForms } = built;
  for (const { at, ...dates } of devalue.parse(built.dated) as Dated[]) Object.assign(documents[at]!, dates);
  withForms(documents, built.forms.map((known) => ({ ...known, terms: termForms[known.terms]! })), built.vocabulary);
  return documents;
});

/** For the build: writes the documents with their word forms for the server; returns the bytes written. */
export async function writeSearchDocuments(): Promise<number> {
  const documents = await searchDocuments();
  const termForms = new Map<string, number>();
  const built: BuiltSearch = {
    documents: documents.map(({ keywords: _keywords, terms: _terms, schedule: _schedule, closes: _closes, ...rest }) => ({ ...rest, keywords: '' })),
    dated: devalue.stringify(documents.flatMap(({ schedule, closes }, at): Dated[] => (schedule || closes ? [{ at, ...(schedule ? { schedule } : {}), ...(closes ? { closes } : {}) }] : []))),
    forms: documents.map((document) => {
      const known = forms(document);
      if (!termForms.has(known.terms)) termForms.set(known.terms, termForms.size);
      return { ...known, terms: termForms.get(known.terms)! };
    }),
    termForms: [...termForms.keys()],
    vocabulary: vocabulary(documents),
  };
  return writeBuildData(searchFile, built);
}

async function documentsFromContent(): Promise<SearchDocument[]> {
  const l = await lookups();
  const { t } = l;
  const venues = new Map((await assetsByName()).map((asset) => [asset.id, asset.data.name]));
  const groups = (await listedGroups()).map(({ id, data, body }) => ({
    href: `/groups/${id}/`, title: data.name, summary: data.summary, kind: t('kind.group'), listing: true,
    keywords: `${(data.venue && venues.get(data.venue)) ?? ''} ${body ?? ''}`,
    terms: termsOf(data.categories, data.audiences, l),
    sensitive: isSensitive(data, l.categoryFlags),
    facets: groupFacets(data, l),
    sessions: data.status === 'active' ? data.schedule : [],
    ages: data.ages,
    location: data.location,
    overdue: isReviewOverdue(data.lastReviewed, today),
  }));
  const assets = (await assetsByName()).map(({ id, data, body }) => ({
    href: `/assets/${id}/`, title: data.name, summary: data.summary, kind: t('kind.asset'), listing: true,
    // How to use it is on the page, so Pagefind finds it there ("walk in", "book").
    keywords: `${t(`block.${data.block}`)} ${data.howToUse} ${body ?? ''}`,
    terms: termsOf(data.categories, [], l),
    sensitive: isSensitive(data, l.categoryFlags),
    facets: assetFacets(data, l),
    location: data.location,
    overdue: isReviewOverdue(data.lastReviewed, today),
  }));
  const funds = (await fundsWithStatus()).map(({ fund: { id, data, body } }) => ({
    href: `/funds/${id}/`, title: data.name, summary: data.summary, kind: t('kind.fund'),
    keywords: `${data.funder} ${body ?? ''}`,
    terms: termsOf(data.themes, [], l),
    facets: { type: [t('kind.fund')], area: named(data.eligibleAreas, l.areas), category: named(withParents(data.themes, l), l.categories) },
  }));
  const stories = (await storiesByDate()).map(({ id, data, body }) => ({
    href: `/stories/${id}/`, title: data.title, summary: data.summary, kind: t('kind.story'),
    keywords: body ?? '',
    facets: { type: [t('kind.story')], area: named(data.areas, l.areas) },
  }));
  const places = (await getCollection('areas')).map(({ id, data }) => ({
    href: `/areas/${id}/`, title: data.name, summary: data.summary, kind: t('kind.area'), keywords: data.kind,
    facets: { type: [t('kind.area')], area: [data.name] },
    location: data.centre,
  }));
  // The contact page has its own route and is not indexed.
  const information = (await getCollection('pages', (page) => page.id !== 'contact')).map(({ id, data, body }) => ({
    href: `/${id}/`, title: data.title, summary: data.summary, kind: t('kind.page'), keywords: body ?? '',
    facets: { type: [t('kind.page')] },
  }));
  // Events, courses and volunteering roles: which of them are still on is worked out per search (src/search/dates.ts).
  const events = (await allEvents()).filter(({ data }) => data.status !== 'cancelled').map(({ id, data, body }) => ({
    href: `/whats-on/${id}/`, title: data.title, summary: data.summary, kind: t(`kind.${data.kind}`),
    keywords: `${(data.venue && venues.get(data.venue)) ?? ''} ${data.address ? `${data.address.line1} ${data.address.town}` : ''} ${data.forWhom ?? ''} ${body ?? ''}`,
    terms: termsOf([], data.audiences, l),
    facets: {
      type: [t(`kind.${data.kind}`)],
      area: named(data.areas, l.areas),
      audience: named(data.audiences, l.audiences),
      cost: [t(`cost.${data.cost.type}`)],
      accessibility: named(data.accessibility, l.accessibility),
    },
    schedule: { ...data, uid: id },
  }));
  const roles = (await allRoles()).map(({ id, data, body }) => ({
    href: `/volunteer/${id}/`, title: data.title, summary: data.summary, kind: t('kind.role'),
    keywords: `${t('kind.role')} ${data.whatYouDo} ${data.timeAsked} ${data.skills.join(' ')} ${data.howToApply} ${body ?? ''}`,
    terms: termsOf([], data.audiences, l),
    facets: { type: [t('kind.role')], area: named(data.areas, l.areas), audience: named(data.audiences, l.audiences), accessibility: named(data.accessibility, l.accessibility) },
    ...(data.closes ? { closes: data.closes } : {}),
  }));
  return [...places, ...groups, ...assets, ...funds, ...stories, ...information, ...events, ...roles];
}

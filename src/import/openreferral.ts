/**
 * Open Referral UK / HSDS 3.0 services → group and asset entries, reading every fact our own export
 * (src/openreferral/map.ts) writes, so importing our export gives back the same listings: kind and id
 * from the listing-type attribute, categories, audiences and organisation type from attributes, areas
 * from service areas, the venue from the location's link, sessions from schedules. A council's own
 * feed is read the same way, its terms, towns, languages and accessibility placed through the mapping
 * (mapping.ts). Nothing is guessed in bulk: what cannot be placed is a problem naming the service.
 */
import { openReferralId } from '../openreferral/ids';
import { buildingBlocks } from '../schemas/asset';
import { days } from '../schemas/fields';
import { organisationTypes } from '../schemas/group';
import { mapped, type Mapping, type MappingSection } from './mapping';
import type { ImportProblem } from './messages';
import { compact, fieldsImportsKeep, type ImportedEntry, slugify } from './rows';

type Text = string | undefined;
interface Term {
  id?: string;
  name?: string;
  term?: string;
}
interface FeedAddress {
  address_1?: Text;
  address_2?: Text;
  city?: Text;
  postal_code?: Text;
  address_type?: Text;
}
interface FeedLocation {
  url?: Text;
  latitude?: number;
  longitude?: number;
  addresses?: FeedAddress[];
  physical_addresses?: FeedAddress[];
  accessibility?: { id?: string; description?: Text; accessibility?: Text }[];
}
/** A service as a feed gives it: every field optional, since feeds differ in what they fill in. */
export interface FeedService {
  id?: string;
  name?: string;
  description?: Text;
  url?: Text;
  email?: Text;
  status?: Text;
  fees?: Text;
  application_process?: Text;
  minimum_age?: number;
  maximum_age?: number;
  assured_date?: Text;
  last_modified?: Text;
  phones?: { number?: Text }[];
  contacts?: { phones?: { number?: Text }[] }[];
  schedules?: { byday?: Text; opens_at?: Text; closes_at?: Text; freq?: Text; interval?: number; description?: Text; notes?: Text }[];
  service_areas?: { name?: Text; service_area?: Text; uri?: Text }[];
  service_at_locations?: { location?: FeedLocation }[];
  languages?: { name?: Text; code?: Text }[];
  cost_options?: { option?: Text; amount?: number; amount_description?: Text }[];
  organization?: { email?: Text; website?: Text; organization_identifiers?: { identifier_scheme?: Text; identifier?: Text }[] };
  attributes?: { taxonomy_term_id?: string; taxonomy_term?: Term; value?: Text }[];
  taxonomy_terms?: Term[];
  service_taxonomys?: { taxonomy_term?: Term; taxonomy?: Term }[];
}

/** One of our entries a feed's word can be placed on. */
export interface Named {
  id: string;
  name: string;
}

/** What this hub already has, that a feed is read against. */
export interface Ours {
  categories: Named[];
  audiences: Named[];
  areas: Named[];
  languages: Named[];
  accessibility: Named[];
  /** Ids of the assets already in the content, for a group's venue. */
  assets: string[];
  /** Our words for each cost type, as the export writes them in `option`. */
  costLabels: Record<'free' | 'low-cost' | 'paid', string>;
}

/** Something true of several services that the import did not refuse but a person should know. */
export interface Notice {
  message: string;
  records: string[];
}

export interface FeedImport {
  entries: ImportedEntry[];
  problems: ImportProblem[];
  /** Words the mapping does not place yet, by section, for the mapping template. */
  unplaced: Partial<Record<MappingSection, string[]>>;
  notices: Notice[];
}

/** Where each of our fields comes from in a feed, so a problem names what the council can see. */
const feedFields: Record<string, string> = {
  id: 'id', name: 'name', summary: 'description', block: 'attributes[] (listing type)', howToUse: 'application_process',
  categories: 'attributes[].taxonomy_term', audiences: 'attributes[].taxonomy_term', areas: 'service_areas', area: 'service_areas',
  venue: 'location.url', address: 'location.addresses', 'address.line1': 'location.addresses[].address_1', 'address.line2': 'location.addresses[].address_2',
  'address.town': 'location.addresses[].city', 'address.postcode': 'location.addresses[].postal_code',
  location: 'location', 'location.lat': 'location.latitude', 'location.lng': 'location.longitude',
  schedule: 'schedules', scheduleNote: 'schedules[].description', cost: 'cost_options', 'cost.type': 'cost_options[].option', 'cost.details': 'cost_options[].amount_description',
  ages: 'minimum_age', 'ages.min': 'minimum_age', 'ages.max': 'maximum_age', accessibility: 'location.accessibility', languages: 'languages',
  contact: 'email', 'contact.email': 'email', 'contact.phone': 'contacts[].phones[].number', 'contact.website': 'url',
  organisation: 'organization', 'organisation.type': 'attributes[] (organisation type)', 'organisation.registeredNumber': 'organization.organization_identifiers[].identifier',
  status: 'status', lastReviewed: 'assured_date',
};

const rruleDay = Object.fromEntries(days.map((day) => [day.slice(0, 2).toUpperCase(), day])) as Record<string, (typeof days)[number]>;
const clock = (time: Text) => (time && /^\d{1,2}:\d{2}/.test(time) ? time.slice(0, time.indexOf(':') + 3).padStart(5, '0') : undefined);
const day = (text: Text) => (text && /^\d{4}-\d{2}-\d{2}/.test(text) ? text.slice(0, 10) : undefined);
const clean = (text: Text) => (typeof text === 'string' && text.trim() ? text.trim() : undefined);
const lower = (text: string) => text.trim().toLowerCase();

/** The first sentence (or 300 characters) of a text, for a summary. */
function firstSentence(text: string): string {
  const sentence = /^[\s\S]*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text;
  return sentence.length <= 300 ? sentence : `${sentence.slice(0, 297).trimEnd()}…`;
}

/** Our export writes the summary as the description's first paragraph; another feed's first sentence is used. */
function summaryAndBody(description: string): { summary: string; body: string } {
  const [first, ...rest] = description.split(/\n\s*\n/);
  if (first.length >= 10 && first.length <= 300) return { summary: first.trim(), body: rest.join('\n\n').trim() };
  return { summary: firstSentence(description), body: description };
}

/** The id at the end of one of our page addresses, e.g. `/areas/wisbech/` → wisbech. */
const pageId = (url: Text, collection: string) => (url ? new RegExp(`/${collection}/([a-z0-9-]+)/?$`).exec(url)?.[1] : undefined);

export function entriesFromServices(services: FeedService[], ours: Ours, mapping: Mapping, mappingFile: string): FeedImport {
  const result: FeedImport = { entries: [], problems: [], unplaced: {}, notices: [] };
  const notices = new Map<string, string[]>();
  const notice = (message: string, record: string) => notices.set(message, [...(notices.get(message) ?? []), record]);
  const unplaced = (section: MappingSection, word: string) => {
    const words = (result.unplaced[section] ??= []);
    if (!words.includes(word)) words.push(word);
  };

  // Our own export's term ids, so a term we published is read back without a mapping.
  const ownTerms = new Map<string, { kind: 'category' | 'audience' | 'group' | 'asset' | 'block' | 'organisation'; id: string }>([
    ...ours.categories.map(({ id }) => [openReferralId('taxonomy_term', `categories/${id}`), { kind: 'category', id }] as const),
    ...ours.audiences.map(({ id }) => [openReferralId('taxonomy_term', `audiences/${id}`), { kind: 'audience', id }] as const),
    [openReferralId('taxonomy_term', 'listings/groups'), { kind: 'group', id: 'groups' }],
    [openReferralId('taxonomy_term', 'listings/assets'), { kind: 'asset', id: 'assets' }],
    ...buildingBlocks.map((block) => [openReferralId('taxonomy_term', `listings/assets/${block}`), { kind: 'block', id: block }] as const),
    ...organisationTypes.map((type) => [openReferralId('taxonomy_term', `organisations/${type}`), { kind: 'organisation', id: type }] as const),
  ]);
  const byName = (entries: Named[]) => new Map(entries.flatMap((entry) => [[lower(entry.name), entry.id], [entry.id, entry.id]]));
  const categoryByName = byName(ours.categories);
  const audienceByName = byName(ours.audiences);
  const areaByName = byName(ours.areas);
  const languageByName = byName(ours.languages);
  const featureByName = byName(ours.accessibility);
  const categoryIds = new Set(ours.categories.map((entry) => entry.id));
  const audienceIds = new Set(ours.audiences.map((entry) => entry.id));
  const feedAssets = new Set<string>();
  const contentAssets = new Set(ours.assets);

  // First pass: kind and id of every service, so a group's venue can be an asset in the same feed.
  const identified = services.map((service, index) => {
    const name = clean(service.name) ?? '';
    const listing = (service.attributes ?? []).map((attribute) => ({ attribute, own: ownTerms.get(attribute.taxonomy_term_id ?? attribute.taxonomy_term?.id ?? '') }))
      .find(({ own }) => own && (own.kind === 'group' || own.kind === 'asset' || own.kind === 'block'));
    const kind = listing?.own?.kind === 'block' || listing?.own?.kind === 'asset' ? 'assets' : 'groups';
    const mappedId = service.id ? mapped(mapping, 'ids', service.id)?.[0] : undefined;
    const id = clean(listing?.attribute.value) ?? mappedId ?? slugify(name);
    if (kind === 'assets') feedAssets.add(id);
    return { service, index, name, kind, id, block: listing?.own?.kind === 'block' ? listing.own.id : undefined } as const;
  });

  for (const { service, index, name, kind, id, block } of identified) {
    const record = `service "${name || '(no name)'}" (id ${service.id ?? 'none'})`;
    const problem = (column: string, message: string, hint?: string) => result.problems.push({ row: index + 1, record, column, message, hint });
    const source = `${kind}/${id}`;

    // Attributes: categories, audiences and organisation type.
    const categories: string[] = [];
    const audiences: string[] = [];
    let organisationType: string | undefined;
    const terms = [
      ...(service.attributes ?? []).map((attribute) => ({ id: attribute.taxonomy_term_id ?? attribute.taxonomy_term?.id, name: attribute.taxonomy_term?.name ?? attribute.taxonomy_term?.term })),
      ...(service.taxonomy_terms ?? []).map((term) => ({ id: term.id, name: term.name ?? term.term })),
      ...(service.service_taxonomys ?? []).map((link) => link.taxonomy_term ?? link.taxonomy ?? {}).map((term) => ({ id: term.id, name: term.name ?? term.term })),
    ];
    for (const term of terms) {
      const own = term.id ? ownTerms.get(term.id) : undefined;
      if (own?.kind === 'category') categories.push(own.id);
      else if (own?.kind === 'audience') audiences.push(own.id);
      else if (own?.kind === 'organisation') organisationType = own.id;
      if (own) continue;
      const word = clean(term.name);
      if (!word) continue;
      const placed = mapped(mapping, 'terms', word) ?? [categoryByName.get(lower(word)) ?? audienceByName.get(lower(word))].filter((found): found is string => !!found);
      if (!placed.length && mapped(mapping, 'terms', word) === undefined) {
        unplaced('terms', word);
        problem('attributes[].taxonomy_term', `"${word}" is not mapped to a category or audience`, `Fill it in under "terms" in ${mappingFile}, or write ignore`);
      }
      for (const target of placed) (audienceIds.has(target) && !categoryIds.has(target) ? audiences : categories).push(target);
    }

    // Areas: our own area pages, then service areas and towns through the mapping.
    const areas: string[] = [];
    const placeTown = (word: string, field: string) => {
      const placed = mapped(mapping, 'towns', word) ?? [areaByName.get(lower(word))].filter((found): found is string => !!found);
      if (!placed.length && mapped(mapping, 'towns', word) === undefined) {
        unplaced('towns', word);
        problem(field, `"${word}" is not mapped to one of our areas`, `Fill it in under "towns" in ${mappingFile}, or write ignore`);
      }
      areas.push(...placed);
    };
    for (const area of service.service_areas ?? []) {
      const own = pageId(area.uri, 'areas');
      if (own && ours.areas.some((entry) => entry.id === own)) areas.push(own);
      else {
        const word = clean(area.name) ?? clean(area.service_area);
        if (word) placeTown(word, 'service_areas[].name');
      }
    }

    const location = service.service_at_locations?.find((at) => at.location)?.location;
    const addresses = [...(location?.addresses ?? []), ...(location?.physical_addresses ?? [])];
    const address = addresses.find((candidate) => candidate.address_type !== 'postal') ?? addresses[0];
    // A town is read only where the feed gives no service area, as a town says where a service is, not whom it serves.
    if (!service.service_areas?.length && clean(address?.city)) placeTown(clean(address?.city)!, 'location.addresses[].city');

    // Accessibility: our own export says whose each feature is; others go through the mapping.
    const accessibility: string[] = [];
    for (const feature of location?.accessibility ?? []) {
      const word = clean(feature.description) ?? clean(feature.accessibility);
      // Our export names each feature as we do; its id says whether it is the listing's own or its venue's.
      const named = word ? featureByName.get(lower(word)) : undefined;
      if (named && feature.id === openReferralId('accessibility', `${source}/${named}`)) {
        accessibility.push(named);
        continue;
      }
      if (named && feature.id === openReferralId('accessibility', `${source}/venue/${named}`)) continue;
      if (!word) continue;
      const placed = mapped(mapping, 'accessibility', word) ?? [featureByName.get(lower(word))].filter((found): found is string => !!found);
      if (!placed.length && mapped(mapping, 'accessibility', word) === undefined) {
        unplaced('accessibility', word);
        problem('location.accessibility[].description', `"${word}" is not mapped to one of our accessibility features`, `Fill it in under "accessibility" in ${mappingFile}, or write ignore`);
      }
      accessibility.push(...placed);
    }

    const languages: string[] = [];
    for (const language of service.languages ?? []) {
      const code = clean(language.code);
      const word = clean(language.name) ?? code;
      if (!word) continue;
      const placed = mapped(mapping, 'languages', word) ?? [languageByName.get(lower(code ?? '')) ?? languageByName.get(lower(word))].filter((found): found is string => !!found);
      if (!placed.length && mapped(mapping, 'languages', word) === undefined) {
        unplaced('languages', word);
        problem('languages[].name', `"${word}" is not mapped to one of our languages`, `Fill it in under "languages" in ${mappingFile}, or write ignore`);
      }
      languages.push(...placed);
    }

    // Sessions from schedules with a day and times; any other schedule's words become the schedule note.
    const schedule: Record<string, unknown>[] = [];
    const notes: string[] = [];
    for (const item of service.schedules ?? []) {
      const opens = clock(item.opens_at);
      const closes = clock(item.closes_at);
      const dayCodes = (item.byday ?? '').split(',').map((code) => code.trim().toUpperCase().slice(-2)).filter((code) => rruleDay[code]);
      if (dayCodes.length && opens && closes) {
        const frequency = item.freq?.toUpperCase() === 'MONTHLY' ? 'monthly' : item.interval === 2 ? 'fortnightly' : 'weekly';
        for (const code of dayCodes) schedule.push(compact({ day: rruleDay[code], opens, closes, frequency, note: clean(item.notes) }));
      } else {
        const words = clean(item.description) ?? clean(item.notes);
        if (words) notes.push(words);
      }
    }

    // Cost: our own words first, then what an amount says; a feed that says nothing is told, not made free.
    const option = service.cost_options?.[0];
    const optionText = clean(option?.option);
    const ownCost = optionText ? (Object.entries(ours.costLabels).find(([, label]) => lower(label) === lower(optionText))?.[0] as 'free' | 'paid' | 'low-cost' | undefined) : undefined;
    let cost: Record<string, unknown> | undefined;
    if (ownCost) cost = { type: ownCost, details: clean(option?.amount_description) };
    else if (option) {
      const amount = typeof option.amount === 'number' ? option.amount : undefined;
      const details = [optionText, amount ? `£${amount}` : undefined, clean(option.amount_description)].filter(Boolean).join(' ') || undefined;
      if (amount === 0 || (amount === undefined && /\bfree\b/i.test(`${optionText ?? ''} ${option.amount_description ?? ''}`))) cost = { type: 'free', details };
      else if (amount !== undefined || details) cost = { type: 'paid', details };
    } else if (clean(service.fees)) cost = { type: 'paid', details: clean(service.fees) };
    if (!cost && kind === 'groups') notice('No cost given (cost_options or fees), so shown as free until cost is set in the CMS', record);

    // Organisation: our own type, else what its registration scheme says.
    const identifier = service.organization?.organization_identifiers?.find((candidate) => clean(candidate.identifier));
    const scheme = clean(identifier?.identifier_scheme)?.toUpperCase();
    if (!organisationType && identifier) {
      if (scheme && ['GB-CHC', 'GB-SC', 'GB-NIC'].includes(scheme)) organisationType = 'charity';
      else if (scheme === 'GB-COH') {
        organisationType = 'business';
        notice('A company number but no organisation type, so imported as a business: check whether it is a community interest company or social enterprise', record);
      } else {
        organisationType = 'community-group';
        notice('A registered number in a scheme we do not know, so imported as a community group with the number kept', record);
      }
    }

    const status = lower(service.status ?? '');
    const statusOf = status === 'temporarily closed' ? 'temporarily-closed' : status === 'inactive' || status === 'defunct' ? 'closed' : status === 'active' ? 'active' : undefined;
    if (!statusOf) problem('status', service.status ? `"${service.status}" is not an HSDS status` : 'is required', 'HSDS 3.0 statuses are active, inactive, defunct and temporarily closed');

    const { summary, body } = summaryAndBody(clean(service.description) ?? '');
    const url = clean(service.url);
    const website = url && pageId(url, kind) === id ? undefined : url ?? clean(service.organization?.website);
    const phone = clean([...(service.contacts ?? []).flatMap((contact) => contact.phones ?? []), ...(service.phones ?? [])].find((candidate) => clean(candidate.number))?.number);
    const venue = pageId(location?.url, 'assets');
    const shared = {
      name: name || undefined,
      summary: summary || undefined,
      address: address ? { line1: clean(address.address_1), line2: clean(address.address_2), town: clean(address.city), postcode: clean(address.postal_code) } : undefined,
      location: typeof location?.latitude === 'number' || typeof location?.longitude === 'number' ? { lat: location?.latitude, lng: location?.longitude } : undefined,
      categories: [...new Set(categories)],
      accessibility: [...new Set(accessibility)],
      contact: { email: clean(service.email) ?? clean(service.organization?.email), phone, website },
      lastReviewed: day(service.assured_date) ?? day(service.last_modified),
    };
    const data =
      kind === 'groups'
        ? {
            name: shared.name,
            summary: shared.summary,
            categories: shared.categories,
            audiences: [...new Set(audiences)],
            areas: [...new Set(areas)],
            venue: venue && (feedAssets.has(venue) || contentAssets.has(venue)) ? venue : undefined,
            address: shared.address,
            location: shared.location,
            schedule,
            scheduleNote: notes.length ? notes.join('\n') : undefined,
            cost,
            ages: { min: service.minimum_age, max: service.maximum_age },
            accessibility: shared.accessibility,
            languages: languages.length ? [...new Set(languages)] : undefined,
            contact: shared.contact,
            organisation: organisationType ? { type: organisationType, registeredNumber: clean(identifier?.identifier) } : undefined,
            status: statusOf,
            lastReviewed: shared.lastReviewed,
          }
        : {
            name: shared.name,
            block,
            summary: shared.summary,
            area: areas[0],
            address: shared.address,
            location: shared.location,
            howToUse: clean(service.application_process),
            categories: shared.categories,
            accessibility: shared.accessibility,
            contact: shared.contact,
            lastReviewed: shared.lastReviewed,
          };
    if (kind === 'assets' && areas.length > 1) problem('service_areas', `names ${areas.length} areas, and a place is in one`, 'Map the others to ignore, or keep one service area');
    const entry = compact(data);
    // A group must always say how to reach it, even if the feed gives no contact at all.
    if (!entry.contact) entry.contact = {};
    for (const list of ['schedule', 'categories', 'audiences', 'accessibility'] as const) if (Array.isArray(entry[list]) && !(entry[list] as unknown[]).length) delete entry[list];
    if (kind === 'groups' && !entry.categories) entry.categories = [];
    result.entries.push({
      row: index + 1,
      record,
      kind,
      id,
      data: entry,
      body,
      fieldNames: feedFields,
      // An asset's related groups are not in Open Referral either.
      keeps: [...fieldsImportsKeep, 'relatedGroups'],
      fieldHints: {
        [feedFields.categories]: `Map one of its taxonomy terms to a category under "terms" in ${mappingFile}`,
        [feedFields.areas]: `Map its service area or town to one of our areas under "towns" in ${mappingFile}`,
        [feedFields.lastReviewed]: 'The feed gives neither assured_date nor last_modified: add the date the details were last checked',
        [feedFields.summary]: 'The description must say in at least 10 characters what it does',
        [feedFields.howToUse]: 'application_process must say how to use, book or join it',
        id: `Set the id to give one of them under "ids" in ${mappingFile} (by the feed’s service id)`,
        [feedFields['location.lat']]: 'Latitude is between -90 and 90, longitude between -180 and 180: check the feed',
        [feedFields['location.lng']]: 'Latitude is between -90 and 90, longitude between -180 and 180: check the feed',
        [feedFields['contact.phone']]: 'A phone number has only digits, spaces, + and brackets, e.g. 01632 960123',
        [feedFields['address.postcode']]: 'Give a UK postcode, e.g. PE13 1AB',
      },
    });
  }
  result.notices = [...notices].map(([message, records]) => ({ message, records }));
  return result;
}

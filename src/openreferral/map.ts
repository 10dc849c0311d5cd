/**
 * Maps our content onto Open Referral UK (HSDS 3.0 as profiled for the UK): groups and assets become
 * services, each with its organization, location, schedules, contacts, cost options, languages,
 * service areas and taxonomy terms. Pure: the content goes in, the records come out, so the same
 * mapping feeds the API, the open data files and the tests. Optional fields with no value are left
 * out, never sent as null.
 */
import type { StringKey } from '../i18n/en';
import { isListed } from '../rules/visibility';
import type { Area } from '../schemas/area';
import { type Asset, buildingBlocks } from '../schemas/asset';
import { type Group, organisationTypes } from '../schemas/group';
import type { Category } from '../schemas/taxonomy';
import { openReferralId } from './ids';
import type * as Hsds from './records';

interface Entry<T> {
  id: string;
  data: T;
  body?: string;
}

/** Everything the mapping reads: the content as the schemas parse it, and where the site lives. */
export interface DirectoryContent {
  groups: Entry<Group>[];
  assets: Entry<Asset>[];
  areas: Entry<Area>[];
  categories: Entry<Category>[];
  audiences: Entry<{ name: string }>[];
  accessibility: Entry<{ name: string }>[];
  languages: Entry<{ name: string }>[];
  /** The site's address, e.g. https://hub.example.org, for links to listings and taxonomy pages. */
  siteUrl: string;
  siteName: string;
  /** County or region for postal addresses; HSDS requires one and our addresses stop at the town. */
  region?: string;
  t: (key: StringKey, values?: Record<string, string | number>) => string;
}

/** One service with what the API filters on, worked out once rather than on every request. */
export interface MappedService {
  service: Hsds.Service;
  /** Where it came from, e.g. groups/wisbech-health-walks. */
  source: string;
  /** Its page on this site. */
  page: string;
  /** Taxonomy term ids, with each subcategory's parent, as a service in a subcategory is also in its parent. */
  termIds: Set<string>;
  taxonomyIds: Set<string>;
  /** Days it runs, as RRULE days (MO, TU, …). */
  days: Set<string>;
  /** The areas it serves (our area ids), for a postcode's service-area filter. */
  areaIds: Set<string>;
  /** Text for keyword search. */
  keywords: string;
  /** Hidden and closed listings are mapped too, so a date change needs no new build. */
  listing: { status: Group['status']; visibleFrom?: Date; visibleTo?: Date };
  /** What the API filters, sorts and places by, apart from the record, so the server can leave the records on disk (load.ts). */
  facts: ServiceFacts;
}

export interface ServiceFacts {
  id: string;
  name: string;
  organizationId: string;
  description: string;
  lastModified?: string;
  minimumAge?: number;
  maximumAge?: number;
  schedules: { opensAt?: string; closesAt?: string }[];
  /** Its service_at_location ids, each with where the location is. */
  locations: { id: string; latitude?: number; longitude?: number; postcode?: string }[];
}

function serviceFacts(service: Hsds.Service): ServiceFacts {
  return {
    id: service.id,
    name: service.name,
    organizationId: service.organization_id,
    description: service.description ?? '',
    lastModified: service.last_modified,
    minimumAge: service.minimum_age,
    maximumAge: service.maximum_age,
    schedules: (service.schedules ?? []).map((schedule) => ({ opensAt: schedule.opens_at, closesAt: schedule.closes_at })),
    locations: (service.service_at_locations ?? []).map(({ id, location }) => ({ id, latitude: location.latitude, longitude: location.longitude, postcode: location.addresses?.[0]?.postal_code })),
  };
}

export interface OpenReferralDirectory {
  services: MappedService[];
  /** Our areas with their centres, to tell which area a postcode is in. */
  areas: { id: string; centre: { lat: number; lng: number } }[];
  taxonomies: Hsds.Taxonomy[];
  taxonomyTerms: Hsds.TaxonomyTerm[];
}

const rruleDays = { monday: 'MO', tuesday: 'TU', wednesday: 'WE', thursday: 'TH', friday: 'FR', saturday: 'SA', sunday: 'SU' } as const;

/** Drops keys whose value is undefined, an empty string or an empty list, as HSDS leaves them out. */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0)),
  ) as T;
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** Registration schemes from org-id.guide, so a consumer can look the organisation up. */
function identifierOf(type: Group['organisation']['type'], number: string) {
  if (type === 'charity' || type === 'cio') return { identifier_scheme: 'GB-CHC', identifier_type: 'Charity number' };
  if (type === 'community-interest-company' || type === 'social-enterprise' || type === 'business') return { identifier_scheme: 'GB-COH', identifier_type: 'Company number' };
  return { identifier_type: number ? 'Registered number' : '' };
}

export function mapDirectory(content: DirectoryContent): OpenReferralDirectory {
  const { t } = content;
  const page = (path: string) => new URL(path, content.siteUrl).href;
  const byId = <T>(entries: Entry<T>[]) => new Map(entries.map((entry) => [entry.id, entry.data]));
  const areas = byId(content.areas);
  const categories = byId(content.categories);
  const audiences = byId(content.audiences);
  const features = byId(content.accessibility);
  const languages = byId(content.languages);
  const assets = byId(content.assets);

  const taxonomies: Hsds.Taxonomy[] = [
    { id: openReferralId('taxonomy', 'categories'), name: t('openData.taxonomy.categories', { site: content.siteName }), description: t('openData.taxonomy.categoriesDescription'), uri: page('/categories/') },
    { id: openReferralId('taxonomy', 'audiences'), name: t('openData.taxonomy.audiences', { site: content.siteName }), description: t('openData.taxonomy.audiencesDescription'), uri: page('/audiences/') },
    { id: openReferralId('taxonomy', 'listings'), name: t('openData.taxonomy.listings', { site: content.siteName }), description: t('openData.taxonomy.listingsDescription'), uri: page('/open-data/') },
    { id: openReferralId('taxonomy', 'organisations'), name: t('openData.taxonomy.organisations', { site: content.siteName }), description: t('openData.taxonomy.organisationsDescription'), uri: page('/open-data/') },
  ];
  const [categoryTaxonomy, audienceTaxonomy, listingTaxonomy, organisationTaxonomy] = taxonomies;
  const categoryTerm = (id: string, category: Category): Hsds.TaxonomyTerm => compact({
    id: openReferralId('taxonomy_term', `categories/${id}`),
    term: category.name,
    name: category.name,
    description: category.description ?? category.name,
    parent_id: category.parent ? openReferralId('taxonomy_term', `categories/${category.parent}`) : undefined,
    taxonomy: categoryTaxonomy.name,
    taxonomy_id: categoryTaxonomy.id,
    term_uri: page(`/categories/${id}/`),
  });
  const audienceTerm = (id: string, audience: { name: string }): Hsds.TaxonomyTerm => ({
    id: openReferralId('taxonomy_term', `audiences/${id}`),
    term: audience.name,
    name: audience.name,
    description: audience.name,
    taxonomy: audienceTaxonomy.name,
    taxonomy_id: audienceTaxonomy.id,
    term_uri: page(`/audiences/${id}/`),
  });
  /** A term of one of the taxonomies that say what a listing is, so a listing reads back as the same kind. */
  const ownTerm = (taxonomy: Hsds.Taxonomy, key: string, name: string, parent?: string): Hsds.TaxonomyTerm => compact({
    id: openReferralId('taxonomy_term', key),
    term: name,
    name,
    description: name,
    parent_id: parent ? openReferralId('taxonomy_term', parent) : undefined,
    taxonomy: taxonomy.name,
    taxonomy_id: taxonomy.id,
    term_uri: page(`/open-data/#${key.replace('/', '-')}`),
  });
  const terms = new Map<string, Hsds.TaxonomyTerm>([
    ...content.categories.map(({ id, data }) => [`categories/${id}`, categoryTerm(id, data)] as const),
    ...content.audiences.map(({ id, data }) => [`audiences/${id}`, audienceTerm(id, data)] as const),
    ['listings/groups', ownTerm(listingTaxonomy, 'listings/groups', t('kind.group'))],
    ['listings/assets', ownTerm(listingTaxonomy, 'listings/assets', t('kind.asset'))],
    ...buildingBlocks.map((block) => [`listings/assets/${block}`, ownTerm(listingTaxonomy, `listings/assets/${block}`, t(`block.${block}`), 'listings/assets')] as const),
    ...organisationTypes.map((type) => [`organisations/${type}`, ownTerm(organisationTaxonomy, `organisations/${type}`, t(`organisation.${type}`))] as const),
  ]);

  /** The classifications of a service, as HSDS attributes that each carry their taxonomy term. */
  const attributesOf = (source: string, serviceId: string, keys: string[], linkType: string): Hsds.Attribute[] =>
    keys.flatMap((key) => {
      const term = terms.get(key);
      return term ? [{ id: openReferralId('attribute', `${source}/${key}`), link_id: serviceId, link_type: linkType, taxonomy_term_id: term.id, taxonomy_term: term }] : [];
    });
  /** What the listing is (a group, or an asset in its building block), with its id in our files as the value. */
  const listingAttribute = (source: string, serviceId: string, key: string, slug: string): Hsds.Attribute => ({
    ...attributesOf(source, serviceId, [key], 'listing')[0],
    value: slug,
  });

  /** Each feature's id says whose it is (the listing's or its venue's), so a listing reads back with only its own. */
  const accessibilityOf = (locationId: string, owned: { source: string; ids: string[] }[]): Hsds.Accessibility[] => {
    const seen = new Set<string>();
    return owned.flatMap(({ source, ids }) => ids.flatMap((id) => {
      const name = features.get(id)?.name;
      if (!name || seen.has(id)) return [];
      seen.add(id);
      return [{ id: openReferralId('accessibility', `${source}/${id}`), location_id: locationId, description: name }];
    }));
  };

  function locationOf(source: string, place: { name: string; summary?: string; url?: string; address?: Group['address']; location?: Group['location'] }, accessibility: { source: string; ids: string[] }[]): Hsds.Location | undefined {
    const features = accessibilityOf(openReferralId('location', source), accessibility);
    // A service with no place of its own (a phone line, say) can still say how it is accessible, at a virtual location.
    if (!place.address && !place.location && !features.length) return undefined;
    const id = openReferralId('location', source);
    const address = place.address && compact<Hsds.Address>({
      id: openReferralId('address', source),
      location_id: id,
      address_1: place.address.line1,
      address_2: place.address.line2,
      city: place.address.town,
      state_province: content.region ?? place.address.town,
      postal_code: place.address.postcode.toUpperCase(),
      country: 'GB',
      address_type: 'physical',
    });
    return compact<Hsds.Location>({
      id,
      location_type: place.address || place.location ? 'physical' : 'virtual',
      url: place.url,
      name: place.name,
      description: place.summary,
      latitude: place.location?.lat,
      longitude: place.location?.lng,
      addresses: address ? [address] : [],
      accessibility: features,
    });
  }

  function serviceAreasOf(source: string, serviceId: string, ids: string[]): Hsds.ServiceArea[] {
    return ids.flatMap((id) => {
      const area = areas.get(id);
      return area ? [{ id: openReferralId('service_area', `${source}/${id}`), service_id: serviceId, name: area.name, service_area: area.name, uri: page(`/areas/${id}/`) }] : [];
    });
  }

  function contactsOf(source: string, serviceId: string, name: string, phone?: string): Hsds.Contact[] {
    if (!phone) return [];
    const contactId = openReferralId('contact', source);
    return [{ id: contactId, service_id: serviceId, name, phones: [{ id: openReferralId('phone', source), contact_id: contactId, number: phone }] }];
  }

  function organizationOf(source: string, name: string, description: string, contact: Group['contact'], registration?: Group['organisation']): Hsds.Organization {
    const id = openReferralId('organization', source);
    const number = registration?.registeredNumber;
    const identifiers: Hsds.OrganizationIdentifier[] = number && registration
      ? [compact({ id: openReferralId('organization_identifier', source), organization_id: id, ...identifierOf(registration.type, number), identifier: number })]
      : [];
    return compact({ id, name, description, email: contact.email, website: contact.website, organization_identifiers: identifiers });
  }

  /** A service at its location, nested both ways as the UK profile's service and service_at_location endpoints expect. */
  const atLocation = (source: string, serviceId: string, location: Hsds.Location | undefined): Hsds.ServiceAtLocation[] =>
    location ? [{ id: openReferralId('service_at_location', source), service_id: serviceId, location_id: location.id, location }] : [];

  const withParents = (ids: string[]) => [...ids, ...ids.map((id) => categories.get(id)?.parent).filter((id): id is string => id !== undefined)];
  const termIdsOf = (keys: string[]) => new Set(keys.map((key) => terms.get(key)?.id).filter((id): id is string => id !== undefined));

  const groupServices = content.groups.map(({ id: slug, data, body }): Omit<MappedService, 'facts'> => {
    const source = `groups/${slug}`;
    const id = openReferralId('service', source);
    const venue = data.venue ? assets.get(data.venue) : undefined;
    // A group meets at its own address, or at its venue's when it gives none.
    const location = locationOf(source, {
      name: venue?.name ?? data.name,
      summary: venue?.summary,
      url: data.venue ? page(`/assets/${data.venue}/`) : undefined,
      address: data.address ?? venue?.address,
      location: data.location ?? venue?.location,
    }, [{ source, ids: data.accessibility }, { source: `${source}/venue`, ids: venue?.accessibility ?? [] }]);
    const schedules: Hsds.Schedule[] = data.schedule.map((session, index) => compact({
      id: openReferralId('schedule', `${source}/${index}`),
      service_id: id,
      freq: session.frequency === 'monthly' ? 'MONTHLY' : 'WEEKLY',
      interval: session.frequency === 'fortnightly' ? 2 : undefined,
      byday: rruleDays[session.day],
      opens_at: session.opens,
      closes_at: session.closes,
      description: [t(`frequency.${session.frequency}`, { day: t(`day.${session.day}`) }), `${session.opens}–${session.closes}`, session.note].filter(Boolean).join(', '),
      notes: session.note,
    }));
    // Anything else about when it meets is a schedule of its own, with no times.
    if (data.scheduleNote) schedules.push({ id: openReferralId('schedule', `${source}/note`), service_id: id, description: data.scheduleNote });
    const categoryKeys = data.categories.map((category) => `categories/${category}`);
    const audienceKeys = data.audiences.map((audience) => `audiences/${audience}`);
    const url = data.contact.website ?? page(`/groups/${slug}/`);
    const service = compact<Hsds.Service>({
      id,
      organization_id: openReferralId('organization', source),
      name: data.name,
      description: [data.summary, body?.trim()].filter(Boolean).join('\n\n'),
      url,
      email: data.contact.email,
      status: data.status === 'temporarily-closed' ? 'temporarily closed' : data.status === 'closed' ? 'inactive' : 'active',
      minimum_age: data.ages.min,
      maximum_age: data.ages.max,
      assured_date: isoDay(data.lastReviewed),
      last_modified: `${isoDay(data.lastReviewed)}T00:00:00Z`,
      alert: data.status === 'temporarily-closed' ? t('openData.temporarilyClosed') : undefined,
      organization: organizationOf(source, data.name, data.summary, data.contact, data.organisation),
      schedules,
      service_areas: serviceAreasOf(source, id, data.areas),
      service_at_locations: atLocation(source, id, location),
      languages: data.languages.flatMap((code) => {
        const name = languages.get(code)?.name;
        return name ? [{ id: openReferralId('language', `${source}/${code}`), service_id: id, name, code }] : [];
      }),
      cost_options: [compact<Hsds.CostOption>({
        id: openReferralId('cost_option', source),
        service_id: id,
        option: t(`cost.${data.cost.type}`),
        amount: data.cost.type === 'free' ? 0 : undefined,
        amount_description: data.cost.details,
      })],
      contacts: contactsOf(source, id, data.name, data.contact.phone),
      attributes: [
        listingAttribute(source, id, 'listings/groups', slug),
        ...attributesOf(source, id, [`organisations/${data.organisation.type}`], 'organisation_type'),
        ...attributesOf(source, id, [...new Set(categoryKeys)], 'category'),
        ...attributesOf(source, id, audienceKeys, 'audience'),
      ],
    });
    return {
      service,
      source,
      page: page(`/groups/${slug}/`),
      termIds: termIdsOf([...withParents(data.categories).map((category) => `categories/${category}`), ...audienceKeys, 'listings/groups', `organisations/${data.organisation.type}`]),
      taxonomyIds: new Set([...(categoryKeys.length ? [categoryTaxonomy.id] : []), ...(audienceKeys.length ? [audienceTaxonomy.id] : []), listingTaxonomy.id, organisationTaxonomy.id]),
      days: new Set(data.schedule.map((session) => rruleDays[session.day])),
      areaIds: new Set(data.areas),
      keywords: [
        body ?? '', venue?.name ?? '',
        ...withParents(data.categories).map((category) => categories.get(category)?.name ?? ''),
        ...data.audiences.map((audience) => audiences.get(audience)?.name ?? ''),
        ...data.areas.map((area) => areas.get(area)?.name ?? ''),
      ].join(' '),
      listing: { status: data.status, visibleFrom: data.visibleFrom, visibleTo: data.visibleTo },
    };
  });

  const assetServices = content.assets.map(({ id: slug, data, body }): Omit<MappedService, 'facts'> => {
    const source = `assets/${slug}`;
    const id = openReferralId('service', source);
    const location = locationOf(source, data, [{ source, ids: data.accessibility }]);
    const categoryKeys = data.categories.map((category) => `categories/${category}`);
    const service = compact<Hsds.Service>({
      id,
      organization_id: openReferralId('organization', source),
      name: data.name,
      description: [data.summary, body?.trim()].filter(Boolean).join('\n\n'),
      url: data.contact.website ?? page(`/assets/${slug}/`),
      email: data.contact.email,
      application_process: data.howToUse,
      status: 'active',
      assured_date: isoDay(data.lastReviewed),
      last_modified: `${isoDay(data.lastReviewed)}T00:00:00Z`,
      organization: organizationOf(source, data.name, data.summary, data.contact),
      service_areas: serviceAreasOf(source, id, [data.area]),
      service_at_locations: atLocation(source, id, location),
      contacts: contactsOf(source, id, data.name, data.contact.phone),
      attributes: [listingAttribute(source, id, `listings/assets/${data.block}`, slug), ...attributesOf(source, id, categoryKeys, 'category')],
    });
    return {
      service,
      source,
      page: page(`/assets/${slug}/`),
      termIds: termIdsOf([...withParents(data.categories).map((category) => `categories/${category}`), 'listings/assets', `listings/assets/${data.block}`]),
      taxonomyIds: new Set([...(categoryKeys.length ? [categoryTaxonomy.id] : []), listingTaxonomy.id]),
      days: new Set(),
      areaIds: new Set([data.area]),
      keywords: [body ?? '', data.howToUse, t(`block.${data.block}`), areas.get(data.area)?.name ?? '', ...withParents(data.categories).map((category) => categories.get(category)?.name ?? '')].join(' '),
      listing: { status: 'active' },
    };
  });

  return {
    services: [...groupServices, ...assetServices].map((mapped) => ({ ...mapped, facts: serviceFacts(mapped.service) })),
    areas: content.areas.map(({ id, data }) => ({ id, centre: data.centre })),
    taxonomies,
    taxonomyTerms: [...terms.values()],
  };
}

const byName = new Intl.Collator('en-GB').compare;

/** The services residents can see on a day, A to Z: the site's own rule, so the API never serves a hidden or closed listing. */
export function servedOn(directory: OpenReferralDirectory, day: Date): MappedService[] {
  return directory.services.filter((mapped) => isListed(mapped.listing, day)).sort((a, b) => byName(a.facts.name, b.facts.name));
}

/**
 * The Open Referral UK API's query rules, pure so they are tested without a server: reading the
 * query parameters (with a clear message for each bad one), filtering services, and the paging
 * envelope every list answer comes in.
 */
import type { StringKey } from '../i18n/en';
import { type LatLng, distanceKm } from '../rules/distance';
import { type KeywordIndex, keywordIndex } from './keyword-index';
import type { MappedService } from './map';
import type * as Hsds from './records';

type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

/** The UK profile's paging envelope. */
export interface Envelope<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  /** How many records this page holds. */
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}

export const defaultPerPage = 50;
export const maxPerPage = 500;

export function envelope<T>(items: T[], pageNumber: number, perPage: number): Envelope<T> {
  const totalPages = Math.ceil(items.length / perPage);
  const contents = items.slice((pageNumber - 1) * perPage, pageNumber * perPage);
  return {
    total_items: items.length,
    total_pages: totalPages,
    page_number: pageNumber,
    size: contents.length,
    first_page: pageNumber === 1,
    last_page: pageNumber >= totalPages,
    empty: contents.length === 0,
    contents,
  };
}

export interface Paging {
  page: number;
  perPage: number;
}

export interface ServiceQuery extends Paging {
  search?: string;
  taxonomyTermId?: string;
  taxonomyId?: string;
  organizationId?: string;
  /** Services changed on or after this moment (our last_modified: the day a listing was last reviewed). */
  modifiedAfter?: Date;
  /** Just each service's id and last_modified, all in one answer. */
  minimal?: boolean;
  /** Each service fully nested rather than as a list item. */
  full?: boolean;
  minimumAge?: number;
  maximumAge?: number;
  /** RRULE day, MO to SU. */
  day?: string;
  /** HH:MM */
  startTime?: string;
  endTime?: string;
  postcode?: string;
  /** Metres from the postcode's centre. */
  proximity?: number;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether text is a UUID, the form of every Open Referral identifier. */
export const isUuid = (text: string) => uuidPattern.test(text);
const timePattern = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
const dayCodes = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const dayNames = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The query parameters each list endpoint takes: HSDS 3.0's where our data allows, and the UK profile's. */
export const listParameters = {
  services: ['search', 'page', 'per_page', 'format', 'taxonomy_term_id', 'taxonomy_id', 'organization_id', 'modified_after', 'minimal', 'full', 'minimum_age', 'maximum_age', 'start_time', 'end_time', 'day'],
  service_at_locations: ['search', 'page', 'per_page', 'format', 'taxonomy_term_id', 'taxonomy_id', 'organization_id', 'modified_after', 'full', 'minimum_age', 'maximum_age', 'start_time', 'end_time', 'day', 'postcode', 'proximity'],
  taxonomies: ['search', 'page', 'per_page', 'format'],
  taxonomy_terms: ['search', 'page', 'per_page', 'format', 'taxonomy_id', 'top_only', 'parent_id'],
} as const;

/**
 * A message for each parameter the endpoint does not take, naming it and what it does take, so a
 * client never gets an unfiltered answer it believes filtered; and for a `format` other than json.
 */
export function unsupportedParameters(params: URLSearchParams, endpoint: keyof typeof listParameters, t: Translate): string[] {
  const allowed: readonly string[] = listParameters[endpoint];
  const errors = [...new Set(params.keys())].filter((name) => !allowed.includes(name)).map((name) => t('openData.error.unknownParameter', { name, allowed: allowed.join(', ') }));
  const format = params.get('format')?.trim().toLowerCase();
  if (format && format !== 'json') errors.push(t('openData.error.format', { value: params.get('format') ?? '' }));
  return errors;
}

/** `true` or `false` (also 1 and 0), as HSDS's boolean parameters are written. */
export const booleanParameter = (text: string) => (/^(true|1)$/i.test(text) ? true : /^(false|0)$/i.test(text) ? false : undefined);

/** Reads one parameter with `read`, collecting a message instead when it is present but wrong. */
function reader(params: URLSearchParams, errors: string[]) {
  return <T>(name: string, read: (text: string) => T | undefined, message: string): T | undefined => {
    const text = params.get(name)?.trim();
    if (text === undefined || text === '') return undefined;
    const value = read(text);
    if (value === undefined) errors.push(message);
    return value;
  };
}

const wholeNumber = (min: number, max: number) => (text: string) => {
  if (!/^\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= min && value <= max ? value : undefined;
};

export function readPaging(params: URLSearchParams, t: Translate): Parsed<Paging> {
  const errors: string[] = [];
  const read = reader(params, errors);
  const page = read('page', wholeNumber(1, Number.MAX_SAFE_INTEGER), t('openData.error.page', { value: params.get('page') ?? '' })) ?? 1;
  const perPage = read('per_page', wholeNumber(1, maxPerPage), t('openData.error.perPage', { value: params.get('per_page') ?? '', max: maxPerPage })) ?? defaultPerPage;
  return errors.length ? { ok: false, errors } : { ok: true, value: { page, perPage } };
}

/** The query of /services, or of /service_at_locations when `byPlace` (which adds postcode and proximity). */
export function readServiceQuery(params: URLSearchParams, t: Translate, byPlace = false): Parsed<ServiceQuery> {
  const paging = readPaging(params, t);
  const errors = [...unsupportedParameters(params, byPlace ? 'service_at_locations' : 'services', t), ...(paging.ok ? [] : paging.errors)];
  const read = reader(params, errors);
  const value = (name: string) => params.get(name) ?? '';
  const uuid = (text: string) => (uuidPattern.test(text) ? text.toLowerCase() : undefined);
  const time = (text: string) => (timePattern.test(text) ? text.slice(0, 5) : undefined);
  const query: ServiceQuery = {
    ...(paging.ok ? paging.value : { page: 1, perPage: defaultPerPage }),
    search: params.get('search')?.trim().slice(0, 200) || undefined,
    taxonomyTermId: read('taxonomy_term_id', uuid, t('openData.error.uuid', { name: 'taxonomy_term_id', value: value('taxonomy_term_id') })),
    taxonomyId: read('taxonomy_id', uuid, t('openData.error.uuid', { name: 'taxonomy_id', value: value('taxonomy_id') })),
    organizationId: read('organization_id', uuid, t('openData.error.uuid', { name: 'organization_id', value: value('organization_id') })),
    modifiedAfter: read('modified_after', (text) => {
      const date = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text) ? new Date(text.length === 10 ? `${text}T00:00:00Z` : text) : undefined;
      return date && !Number.isNaN(date.getTime()) ? date : undefined;
    }, t('openData.error.modifiedAfter', { value: value('modified_after') })),
    minimal: byPlace ? undefined : read('minimal', booleanParameter, t('openData.error.boolean', { name: 'minimal', value: value('minimal') })),
    full: read('full', booleanParameter, t('openData.error.boolean', { name: 'full', value: value('full') })),
    minimumAge: read('minimum_age', wholeNumber(0, 150), t('openData.error.age', { name: 'minimum_age', value: value('minimum_age') })),
    maximumAge: read('maximum_age', wholeNumber(0, 150), t('openData.error.age', { name: 'maximum_age', value: value('maximum_age') })),
    day: read('day', (text) => {
      const upper = text.toUpperCase();
      if (dayCodes.includes(upper)) return upper;
      const index = dayNames.indexOf(text.toLowerCase());
      return index >= 0 ? dayCodes[index] : undefined;
    }, t('openData.error.day', { value: value('day') })),
    startTime: read('start_time', time, t('openData.error.time', { name: 'start_time', value: value('start_time') })),
    endTime: read('end_time', time, t('openData.error.time', { name: 'end_time', value: value('end_time') })),
  };
  for (const key of Object.keys(query) as (keyof ServiceQuery)[]) if (query[key] === undefined) delete query[key];
  if (byPlace) {
    query.postcode = read('postcode', (text) => (/^[A-Z]{1,2}\d[A-Z\d]?( ?\d[A-Z]{2})?$/i.test(text) ? normalisePostcode(text) : undefined), t('openData.error.postcode', { value: value('postcode') }));
    query.proximity = read('proximity', wholeNumber(1, 1_000_000), t('openData.error.proximity', { value: value('proximity') }));
    if (query.proximity !== undefined && !params.get('postcode')?.trim()) errors.push(t('openData.error.proximityWithoutPostcode'));
  }
  return errors.length ? { ok: false, errors } : { ok: true, value: query };
}

/** "pe131aa" → "PE13 1AA"; an outward code alone ("pe13") stays as it is, in capitals. */
export function normalisePostcode(text: string): string {
  const compact = text.replace(/\s+/g, '').toUpperCase();
  return compact.length > 4 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
}

/**
 * Where a postcode is, without a postcode database: a postcode one of our listings has, or else the
 * middle of our listings in its district (outward code, e.g. PE13). Anything else cannot be placed.
 */
export function placePostcode(postcode: string, known: Map<string, LatLng>): LatLng | undefined {
  const exact = known.get(postcode);
  if (exact) return exact;
  const district = postcode.split(' ')[0];
  const inDistrict = [...known].filter(([code]) => code.split(' ')[0] === district).map(([, at]) => at);
  if (!inDistrict.length) return undefined;
  return {
    lat: inDistrict.reduce((sum, at) => sum + at.lat, 0) / inDistrict.length,
    lng: inDistrict.reduce((sum, at) => sum + at.lng, 0) / inDistrict.length,
  };
}

/** Postcodes with coordinates among the services' locations, for placePostcode. */
export function knownPostcodes(services: MappedService[]): Map<string, LatLng> {
  const known = new Map<string, LatLng>();
  for (const { facts } of services) {
    for (const { postcode, latitude, longitude } of facts.locations) {
      if (postcode && latitude !== undefined && longitude !== undefined && !known.has(postcode)) known.set(postcode, { lat: latitude, lng: longitude });
    }
  }
  return known;
}

/** One keyword index a list of services, built on its first search and kept while the list is (one a day on the server). */
const indexes = new WeakMap<MappedService[], KeywordIndex>();
function indexOf(services: MappedService[]): KeywordIndex {
  let index = indexes.get(services);
  if (!index) {
    index = keywordIndex(services.map(({ facts, keywords }) => ({ title: facts.name, text: `${facts.description} ${keywords}` })));
    indexes.set(services, index);
  }
  return index;
}

/**
 * Services matching every filter given, in the order given (A to Z from servedOn), or with a search
 * the best keyword matches first (more of its words in the name). Ages follow the UK profile: `minimum_age` finds services whose
 * youngest age is at least that (none given counts as 0), `maximum_age` those whose oldest age is at
 * most that (none given counts as no limit).
 */
export function findServices(services: MappedService[], query: ServiceQuery): MappedService[] {
  const matches = ({ facts, termIds, taxonomyIds, days }: MappedService) =>
    (query.taxonomyTermId === undefined || termIds.has(query.taxonomyTermId)) &&
    (query.organizationId === undefined || facts.organizationId === query.organizationId) &&
    (query.modifiedAfter === undefined || (facts.lastModified !== undefined && new Date(facts.lastModified) >= query.modifiedAfter)) &&
    (query.taxonomyId === undefined || taxonomyIds.has(query.taxonomyId)) &&
    (query.minimumAge === undefined || (facts.minimumAge ?? 0) >= query.minimumAge) &&
    (query.maximumAge === undefined || (facts.maximumAge ?? Number.POSITIVE_INFINITY) <= query.maximumAge) &&
    (query.day === undefined || days.has(query.day)) &&
    (query.startTime === undefined || facts.schedules.some(({ opensAt }) => opensAt !== undefined && opensAt >= query.startTime!)) &&
    (query.endTime === undefined || facts.schedules.some(({ closesAt }) => closesAt !== undefined && closesAt <= query.endTime!));
  if (!query.search) return services.filter(matches);
  return indexOf(services).match(query.search).map((position) => services[position]).filter(matches);
}

/** A service at one location (by its service_at_location id), as /service_at_locations lists them, with its distance from `origin` if given. */
export interface Placed {
  mapped: MappedService;
  atId: string;
  metres?: number;
}

/** The service_at_location with this id in a service's full record (read once: on the server each read of `mapped.service` is a read from disk). */
const atIn = (service: Hsds.Service, atId: string): Hsds.ServiceAtLocation => service.service_at_locations!.find((at) => at.id === atId)!;

/** The area a point is in, taken as the one whose centre is nearest (our areas have centres, not boundaries). */
export function areaAt(point: LatLng, areas: readonly { id: string; centre: LatLng }[]): string | undefined {
  let nearest: { id: string; km: number } | undefined;
  for (const area of areas) {
    const km = distanceKm(point, area.centre);
    if (!nearest || km < nearest.km) nearest = { id: area.id, km };
  }
  return nearest?.id;
}

/**
 * The services whose service area covers a postcode, as the UK profile asks of `postcode`: those that
 * serve the area it is in; a service that names no area is taken to serve everywhere.
 */
export function servingArea(found: MappedService[], areaId: string | undefined): MappedService[] {
  if (!areaId) return found;
  return found.filter(({ areaIds }) => areaIds.size === 0 || areaIds.has(areaId));
}

/** Each found service at each of its locations; nearest first from `origin`, only within `proximity` metres if given. */
export function placeServices(found: MappedService[], origin?: LatLng, proximity?: number): Placed[] {
  const placed = found.flatMap((mapped) => mapped.facts.locations.map(({ id, latitude, longitude }): Placed => {
    const metres = origin && latitude !== undefined && longitude !== undefined ? Math.round(distanceKm(origin, { lat: latitude, lng: longitude }) * 1000) : undefined;
    return { mapped, atId: id, metres };
  }));
  if (!origin) return placed;
  return placed
    .filter(({ metres }) => proximity === undefined || (metres !== undefined && metres <= proximity))
    .sort((a, b) => (a.metres ?? Number.POSITIVE_INFINITY) - (b.metres ?? Number.POSITIVE_INFINITY));
}

/** The one-to-one fields of a record: what list answers carry (the UK profile's service_list). */
function oneToOne<T extends object>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => typeof value !== 'object' || value === null)) as Partial<T>;
}

/** A service as /services lists it: its own fields and its organization's, without the nested lists. */
export function serviceListItem(service: Hsds.Service) {
  return { ...oneToOne(service), organization: oneToOne(service.organization) };
}

/** A service at a location as /service_at_locations lists it, with the location and service summarised. */
export function serviceAtLocationListItem({ mapped, atId }: Placed) {
  const service = mapped.service;
  const at = atIn(service, atId);
  return { id: at.id, service_id: at.service_id, location_id: at.location_id, location: oneToOne(at.location), service: serviceListItem(service) };
}

/** A service at a location in full, as /service_at_locations/{id} answers: the location and the whole service. */
export function serviceAtLocationFull(mapped: MappedService, atId: string) {
  const service = mapped.service;
  return { ...atIn(service, atId), service };
}

/**
 * Finding the services in an Open Referral feed, in every shape a council will have: an ORUK 3.0 page
 * (`contents`), the old v1 page (`content`), a whole file of pages, a list, an organization with its
 * services, services at locations, one service, or a live API followed page by page. A file that is
 * none of these gets a sentence saying what it is and what was expected, never a stack trace.
 */
import type { FeedService } from './openreferral';

export class FeedError extends Error {}

const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/** A service at a location (`{service, location}`) becomes the service with that location attached. */
function asService(item: unknown): FeedService | undefined {
  if (!isObject(item)) return undefined;
  if (isObject(item.service) && typeof item.service.name === 'string') {
    const service = item.service as FeedService;
    const location = isObject(item.location) ? item.location : undefined;
    return location && !service.service_at_locations?.length ? { ...service, service_at_locations: [{ location }] } : service;
  }
  if (typeof item.name !== 'string') return undefined;
  // Other HSDS records have a name too: say what they are rather than reading them as services.
  if (['term', 'taxonomy', 'taxonomy_terms', 'taxonomy_id', 'version', 'uri', 'website', 'logo', 'organization_identifiers', 'parent_organization_id'].some((key) => key in item)) return undefined;
  return item as FeedService;
}

/** What an item of a list is, for the message when it is not a service. */
function describeItem(item: unknown): string {
  if (!isObject(item)) return `a ${Array.isArray(item) ? 'list' : typeof item}`;
  if ('term' in item || 'taxonomy' in item || 'taxonomy_id' in item) return 'a taxonomy term';
  if ('taxonomy_terms' in item || 'version' in item) return 'a taxonomy';
  if (['website', 'logo', 'uri', 'organization_identifiers', 'parent_organization_id'].some((key) => key in item)) return 'an organization with no services';
  return `an object with ${Object.keys(item).slice(0, 6).join(', ') || 'no fields'}`;
}

function servicesOfList(items: unknown[], where: string): FeedService[] {
  return items.flatMap((item, index) => {
    if (isObject(item) && Array.isArray(item.services)) return servicesOfOrganization(item);
    const service = asService(item);
    if (!service) throw new FeedError(`${where} item ${index + 1} is ${describeItem(item)}, not a service: import the API's list of services (GET /services) instead`);
    return [service];
  });
}

/** An organization's services, each given the organization when it does not carry its own. */
function servicesOfOrganization(organization: Record<string, unknown>): FeedService[] {
  const { services, ...rest } = organization;
  return servicesOfList(services as unknown[], 'the organization’s services:').map((service) => (service.organization ? service : { ...service, organization: rest as FeedService['organization'] }));
}

/** The services in a parsed feed. Throws a FeedError whose message says what the file is instead. */
export function servicesOf(feed: unknown): FeedService[] {
  if (Array.isArray(feed)) {
    // A whole file of pages, as saved page by page from an API.
    if (feed.length && feed.every((item) => isObject(item) && Array.isArray(item.contents ?? item.content))) return feed.flatMap((page) => servicesOf(page));
    return servicesOfList(feed, 'the list’s');
  }
  if (!isObject(feed)) throw new FeedError(`is ${feed === null ? 'null' : `a ${typeof feed}`}, not an Open Referral feed: expected a list of services, a page of them (an object with "contents"), an organization with "services", or one service`);
  for (const key of ['contents', 'content', 'services'] as const) {
    if (Array.isArray(feed[key])) return key === 'services' && typeof feed.name === 'string' ? servicesOfOrganization(feed) : servicesOfList(feed[key] as unknown[], `"${key}"`);
  }
  const one = asService(feed);
  if (one) return [one];
  if ('openapi_url' in feed || 'profile' in feed) throw new FeedError('is the API’s root (version and profile), not a feed: give the API’s address to import from it, or a file of its /services');
  throw new FeedError(`is not an Open Referral feed: expected a list of services, a page of them (an object with "contents"), an organization with "services", or one service; this is ${describeItem(feed)}`);
}

/** JSON text → the feed, with the line and column of a syntax error. */
export function parseFeed(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const at = /position (\d+)/.exec(message);
    if (!at) throw new FeedError(`is not valid JSON: ${message}`);
    const before = text.slice(0, Number(at[1]));
    const line = before.split('\n').length;
    const column = Number(at[1]) - before.lastIndexOf('\n');
    throw new FeedError(`is not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')} at line ${line}, column ${column}`);
  }
}

/** A live API's services address: the base URL (its root), or its /services, with page and per_page added. */
function servicesPage(base: string, page: number, perPage: number): string {
  const url = new URL(base);
  if (!/\/services\/?$/.test(url.pathname)) url.pathname = `${url.pathname.replace(/\/$/, '')}/services`;
  url.searchParams.set('page', String(page));
  url.searchParams.set('per_page', String(perPage));
  return url.href;
}

async function getJson(url: string, fetchJson: typeof fetch): Promise<unknown> {
  let response: Response;
  try {
    response = await fetchJson(url, { headers: { Accept: 'application/json' } });
  } catch (error) {
    throw new FeedError(`could not be reached (${url}): ${error instanceof Error ? (error.cause as Error | undefined)?.message ?? error.message : error}`);
  }
  if (!response.ok) throw new FeedError(`answered ${response.status} ${response.statusText} for ${url}`);
  return parseFeed(await response.text());
}

/**
 * Every service of a live ORUK API, page by page until `total_pages`. A list that gives services only
 * in brief (no locations, areas or attributes) is filled in from `/services/{id}`, one at a time.
 */
export async function servicesFromApi(base: string, options: { perPage?: number; fetchJson?: typeof fetch; onPage?: (page: number, pages: number) => void } = {}): Promise<FeedService[]> {
  const fetchJson = options.fetchJson ?? fetch;
  const perPage = options.perPage ?? 100;
  const services: FeedService[] = [];
  for (let page = 1, pages = 1; page <= pages; page += 1) {
    const answer = await getJson(servicesPage(base, page, perPage), fetchJson);
    if (!isObject(answer) || !Array.isArray(answer.contents)) throw new FeedError(`page ${page} of ${base} is not an ORUK page of services (no "contents")`);
    pages = typeof answer.total_pages === 'number' ? answer.total_pages : 1;
    options.onPage?.(page, pages);
    for (const service of servicesOf(answer)) {
      const brief = !service.service_at_locations && !service.service_areas && !service.attributes;
      if (!brief || !service.id) services.push(service);
      else services.push(servicesOf(await getJson(servicesPage(base, 1, 1).replace(/\/services\?.*$/, `/services/${encodeURIComponent(service.id)}`), fetchJson))[0]);
    }
    if (answer.last_page === true) break;
  }
  return services;
}

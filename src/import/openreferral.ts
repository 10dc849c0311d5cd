/**
 * Open Referral UK / HSDS services → spreadsheet-style rows, so a feed goes through the same
 * checks as a CSV. Categories and areas are matched by name to ours; `fallback` fills the gaps.
 */
import { slugify, type SourceRow } from './rows';

interface Named {
  name?: string;
}
interface Service {
  id?: string;
  name?: string;
  description?: string;
  email?: string;
  url?: string;
  assured_date?: string;
  last_modified?: string;
  phones?: { number?: string }[];
  taxonomy_terms?: Named[];
  service_taxonomys?: { taxonomy?: Named; taxonomy_term?: Named }[];
  service_at_locations?: { location?: { latitude?: number; longitude?: number; physical_addresses?: PhysicalAddress[]; physical_address?: PhysicalAddress[] } }[];
}
interface PhysicalAddress {
  address_1?: string;
  city?: string;
  postal_code?: string;
}

export interface Known {
  /** Category id by lower-cased name and by id. */
  categories: Map<string, string>;
  /** Area id by lower-cased name and by id. */
  areas: Map<string, string>;
}

/** The services in a feed: a list, an ORUK page (`content`), `services`, or one service. */
export function servicesOf(feed: unknown): Service[] {
  if (Array.isArray(feed)) return feed as Service[];
  const object = feed as { content?: Service[]; services?: Service[]; name?: string };
  if (Array.isArray(object?.content)) return object.content;
  if (Array.isArray(object?.services)) return object.services;
  if (object && typeof object.name === 'string') return [object as Service];
  throw new Error('is not an Open Referral feed: expected a list of services, or an object with "content" or "services"');
}

/** The first sentence (or 300 characters) of a description, for the summary. */
function firstSentence(text: string): string {
  const sentence = /^[\s\S]*?[.!?](?=\s|$)/.exec(text.trim())?.[0] ?? text.trim();
  return sentence.length <= 300 ? sentence : `${sentence.slice(0, 297).trimEnd()}…`;
}

export function rowsFromServices(services: Service[], known: Known, fallback: { category?: string; area?: string; reviewed?: string }): SourceRow[] {
  return services.map((service, index) => {
    const location = service.service_at_locations?.[0]?.location;
    const address = location?.physical_addresses?.[0] ?? location?.physical_address?.[0];
    const terms = [...(service.taxonomy_terms ?? []), ...(service.service_taxonomys ?? []).map((t) => t.taxonomy_term ?? t.taxonomy ?? {})]
      .map((term) => term.name?.trim().toLowerCase())
      .filter((name): name is string => !!name);
    const categories = [...new Set(terms.map((term) => known.categories.get(term) ?? known.categories.get(slugify(term))).filter(Boolean))];
    const town = address?.city?.trim().toLowerCase();
    const area = town ? known.areas.get(town) ?? known.areas.get(slugify(town)) : undefined;
    const reviewed = (service.assured_date ?? service.last_modified)?.slice(0, 10) ?? fallback.reviewed;
    const description = service.description?.trim() ?? '';
    const cells: Record<string, string> = {
      kind: 'group',
      name: service.name ?? '',
      summary: firstSentence(description),
      description,
      categories: (categories.length ? categories : fallback.category ? [fallback.category] : []).join(';'),
      areas: area ?? fallback.area ?? '',
      address_line1: address?.address_1 ?? '',
      town: address?.city ?? '',
      postcode: address?.postal_code ?? '',
      lat: location?.latitude?.toString() ?? '',
      lng: location?.longitude?.toString() ?? '',
      email: service.email ?? '',
      phone: service.phones?.[0]?.number ?? '',
      website: service.url ?? '',
      last_reviewed: reviewed ?? '',
    };
    return { row: index + 1, cells };
  });
}

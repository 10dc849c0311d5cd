/** schema.org descriptions of listings, for the JSON-LD on their pages. */
import type { CollectionEntry } from 'astro:content';
import { isoDay } from '../rules/dates';
import type { Occurrence } from '../whats-on/recurrence';
import { localIso } from '../whats-on/words';

type Address = CollectionEntry<'groups'>['data']['address'];

const postalAddress = (address: Address) =>
  address && {
    '@type': 'PostalAddress',
    streetAddress: [address.line1, address.line2].filter(Boolean).join(', '),
    addressLocality: address.town,
    postalCode: address.postcode,
    addressCountry: 'GB',
  };

const geo = (location?: { lat: number; lng: number }) => location && { '@type': 'GeoCoordinates', latitude: location.lat, longitude: location.lng };

/** A group as a schema.org Organization serving its areas. */
export function groupStructuredData(group: CollectionEntry<'groups'>, url: URL, areaNames: Map<string, string>) {
  const { data } = group;
  return {
    '@type': 'Organization',
    name: data.name,
    description: data.summary,
    url: url.href,
    email: data.contact.email,
    telephone: data.contact.phone,
    sameAs: data.contact.website,
    address: postalAddress(data.address),
    location: data.location && { '@type': 'Place', geo: geo(data.location), address: postalAddress(data.address) },
    areaServed: data.areas.map((id) => ({ '@type': 'Place', name: areaNames.get(id) })),
  };
}

/** An asset as a schema.org Place. */
export function assetStructuredData(asset: CollectionEntry<'assets'>, url: URL) {
  const { data } = asset;
  return {
    '@type': 'Place',
    name: data.name,
    description: data.summary,
    url: url.href,
    telephone: data.contact.phone,
    address: postalAddress(data.address),
    geo: geo(data.location),
  };
}

/** A fund as a schema.org MonetaryGrant: who gives it, and how much, from when until when. */
export function fundStructuredData(fund: CollectionEntry<'funds'>, url: URL) {
  const { data } = fund;
  return {
    '@type': 'MonetaryGrant',
    name: data.name,
    description: data.summary,
    url: url.href,
    funder: { '@type': 'Organization', name: data.funder },
    amount: {
      '@type': 'MonetaryAmount',
      currency: 'GBP',
      minValue: data.minimumAward,
      maxValue: data.maximumAward,
      validFrom: data.opens && isoDay(data.opens),
      validThrough: !data.rolling && data.closes ? isoDay(data.closes) : undefined,
    },
  };
}

/** A story as a schema.org Article, published by the hub. */
export function storyStructuredData(story: CollectionEntry<'stories'>, url: URL, publisher: string) {
  const { data } = story;
  return {
    '@type': 'Article',
    headline: data.title,
    description: data.summary,
    url: url.href,
    datePublished: isoDay(data.date),
    publisher: { '@type': 'Organization', name: publisher },
  };
}

/** A town or village as a schema.org Place, with its centre. */
export function areaStructuredData(area: CollectionEntry<'areas'>, url: URL) {
  const { data } = area;
  return { '@type': 'Place', name: data.name, description: data.summary, url: url.href, geo: geo(data.centre) };
}

/**
 * An event or course as a schema.org Event at its next date (EventScheduled), or its last one once it
 * has happened; the .ics file carries the whole pattern of repeats.
 */
export function eventStructuredData(
  event: CollectionEntry<'events'>,
  url: URL,
  { next, last, place, groups }: { next?: Occurrence; last?: Occurrence; place: { venue?: CollectionEntry<'assets'>; address?: Address }; groups: CollectionEntry<'groups'>[] },
) {
  const { data } = event;
  const when = next ?? last;
  return {
    '@type': data.kind === 'training' ? 'EducationEvent' : 'Event',
    name: data.title,
    description: data.summary,
    url: url.href,
    startDate: when && localIso(when, 'start'),
    endDate: when && localIso(when, 'end'),
    eventStatus: data.status === 'cancelled' ? 'https://schema.org/EventCancelled' : 'https://schema.org/EventScheduled',
    eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
    location: { '@type': 'Place', name: place.venue?.data.name ?? place.address?.line1, address: postalAddress(place.address), geo: geo(place.venue?.data.location) },
    organizer: groups.map((group) => ({ '@type': 'Organization', name: group.data.name, url: new URL(`/groups/${group.id}/`, url).href })),
    isAccessibleForFree: data.cost.type === 'free',
    ...(data.places ? { maximumAttendeeCapacity: data.places } : {}),
  };
}

/**
 * A volunteering role. schema.org has no type for an opportunity to volunteer; a JobPosting whose
 * employmentType is VOLUNTEER is the nearest, and the one search engines read.
 */
export function roleStructuredData(role: CollectionEntry<'volunteering'>, url: URL, { venue, groups }: { venue?: CollectionEntry<'assets'>; groups: CollectionEntry<'groups'>[] }) {
  const { data } = role;
  return {
    '@type': 'JobPosting',
    title: data.title,
    description: `${data.summary} ${data.whatYouDo}`,
    url: url.href,
    employmentType: 'VOLUNTEER',
    hiringOrganization: groups.map((group) => ({ '@type': 'Organization', name: group.data.name, url: new URL(`/groups/${group.id}/`, url).href }))[0],
    jobLocation: venue && { '@type': 'Place', name: venue.data.name, address: postalAddress(venue.data.address) },
    validThrough: data.closes && isoDay(data.closes),
    skills: data.skills.join(', ') || undefined,
  };
}

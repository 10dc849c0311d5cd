/** schema.org descriptions of listings, for the JSON-LD on their pages. */
import type { CollectionEntry } from 'astro:content';
import { isoDay } from '../rules/dates';

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

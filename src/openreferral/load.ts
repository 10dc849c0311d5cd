/**
 * The Open Referral directory from the built content: mapped once per process (the server at start,
 * the build for the open data files), then narrowed to what is served on each day, so a listing's
 * visible-from and visible-to dates take effect without a new build.
 */
import { getCollection } from 'astro:content';
import { readBuildData, writeBuildData } from '../data/build-data';
import { forgetWithAnswers, once } from '../data/once';
import { getSite } from '../data/site';
import { ukToday } from '../rules/dates';
import { type MappedService, mapDirectory, type OpenReferralDirectory, servedOn } from './map';
import { knownPostcodes } from './query';
import type * as Hsds from './records';
import { currentTime } from '../rules/clock';

const directoryFile = 'openreferral.json';

/** A mapped service as the build writes it: plain JSON, its sets as lists and its dates as text. */
type WrittenService = Omit<MappedService, 'termIds' | 'taxonomyIds' | 'days' | 'areaIds' | 'listing'> & {
  termIds: string[];
  taxonomyIds: string[];
  days: string[];
  areaIds: string[];
  listing: { status: MappedService['listing']['status']; visibleFrom?: string; visibleTo?: string };
};
type WrittenDirectory = Omit<OpenReferralDirectory, 'services'> & { services: WrittenService[] };

const written = ({ termIds, taxonomyIds, days, areaIds, listing, ...rest }: MappedService): WrittenService => ({
  ...rest, termIds: [...termIds], taxonomyIds: [...taxonomyIds], days: [...days], areaIds: [...areaIds],
  listing: { status: listing.status, visibleFrom: listing.visibleFrom?.toISOString(), visibleTo: listing.visibleTo?.toISOString() },
});
const read = ({ termIds, taxonomyIds, days, areaIds, listing, ...rest }: WrittenService): MappedService => ({
  ...rest, termIds: new Set(termIds), taxonomyIds: new Set(taxonomyIds), days: new Set(days), areaIds: new Set(areaIds),
  listing: { status: listing.status, ...(listing.visibleFrom ? { visibleFrom: new Date(listing.visibleFrom) } : {}), ...(listing.visibleTo ? { visibleTo: new Date(listing.visibleTo) } : {}) },
});

/** The whole directory: on the server as its build mapped it; in the build and dev, mapped from the content. */
const directory = once(async (): Promise<OpenReferralDirectory> => {
  const built = readBuildData<WrittenDirectory>(directoryFile);
  return built ? { ...built, services: built.services.map(read) } : directoryFromContent();
});

/** For the build: writes the mapped directory for the server to load; returns the bytes written. */
export async function writeDirectory(): Promise<number> {
  const { services, ...rest } = await directory();
  return writeBuildData(directoryFile, { ...rest, services: services.map(written) } satisfies WrittenDirectory);
}

async function directoryFromContent(): Promise<OpenReferralDirectory> {
  const { settings, t } = await getSite();
  const [groups, assets, areas, categories, audiences, accessibility, languages] = await Promise.all([
    getCollection('groups'), getCollection('assets'), getCollection('areas'), getCollection('categories'),
    getCollection('audiences'), getCollection('accessibility'), getCollection('languages'),
  ]);
  return mapDirectory({
    groups, assets, areas, categories, audiences, accessibility, languages,
    siteUrl: import.meta.env.SITE ?? 'http://localhost:4321',
    siteName: settings.siteName,
    region: settings.region,
    t,
  });
}

export interface ServedDirectory {
  /** Services served on the day, A to Z. */
  services: MappedService[];
  serviceById: Map<string, MappedService>;
  atLocationById: Map<string, { mapped: MappedService; at: Hsds.ServiceAtLocation }>;
  taxonomies: Hsds.Taxonomy[];
  taxonomyTerms: Hsds.TaxonomyTerm[];
  postcodes: Map<string, { lat: number; lng: number }>;
  areas: { id: string; centre: { lat: number; lng: number } }[];
}

let served: { day: string; answer: Promise<ServedDirectory> } | undefined;
forgetWithAnswers(() => (served = undefined));

/** What is served today (UK time); worked out again only when the day changes. */
export function servedDirectory(now = currentTime()): Promise<ServedDirectory> {
  const day = ukToday(now);
  const key = day.toISOString();
  if (served?.day !== key) {
    served = {
      day: key,
      answer: directory().then(({ taxonomies, taxonomyTerms, ...all }) => {
        const services = servedOn({ taxonomies, taxonomyTerms, ...all }, day);
        return {
          services,
          serviceById: new Map(services.map((mapped) => [mapped.service.id, mapped])),
          atLocationById: new Map(services.flatMap((mapped) => (mapped.service.service_at_locations ?? []).map((at) => [at.id, { mapped, at }] as const))),
          taxonomies,
          taxonomyTerms,
          postcodes: knownPostcodes(services),
          areas: all.areas,
        };
      }),
    };
  }
  return served.answer;
}

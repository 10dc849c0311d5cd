/**
 * The Open Referral directory: mapped from the content once per build (for the open data files), and
 * written beside the server bundle for the server to load at start (src/data/build-data.ts), then
 * narrowed to what is served on each day, so a listing's visible-from and visible-to dates take effect
 * without a new build.
 */
import { getCollection } from 'astro:content';
import fs from 'node:fs';
import { buildDataFile, readBuildData, writeBuildData, writeBuildText } from '../data/build-data';
import { forgetWithAnswers, once } from '../data/once';
import { getSite } from '../data/site';
import { ukToday } from '../rules/dates';
import { type MappedService, mapDirectory, type OpenReferralDirectory, servedOn } from './map';
import { knownPostcodes } from './query';
import type * as Hsds from './records';
import { currentTime } from '../rules/clock';

const directoryFile = 'openreferral.json';
/**
 * The services' full records, one after another: the server keeps only what it filters by in memory
 * (MappedService.facts) and reads a record from here when an answer needs it. At 10,000 groups the records
 * are 60 MB of JSON and would take about 200 MB held as objects.
 */
const recordsFile = 'openreferral-records.json';

/** A mapped service as the build writes it: plain JSON, its sets as lists and its dates as text, its record's place in the records file. */
type WrittenService = Omit<MappedService, 'service' | 'termIds' | 'taxonomyIds' | 'days' | 'areaIds' | 'listing'> & {
  record: [start: number, length: number];
  termIds: string[];
  taxonomyIds: string[];
  days: string[];
  areaIds: string[];
  listing: { status: MappedService['listing']['status']; visibleFrom?: string; visibleTo?: string };
};
type WrittenDirectory = Omit<OpenReferralDirectory, 'services'> & { services: WrittenService[] };

const written = ({ service: _service, termIds, taxonomyIds, days, areaIds, listing, ...rest }: MappedService, record: WrittenService['record']): WrittenService => ({
  ...rest, record, termIds: [...termIds], taxonomyIds: [...taxonomyIds], days: [...days], areaIds: [...areaIds],
  listing: { status: listing.status, visibleFrom: listing.visibleFrom?.toISOString(), visibleTo: listing.visibleTo?.toISOString() },
});
/** A service as the server holds it: its record is read from the records file each time it is asked for. */
function read({ record: [start, length], termIds, taxonomyIds, days, areaIds, listing, ...rest }: WrittenService, records: Records): MappedService {
  const mapped = {
    ...rest, termIds: new Set(termIds), taxonomyIds: new Set(taxonomyIds), days: new Set(days), areaIds: new Set(areaIds),
    listing: { status: listing.status, ...(listing.visibleFrom ? { visibleFrom: new Date(listing.visibleFrom) } : {}), ...(listing.visibleTo ? { visibleTo: new Date(listing.visibleTo) } : {}) },
  };
  return Object.defineProperty(mapped, 'service', { get: () => records.read(start, length), enumerable: true }) as MappedService;
}

/** The records file, open while this release's directory is kept (closed when a publish retires it). */
interface Records {
  read(start: number, length: number): Hsds.Service;
  close(): void;
}
function openRecords(file: URL): Records {
  const descriptor = fs.openSync(file, 'r');
  return {
    read(start, length) {
      const bytes = Buffer.alloc(length);
      fs.readSync(descriptor, bytes, 0, length, start);
      return JSON.parse(bytes.toString('utf8')) as Hsds.Service;
    },
    close: () => fs.closeSync(descriptor),
  };
}
let openedRecords: Records | undefined;
forgetWithAnswers(() => {
  openedRecords?.close();
  openedRecords = undefined;
});

/** The whole directory: on the server as its build mapped it, records left on disk; in the build and dev, mapped from the content. */
const directory = once(async (): Promise<OpenReferralDirectory> => {
  const built = readBuildData<WrittenDirectory>(directoryFile);
  if (!built) return directoryFromContent();
  const records = (openedRecords = openRecords(buildDataFile(recordsFile)!));
  return { ...built, services: built.services.map((service) => read(service, records)) };
});

/** For the build: writes the mapped directory for the server to load, and the records beside it; returns the bytes written. */
export async function writeDirectory(): Promise<number> {
  const { services, ...rest } = await directory();
  const records: Buffer[] = [];
  let start = 0;
  const listed = services.map((mapped) => {
    const record = Buffer.from(JSON.stringify(mapped.service));
    records.push(record);
    start += record.length;
    return written(mapped, [start - record.length, record.length]);
  });
  writeBuildText(recordsFile, Buffer.concat(records));
  return writeBuildData(directoryFile, { ...rest, services: listed } satisfies WrittenDirectory) + start;
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
  /** Each service at a location, by the service_at_location's id. */
  atLocationById: Map<string, MappedService>;
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
          serviceById: new Map(services.map((mapped) => [mapped.facts.id, mapped])),
          atLocationById: new Map(services.flatMap((mapped) => mapped.facts.locations.map(({ id }) => [id, mapped] as const))),
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

/** The Open Referral UK API's rules: paging, reading query parameters, filtering, placing postcodes, and the CSV file. */
import { describe, expect, it } from 'vitest';
import { servicesCsv } from '../../src/openreferral/csv';
import { openReferralId } from '../../src/openreferral/ids';
import { mapDirectory, servedOn } from '../../src/openreferral/map';
import {
  areaAt, envelope, findServices, knownPostcodes, normalisePostcode, placePostcode, placeServices, readServiceQuery, type ServiceQuery, serviceListItem, servingArea,
} from '../../src/openreferral/query';
import { keywordIndex } from '../../src/openreferral/keyword-index';
import { matchesEveryWord } from '../../src/search/text-search';
import { directoryContent } from '../support/openreferral';

const content = directoryContent();
const services = servedOn(mapDirectory(content), new Date('2026-11-23T00:00:00Z'));
const names = (found: { service: { name: string } }[]) => found.map(({ service }) => service.name);
const query = (fields: Partial<ServiceQuery>): ServiceQuery => ({ page: 1, perPage: 50, ...fields });
const params = (text: string) => new URLSearchParams(text);

describe('the paging envelope', () => {
  const items = Array.from({ length: 120 }, (_, index) => index);

  it('cuts a list into pages and says where in it a page is', () => {
    expect(envelope(items, 1, 50)).toMatchObject({ total_items: 120, total_pages: 3, page_number: 1, size: 50, first_page: true, last_page: false, empty: false });
    const last = envelope(items, 3, 50);
    expect(last).toMatchObject({ page_number: 3, size: 20, first_page: false, last_page: true, empty: false });
    expect(last.contents[0]).toBe(100);
  });

  it('answers a page past the end with an empty page rather than an error', () => {
    expect(envelope(items, 4, 50)).toMatchObject({ size: 0, empty: true, last_page: true, contents: [] });
  });
});

describe('reading the query', () => {
  const t = content.t;

  it('reads the UK profile’s parameters, with 50 a page by default', () => {
    const read = readServiceQuery(params('search=walk&page=2&per_page=10&day=monday&minimum_age=16&maximum_age=99&start_time=09:00&end_time=12:30'), t);
    expect(read).toEqual({ ok: true, value: { page: 2, perPage: 10, search: 'walk', day: 'MO', minimumAge: 16, maximumAge: 99, startTime: '09:00', endTime: '12:30' } });
    expect(readServiceQuery(params(''), t)).toEqual({ ok: true, value: { page: 1, perPage: 50 } });
  });

  it('says what is wrong with each bad parameter, quoting what was sent', () => {
    const read = readServiceQuery(params('page=0&per_page=5000&day=funday&taxonomy_term_id=lunch&minimum_age=-1&start_time=9am'), t);
    expect(read.ok).toBe(false);
    const errors = read.ok ? [] : read.errors;
    expect(errors).toHaveLength(6);
    expect(errors.join('\n')).toContain('page must be a whole number of 1 or more; you sent “0”');
    expect(errors.join('\n')).toContain('per_page must be a whole number from 1 to 500; you sent “5000”');
    expect(errors.join('\n')).toContain('you sent “funday”');
    expect(errors.join('\n')).toContain('taxonomy_term_id must be a UUID');
  });

  it('refuses a parameter it does not take, naming it, rather than answer unfiltered', () => {
    for (const [text, name] of [['colour=blue', 'colour'], ['postcode=PE13', 'postcode'], ['top_only=true', 'top_only']] as const) {
      const read = readServiceQuery(params(text), t);
      expect(read.ok).toBe(false);
      expect(read.ok ? '' : read.errors.join(' ')).toContain(`does not take the parameter ${name}`);
    }
    expect(readServiceQuery(params('minimal=true'), t, true).ok).toBe(false);
    expect(readServiceQuery(params('format=ndjson'), t).ok).toBe(false);
  });

  it('reads HSDS 3.0’s organization_id, modified_after, minimal and full', () => {
    const organization = openReferralId('organization', 'groups/wisbech-health-walks');
    expect(readServiceQuery(params(`organization_id=${organization}&modified_after=2026-10-01&minimal=false&full=true&format=json`), t)).toEqual({
      ok: true, value: { page: 1, perPage: 50, organizationId: organization, modifiedAfter: new Date('2026-10-01T00:00:00Z'), minimal: false, full: true },
    });
    const bad = readServiceQuery(params('modified_after=last week&full=yes'), t);
    expect(bad.ok ? [] : bad.errors).toEqual([expect.stringContaining('modified_after must be a date'), expect.stringContaining('full must be true or false')]);
  });

  it('takes postcode and proximity only where places are listed, and proximity only with a postcode', () => {
    expect(readServiceQuery(params('postcode=pe132du&proximity=2000'), t, true)).toEqual({ ok: true, value: { page: 1, perPage: 50, postcode: 'PE13 2DU', proximity: 2000 } });
    expect(readServiceQuery(params('proximity=2000'), t, true).ok).toBe(false);
    expect(readServiceQuery(params('postcode=not a postcode'), t, true).ok).toBe(false);
  });
});

describe('finding services', () => {
  it('finds by keyword the way the site’s search does, best matches first', () => {
    const found = names(findServices(services, query({ search: 'walking' })));
    expect(found).toContain('Wisbech Health Walks');
    expect(found.length).toBeLessThan(services.length / 4);
  });

  it('finds exactly what the site’s own keyword matching finds, from an index instead of a scan', () => {
    const documents = services.map(({ service, keywords }) => ({ title: service.name, text: `${service.description} ${keywords}` }));
    const index = keywordIndex(documents);
    const scanned = documents.map((document, position) => ({ href: String(position), title: document.title, summary: '', kind: '', keywords: document.text, facets: {} }));
    for (const words of ['walking', 'lunch club', 'food bank', 'wisbech youth', 'library', 'Walks', 'café', 'w', 'zzzz']) {
      const expected = scanned.filter((document) => matchesEveryWord(document, words)).map((document) => Number(document.href)).sort((a, b) => a - b);
      expect(index.match(words).sort((a, b) => a - b), words).toEqual(expected);
    }
    expect(index.match('walks wisbech')[0]).toBe(services.findIndex(({ service }) => service.name === 'Wisbech Health Walks'));
  });

  it('lists everything A to Z without filters', () => {
    const found = names(findServices(services, query({})));
    expect(found).toHaveLength(services.length);
    expect(found).toEqual([...found].sort((a, b) => a.localeCompare(b, 'en-GB')));
  });

  it('filters by taxonomy term (a parent category takes in its subcategories) and by taxonomy', () => {
    const physical = findServices(services, query({ taxonomyTermId: openReferralId('taxonomy_term', 'categories/physical-activity') }));
    const health = findServices(services, query({ taxonomyTermId: openReferralId('taxonomy_term', 'categories/health-and-wellbeing') }));
    expect(names(physical)).toContain('Wisbech Health Walks');
    expect(health.length).toBeGreaterThan(physical.length);
    expect(physical.every((mapped) => health.includes(mapped))).toBe(true);
    const audiences = findServices(services, query({ taxonomyId: openReferralId('taxonomy', 'audiences') }));
    expect(audiences.length).toBeGreaterThan(0);
    expect(audiences.every(({ service }) => service.attributes?.some((attribute) => attribute.link_type === 'audience'))).toBe(true);
  });

  it('filters by day of the week and by opening times', () => {
    const mondays = findServices(services, query({ day: 'MO' }));
    expect(names(mondays)).toContain('Wisbech Health Walks');
    expect(mondays.every(({ service }) => service.schedules?.some((schedule) => schedule.byday === 'MO'))).toBe(true);
    const evenings = findServices(services, query({ startTime: '18:00' }));
    expect(evenings.every(({ service }) => service.schedules?.some((schedule) => schedule.opens_at! >= '18:00'))).toBe(true);
    expect(names(evenings)).not.toContain('Wisbech Health Walks');
  });

  it('filters by ages as the UK profile words it', () => {
    const sixteenUp = findServices(services, query({ minimumAge: 16 }));
    expect(names(sixteenUp)).toContain('Wisbech Health Walks');
    expect(sixteenUp.every(({ service }) => (service.minimum_age ?? 0) >= 16)).toBe(true);
    const upToEighteen = findServices(services, query({ maximumAge: 18 }));
    expect(upToEighteen.length).toBeGreaterThan(0);
    expect(upToEighteen.every(({ service }) => service.maximum_age !== undefined && service.maximum_age <= 18)).toBe(true);
  });
});

describe('HSDS 3.0’s filters', () => {
  it('finds one organization’s services, and those changed since a day', () => {
    const organization = openReferralId('organization', 'groups/wisbech-health-walks');
    expect(names(findServices(services, query({ organizationId: organization })))).toEqual(['Wisbech Health Walks']);
    const since = new Date('2026-11-01T00:00:00Z');
    const recent = findServices(services, query({ modifiedAfter: since }));
    expect(recent.length).toBeGreaterThan(0);
    expect(recent.length).toBeLessThan(services.length);
    expect(recent.every(({ service }) => new Date(service.last_modified!) >= since)).toBe(true);
  });

  it('keeps to a postcode the services that serve the area it is in', () => {
    const wisbech = content.areas.find((area) => area.id === 'wisbech')!.data.centre;
    expect(areaAt(wisbech, mapDirectory(content).areas)).toBe('wisbech');
    const serving = servingArea(services, 'wisbech');
    expect(names(serving)).toContain('Wisbech Health Walks');
    expect(serving.length).toBeLessThan(services.length);
    expect(serving.every(({ areaIds }) => areaIds.has('wisbech'))).toBe(true);
  });
});

describe('places and postcodes', () => {
  const known = knownPostcodes(services);

  it('places a postcode one of our listings has at that listing', () => {
    expect(placePostcode(normalisePostcode('pe132du'), known)).toEqual({ lat: 52.6622, lng: 0.1551 });
  });

  it('places another postcode in a district we list in at the middle of our listings there', () => {
    const middle = placePostcode('PE13 9ZZ', known);
    expect(middle?.lat).toBeGreaterThan(52.6);
    expect(middle?.lat).toBeLessThan(52.75);
    expect(placePostcode('PE13', known)).toEqual(middle);
  });

  it('cannot place a postcode outside the districts we list in', () => {
    expect(placePostcode('SW1A 1AA', known)).toBeUndefined();
  });

  it('lists services at their locations nearest first, only within the distance asked', () => {
    const origin = placePostcode('PE13 2DU', known)!;
    const placed = placeServices(services, origin, 1500);
    expect(placed[0].metres).toBe(0);
    expect(placed.every(({ metres }) => metres !== undefined && metres <= 1500)).toBe(true);
    expect(placed.map(({ metres }) => metres)).toEqual([...placed.map(({ metres }) => metres)].sort((a, b) => a! - b!));
    expect(placed.length).toBeLessThan(placeServices(services).length);
  });
});

describe('list items and the CSV file', () => {
  it('lists a service with its one-to-one fields and organization only', () => {
    const item = serviceListItem(services[0].service);
    expect(item.organization.name).toBeTruthy();
    expect(Object.values(item).filter((value) => Array.isArray(value))).toEqual([]);
  });

  it('writes one row a service, quoting text that holds commas, quotes or new lines', () => {
    const csv = servicesCsv(services);
    expect(csv.startsWith('\uFEFFid,name,organization,status,description,url,listing_page,email,phone,')).toBe(true);
    const walks = services.find(({ service }) => service.name === 'Wisbech Health Walks')!;
    expect(csv).toContain(`${walks.service.id},Wisbech Health Walks,Wisbech Health Walks,active,"Free, friendly walks`);
    expect(csv).toContain('Every Monday, 10:30–11:00, Gentle 30-minute walk, flat paths only; Every Thursday');
  });
});

/** Our listings as Open Referral UK records: valid against HSDS 3.0 as profiled for the UK, with stable identifiers. */
import { describe, expect, it } from 'vitest';
import { openReferralId } from '../../src/openreferral/ids';
import { mapDirectory, servedOn } from '../../src/openreferral/map';
import { describeErrors, directoryContent, openReferralValidators, type TableName } from '../support/openreferral';

const content = directoryContent();
const directory = mapDirectory(content);
const validators = openReferralValidators();
const demoDay = new Date('2026-11-23T00:00:00Z');
const bySource = (source: string) => directory.services.find((mapped) => mapped.source === source)!;

function expectValid(table: TableName, record: unknown, label: string) {
  for (const variant of ['uk', 'strict'] as const) {
    const validate = validators[variant](table);
    expect(validate(record), `${label} (${variant}): ${describeErrors(validate)}`).toBe(true);
  }
}

describe('the demo content as Open Referral UK', () => {
  it('maps every group and asset to a service that validates against HSDS 3.0 with the UK profile', () => {
    expect(directory.services.length).toBe(content.groups.length + content.assets.length);
    for (const { service, source } of servedOn(directory, demoDay)) expectValid('service', service, source);
  });

  it('gives every service an organization, and every place a location, that validate on their own too', () => {
    const served = servedOn(directory, demoDay);
    for (const { service, source } of served) {
      expectValid('organization', service.organization, `${source} organization`);
      for (const at of service.service_at_locations ?? []) {
        expectValid('service_at_location', at, `${source} service at location`);
        expectValid('location', at.location, `${source} location`);
      }
    }
    const located = served.filter(({ service }) => service.service_at_locations?.[0]?.location.latitude !== undefined);
    expect(located.length).toBeGreaterThan(served.length * 0.8);
  });

  it('publishes our categories, audiences, listing types and organisation types as taxonomies whose terms validate', () => {
    expect(directory.taxonomies.map((taxonomy) => taxonomy.name)).toEqual(['Fenland Community Hub categories', 'Fenland Community Hub audiences', 'Fenland Community Hub listing types', 'Fenland Community Hub organisation types']);
    for (const taxonomy of directory.taxonomies) expectValid('taxonomy', taxonomy, taxonomy.name);
    for (const term of directory.taxonomyTerms) expectValid('taxonomy_term', term, term.name);
    // Two listing kinds, six building blocks and ten organisation types beside our own categories and audiences.
    expect(directory.taxonomyTerms.length).toBe(content.categories.length + content.audiences.length + 2 + 6 + 10);
  });

  it('refuses, in the same validators, a service with a made-up status, a field HSDS does not have, or no name', () => {
    const { service } = bySource('groups/wisbech-health-walks');
    const { name: _name, ...nameless } = service;
    for (const broken of [{ ...service, status: 'open' }, nameless, { ...service, id: 'wisbech-health-walks' }]) expect(validators.uk('service')(broken)).toBe(false);
    expect(validators.strict('service')({ ...service, opening_hours: 'Mondays' })).toBe(false);
  });

  it('leaves out optional fields with no value rather than sending null or empty', () => {
    const empties: string[] = [];
    const walk = (value: unknown, at: string): void => {
      if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) empties.push(at);
      else if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${at}[${index}]`));
      else if (typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, `${at}.${key}`);
    };
    for (const { service, source } of directory.services) walk(JSON.parse(JSON.stringify(service)), source);
    expect(empties).toEqual([]);
  });

  it('maps a group’s meeting times, costs, ages, languages, areas, phone and review date', () => {
    const { service } = bySource('groups/wisbech-health-walks');
    expect(service.assured_date).toBe('2026-09-14');
    expect(service.minimum_age).toBe(16);
    expect(service.maximum_age).toBeUndefined();
    expect(service.schedules?.filter((schedule) => schedule.byday).map(({ freq, byday, opens_at, closes_at }) => ({ freq, byday, opens_at, closes_at }))).toEqual([
      { freq: 'WEEKLY', byday: 'MO', opens_at: '10:30', closes_at: '11:00' },
      { freq: 'WEEKLY', byday: 'TH', opens_at: '10:00', closes_at: '11:00' },
    ]);
    expect(service.cost_options?.[0]).toMatchObject({ option: 'Free', amount: 0 });
    expect(service.languages?.map((language) => language.code)).toEqual(['en']);
    expect(service.service_areas?.map((area) => area.name)).toEqual(['Wisbech']);
    expect(service.contacts?.[0].phones[0].number).toBe('01632 960210');
    const location = service.service_at_locations?.[0].location;
    expect(location).toMatchObject({ latitude: 52.6622, longitude: 0.1551 });
    expect(location?.addresses?.[0]).toMatchObject({ address_1: 'Wisbech Park, Park Lane', city: 'Wisbech', state_province: 'Cambridgeshire', postal_code: 'PE13 2DU', country: 'GB' });
    expect(location?.accessibility?.map((feature) => feature.description)).toEqual(expect.arrayContaining(['Accessible toilet']));
  });

  it('says a fortnightly session repeats every other week', () => {
    const fortnightly = directory.services.flatMap(({ service }) => service.schedules ?? []).find((schedule) => schedule.interval === 2);
    expect(fortnightly).toMatchObject({ freq: 'WEEKLY', interval: 2 });
    expect(fortnightly?.description).toMatch(/^Every other /);
  });

  it('files a service in a subcategory under its parent category too, for taxonomy_term_id', () => {
    const mapped = bySource('groups/wisbech-health-walks');
    expect(mapped.termIds.has(openReferralId('taxonomy_term', 'categories/physical-activity'))).toBe(true);
    expect(mapped.termIds.has(openReferralId('taxonomy_term', 'categories/health-and-wellbeing'))).toBe(true);
    expect(mapped.termIds.has(openReferralId('taxonomy_term', 'categories/lunch-clubs'))).toBe(false);
  });
});

describe('identifiers', () => {
  it('derives the same UUID from the same slug, on every build and machine', () => {
    expect(openReferralId('service', 'groups/wisbech-health-walks')).toBe(openReferralId('service', 'groups/wisbech-health-walks'));
    // Written down once (Python's uuid.uuid5 agrees): a change would break every link other directories keep to ours.
    expect(openReferralId('service', 'groups/wisbech-health-walks')).toBe('8bff5390-f61d-5171-a6d9-79fa89967ced');
    const again = mapDirectory(directoryContent());
    expect(again.services.map(({ service }) => service.id)).toEqual(directory.services.map(({ service }) => service.id));
  });

  it('gives a service, its organization and its location different UUIDs, and no two records the same one', () => {
    expect(new Set(['service', 'organization', 'location'].map((kind) => openReferralId(kind as 'service', 'groups/wisbech-health-walks'))).size).toBe(3);
    const ids: string[] = [];
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        // A taxonomy term is shared by the services filed under it.
        if (typeof record.id === 'string' && !('term' in record)) ids.push(record.id);
        Object.values(record).forEach(collect);
      }
    };
    collect(directory.services.map(({ service }) => service));
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('what is served', () => {
  const served = (day: Date) => new Set(servedOn(directory, day).map((mapped) => mapped.source));

  it('does not serve a closed listing', () => {
    expect(served(demoDay).has('groups/doddington-knit-and-natter')).toBe(false);
    expect(served(demoDay).has('groups/tydd-st-giles-cinema-club')).toBe(false);
  });

  it('serves a listing only between its visible-from and visible-to dates', () => {
    expect(served(demoDay).has('groups/whittlesey-walking-netball')).toBe(false);
    expect(served(new Date('2027-01-10T00:00:00Z')).has('groups/whittlesey-walking-netball')).toBe(true);
    expect(served(demoDay).has('groups/gorefield-wildflower-verges-project')).toBe(false);
    expect(served(new Date('2026-06-30T00:00:00Z')).has('groups/gorefield-wildflower-verges-project')).toBe(true);
  });

  it('serves every other group and asset', () => {
    expect(served(demoDay).size).toBe(directory.services.length - 4);
  });
});

/**
 * The Open Referral UK API and the open data files, from the real server: what another directory
 * calling us would get. Every record is checked against HSDS 3.0 as profiled for the UK.
 */
import { type APIRequestContext, type APIResponse, expect, test } from '@playwright/test';
import { readContent } from '../../src/content-model/read';
import { openReferralId } from '../../src/openreferral/ids';
import { ukToday } from '../../src/rules/dates';
import { isListed } from '../../src/rules/visibility';
import { groupSchema } from '../../src/schemas/group';
import { describeErrors, openReferralValidators, type TableName } from '../support/openreferral';

const validators = openReferralValidators();

function expectValid(table: TableName, record: unknown, label: string) {
  const validate = validators.uk(table);
  expect(validate(record), `${label}: ${describeErrors(validate)}`).toBe(true);
}

/** Every answer, good or bad, must be readable from another site's JavaScript and be JSON. */
async function jsonOf(response: APIResponse, status = 200) {
  expect(response.status(), response.url()).toBe(status);
  expect(response.headers()['access-control-allow-origin']).toBe('*');
  expect(response.headers()['content-type']).toContain('application/json');
  return response.json();
}

const get = (request: APIRequestContext, path: string, status = 200) => request.get(path).then((response) => jsonOf(response, status));

test('the front door names the version, the UK profile and the OpenAPI description', async ({ request }) => {
  const root = await get(request, '/openreferral/');
  expect(root).toEqual({ version: '3.0', profile: 'https://github.com/openreferral/uk-profile', openapi_url: expect.stringMatching(/\/openreferral\/openapi\.json$/) });
  const openapi = await get(request, new URL(root.openapi_url).pathname);
  expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(['/', '/services', '/services/{id}', '/service_at_locations', '/taxonomies', '/taxonomy_terms']));
});

test('services come a page at a time in the UK envelope, each page flagged, every service once', async ({ request }) => {
  const first = await get(request, '/openreferral/services?per_page=40');
  expect(first).toMatchObject({ page_number: 1, size: 40, first_page: true, last_page: false, empty: false });
  expect(first.total_pages).toBe(Math.ceil(first.total_items / 40));
  const ids: string[] = [];
  for (let page = 1; page <= first.total_pages; page++) {
    const answer = await get(request, `/openreferral/services?per_page=40&page=${page}`);
    expect(answer.page_number).toBe(page);
    expect(answer.last_page).toBe(page === first.total_pages);
    expect(answer.size).toBe(answer.contents.length);
    ids.push(...answer.contents.map((service: { id: string }) => service.id));
  }
  expect(ids).toHaveLength(first.total_items);
  expect(new Set(ids).size).toBe(ids.length);
  const past = await get(request, `/openreferral/services?per_page=40&page=${first.total_pages + 1}`);
  expect(past).toMatchObject({ empty: true, size: 0, contents: [] });
});

test('every service listed resolves at its own address, fully nested and valid against the UK profile', async ({ request }) => {
  const list = await get(request, '/openreferral/services?per_page=500');
  expect(list.total_items).toBeGreaterThan(100);
  for (const item of list.contents) {
    expectValid('service', item, `listed ${item.name}`);
    expect(item.url).toBeTruthy();
    const service = await get(request, `/openreferral/services/${item.id}`);
    expect(service.name).toBe(item.name);
    expectValid('service', service, service.name);
    expectValid('organization', service.organization, `${service.name} organization`);
    for (const at of service.service_at_locations ?? []) expectValid('location', at.location, `${service.name} location`);
  }
});

test('every service at a location resolves at its own address, with its location and service', async ({ request }) => {
  const list = await get(request, '/openreferral/service_at_locations?per_page=500');
  expect(list.total_items).toBeGreaterThan(100);
  for (const item of list.contents.slice(0, 60)) {
    const full = await get(request, `/openreferral/service_at_locations/${item.id}`);
    expect(full).toMatchObject({ id: item.id, service_id: item.service_id, location_id: item.location_id });
    expectValid('service_at_location', full, item.id);
    expectValid('service', full.service, full.service.name);
  }
});

test('every taxonomy and taxonomy term resolves at its own address', async ({ request }) => {
  const taxonomies = await get(request, '/openreferral/taxonomies');
  expect(taxonomies.contents.map((taxonomy: { name: string }) => taxonomy.name)).toEqual(['Fenland Community Hub categories', 'Fenland Community Hub audiences', 'Fenland Community Hub listing types', 'Fenland Community Hub organisation types']);
  for (const { id } of taxonomies.contents) {
    const taxonomy = await get(request, `/openreferral/taxonomies/${id}`);
    expectValid('taxonomy', taxonomy, taxonomy.name);
    expect(taxonomy.taxonomy_terms.length).toBeGreaterThan(5);
  }
  const terms = await get(request, '/openreferral/taxonomy_terms?per_page=500');
  for (const { id, name } of terms.contents) expect((await get(request, `/openreferral/taxonomy_terms/${id}`)).name).toBe(name);
});

test('a social prescriber finds walking groups meeting on Thursdays', async ({ request }) => {
  const terms = await get(request, '/openreferral/taxonomy_terms?per_page=500');
  const physical = terms.contents.find((term: { name: string }) => term.name === 'Physical activity and sport');
  const found = await get(request, `/openreferral/services?search=walk&day=TH&taxonomy_term_id=${physical.id}`);
  const names = found.contents.map((service: { name: string }) => service.name);
  expect(names).toContain('Wisbech Health Walks');
  for (const { id } of found.contents) {
    const service = await get(request, `/openreferral/services/${id}`);
    expect(service.schedules.some((schedule: { byday?: string }) => schedule.byday === 'TH')).toBe(true);
  }
  const everything = await get(request, '/openreferral/services');
  expect(found.total_items).toBeLessThan(everything.total_items);
});

test('services near a postcode come nearest first, only within the distance asked', async ({ request }) => {
  const near = await get(request, '/openreferral/service_at_locations?postcode=PE13%202DU&proximity=1000&per_page=500');
  expect(near.contents[0].service.name).toBe('Wisbech Health Walks');
  const all = await get(request, '/openreferral/service_at_locations');
  expect(near.total_items).toBeLessThan(all.total_items);
  for (const { location } of near.contents) expect(location.latitude).toBeCloseTo(52.66, 1);
});

test('bad parameters get a 400 saying what was wrong, unknown ids a 404, both as JSON open to every site', async ({ request }) => {
  const bad = await get(request, '/openreferral/services?page=zero&day=funday', 400);
  expect(bad.errors).toEqual([expect.stringContaining('you sent “zero”'), expect.stringContaining('you sent “funday”')]);
  expect((await get(request, '/openreferral/service_at_locations?postcode=SW1A%201AA', 400)).message).toContain('We cannot place the postcode SW1A 1AA');
  expect((await get(request, '/openreferral/services/not-a-uuid', 400)).message).toContain('must be a UUID');
  for (const kind of ['services', 'service_at_locations', 'taxonomies', 'taxonomy_terms']) {
    expect((await get(request, `/openreferral/${kind}/00000000-0000-4000-8000-000000000000`, 404)).status).toBe(404);
  }
  expect((await get(request, '/openreferral/organisations', 404)).message).toContain('/openreferral/openapi.json');
});

test('a browser on another site may ask first (preflight) and is told yes', async ({ request }) => {
  const response = await request.fetch('/openreferral/services', { method: 'OPTIONS', headers: { Origin: 'https://other.example.org', 'Access-Control-Request-Method': 'GET' } });
  expect(response.status()).toBe(204);
  expect(response.headers()['access-control-allow-origin']).toBe('*');
  expect(response.headers()['access-control-allow-methods']).toContain('GET');
});

const groups = readContent('content').entries.filter((entry) => entry.collection === 'groups').map((entry) => ({ id: entry.id, data: groupSchema.parse(entry.data) }));
/** The groups hidden on the tests' day (HUB_TODAY): one that starts later is served once it has started. */
const hiddenGroups = () => groups.filter((group) => !isListed(group.data, ukToday()));

test('a listing hidden by its dates or closed is not served, and one whose dates have come is', async ({ request }) => {
  const today = ukToday();
  const hidden = hiddenGroups();
  // Whatever the day: one closed, one whose dates ended.
  expect(hidden.map((group) => group.id)).toEqual(expect.arrayContaining(['gorefield-wildflower-verges-project', 'doddington-knit-and-natter', 'tydd-st-giles-cinema-club']));
  for (const { id } of hidden) await get(request, `/openreferral/services/${openReferralId('service', `groups/${id}`)}`, 404);
  const all = await get(request, '/openreferral/services?per_page=500');
  const names = all.contents.map((service: { name: string }) => service.name);
  for (const { data } of hidden) expect(names).not.toContain(data.name);
  const netball = groups.find((group) => group.id === 'whittlesey-walking-netball')!;
  const searched = (await get(request, '/openreferral/services?search=netball')).contents.map((service: { name: string }) => service.name);
  // Whittlesey Walking Netball starts on its visible-from day: hidden before, served from then on.
  if (isListed(netball.data, today)) expect(searched).toContain(netball.data.name);
  else expect(searched).not.toContain(netball.data.name);
});

test('the sitemap lists the open data page and the grants awarded, and no API, staff, CMS or search page', async ({ request }) => {
  const index = await (await request.get('/sitemap-index.xml')).text();
  const sitemaps = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1]).pathname);
  const pages = (await Promise.all(sitemaps.map(async (path) => (await request.get(path)).text()))).join('\n');
  expect(pages).toContain('/open-data/</loc>');
  expect(pages).toContain('/funds/awarded/</loc>');
  for (const left of ['/openreferral', '/staff/', '/admin/', '/search/', '/shortlist/']) expect(pages, left).not.toContain(left);
});

test('the open data files may be read from another site', async ({ request }) => {
  for (const file of ['/open-data/services.json', '/open-data/services.csv', '/open-data/taxonomies.json', '/open-data/grants.json']) {
    const response = await request.get(file);
    expect(response.status(), file).toBe(200);
    expect(response.headers()['access-control-allow-origin'], file).toBe('*');
  }
});

test.describe('HSDS 3.0’s parameters', () => {
  test('a parameter the API does not take is refused with a 400 that names it, on every list', async ({ request }) => {
    for (const [path, name] of [['/openreferral/services?colour=blue', 'colour'], ['/openreferral/service_at_locations?minimal=true', 'minimal'], ['/openreferral/taxonomies?taxonomy_id=x', 'taxonomy_id'], ['/openreferral/taxonomy_terms?organization_id=x', 'organization_id']] as const) {
      const answer = await get(request, path, 400);
      expect(answer.errors.join(' '), path).toContain(`does not take the parameter ${name}`);
    }
    expect((await get(request, '/openreferral/services?format=ndjson', 400)).message).toContain('format can only be json');
  });

  test('organization_id keeps one organization’s services, modified_after those changed since', async ({ request }) => {
    const all = await get(request, '/openreferral/services?per_page=500');
    const [first] = all.contents;
    const one = await get(request, `/openreferral/services?organization_id=${first.organization_id}`);
    expect(one.contents.map((service: { id: string }) => service.id)).toEqual([first.id]);
    expect((await get(request, '/openreferral/services?modified_after=2100-01-01')).total_items).toBe(0);
    expect((await get(request, '/openreferral/services?modified_after=2000-01-01T00:00:00Z')).total_items).toBe(all.total_items);
    const since = await get(request, '/openreferral/services?modified_after=2026-11-01&per_page=500');
    expect(since.total_items).toBeGreaterThan(0);
    expect(since.total_items).toBeLessThan(all.total_items);
    for (const service of since.contents) expect(service.last_modified >= '2026-11-01').toBe(true);
  });

  test('minimal gives every id and last change in one answer; full gives each service fully nested and valid', async ({ request }) => {
    const all = await get(request, '/openreferral/services?per_page=10');
    const minimal = await get(request, '/openreferral/services?minimal=true');
    expect(minimal.contents).toHaveLength(all.total_items);
    expect(Object.keys(minimal.contents[0]).sort()).toEqual(['id', 'last_modified']);
    const full = await get(request, '/openreferral/services?full=true&per_page=10');
    for (const service of full.contents) expectValid('service', service, service.name);
    expect(full.contents.some((service: { service_at_locations?: unknown[] }) => service.service_at_locations?.length)).toBe(true);
    const places = await get(request, '/openreferral/service_at_locations?full=true&per_page=5');
    expect(places.contents[0].service.attributes.length).toBeGreaterThan(0);
  });

  test('taxonomy terms by parent, or only the top ones', async ({ request }) => {
    const health = openReferralId('taxonomy_term', 'categories/health-and-wellbeing');
    const children = await get(request, `/openreferral/taxonomy_terms?parent_id=${health}&per_page=500`);
    expect(children.contents.map((term: { name: string }) => term.name)).toContain('Physical activity and sport');
    expect(children.contents.every((term: { parent_id?: string }) => term.parent_id === health)).toBe(true);
    const top = await get(request, '/openreferral/taxonomy_terms?top_only=true&per_page=500');
    expect(top.contents.every((term: { parent_id?: string }) => term.parent_id === undefined)).toBe(true);
    expect(top.contents.map((term: { id: string }) => term.id)).toContain(health);
  });

  test('a postcode keeps the services that serve the place it is in (UK profile), nearest first', async ({ request }) => {
    const answer = await get(request, '/openreferral/service_at_locations?postcode=PE13%202DU&full=true&per_page=500');
    const all = await get(request, '/openreferral/service_at_locations?per_page=1');
    expect(answer.total_items).toBeGreaterThan(0);
    expect(answer.total_items).toBeLessThan(all.total_items);
    for (const { service } of answer.contents) expect(service.service_areas.map((area: { name: string }) => area.name), service.name).toContain('Wisbech');
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a developer finds the open data page from the footer and downloads the whole directory', async ({ page, request }) => {
    await page.goto('/');
    await page.getByRole('contentinfo').getByRole('link', { name: 'Open data' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Open data');
    await expect(page.getByRole('link', { name: 'Open Government Licence v3.0' }).first()).toHaveAttribute('href', /nationalarchives\.gov\.uk/);

    const jsonHref = await page.getByRole('link', { name: 'All services as Open Referral UK JSON' }).getAttribute('href');
    const file = await (await request.get(jsonHref!)).json();
    const api = await get(request, '/openreferral/services?per_page=500');
    expect(file.total_items).toBe(api.total_items);
    expect(file.contents.map((service: { id: string }) => service.id).sort()).toEqual(api.contents.map((service: { id: string }) => service.id).sort());
    for (const service of file.contents) expectValid('service', service, `open data file: ${service.name}`);

    const csvHref = await page.getByRole('link', { name: 'All services as a spreadsheet (CSV)' }).getAttribute('href');
    const csv = await request.get(csvHref!);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const text = await csv.text();
    expect(text).toContain('Wisbech Health Walks');
    // What is hidden on the tests' day (Whittlesey Walking Netball only until it starts) is not in the file.
    for (const { data } of hiddenGroups()) expect(text).not.toContain(data.name);

    await page.getByRole('link', { name: '/openreferral/services', exact: true }).click();
    expect(page.url()).toMatch(/\/openreferral\/services$/);
  });
});

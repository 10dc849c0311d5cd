/** The directory shows residents exactly what is listed, and nothing that is hidden. */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { readContent } from '../../src/content-model/read';
import { ukToday } from '../../src/rules/dates';
import { isListed } from '../../src/rules/visibility';
import { groupSchema } from '../../src/schemas/group';
import { assetSchema } from '../../src/schemas/asset';
import { client } from './pages';

const { entries } = readContent('content');
const today = ukToday();
const groups = entries.filter((e) => e.collection === 'groups').map((e) => ({ id: e.id, data: groupSchema.parse(e.data) }));
const assets = entries.filter((e) => e.collection === 'assets').map((e) => ({ id: e.id, data: assetSchema.parse(e.data) }));
const hidden = groups.filter((group) => !isListed(group.data, today)).map((group) => group.id);

test('the demo content has hidden listings to check (a closed one and a finished one)', () => {
  // Only listings that stay hidden whatever the date: one that starts later becomes visible in time.
  expect(hidden).toEqual(expect.arrayContaining(['gorefield-wildflower-verges-project', 'tydd-st-giles-cinema-club']));
});

test('a hidden listing is in no page, no search result and no sitemap', async ({ request }) => {
  const pages = fs.readdirSync(client, { recursive: true, encoding: 'utf8' }).filter((file) => /\.(html|xml)$/.test(file));
  for (const id of hidden) {
    expect((await request.get(`/groups/${id}/`)).status(), id).toBe(404);
    const mentions = pages.filter((file) => fs.readFileSync(path.join(client, file), 'utf8').includes(`/groups/${id}/`));
    expect(mentions, id).toEqual([]);
    const name = groups.find((group) => group.id === id)!.data.name;
    expect(await (await request.get(`/search/?q=${encodeURIComponent(name)}`)).text(), id).not.toContain(`/groups/${id}/`);
  }
  const sitemap = await (await request.get('/sitemap-0.xml')).text();
  expect(sitemap).toContain('/groups/wisbech-health-walks/');
  for (const id of hidden) expect(sitemap).not.toContain(`/groups/${id}/`);
});

test('an area page lists exactly the groups and places tagged with that area', async ({ page }) => {
  await page.goto('/areas/chatteris/');
  const linked = async (heading: string) =>
    (await page.locator(`h2:text-is("${heading}") + ul.hub-results a`).evaluateAll((links) => links.map((a) => a.getAttribute('href')))).sort();
  const expectedGroups = groups.filter((g) => g.data.areas.includes('chatteris') && isListed(g.data, today)).map((g) => `/groups/${g.id}/`).sort();
  const expectedAssets = assets.filter((a) => a.data.area === 'chatteris').map((a) => `/assets/${a.id}/`).sort();
  expect(expectedGroups.length).toBeGreaterThan(5);
  expect(await linked('Groups and services in Chatteris')).toEqual(expectedGroups);
  expect(await linked('Places and assets in Chatteris')).toEqual(expectedAssets);
});

test('robots.txt points crawlers at the sitemap', async ({ request }) => {
  expect(await (await request.get('/robots.txt')).text()).toMatch(/Sitemap: http.*\/sitemap-index\.xml/);
});

test('a listing describes itself to search engines as schema.org JSON-LD', async ({ page }) => {
  await page.goto('/groups/wisbech-health-walks/');
  const data = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(data).toMatchObject({
    '@context': 'https://schema.org',
    '@type': 'Organization',
    name: 'Wisbech Health Walks',
    email: 'walks.wisbech@example.org',
    areaServed: [{ '@type': 'Place', name: 'Wisbech' }],
  });
  await page.goto('/assets/march-library/');
  expect(JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!)).toMatchObject({ '@type': 'Place', name: 'March Library' });
});

test('stories and towns describe themselves as schema.org JSON-LD too', async ({ page }) => {
  const jsonLd = async () => JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  await page.goto('/areas/chatteris/');
  expect(await jsonLd()).toMatchObject({ '@type': 'Place', name: 'Chatteris', geo: { '@type': 'GeoCoordinates' } });
  await page.goto('/stories/');
  await page.locator('.hub-results__item a').first().click();
  expect(await jsonLd()).toMatchObject({ '@type': 'Article', headline: await page.getByRole('heading', { level: 1 }).innerText(), datePublished: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
});

test('the groups A to Z runs over pages of fifty and lists every listed group exactly once', async ({ page }) => {
  const seen: string[] = [];
  await page.goto('/groups/');
  for (;;) {
    seen.push(...(await page.locator('.hub-results__item h3 a').evaluateAll((links) => links.map((link) => link.getAttribute('href')!))));
    const next = page.getByRole('link', { name: 'Next page' });
    if (!(await next.count())) break;
    await next.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Groups and services');
  }
  const listed = groups.filter((group) => isListed(group.data, today)).map((group) => `/groups/${group.id}/`);
  expect(seen.sort()).toEqual(listed.sort());
  expect(await page.title()).toMatch(/\(page 2 of 2\)/);
});

test('a letter in the A to Z jumps to the page where its groups start', async ({ page }) => {
  await page.goto('/groups/');
  const letters = page.getByRole('navigation', { name: 'Groups A to Z' }).getByRole('link');
  await letters.last().click();
  const letter = (await letters.last().innerText()).trim();
  await expect(page.getByRole('heading', { level: 2, name: letter, exact: true })).toBeVisible();
});

test('every listing and browse page offers to suggest a change or add what is missing', async ({ page }) => {
  await page.goto('/groups/wisbech-health-walks/');
  await expect(page.getByRole('link', { name: 'Suggest a change to this listing' })).toHaveAttribute('href', '/suggest-an-edit/?listing=groups%2Fwisbech-health-walks');
  for (const address of ['/groups/', '/assets/', '/areas/wisbech/', '/categories/food-support/', '/audiences/older-people/', '/assets/blocks/environment/']) {
    await page.goto(address);
    await expect(page.getByRole('link', { name: 'Add a group, service or place that is missing' }), address).toHaveAttribute('href', '/add-a-listing/');
  }
});

test('a listing gives times and costs as GOV.UK writes them, saying nothing twice', async ({ page }) => {
  await page.goto('/groups/christchurch-coffee-and-chat/');
  const facts = page.locator('.govuk-summary-list');
  await expect(facts.locator('.govuk-summary-list__row', { hasText: 'When' })).toContainText('10am to midday');
  await expect(facts.locator('.govuk-summary-list__row', { hasText: 'Cost' }).locator('dd')).toHaveText(/^\s*Free\. There is a donations pot/);
  await page.goto('/funds/');
  const smallSparks = page.locator('li', { hasText: 'Small Sparks' }).first();
  await expect(smallSparks).toContainText('Open all year No closing date');
  await expect(smallSparks).not.toContainText('Open all year Open all year');
});

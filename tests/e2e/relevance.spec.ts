/**
 * The relevance suite: what residents type, and what must come up in the first five results
 * (tests/relevance/queries.yaml, where content editors add cases). Each search is checked as loaded
 * from its address, which is also what the page shows without JavaScript, and as typed with it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test as base } from '@playwright/test';
import { parse } from 'yaml';
import { demoReviewDay } from '../support/demo-days';
import { startServer } from './own-server';

// Among equal matches a listing overdue for review ranks lower, and which are overdue (and which listings
// are shown at all) depends on the day: the suite runs on a server of its own on the day the demo was
// last reviewed, so it checks relevance whatever the tests' day (HUB_TODAY) or the calendar say.
const test = base.extend<object, { relevanceServer: string }>({
  relevanceServer: [
    async ({}, use) => {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-relevance-'));
      const server = await startServer({ DATA_DIR: dataDir, HUB_TODAY: demoReviewDay() });
      await use(server.origin);
      await server.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 180_000 },
  ],
  baseURL: async ({ relevanceServer }, use) => use(relevanceServer),
});

interface Case {
  query: string;
  top5: string[];
  [filter: string]: string | string[];
}
const cases: Case[] = parse(fs.readFileSync('tests/relevance/queries.yaml', 'utf8'));

const addressOf = ({ query, top5: _, ...filters }: Case) =>
  `/search/?${new URLSearchParams([['q', query], ...Object.entries(filters).flatMap(([name, values]) => [values].flat().map((value) => [name, value]))])}`;

test('the suite has at least 40 residents’ searches', () => {
  expect(cases.length).toBeGreaterThanOrEqual(40);
});

for (const searched of cases) {
  test(`"${searched.query}"${addressOf(searched).includes('&') ? ` (${addressOf(searched).split('&').slice(1).join(', ')})` : ''} has ${searched.top5.join(', ')} in the first five`, async ({ page }) => {
    await page.goto(addressOf(searched));
    const firstFive = (await page.locator('.hub-results__item h2').allInnerTexts()).slice(0, 5);
    for (const name of searched.top5) expect(firstFive, `the first five for "${searched.query}"`).toContain(name);
  });
}

test('every search in the suite shows the same results in the same order when typed as when loaded', async ({ page }) => {
  test.setTimeout(120_000);
  const titles = () => page.locator('.hub-results__item h2').allInnerTexts();
  for (const searched of cases) {
    const address = addressOf(searched);
    await page.goto(address);
    const loaded = await titles();
    // Typed: the same filters, the words typed again into the box.
    const box = page.getByRole('searchbox', { name: 'Search the hub' }).last();
    await box.fill('');
    await expect(page.locator('#search-results')).toHaveAttribute('data-shown-address', /.*/);
    await box.fill(searched.query);
    await expect(page.locator('#search-results')).toHaveAttribute('data-shown-address', address);
    expect(await titles(), searched.query).toEqual(loaded);
  }
});

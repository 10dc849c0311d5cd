/**
 * Browsing by filters alone: the search with no words, "open now", "this week" and "suitable for
 * age", and the filters the group list and area pages send to the search. Every search is the same
 * typed (JavaScript on), loaded from its address, and without JavaScript.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { startServer, type ServerProcess } from './own-server';
import { type Choices, expectSameEverywhere, shown } from './search-pages';

/** The choices in a page's address, leaving out fields sent empty. */
const chosen = (page: Page) => [...new URL(page.url()).searchParams].filter(([, value]) => value);

const combinations: { name: string; choices: Choices; heading: RegExp; includes?: string[] }[] = [
  { name: 'toddlers in Whittlesey on a Tuesday', choices: [['q', 'toddlers'], ['area', 'Whittlesey'], ['day', 'Tuesday']], heading: /^\d+ results? for “toddlers”$/, includes: ['/groups/whittlesey-library-rhyme-time/'] },
  { name: 'groups and places in Chatteris, no words', choices: [['type', 'Group or service'], ['type', 'Place or resource'], ['area', 'Chatteris']], heading: /^\d+ groups and places in Chatteris$/ },
  { name: 'groups on a Saturday suitable for a 4-year-old', choices: [['type', 'Group or service'], ['day', 'Saturday'], ['age', '4']], heading: /^\d+ groups? for the filters you chose$/ },
  { name: 'free groups in March for someone of 70', choices: [['area', 'March'], ['cost', 'Free'], ['age', '70']], heading: /^\d+ (groups and places|groups?|places?) in March$/ },
];

for (const { name, choices, heading, includes = [] } of combinations) {
  test(`${name}: as typed, as loaded from its address and without JavaScript, the same results in the same order`, async ({ page, browser, baseURL }) => {
    const typed = await expectSameEverywhere(page, browser, baseURL!, choices);
    expect(typed.heading).toMatch(heading);
    expect(typed.results.length).toBeGreaterThan(0);
    for (const href of includes) expect(typed.results).toContain(href);
  });
}

test('toddlers, Whittlesey and Tuesday find the toddler groups that meet in Whittlesey on Tuesdays, and only those', async ({ page }) => {
  await page.goto('/search/?q=toddlers&area=Whittlesey&day=Tuesday');
  const results = page.locator('.hub-results__item');
  await expect(results.first()).toContainText('Rhyme Time at Whittlesey Library');
  for (const result of await results.all()) await expect(result).toContainText('Whittlesey');
  // A toddler group in Whittlesey that meets on Fridays is left out.
  await expect(results.filter({ hasText: 'Whittlesey Bumps and Babies' })).toHaveCount(0);
});

test('suitable for age 70 leaves out groups for children and keeps those with no age limits', async ({ page }) => {
  await page.goto('/search/?area=Whittlesey&age=70');
  const titles = await page.locator('.hub-results__item h2').allInnerTexts();
  expect(titles).not.toContain('Rhyme Time at Whittlesey Library');
  expect(titles).toContain('Whittlesey Tuesday Lunch Club');
  await page.goto('/search/?area=Whittlesey&age=2');
  expect(await page.locator('.hub-results__item h2').allInnerTexts()).toContain('Rhyme Time at Whittlesey Library');
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('an age that is not a whole number is pointed out, kept as typed, and the results are not narrowed by it', async ({ page }) => {
      await page.goto('/search/?area=March');
      const unfiltered = await shown(page);
      await page.goto('/search/?area=March&age=four');
      await expect(page).toHaveTitle(/^Error: /);
      const summary = page.locator('.govuk-error-summary');
      await expect(summary).toContainText('There is a problem');
      await expect(page.getByLabel('Suitable for age')).toHaveValue('four');
      await expect(page.locator('#age-error')).toHaveText('Error: Age must be a whole number of years, like 4');
      expect((await shown(page)).results).toEqual(unfiltered.results);
      await summary.getByRole('link', { name: 'Age must be a whole number of years, like 4' }).click();
      await expect(page.getByLabel('Suitable for age')).toBeFocused();
    });

    test('an age over 120 is pointed out', async ({ page }) => {
      await page.goto('/search/?age=200');
      await expect(page.locator('#age-error')).toHaveText('Error: Age must be between 0 and 120');
      await expect(page.getByLabel('Suitable for age')).toHaveValue('200');
    });

    test('the group list offers the filters, and lands on the groups that match with the choice kept and a way to clear it', async ({ page }) => {
      await page.goto('/groups/');
      const filters = page.getByRole('search', { name: 'Find groups by day, age and more' });
      await filters.locator('summary', { hasText: 'Day' }).click();
      const tuesday = filters.getByRole('checkbox', { name: /^Tuesday \(\d+\)$/ });
      const expected = Number((await filters.locator('label', { hasText: /^Tuesday \(\d+\)$/ }).innerText()).match(/\d+/)![0]);
      await tuesday.check();
      await filters.getByRole('button', { name: 'Show results' }).click();

      await expect(page).toHaveURL(/\/search\/\?/);
      expect(chosen(page)).toEqual([['type', 'Group or service'], ['day', 'Tuesday']]);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${expected} groups for the filters you chose`);
      await expect(page.getByRole('checkbox', { name: /^Group or service \(\d+\)$/ })).toBeChecked();
      await expect(page.getByRole('checkbox', { name: /^Tuesday \(\d+\)$/ })).toBeChecked();
      await page.getByRole('link', { name: 'Clear all filters' }).click();
      await expect(page).toHaveURL(/\/search\/$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
    });

    test('a town’s page offers the filters for its groups and places: "toddlers" on a Tuesday in Whittlesey', async ({ page }) => {
      await page.goto('/areas/whittlesey/');
      const filters = page.getByRole('search', { name: 'Find groups and places in Whittlesey by day, age and more' });
      // Groups and places are ticked to start with; either can be unticked.
      await expect(filters.getByRole('checkbox', { name: /^Group or service \(\d+\)$/ })).toBeChecked();
      await expect(filters.getByRole('checkbox', { name: /^Place or resource \(\d+\)$/ })).toBeChecked();
      await filters.getByLabel('Words (optional)').fill('toddlers');
      await filters.locator('summary', { hasText: 'Day' }).click();
      await filters.getByRole('checkbox', { name: /^Tuesday \(\d+\)$/ }).check();
      await filters.getByRole('button', { name: 'Show results' }).click();

      await expect(page).toHaveURL(/\/search\/\?/);
      expect(chosen(page)).toEqual([['area', 'Whittlesey'], ['q', 'toddlers'], ['type', 'Group or service'], ['type', 'Place or resource'], ['day', 'Tuesday']]);
      await expect(page.locator('.hub-results__item').first()).toContainText('Rhyme Time at Whittlesey Library');
      await expect(page.getByRole('checkbox', { name: /^Whittlesey \(\d+\)$/ })).toBeChecked();
    });

    test('a town’s page with nothing chosen lands on its groups and places, counted', async ({ page }) => {
      await page.goto('/areas/chatteris/');
      await page.getByRole('search', { name: /^Find groups and places in Chatteris/ }).getByRole('button', { name: 'Show results' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^\d+ groups and places in Chatteris$/);
      const count = Number((await page.getByRole('heading', { level: 1 }).innerText()).match(/^\d+/)![0]);
      const kinds = new Set<string>();
      while (true) {
        for (const text of await page.locator('.hub-results__item').allInnerTexts()) kinds.add(/Group or service|Place or resource/.exec(text)?.[0] ?? text);
        const next = page.locator('.govuk-pagination__next a');
        if (javaScriptEnabled || !(await next.count())) break;
        await next.click();
      }
      expect([...kinds].sort()).toEqual(['Group or service', 'Place or resource']);
      if (!javaScriptEnabled) expect(count).toBeGreaterThan(0);
    });
  });
}

test('typing an age that is not a number shows the problem at once, and putting it right takes it away', async ({ page }) => {
  await page.goto('/search/?area=March');
  await page.locator('details[data-facet="age"] summary').click();
  const age = page.getByLabel('Suitable for age');
  await age.fill('4.5');
  await age.press('Enter');
  await expect(page.locator('.govuk-error-summary')).toContainText('Age must be a whole number of years, like 4');
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel('Suitable for age')).toHaveValue('4.5');
  await page.getByLabel('Suitable for age').fill('4');
  await page.getByLabel('Suitable for age').press('Enter');
  await expect(page).toHaveURL(/area=March&age=4$/);
  await expect(page.locator('.govuk-error-summary')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^\d+ (groups and places|groups?|places?) in March$/);
});

test.describe('on a Tuesday at noon in December (a server of its own on that day)', () => {
  test.describe.configure({ mode: 'serial' });
  let server: ServerProcess;
  let dataDir: string;

  test.beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-browse-'));
    // HUB_TODAY starts the server's clock at noon UTC, which is noon in the UK in December.
    server = await startServer({ DATA_DIR: dataDir, HUB_TODAY: '2026-12-08' });
  });
  test.afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test('open now finds the groups meeting now, and leaves out one that is temporarily closed', async ({ page }) => {
    await page.goto(`${server.origin}/search/?when=Open+now`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^\d+ groups for the filters you chose$/);
    const titles = await page.locator('.hub-results__item h2').allInnerTexts();
    // March Men's Shed meets on Tuesdays, 9:30am to 1pm; Wisbech Men's Shed has the same times but is closed for repairs.
    expect(titles).toContain("March Men's Shed");
    expect(titles).not.toContain("Wisbech Men's Shed");
    // Rhyme Time was over by 10:30am.
    expect(titles).not.toContain('Rhyme Time at Whittlesey Library');
  });

  test('this week finds more than open now, and open now in March is the same typed, loaded and without JavaScript', async ({ page, browser }) => {
    await page.goto(`${server.origin}/search/?when=This+week`);
    const week = Number((await page.getByRole('heading', { level: 1 }).innerText()).match(/^\d+/)![0]);
    await page.goto(`${server.origin}/search/?when=Open+now`);
    const now = Number((await page.getByRole('heading', { level: 1 }).innerText()).match(/^\d+/)![0]);
    expect(week).toBeGreaterThan(now);
    const typed = await expectSameEverywhere(page, browser, server.origin, [['area', 'March'], ['when', 'Open now']]);
    expect(typed.results).toContain('/groups/march-mens-shed/');
  });
});

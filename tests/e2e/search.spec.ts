/** Searching and filtering, which works the same with or without JavaScript (the server renders it). */
import { expect, type Page, test } from '@playwright/test';

for (const javaScriptEnabled of [true, false]) {
  test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
    test.use({ javaScriptEnabled });

    test('a resident searches "walking", filters to Chatteris, and sees only Chatteris results', async ({ page }) => {
      await page.goto('/search/?q=walking');
      await page.locator('summary', { hasText: 'Town or village' }).click();
      const chatteris = page.getByRole('checkbox', { name: /^Chatteris \(\d+\)$/ });
      const expected = Number((await page.getByText(/^Chatteris \(\d+\)$/).textContent())!.match(/\d+/)![0]);
      await chatteris.check();
      await page.getByRole('button', { name: 'Search', exact: true }).last().click();

      await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${expected} results for “walking”`);
      const results = page.locator('.hub-results__item');
      await expect(results).toHaveCount(expected);
      for (const result of await results.all()) await expect(result).toContainText('Chatteris');
      expect(new URL(page.url()).searchParams.getAll('area')).toEqual(['Chatteris']);

      // The address alone reproduces the search.
      const address = page.url();
      await page.goto('/');
      await page.goto(address);
      await expect(page.locator('.hub-results__item')).toHaveCount(expected);
      await expect(page.getByRole('checkbox', { name: /^Chatteris/ })).toBeChecked();
    });

    test('clearing the filters keeps the words', async ({ page }) => {
      await page.goto('/search/?q=walking&area=Chatteris');
      await page.getByRole('link', { name: 'Clear all filters' }).click();
      await expect(page).toHaveURL(/\/search\/\?q=walking$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(/\d+ results for “walking”/);
    });
  });
}


/** Every result of the search on the page, showing more until there are no more: each one's title and text. */
async function everyResult(page: Page): Promise<{ title: string; text: string }[]> {
  const more = page.getByRole('button', { name: 'Show more results' });
  const results = page.locator('.hub-results__item');
  while (await more.isVisible()) {
    const shown = await results.count();
    await more.click();
    await expect(results).not.toHaveCount(shown);
  }
  return results.evaluateAll((items) => items.map((item) => ({ title: item.querySelector('a')?.textContent?.trim() ?? '', text: item.textContent ?? '' })));
}

test('typing searches the browser’s index as you go, and the address keeps the search', async ({ page }) => {
  await page.goto('/search/');
  // A mark on this page: it survives only if the results come without loading a new page.
  await page.evaluate(() => document.body.setAttribute('data-same-page', ''));
  const pagefind = page.waitForResponse((response) => response.url().includes('/pagefind/'));
  await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill('walking');
  await pagefind;
  await expect(page.locator('#search-results')).toHaveAttribute('data-rendered-query', 'walking');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^\d+ results for “walking”$/);
  await page.locator('summary', { hasText: 'Town or village' }).click();
  const chatteris = page.getByRole('checkbox', { name: /^Chatteris \(\d+\)$/ });
  const expected = Number((await page.locator('label', { hasText: /^Chatteris \(\d+\)$/ }).innerText()).match(/\d+/)![0]);
  await chatteris.check();
  await expect(page).toHaveURL(/\/search\/\?q=walking&area=Chatteris$/);
  // The address changes as the search starts; the results follow.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${expected} results for “walking”`);
  await expect(page.locator('body')).toHaveAttribute('data-same-page', '');
  for (const result of await page.locator('.hub-results__item').all()) await expect(result).toContainText('Chatteris');
});

/**
 * Pagefind's own answer, with every filter's file loaded, to hold what the page shows to: the
 * number of results for the words and chosen towns, and each town's label for the words alone.
 */
async function pagefindAnswer(page: Page, query: string, areas: string[] = []) {
  return page.evaluate(async ({ query, areas }) => {
    const address = '/pagefind/pagefind.js';
    const pagefind = await import(/* @vite-ignore */ address);
    await pagefind.filters();
    const chosen = await pagefind.search(query, areas.length ? { filters: { area: { any: areas } } } : {});
    const counts: Record<string, number> = (await pagefind.search(query)).filters.area;
    const labels = Object.entries(counts).filter(([, count]) => count > 0).sort(([a], [b]) => a.localeCompare(b, 'en-GB')).map(([area, count]) => `${area} (${count})`);
    return { results: chosen.results.length as number, labels };
  }, { query, areas });
}

test('typing fetches only the filters a search needs; a filter the resident opens is counted then, as Pagefind counts it', async ({ page }) => {
  const filterFiles: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('.pf_filter')) filterFiles.push(request.url());
  });
  await page.goto('/search/');
  await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill('walking');
  await expect(page.locator('#search-results')).toHaveAttribute('data-rendered-query', 'walking');
  const fetchedByTyping = filterFiles.length;
  // Fewer than the eight filters offered: the words alone do not need their counts.
  expect(fetchedByTyping).toBeLessThan(8);

  await page.locator('summary', { hasText: 'Town or village' }).click();
  await expect(page.getByRole('checkbox', { name: /^Chatteris \(\d+\)$/ })).toBeVisible();
  expect(filterFiles.length).toBe(fetchedByTyping + 1);
  const areas = await page.locator('input[name="area"] + label').allTextContents();
  expect(areas).toEqual((await pagefindAnswer(page, 'walking')).labels);
});

test('ticking a second town widens the results, since a filter’s counts leave out its own choice', async ({ page }) => {
  await page.goto('/search/');
  await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill('walking');
  await expect(page.locator('#search-results')).toHaveAttribute('data-rendered-query', 'walking');
  await page.locator('summary', { hasText: 'Town or village' }).click();
  const chatterisOnly = Number((await page.locator('label', { hasText: /^Chatteris \(\d+\)$/ }).innerText()).match(/\d+/)![0]);
  await page.getByRole('checkbox', { name: /^Chatteris \(\d+\)$/ }).check();
  await expect(page).toHaveURL(/area=Chatteris$/);
  const heading = page.getByRole('heading', { level: 1 });
  const resultCount = async () => Number((await heading.innerText()).match(/^(\d+) result/)?.[1] ?? 0);
  await expect(heading).toHaveText(new RegExp(`^${chatterisOnly} results? for “walking”$`));
  // March is still offered, with its own count, though Chatteris is ticked.
  await page.getByRole('checkbox', { name: /^March \([1-9]\d*\)$/ }).check();
  await expect(page).toHaveURL(/area=Chatteris&area=March$/);
  await expect.poll(resultCount).toBeGreaterThan(chatterisOnly);
  const pagefind = await pagefindAnswer(page, 'walking', ['Chatteris', 'March']);
  await expect(heading).toHaveText(`${pagefind.results} results for “walking”`);
  // The towns' counts are those of the words alone, as if no town were ticked.
  expect(await page.locator('input[name="area"] + label').allTextContents()).toEqual(pagefind.labels);
});

test('show more adds the next results and takes keyboard focus to the first new one', async ({ page }) => {
  await page.goto('/search/');
  await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill('walking');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^\d+ results for “walking”$/);
  const total = Number((await page.getByRole('heading', { level: 1 }).innerText()).match(/\d+/)![0]);
  expect(total).toBeGreaterThan(20);
  const results = page.locator('.hub-results__item');
  await expect(results).toHaveCount(20);
  await page.getByRole('button', { name: 'Show more results' }).click();
  await expect(results).toHaveCount(Math.min(total, 40));
  await expect(results.nth(20).getByRole('link')).toBeFocused();
});

test('sorting by name puts the results in A to Z order without loading a new page', async ({ page }) => {
  await page.goto('/search/');
  await page.evaluate(() => document.body.setAttribute('data-same-page', ''));
  await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill('walking');
  await expect(page.locator('#search-results')).toHaveAttribute('data-rendered-query', 'walking');
  await page.getByLabel('Sort by').selectOption('name');
  await expect(page).toHaveURL(/sort=name/);
  const titles = () => page.locator('.hub-results__item a').allInnerTexts();
  await expect.poll(async () => {
    const shown = await titles();
    return shown.length === 20 && shown.join('|') === [...shown].sort((a, b) => a.localeCompare(b, 'en-GB')).join('|');
  }).toBe(true);
  // Every result in order, not only the first twenty shown.
  const all = await everyResult(page);
  expect(all.length).toBeGreaterThan(20);
  const names = all.map((item) => item.title);
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en-GB')));
  await expect(page.locator('body')).toHaveAttribute('data-same-page', '');
});

test('with JavaScript off, the same search returns the same listings as the browser’s index', async ({ page, browser }) => {
  await page.goto('/search/');
  await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill('walking');
  await expect(page.locator('#search-results')).toHaveAttribute('data-rendered-query', 'walking');
  await page.locator('summary', { hasText: 'Town or village' }).click();
  const chatteris = page.getByRole('checkbox', { name: /^Chatteris \(\d+\)$/ });
  const expected = Number((await page.getByText(/^Chatteris \(\d+\)$/).textContent())!.match(/\d+/)![0]);
  await chatteris.check();
  await expect(page).toHaveURL(/area=Chatteris/);
  // The address changes as soon as the box is ticked; the results follow once the index answers.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(expected === 1 ? '1 result for “walking”' : `${expected} results for “walking”`);
  const listings = async (from: typeof page) => (await from.locator('.hub-results__item a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).sort();
  const withScript = await listings(page);

  const context = await browser.newContext({ javaScriptEnabled: false });
  const withoutScript = await context.newPage();
  await withoutScript.goto(page.url());
  expect(await listings(withoutScript)).toEqual(withScript);
  await expect(withoutScript.getByRole('heading', { level: 1 })).toHaveText(await page.getByRole('heading', { level: 1 }).innerText());
  await context.close();
});

test('near me: sorted by distance from Wisbech, Wisbech listings come first', async ({ page }) => {
  await page.goto('/search/?q=lunch+club');
  await page.getByLabel('Sort by').selectOption('distance');
  await page.getByLabel('Distance from').selectOption('wisbech');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await expect(page).toHaveURL(/sort=distance&from=wisbech/);
  const first = page.locator('.hub-results__item').first();
  await expect(first).toContainText('Wisbech');
  await expect(first).toContainText(/\d+\.\d km from Wisbech/);
  // Every result: those with a place nearest first, then those without one.
  const distances = (await everyResult(page)).map((item) => /(\d+(?:\.\d+)?) km from Wisbech/.exec(item.text)?.[1]);
  const known = distances.filter((km) => km !== undefined).map(Number);
  expect(known.length).toBeGreaterThan(5);
  expect(known).toEqual([...known].sort((a, b) => a - b));
  expect(distances.slice(0, known.length)).not.toContain(undefined);
});

test('near me: a resident shares their location and nearest listings come first', async ({ page, context }) => {
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 52.4560, longitude: 0.0530 }); // Chatteris
  await page.goto('/search/?q=lunch+club');
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page).toHaveURL(/sort=distance&near=52\.456%2C0\.053/);
  await expect(page.locator('.hub-results__item').first()).toContainText('Chatteris');
  await expect(page.locator('.hub-results__item').first()).toContainText(/km from you/);
});

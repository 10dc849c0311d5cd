/** Searching and filtering, which works the same with or without JavaScript (the server renders it). */
import { expect, type Page, test } from '@playwright/test';
import { expectAxeClean } from './accessibility';
import { expectSameLoaded, shown } from './search-pages';

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

    for (const words of ['foodbank', 'food bank', 'food parcel', 'food voucher']) {
      test(`a resident who searches "${words}" finds how to get emergency food first`, async ({ page }) => {
        await page.goto(`/search/?q=${encodeURIComponent(words)}`);
        await expect(page.locator('.hub-results__item').first()).toContainText('Fenland Emergency Food Network (food bank)');
      });
    }

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

test('typing asks the server as you go, on the same page, and the address keeps the search', async ({ page }) => {
  await page.goto('/search/');
  // A mark on this page: it survives only if the results come without loading a new page.
  await page.evaluate(() => document.body.setAttribute('data-same-page', ''));
  await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill('walking');
  await expect(page).toHaveURL(/\/search\/\?q=walking$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^\d+ results for “walking”$/);
  await page.locator('summary', { hasText: 'Town or village' }).click();
  const chatteris = page.getByRole('checkbox', { name: /^Chatteris \(\d+\)$/ });
  const expected = Number((await page.locator('label', { hasText: /^Chatteris \(\d+\)$/ }).innerText()).match(/\d+/)![0]);
  await chatteris.check();
  await expect(page).toHaveURL(/\/search\/\?q=walking&area=Chatteris$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${expected} results for “walking”`);
  await expect(page.locator('body')).toHaveAttribute('data-same-page', '');
  // The filter stays open and the box keeps focus, so a keyboard user carries on where they were.
  await expect(page.getByRole('checkbox', { name: /^Chatteris \(\d+\)$/ })).toBeFocused();
  for (const result of await page.locator('.hub-results__item').all()) await expect(result).toContainText('Chatteris');
});

const searches = [
  { words: 'walking' },
  { words: 'foodbank' },
  { words: 'food bank' },
  { words: 'lunch club', areas: ['Wisbech'] },
  { words: 'exercise' },
  { words: '', areas: ['Chatteris'] },
  { words: 'walk', areas: ['March', 'Whittlesey'] },
];

for (const { words, areas = [] } of searches) {
  test(`"${words}"${areas.length ? ` in ${areas.join(' or ')}` : ''}: as typed, as loaded from its address and without JavaScript, the same results in the same order`, async ({ page, browser }) => {
    await page.goto('/search/');
    const results = page.locator('#search-results');
    if (words) {
      await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill(words);
      await expect(results).toHaveAttribute('data-shown-address', `/search/?${new URLSearchParams({ q: words })}`);
    }
    await page.locator('summary', { hasText: 'Town or village' }).click();
    for (const area of areas) await page.getByRole('checkbox', { name: new RegExp(`^${area} \\(\\d+\\)$`) }).check();
    const address = `/search/?${new URLSearchParams([...(words ? [['q', words]] : []), ...areas.map((area) => ['area', area])])}`;
    await expect(results).toHaveAttribute('data-shown-address', address);
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(address);
    await expectSameLoaded(page, browser, address, await shown(page));
  });
}

test('ticking a second town widens the results, since a filter’s counts leave out its own choice', async ({ page }) => {
  await page.goto('/search/');
  await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill('walking');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^\d+ results for “walking”$/);
  await page.locator('summary', { hasText: 'Town or village' }).click();
  const labels = () => page.locator('input[name="area"] + label').allTextContents();
  const wordsAlone = await labels();
  const chatterisOnly = Number((await page.locator('label', { hasText: /^Chatteris \(\d+\)$/ }).innerText()).match(/\d+/)![0]);
  await page.getByRole('checkbox', { name: /^Chatteris \(\d+\)$/ }).check();
  await expect(page).toHaveURL(/area=Chatteris$/);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(new RegExp(`^${chatterisOnly} results? for “walking”$`));
  // March is still offered, with its own count, though Chatteris is ticked.
  const march = Number((await page.locator('label', { hasText: /^March \(\d+\)$/ }).innerText()).match(/\d+/)![0]);
  await page.getByRole('checkbox', { name: /^March \([1-9]\d*\)$/ }).check();
  await expect(page).toHaveURL(/area=Chatteris&area=March$/);
  const both = page.locator('.hub-results__item');
  await expect(heading).toHaveText(/^\d+ results for “walking”$/);
  const total = Number((await heading.innerText()).match(/^(\d+)/)![1]);
  expect(total).toBeGreaterThan(chatterisOnly);
  expect(total).toBeLessThanOrEqual(chatterisOnly + march);
  await expect(both.first()).toBeVisible();
  // The towns' counts are those of the words alone, as if no town were ticked.
  expect(await labels()).toEqual(wordsAlone);
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
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^\d+ results for “walking”$/);
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

/** "less than a mile from …" is 0 miles, "about 3 miles from …" 3: the distance a result shows, or undefined. */
const milesIn = (text: string, place: string) => {
  const match = new RegExp(`(less than a mile|about (\\d+) miles?) from ${place}`).exec(text);
  return match ? Number(match[2] ?? 0) : undefined;
};

test('near me: sorted by distance from Wisbech, Wisbech listings come first, in miles', async ({ page }) => {
  await page.goto('/search/?q=lunch+club');
  await page.getByLabel('Sort by').selectOption('distance');
  await page.getByLabel('Or choose a town or village').selectOption('wisbech');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await expect(page).toHaveURL(/sort=distance&from=wisbech/);
  const first = page.locator('.hub-results__item').first();
  await expect(first).toContainText('Wisbech');
  await expect(first).toContainText(/(less than a mile|about \d+ miles?) from Wisbech/);
  // Every listing, nearest first, in miles; only entries that are not listings (stories, funds) have no distance, and they come last.
  const results = await everyResult(page);
  const distances = results.map((item) => milesIn(item.text, 'Wisbech'));
  const known = distances.filter((miles) => miles !== undefined);
  expect(known.length).toBeGreaterThan(5);
  expect(known).toEqual([...known].sort((a, b) => a - b));
  expect(distances.slice(0, known.length)).not.toContain(undefined);
  expect(results.map((item) => item.text).join(' ')).not.toMatch(/\bkm\b/);
});

test('near me: a resident shares their location and nearest listings come first', async ({ page, context }) => {
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: 52.4560, longitude: 0.0530 }); // Chatteris
  await page.goto('/search/?q=lunch+club');
  await page.getByRole('button', { name: 'Use my location' }).click();
  await expect(page).toHaveURL(/sort=distance&near=52\.456%2C0\.053/);
  await expect(page.locator('.hub-results__item').first()).toContainText('Chatteris');
  await expect(page.locator('.hub-results__item').first()).toContainText('less than a mile from you');
});

/** What a search page shows: its heading, and each result's address and line of facts (with its distance), in order. */
async function shownWithDistances(page: Page) {
  return {
    heading: await page.getByRole('heading', { level: 1 }).innerText(),
    results: await page.locator('.hub-results__item').evaluateAll((items) => items.map((item) => `${item.querySelector('a')?.getAttribute('href')} ${item.querySelector('.hub-results__meta')?.textContent}`)),
  };
}

test.describe('distance from a postcode', () => {
  test('a resident in Chatteris types their postcode and sees Chatteris and Wimblington first, in miles, the same typed, loaded and without JavaScript', async ({ page, browser }) => {
    await page.goto('/search/');
    const results = page.locator('#search-results');
    await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill('lifts');
    await expect(results).toHaveAttribute('data-shown-address', '/search/?q=lifts');
    // Any case and spacing.
    await page.getByLabel('Postcode or town').fill('pe16  6ab');
    await page.getByLabel('Postcode or town').press('Enter');
    await expect(results).toHaveAttribute('data-shown-address', '/search/?q=lifts&postcode=pe16++6ab');
    const typed = await shownWithDistances(page);

    const items = page.locator('.hub-results__item');
    await expect(items.nth(0)).toContainText('Chatteris · less than a mile from PE16 6AB');
    await expect(items.nth(1)).toContainText('Chatteris · less than a mile from PE16 6AB');
    // A good neighbours scheme with no address of its own, measured from the nearest place it serves, and saying so.
    await expect(items.nth(2)).toContainText('Wimblington and Stonea Good Neighbours');
    await expect(items.nth(2)).toContainText(/Wimblington · Doddington · in Doddington, about \d miles from PE16 6AB/);
    const miles = (await everyResult(page)).map((item) => milesIn(item.text, 'PE16 6AB')).filter((distance) => distance !== undefined);
    expect(miles.length).toBeGreaterThan(10);
    expect(miles).toEqual([...miles].sort((a, b) => a - b));

    await page.goto('/search/?q=lifts&postcode=pe16++6ab');
    expect(await shownWithDistances(page)).toEqual(typed);

    const context = await browser.newContext({ javaScriptEnabled: false });
    const withoutScript = await context.newPage();
    await withoutScript.goto('/search/?q=lifts');
    await withoutScript.getByLabel('Postcode or town').fill('pe16  6ab');
    await withoutScript.getByRole('button', { name: 'Apply filters' }).click();
    await expect(withoutScript).toHaveURL(/postcode=pe16\+\+6ab/);
    expect(await shownWithDistances(withoutScript)).toEqual(typed);
    await context.close();
  });

  test('a sector or a district will do, and so will a town’s name', async ({ page }) => {
    for (const [typed, place] of [['PE16 6', 'PE16 6'], ['pe16', 'PE16'], ['chatteris', 'Chatteris']]) {
      await page.goto(`/search/?q=lifts&postcode=${encodeURIComponent(typed)}`);
      await expect(page.locator('.hub-results__item').first()).toContainText(`Chatteris · less than a mile from ${place}`);
      await expect(page.getByLabel('Postcode or town')).toHaveValue(typed);
    }
  });

  for (const javaScriptEnabled of [true, false]) {
    test.describe(`with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
      test.use({ javaScriptEnabled });

      for (const { typed, message } of [
        { typed: 'CB1 2AB', message: 'CB1 2AB is not in the area this hub covers. Enter a postcode like PE16 6AB, or choose a town or village' },
        { typed: 'PE16 6ABC', message: 'Enter a real postcode, like PE16 6AB or PE16, or a town or village from the list below' },
      ]) {
        test(`"${typed}" gets an error that says what to do, keeps what was typed, and the search still works`, async ({ page }) => {
          await page.goto('/search/?q=lifts');
          const relevance = await page.locator('.hub-results__item a').evaluateAll((links) => links.map((link) => link.getAttribute('href')));
          await page.getByLabel('Postcode or town').fill(typed);
          await page.getByRole('button', { name: 'Apply filters' }).click();

          const summary = page.locator('.govuk-error-summary');
          await expect(summary).toContainText('There is a problem');
          await expect(summary.getByRole('link', { name: message })).toBeVisible();
          if (javaScriptEnabled) await expect(summary).toBeFocused();
          await expect(page).toHaveTitle(/^Error: lifts/);
          await expect(page.locator('#search-postcode-error')).toHaveText(`Error: ${message}`);
          await expect(page.getByLabel('Postcode or town')).toHaveValue(typed);
          await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^\d+ results for “lifts”$/);
          expect(await page.locator('.hub-results__item a').evaluateAll((links) => links.map((link) => link.getAttribute('href')))).toEqual(relevance);
          await summary.getByRole('link').click();
          await expect(page.getByLabel('Postcode or town')).toBeFocused();
        });
      }
    });
  }
});

test.describe('on a small phone (320 by 568)', () => {
  test.use({ viewport: { width: 320, height: 568 } });

  test('the first result is on the first screen, and Filter results leads down to the filters', async ({ page }) => {
    await page.goto('/search/?q=walking');
    const first = await page.locator('.hub-results__item').first().boundingBox();
    expect(first!.y + 24).toBeLessThan(568);
    await page.getByRole('link', { name: 'Filter results' }).click();
    await expect(page).toHaveURL(/#search-filters$/);
    await expect(page.getByRole('heading', { name: 'Filter results' })).toBeInViewport();
  });
});

test.describe('the static-only fallback, /search/static/ (Pagefind in the browser, for a hub with no server)', () => {
  test('a resident types "walking", sees Pagefind’s results in the search’s markup, filters to Chatteris, and the address keeps the search', async ({ page }) => {
    await page.goto('/search/static/');
    await page.locator('#search-query').fill('walking');
    await expect(page.locator('#search-results')).toHaveAttribute('data-shown-address', '/search/static/?q=walking');
    const heading = (await page.getByRole('heading', { level: 1 }).textContent())!;
    const found = Number(/^(\d+) results for “walking”$/.exec(heading)?.[1]);
    expect(found).toBeGreaterThan(1);
    await expect(page.locator('.hub-results__item').first().getByRole('link')).toHaveAttribute('href', /^\/(groups|assets|funds|stories|areas)\//);

    await page.locator('summary', { hasText: 'Town or village' }).click();
    const label = (await page.getByText(/^Chatteris \(\d+\)$/).textContent())!;
    const expected = Number(label.match(/\d+/)![0]);
    await page.getByRole('checkbox', { name: label }).check();
    await expect(page.locator('#search-results')).toHaveAttribute('data-shown-address', '/search/static/?q=walking&area=Chatteris');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${expected} result${expected === 1 ? '' : 's'} for “walking”`);
    const results = page.locator('.hub-results__item');
    await expect(results).toHaveCount(Math.min(expected, 20));
    for (const result of await results.all()) await expect(result.locator('.hub-results__meta')).toContainText('Chatteris');
    // The markup the script made (filters, results) is as accessible as the server's.
    await expectAxeClean(page);

    // Reloading the address shows the same search, filter ticked.
    await page.reload();
    await expect(page.locator('#search-results')).toHaveAttribute('data-shown-address', '/search/static/?q=walking&area=Chatteris');
    await expect(page.locator('.hub-results__item')).toHaveCount(Math.min(expected, 20));
    await expect(page.getByRole('checkbox', { name: /^Chatteris/ })).toBeChecked();
  });

  test('without JavaScript it says search needs it here and offers the browse pages', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto('/search/static/?q=walking');
    await expect(page.getByText('Searching this copy of the hub needs JavaScript')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Towns and villages' }).last()).toHaveAttribute('href', '/areas/');
    await context.close();
  });
});

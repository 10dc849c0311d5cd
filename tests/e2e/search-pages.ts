/** Searches as the end-to-end tests make them: typed with JavaScript, and loaded from their address with and without it. */
import { type Browser, expect, type Page } from '@playwright/test';

/** A search's choices, in the order the search form sends them. */
export type Choices = [name: string, value: string][];
const formOrder = ['q', 'type', 'area', 'category', 'audience', 'cost', 'day', 'when', 'age', 'accessibility', 'language'];

/** The address the search page shows for these choices (the form's order, as the browser sends it). */
export function addressOf(choices: Choices): string {
  const sorted = [...choices].sort(([a], [b]) => formOrder.indexOf(a) - formOrder.indexOf(b));
  return `/search/?${new URLSearchParams(sorted)}`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a search page shows: its heading, and its results' addresses in order. */
export async function shown(page: Page) {
  return {
    heading: await page.getByRole('heading', { level: 1 }).innerText(),
    results: await page.locator('.hub-results__item a').evaluateAll((links) => links.map((link) => link.getAttribute('href'))),
  };
}

/** Makes the search as a resident would with JavaScript on: typing the words, ticking boxes and typing the age, one at a time. */
export async function typeSearch(page: Page, origin: string, choices: Choices) {
  await page.goto(`${origin}/search/`);
  const results = page.locator('#search-results');
  const done: Choices = [];
  const step = async (choice: [string, string]) => {
    done.push(choice);
    await expect(results).toHaveAttribute('data-shown-address', addressOf(done));
  };
  for (const [name, value] of choices) {
    if (name === 'q') {
      await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill(value);
    } else if (name === 'age') {
      const age = page.locator('details[data-facet="age"]');
      if ((await age.getAttribute('open')) === null) await age.locator('summary').click();
      await page.getByLabel('Suitable for age').fill(value);
      await page.getByLabel('Suitable for age').press('Enter');
    } else {
      const filter = page.locator(`details[data-facet="${name}"]`);
      if ((await filter.getAttribute('open')) === null) await filter.locator('summary').click();
      await filter.getByRole('checkbox', { name: new RegExp(`^${escape(value)} \\(\\d+\\)$`) }).check();
    }
    await step([name, value]);
  }
  expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(addressOf(choices));
}

/** A search typed, then loaded from its address with and without JavaScript: all three must show the same. */
export async function expectSameEverywhere(page: Page, browser: Browser, origin: string, choices: Choices) {
  await typeSearch(page, origin, choices);
  const typed = await shown(page);
  await expectSameLoaded(page, browser, `${origin}${addressOf(choices)}`, typed);
  return typed;
}

/** The page at an address shows what was typed, loaded with JavaScript and without it. */
export async function expectSameLoaded(page: Page, browser: Browser, address: string, typed: Awaited<ReturnType<typeof shown>>) {
  await page.goto(address);
  expect(await shown(page)).toEqual(typed);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const withoutScript = await context.newPage();
  await withoutScript.goto(address);
  expect(await shown(withoutScript)).toEqual(typed);
  await context.close();
}

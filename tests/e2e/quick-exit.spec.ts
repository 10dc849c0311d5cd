/** A resident on a sensitive listing can leave it quickly, and Back does not bring it back. */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { parse } from 'yaml';

const exitUrl: string = parse(fs.readFileSync('content/settings/site.yaml', 'utf8')).quickExitUrl;
const sensitivePage = '/groups/fenland-safe-steps/';

test.beforeEach(async ({ page }) => {
  // The exit address must not leave this machine during tests.
  await page.route(exitUrl, (route) => route.fulfill({ contentType: 'text/html', body: '<title>Weather</title>' }));
  await page.goto('/');
  await page.goto(sensitivePage);
});

test('a resident on a domestic abuse service’s page sees the Exit this page button', async ({ page }) => {
  await expect(page.getByRole('link', { name: 'Emergency Exit this page' })).toBeVisible();
});

test('the button leaves for the exit address, and Back does not return to the page', async ({ page }) => {
  await page.getByRole('link', { name: 'Emergency Exit this page' }).click();
  await expect(page).toHaveURL(exitUrl);
  await page.goBack();
  await expect(page).toHaveURL('/');
  expect(page.url()).not.toContain(sensitivePage);
});

test('pressing Shift three times also leaves, without a way Back to the page', async ({ page }) => {
  for (let press = 0; press < 3; press++) await page.keyboard.press('Shift');
  await expect(page).toHaveURL(exitUrl);
  await page.goBack();
  await expect(page).toHaveURL('/');
});

test('the pages of sensitive categories have the button too: domestic abuse, crisis support', async ({ page }) => {
  for (const category of ['domestic-abuse', 'crisis-support']) {
    await page.goto(`/categories/${category}/`);
    await expect(page.getByRole('link', { name: 'Emergency Exit this page' })).toBeVisible();
  }
});

test('an ordinary group’s page has no Exit this page button', async ({ page }) => {
  await page.goto('/groups/wisbech-health-walks/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Wisbech Health Walks');
  await expect(page.getByRole('link', { name: /Exit this page/ })).toHaveCount(0);
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the button is a plain link to the exit address', async ({ page }) => {
    await expect(page.getByRole('link', { name: 'Emergency Exit this page' })).toHaveAttribute('href', exitUrl);
  });
});

test.describe('search', () => {
  test('results that include a sensitive listing offer the button, loaded or typed, and Back does not return to them', async ({ page }) => {
    await page.goto('/search/?q=walking');
    const exit = page.getByRole('link', { name: 'Emergency Exit this page' });
    await expect(exit).toBeHidden();
    await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill('domestic abuse');
    await expect(page.locator('#search-results')).toHaveAttribute('data-shown-address', '/search/?q=domestic+abuse');
    await expect(exit).toBeVisible();
    await exit.click();
    await expect(page).toHaveURL(exitUrl);
    // Back goes to the page before the search (the one the tests open first), not to the results.
    await page.goBack();
    await expect(page).toHaveURL(sensitivePage);
  });

  test('the Shift shortcut does nothing while the results are not sensitive', async ({ page }) => {
    await page.goto('/search/?q=walking');
    for (let press = 0; press < 3; press++) await page.keyboard.press('Shift');
    await expect(page).toHaveURL('/search/?q=walking');
  });

  test.describe('with JavaScript off', () => {
    test.use({ javaScriptEnabled: false });

    test('a search for domestic abuse has the button, and one for walking does not', async ({ page }) => {
      await page.goto('/search/?q=domestic+abuse');
      await expect(page.getByRole('link', { name: 'Emergency Exit this page' })).toBeVisible();
      await page.goto('/search/?q=walking');
      await expect(page.getByRole('link', { name: 'Emergency Exit this page' })).toBeHidden();
    });
  });
});

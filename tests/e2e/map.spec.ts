/** The map of groups and places, and the list that says the same without JavaScript. */
import { expect, test } from '@playwright/test';

// No network in tests: tiles fail, which the page must survive.
test.beforeEach(async ({ page }) => {
  await page.route('**/tile.openstreetmap.org/**', (route) => route.abort());
});

test.describe('with JavaScript on', () => {
  test('a resident sees one marker for every group and place with a location', async ({ page }) => {
    await page.goto('/map/');
    await expect(page.getByRole('region', { name: 'Map of groups and places' })).toBeVisible();
    const markers = JSON.parse((await page.locator('#map-data').textContent()) ?? '[]') as unknown[];
    expect(markers.length).toBeGreaterThan(100);
    await expect(page.locator('#map path.leaflet-interactive')).toHaveCount(markers.length);
  });

  test('a resident clicks a marker and follows the link in its popup', async ({ page }) => {
    await page.goto('/map/');
    await page.locator('#map path.leaflet-interactive').first().click({ force: true });
    const link = page.locator('.leaflet-popup-content a');
    await expect(link).toBeVisible();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/(groups|assets)\/[a-z0-9-]+\/$/);
    await link.click();
    await expect(page).toHaveURL(href!);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('a resident is told the list has everything when the map background fails to load', async ({ page }) => {
    await page.goto('/map/');
    await expect(page.getByText('Everything on the map is also in the list below the map')).toBeVisible();
    await expect(page.getByText('The map background could not be loaded.')).toBeVisible();
  });

  test('a keyboard user can tab past the map', async ({ page }) => {
    await page.goto('/map/');
    const map = page.getByRole('region', { name: 'Map of groups and places' });
    await map.focus();
    for (let i = 0; i < 10; i += 1) await page.keyboard.press('Tab');
    // After the zoom buttons and the credits, focus has left the map.
    expect(await map.evaluate((element) => element.contains(document.activeElement))).toBe(false);
  });

  test('the map fits a 320 pixel wide screen without scrolling sideways', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/map/');
    await expect(page.getByRole('region', { name: 'Map of groups and places' })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a resident sees no map but finds Wisbech Library listed under Wisbech', async ({ page }) => {
    await page.goto('/map/');
    await expect(page.getByRole('region', { name: 'Map of groups and places' })).toBeHidden();
    const wisbech = page.getByRole('region', { name: 'Wisbech', exact: true });
    await expect(wisbech.getByRole('link', { name: 'Wisbech Library', exact: true })).toBeVisible();
    await expect(wisbech).toContainText('Wisbech Library (Institutions)');
  });

  test('a resident goes from their village to its part of the map page', async ({ page }) => {
    await page.goto('/areas/manea/');
    await page.getByRole('link', { name: 'See groups and places in Manea on a map' }).click();
    await expect(page).toHaveURL('/map/#area-manea');
    await expect(page.getByRole('heading', { name: 'Manea', exact: true })).toBeInViewport();
  });
});

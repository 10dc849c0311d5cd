/** The map of groups and places, its markers file, and the towns and villages that list the same without JavaScript. */
import { expect, type Page, test } from '@playwright/test';
import type { MarkersFile } from '../../src/components/map-marker';
import { expectAxeClean } from './accessibility';

// No network in tests: tiles fail, which the page must survive.
test.beforeEach(async ({ page }) => {
  await page.route('**/tile.openstreetmap.org/**', (route) => route.abort());
});

const mapRegion = (page: Page) => page.getByRole('region', { name: 'Map of groups and places' });
/** Places in the clusters and single places the map draws now. */
async function placesDrawn(page: Page): Promise<{ clusters: number; singles: number; inClusters: number }> {
  const counts = await page.locator('#map .hub-map__cluster').evaluateAll((clusters) => clusters.map((cluster) => Number.parseInt(cluster.textContent ?? '', 10)));
  return { clusters: counts.length, singles: await page.locator('#map .hub-map__place').count(), inClusters: counts.reduce((sum, count) => sum + count, 0) };
}

test('the markers file lists every group and place on the map, in few bytes a place', async ({ request }) => {
  const response = await request.get('/map/markers.json');
  expect(response.headers()['content-type']).toContain('application/json');
  const { types, areas, places } = (await response.json()) as MarkersFile;
  expect(places.length).toBeGreaterThan(100);
  expect(types).toContain('Group or service');
  const library = places.find(([name]) => name === 'Wisbech Library');
  expect(library?.[1]).toBe('/assets/wisbech-library/');
  expect(types[library![4]]).toBe('Institutions');
  expect(areas[library![5]]).toBe('wisbech');
});

test.describe('with JavaScript on', () => {
  test('a resident finds the map from the menu and the home page', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: 'See every group and place on a map' }).click();
    await expect(page).toHaveURL('/map/');
    const menu = page.getByRole('navigation', { name: 'Menu' });
    await expect(menu.getByRole('link', { name: 'Map' })).toHaveAttribute('aria-current', 'page');
    await page.goto('/stories/');
    await menu.getByRole('link', { name: 'Map' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Map of groups and places');
  });

  test('the page loads its markers from the file and clusters them, every place counted once', async ({ page }) => {
    const markersFile = page.waitForResponse((response) => new URL(response.url()).pathname === '/map/markers.json');
    const html = await (await page.goto('/map/'))!.text();
    const { places } = (await (await markersFile).json()) as MarkersFile;
    // The page as sent carries no markers.
    expect(html).not.toContain('Wisbech Library');
    await expect(mapRegion(page)).toHaveAttribute('data-loaded', String(places.length));
    await expect(page.getByText(`The map shows ${places.length} groups and places.`)).toBeVisible();
    // The whole of the directory is in view, so the clusters and the places drawn alone add up to every place.
    const drawn = await placesDrawn(page);
    expect(drawn.clusters).toBeGreaterThan(0);
    expect(drawn.clusters + drawn.singles).toBeLessThan(places.length / 2);
    expect(drawn.inClusters + drawn.singles).toBe(places.length);
    await expectAxeClean(page);
  });

  test('a keyboard user opens a cluster, then a place, and follows its link', async ({ page }) => {
    await page.goto('/map/');
    await expect(mapRegion(page)).toHaveAttribute('data-loaded', /\d+/);
    const cluster = page.locator('#map .hub-map__cluster').first();
    await expect(cluster).toHaveAccessibleName(/^\d+\s+groups and places here, zoom in to see them$/);
    const before = await placesDrawn(page);
    await cluster.focus();
    await page.keyboard.press('Enter');
    // Zoomed in: fewer places in each cluster, more drawn apart.
    await expect.poll(async () => (await placesDrawn(page)).singles).toBeGreaterThan(before.singles);
    const place = page.locator('#map .hub-map__place').first();
    const name = (await place.getAttribute('title'))!;
    await expect(place).toHaveAccessibleName(name);
    await place.focus();
    await page.keyboard.press('Enter');
    const link = page.locator('.leaflet-popup-content a');
    await expect(link).toBeFocused();
    await expectAxeClean(page);
    const href = (await link.getAttribute('href'))!;
    expect(href).toMatch(/^\/(groups|assets)\/[a-z0-9-]+\/$/);
    expect(name.startsWith(`${await link.textContent()} (`)).toBe(true);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(href);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('a resident clicks a place and follows the link in its popup', async ({ page }) => {
    await page.goto('/map/?area=manea');
    await expect(page.getByText(/The map shows Manea, where there are \d+ groups and places on the map\./)).toBeVisible();
    await page.locator('#map .hub-map__place').first().click();
    const link = page.locator('.leaflet-popup-content a');
    const href = (await link.getAttribute('href'))!;
    await link.click();
    await expect(page).toHaveURL(href);
  });

  test('a resident goes from their village to the map, opened on that village', async ({ page }) => {
    await page.goto('/areas/manea/');
    await page.getByRole('link', { name: 'See groups and places in Manea on a map' }).click();
    await expect(page).toHaveURL('/map/?area=manea');
    await expect(page.getByText(/The map shows Manea/)).toBeVisible();
  });

  test('a resident is told the towns and villages list everything when the map background fails to load', async ({ page }) => {
    await page.goto('/map/');
    await expect(page.getByText('Everything on the map is also listed on the pages of the towns and villages below the map.')).toBeVisible();
    await expect(page.getByText('The map background could not be loaded.')).toBeVisible();
    await expect(page.getByText('The map needs JavaScript')).toBeHidden();
  });

  test('a resident is told where to find everything when the markers cannot be loaded', async ({ page }) => {
    await page.route('**/map/markers.json*', (route) => route.abort());
    await page.goto('/map/');
    await expect(page.getByText('The groups and places could not be loaded onto the map.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Wisbech', exact: true })).toBeVisible();
  });

  test('when the page’s scripts fail to load, the page says the map needs them and points to the towns and villages', async ({ page }) => {
    await page.route('**/_astro/*.js', (route) => route.abort());
    await page.goto('/map/');
    await expect(page.getByText('The map needs JavaScript')).toBeVisible();
    await expect(mapRegion(page)).toBeHidden();
    await expectAxeClean(page);
  });

  test('a keyboard user can skip the map, and tabbing through it comes out the other side', async ({ page }) => {
    await page.goto('/map/');
    await expect(mapRegion(page)).toHaveAttribute('data-loaded', /\d+/);
    await page.getByRole('link', { name: 'Go to the list' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#map-list$/);
    const map = mapRegion(page);
    await map.focus();
    const stops = (await page.locator('#map [tabindex="0"], #map a[href]').count()) + 2;
    for (let i = 0; i < stops; i += 1) await page.keyboard.press('Tab');
    expect(await map.evaluate((element) => element.contains(document.activeElement))).toBe(false);
  });

  test('the map fits a 320 pixel wide screen without scrolling sideways', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await page.goto('/map/');
    await expect(mapRegion(page)).toHaveAttribute('data-loaded', /\d+/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('a resident sees no map, is told why, and reaches Wisbech Library through Wisbech', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Map' }).click();
    await expect(mapRegion(page)).toBeHidden();
    await expect(page.getByText('The map needs JavaScript')).toBeVisible();
    await page.getByRole('link', { name: 'Wisbech', exact: true }).click();
    await expect(page).toHaveURL('/areas/wisbech/');
    await expect(page.getByRole('link', { name: 'Wisbech Library', exact: true })).toBeVisible();
  });

  test('every place on the map is on the page of a town or village the map page links to', async ({ page, request }) => {
    // Every town's and village's pages, one after another.
    test.setTimeout(120_000);
    const { places } = (await (await request.get('/map/markers.json')).json()) as MarkersFile;
    await page.goto('/map/');
    const areaPages = await page.locator('#map-list ~ ul a').evaluateAll((links) => links.map((link) => link.getAttribute('href')!));
    expect(areaPages.length).toBeGreaterThan(10);
    const reachable = new Set<string>();
    for (const first of areaPages) {
      for (let next: string | null = first; next; ) {
        await page.goto(next);
        for (const href of await page.getByRole('main').locator('a[href^="/groups/"], a[href^="/assets/"]').evaluateAll((links) => links.map((link) => link.getAttribute('href')!))) reachable.add(href);
        const nextPage = page.locator('a[rel="next"]');
        next = (await nextPage.count()) > 0 ? await nextPage.getAttribute('href') : null;
      }
    }
    expect(places.map(([, href]) => href).filter((href) => !reachable.has(href))).toEqual([]);
  });

  test('a village page offers no map link that could not work', async ({ page }) => {
    await page.goto('/areas/manea/');
    await expect(page.getByRole('link', { name: 'See groups and places in Manea on a map' })).toBeHidden();
  });
});

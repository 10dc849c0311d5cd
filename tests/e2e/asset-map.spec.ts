/**
 * The asset map the README promises: what communities already have, in the six building blocks of
 * Asset Based Community Development, each block listing exactly its assets.
 */
import { expect, type Page, test } from '@playwright/test';
import { readContent } from '../../src/content-model/read';
import { assetSchema } from '../../src/schemas/asset';

const assets = readContent('content').entries.filter((entry) => entry.collection === 'assets').map((entry) => ({ id: entry.id, data: assetSchema.parse(entry.data) }));

/** The assets a list shows, over all its pages (following Next). */
async function listed(page: Page): Promise<string[]> {
  const hrefs: string[] = [];
  for (;;) {
    hrefs.push(...(await page.locator('main ul.hub-results a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))));
    const next = page.locator('main a[rel="next"]');
    if ((await next.count()) === 0) return hrefs.sort();
    await next.click();
  }
}

test('a resident browses the asset map by the six building blocks, and each lists exactly its own assets', async ({ page }) => {
  await page.goto('/assets/');
  const blocks = page.getByRole('heading', { name: 'By building block' }).locator('xpath=following-sibling::ul[1]//a');
  await expect(blocks).toHaveText([
    'Skills of local residents',
    'Local associations',
    'Institutions',
    'Physical and social environment',
    'Economic resources',
    'Shared stories, culture and heritage',
  ]);
  const links = await blocks.evaluateAll((found) => found.map((a) => ({ name: a.textContent ?? '', href: a.getAttribute('href') ?? '' })));
  for (const { name, href } of links) {
    const block = /\/assets\/blocks\/([a-z]+)\/$/.exec(href)?.[1];
    const expected = assets.filter((asset) => asset.data.block === block).map((asset) => `/assets/${asset.id}/`).sort();
    expect(expected.length, name).toBeGreaterThan(0);
    await page.goto(href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    expect(await listed(page), name).toEqual(expected);
  }
});

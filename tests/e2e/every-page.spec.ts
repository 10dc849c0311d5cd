/**
 * Every page of the site, public and staff, is checked for accessibility (axe, WCAG 2.2 AA),
 * valid HTML (html-validate) and anything the Content-Security-Policy blocked. New pages are picked
 * up from the build automatically.
 *
 * Built pages are validated straight from their files in dist/, without a browser; the browser
 * visits every page for axe, a batch of pages to one page object, so the crawl pays for a browser
 * context a batch rather than a page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAxeClean, expectValidHtml } from './accessibility';
import { builtPages, client, onDemandPages } from './pages';

const built = builtPages();
const pages = [...built, ...onDemandPages];
// Enough batches to keep both workers busy to the end, few enough that each reuses its page for a while.
const batches = 12;

test('the crawl covers the whole site', () => {
  expect(pages.length).toBeGreaterThan(150);
  for (const section of ['/', '/groups/', '/assets/', '/areas/', '/funds/', '/stories/', '/about/', '/contact/', '/accessibility-statement/', '/privacy-notice/']) {
    expect(pages).toContain(section);
  }
});

test('every built page is valid HTML, read from its file in the build', async () => {
  for (const url of [...built, '/404']) {
    const file = path.join(client, url === '/404' ? '404.html' : url.endsWith('/') ? `${url}index.html` : url);
    await expectValidHtml(fs.readFileSync(file, 'utf8'), url);
  }
});

for (let batch = 0; batch < batches; batch++) {
  const urls = pages.filter((_url, index) => index % batches === batch);
  test(`pages ${batch + 1} of ${batches} (${urls[0]} …) have no accessibility violations and nothing blocked by their security policy; those rendered on demand have valid HTML`, async ({ page }) => {
    test.setTimeout(30_000 + urls.length * 15_000);
    let blocked: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) blocked.push(message.text());
    });
    for (const url of urls) {
      await test.step(url, async () => {
        blocked = [];
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(url.includes('does-not-exist') ? 404 : 200);
        await expectAxeClean(page);
        if (onDemandPages.includes(url)) await expectValidHtml(await response!.text(), url);
        expect(blocked, url).toEqual([]);
      });
    }
  });
}

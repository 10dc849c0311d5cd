/**
 * Every page of the site, public and staff, is checked for accessibility (axe, WCAG 2.2 AA),
 * valid HTML (html-validate) and anything the Content-Security-Policy blocked. New pages are picked
 * up from the build automatically.
 *
 * The browser visits every page for axe, a batch of pages to one page object, so the crawl pays for a
 * browser context a batch rather than a page; each built page's HTML is validated from its file in
 * dist/ in the same batch, so the work is shared by the workers.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectAxeClean, expectValidHtml } from './accessibility';
import { builtPages, client, onDemandPages } from './pages';

const built = builtPages();
const pages = [...built, ...onDemandPages];
// Enough batches to keep the workers busy to the end, few enough that each reuses its page for a while.
const batches = 12;

test('the crawl covers the whole site', () => {
  expect(pages.length).toBeGreaterThan(150);
  for (const section of ['/', '/groups/', '/assets/', '/areas/', '/funds/', '/stories/', '/about/', '/contact/', '/accessibility-statement/', '/privacy-notice/']) {
    expect(pages).toContain(section);
  }
});

/** A built page's file in the build (the not-found page is the server's answer to any unknown address). */
const builtFile = (url: string) => path.join(client, url.endsWith('/') ? `${url}index.html` : url);

for (let batch = 0; batch < batches; batch++) {
  const urls = pages.filter((_url, index) => index % batches === batch);
  test(`pages ${batch + 1} of ${batches} (${urls[0]} …) have no accessibility violations, nothing blocked by their security policy and valid HTML`, async ({ page }) => {
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
        // A built page is validated from its file, a page rendered on demand as it was served.
        await expectValidHtml(onDemandPages.includes(url) ? await response!.text() : fs.readFileSync(builtFile(url), 'utf8'), url);
        expect(blocked, url).toEqual([]);
      });
    }
  });
}

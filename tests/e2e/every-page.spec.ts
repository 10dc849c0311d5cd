/**
 * Every page of the site, public and staff, is checked for accessibility (axe, WCAG 2.2 AA),
 * valid HTML (html-validate) and anything the Content-Security-Policy blocked. New pages are picked
 * up from the build automatically.
 */
import { expect, test } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { builtPages, onDemandPages } from './pages';

const pages = [...builtPages(), ...onDemandPages];

test('the crawl covers the whole site', () => {
  expect(pages.length).toBeGreaterThan(150);
  for (const section of ['/', '/groups/', '/assets/', '/areas/', '/funds/', '/stories/', '/about/', '/contact/', '/accessibility-statement/', '/privacy-notice/']) {
    expect(pages).toContain(section);
  }
});

for (const url of pages) {
  test(`${url} has no accessibility violations, valid HTML and nothing blocked by its security policy`, async ({ page }) => {
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && message.text().includes('Content Security Policy')) blocked.push(message.text());
    });
    const response = await page.goto(url);
    expect(response?.status()).toBe(url.includes('does-not-exist') ? 404 : 200);

    await expectAccessible(page, await response!.text());
    expect(blocked).toEqual([]);
  });
}

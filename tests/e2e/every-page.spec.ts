/**
 * Every page of the site, public and staff, is checked for accessibility (axe, WCAG 2.2 AA)
 * and valid HTML (html-validate). New pages are picked up from the build automatically.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { HtmlValidate } from 'html-validate';
import { builtPages, onDemandPages } from './pages';

// The project's rules, loaded once (the file is also what editors and the CLI read).
const validator = new HtmlValidate(JSON.parse(fs.readFileSync('.htmlvalidate.json', 'utf8')));
const pages = [...builtPages(), ...onDemandPages];

test('the crawl covers the whole site', () => {
  expect(pages.length).toBeGreaterThan(150);
  for (const section of ['/', '/groups/', '/assets/', '/areas/', '/funds/', '/stories/', '/about/', '/contact/', '/accessibility-statement/', '/privacy-notice/']) {
    expect(pages).toContain(section);
  }
});

for (const url of pages) {
  test(`${url} has no accessibility violations and valid HTML`, async ({ page }) => {
    const response = await page.goto(url);
    expect(response?.status()).toBe(url.includes('does-not-exist') ? 404 : 200);

    const axe = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
      .options({ resultTypes: ['violations'] })
      .analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);

    const report = await validator.validateString(await response!.text());
    const errors = report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
    expect(errors).toEqual([]);
  });
}

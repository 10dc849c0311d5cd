/** The two checks every page must pass: axe (WCAG 2.2 AA) on the page as shown, and html-validate on its HTML. */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { HtmlValidate } from 'html-validate';

// The project's rules, loaded once (the file is also what editors and the CLI read).
const validator = new HtmlValidate(JSON.parse(fs.readFileSync('.htmlvalidate.json', 'utf8')));

/** Checks the page in the browser with axe and `html` (the page as served) with html-validate. */
export async function expectAccessible(page: Page, html: string): Promise<void> {
  await expectAxeClean(page);
  await expectValidHtml(html);
}

/**
 * Axe (WCAG 2.2 AA) on the page as shown. Legacy mode runs axe in the page itself: by default
 * @axe-core/playwright opens a blank page for every analysis to finish it in, which cost more than the
 * analysis (580 against 250 ms a page, the same violations and passes, on 28 pages of the crawl). What it
 * gives up is testing cross-origin frames, and the site has none.
 */
export async function expectAxeClean(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), page.url()).toEqual([]);
}

/** html-validate on a page's HTML; `name` says which page in a failure. */
export async function expectValidHtml(html: string, name?: string): Promise<void> {
  const report = await validator.validateString(html);
  const errors = report.results.flatMap((result) => result.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`));
  expect(errors, name).toEqual([]);
}

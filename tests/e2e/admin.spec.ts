/**
 * /admin: our page around Decap CMS. Its own content (shown without JavaScript) passes axe and
 * html-validate like every page; the CMS starts from this site alone, and no other page loads it.
 */
import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './accessibility';
import { client } from './pages';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the content editor page says it needs JavaScript', async ({ page }) => {
    await page.goto('/admin/');
    await expect(page.getByRole('heading', { level: 1, name: /Content editor/ })).toBeVisible();
    await expect(page.getByRole('main')).toContainText('The content editor needs JavaScript');
  });
});

test('when the CMS cannot load, our page says so, and passes axe and html-validate', async ({ page }) => {
  await page.route('**/admin/decap/decap-cms.js', (route) => route.abort());
  const response = await page.goto('/admin/');
  await expect(page.getByRole('main')).toContainText('The content editor could not load');
  await expectAccessible(page, await response!.text());
});

test('the CMS starts with nothing fetched from outside the site and no console errors', async ({ page }) => {
  const errors: string[] = [];
  const outside: string[] = [];
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(error.message));
  const site = new URL(test.info().project.use.baseURL!).host;
  page.on('request', (request) => new URL(request.url()).host !== site && outside.push(request.url()));
  await page.goto('/admin/');
  // The production build talks to the git host (GitHub unless CMS_BACKEND says otherwise): its sign-in screen.
  await expect(page.getByRole('button', { name: /Login with/ })).toBeVisible({ timeout: 60_000 });
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);

  // Decap's own screen is not ours to fix; record what axe finds there rather than hide it.
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  test.info().annotations.push({ type: 'Decap sign-in screen, axe', description: axe.violations.map((v) => v.id).join(', ') || 'none' });
});

test('only the admin page loads the CMS bundle', () => {
  const pages = fs.readdirSync(client, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html') && !file.startsWith('admin'));
  expect(pages.length).toBeGreaterThan(100);
  for (const file of pages) expect(fs.readFileSync(`${client}/${file}`, 'utf8'), file).not.toContain('decap');
  const scripts = fs.readdirSync(`${client}/_astro`).filter((file) => file.endsWith('.js'));
  const withDecap = scripts.filter((file) => fs.readFileSync(`${client}/_astro/${file}`, 'utf8').includes('/admin/decap/decap-cms.js'));
  // The one script that loads Decap is the admin page's own.
  expect(withDecap).toHaveLength(1);
  expect(fs.readFileSync(`${client}/admin/index.html`, 'utf8')).toContain(withDecap[0]);
});

/**
 * The site's addresses: a page rendered on demand links to the address it was opened at, and a
 * server started for other machines without SITE_URL says, once, what will point at localhost.
 * The server here is reached at 127.0.0.1, not the localhost the build was made for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { builtSite } from '../../server/public-address.mjs';
import { dist, type ServerProcess, startServer } from './own-server';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

let server: ServerProcess;
test.beforeAll(async () => {
  server = await startServer({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-address-')), NODE_ENV: 'production', SITE_URL: '' });
});
test.afterAll(async () => {
  await server?.stop();
});

test('a resident who opened the site at 127.0.0.1 is given a shortlist link to 127.0.0.1', async ({ page }) => {
  const shortlist = '/shortlist/?items=groups/wisbech-health-walks,assets/march-library';
  await page.goto(`${server.origin}${shortlist}`);
  await expect(page.getByRole('textbox', { name: 'Link to this shortlist' })).toHaveValue(`${server.origin}${shortlist}`);
});

test('the same page keeps its canonical link at the public address', async ({ page }) => {
  await page.goto(`${server.origin}/shortlist/`);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${builtSite(dist)}/shortlist/`);
});

test('a server started for production with a build made without SITE_URL warns once, saying what will be wrong and how to set it', () => {
  test.skip(!/^https?:\/\/(localhost|127\.)/.test(builtSite(dist) ?? ''), 'the build under test has a public SITE_URL');
  const warnings = server.output().split('\n').filter((line) => line.startsWith("The site's public address (SITE_URL) is"));
  expect(warnings).toEqual([`The site's public address (SITE_URL) is ${builtSite(dist)}, but NODE_ENV is production, so people will reach it at another address.`]);
  for (const wrong of ['Links in emails', 'news feed', 'funding calendar file', 'canonical links', 'sitemap']) expect(server.output()).toContain(wrong);
  expect(server.output()).toContain('SITE_URL=https://hub.example.org npm run build');
});

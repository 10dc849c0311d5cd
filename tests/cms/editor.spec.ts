/**
 * An editor works through the CMS at /admin, as on their own machine with `npm run cms`:
 * what they publish lands in content/ as a commit and passes the same checks as hand-written content.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'yaml';
import { checkContent, formatProblem } from '../../src/content-model/check';
import { fundSchema } from '../../src/schemas/fund';
import { fundStatus } from '../../src/rules/fund-status';

const repo = process.env.CMS_E2E_REPO!;
const content = path.join(repo, 'content');
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// A real 1×1 PNG, so the media library can show it.
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

function frontMatter(file: string): Record<string, unknown> {
  const text = fs.readFileSync(file, 'utf8');
  return parse(/^---\n([\s\S]*?)\n---/.exec(text)![1]);
}

/** Logs in, and counts the times the CMS page loads from then on. */
async function logIn(page: Page): Promise<() => number> {
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto('/admin/');
  // The first visit compiles the page and loads Decap's 5 MB bundle: slow on a busy machine.
  await page.getByRole('button', { name: 'Login' }).click({ timeout: 90_000 });
  await expect(page.getByRole('link', { name: /Groups/ }).first()).toBeVisible();
  return () => loads;
}

/** Picks an option in one of Decap's searchable drop-downs (relation and select widgets). */
async function choose(page: Page, label: string, option: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await box.pressSequentially(option.slice(0, 5));
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('an editor creates a group with an area, a category and an image, and publishes it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && errors.push(message.text()));
  // Decap asks "Are you sure you want to publish this entry?" with the browser's own dialog.
  page.on('dialog', (dialog) => dialog.accept());
  const failed: string[] = [];
  page.on('response', (response) => response.status() >= 400 && failed.push(new URL(response.url()).pathname));

  const loads = await logIn(page);
  await page.goto('/admin/#/collections/groups/new');

  await page.getByLabel('Name', { exact: true }).fill('Manea Knit and Natter');
  await page.getByLabel('Summary', { exact: true }).fill('A friendly knitting and crochet group for all abilities, with tea and biscuits.');

  await page.getByRole('button', { name: 'Choose an image' }).click();
  await page.locator('input[type="file"]').setInputFiles({ name: 'knitting.png', mimeType: 'image/png', buffer: png });
  await page.getByRole('button', { name: /Choose selected/i }).click();
  await page.getByLabel(/^Alternative text/).fill('Balls of wool and knitting needles on a table');

  await choose(page, 'Categories', 'Arts and crafts');
  await choose(page, 'Areas', 'Manea');
  await page.getByLabel('Email (optional)', { exact: true }).fill('knit.manea@example.org');
  await page.getByLabel('Last reviewed', { exact: true }).fill('2026-11-20');
  await page.locator('[data-slate-editor="true"]').click();
  await page.keyboard.type('We meet in the village hall. Bring a project or learn from scratch: we have spare needles and wool.');

  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Changes saved'), errors.join('\n')).toBeVisible();
  // A draft is a branch of its own: nothing has reached the main branch yet.
  const file = 'content/groups/manea-knit-and-natter.md';
  expect(git('branch', '--list', 'cms/*')).toContain('cms/groups/manea-knit-and-natter');
  expect(() => git('cat-file', '-e', `main:${file}`)).toThrow();

  await page.getByRole('button', { name: 'Status: Draft' }).click();
  await page.getByRole('menuitem', { name: 'Ready' }).click();
  await expect(page.getByRole('button', { name: 'Status: Ready' })).toBeVisible();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
  await expect(page.getByText(/Entry published/i)).toBeVisible();

  // decap-server checks branches out while it works; wait until it is back on main.
  await expect.poll(() => git('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
  const data = frontMatter(path.join(repo, file));
  expect(data).toMatchObject({ name: 'Manea Knit and Natter', areas: ['manea'], categories: ['arts-and-crafts'], image: { src: '/uploads/knitting.png', alt: 'Balls of wool and knitting needles on a table' } });
  expect(fs.existsSync(path.join(repo, 'public', 'uploads', 'knitting.png'))).toBe(true);
  expect(checkContent(content).problems.map(formatProblem)).toEqual([]);
  expect(git('log', '--format=%s', 'main')).toMatch(/manea-knit-and-natter/);
  expect(git('branch', '--list', 'cms/*')).toBe('');
  expect(errors).toEqual([]);
  // decap-server changed content/ under the dev server many times, and the page was never reloaded under the editor.
  expect(loads()).toBe(1);
  // The only failed requests are Decap's own: the image before it is saved (it lives in the browser
  // until then) and decap-server answering "no draft yet" for a new entry.
  expect(failed.filter((url) => url !== '/uploads/knitting.png' && url !== '/api/v1')).toEqual([]);
});

test("an editor moves a fund's closing date to yesterday, and once published the fund is closed", async ({ page }) => {
  const file = 'content/funds/healthy-fenland-fund.md';
  const today = new Date(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const yesterday = new Date(today.getTime() - 86_400_000).toISOString().slice(0, 10);
  const statusOf = () => fundStatus(fundSchema.parse(frontMatter(path.join(repo, file))), today);
  expect(statusOf()).not.toBe('closed');

  page.on('dialog', (dialog) => dialog.accept());
  const loads = await logIn(page);
  await page.goto('/admin/#/collections/funds/entries/healthy-fenland-fund');
  // Opening day first, so the new closing day is never before it.
  await page.getByLabel(/^Opens/).fill('2026-01-01');
  await page.getByLabel(/^Closes/).fill(yesterday);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Changes saved')).toBeVisible();
  // Saving an existing entry reloads it as a draft, which can close a menu opened too early.
  await expect(async () => {
    await page.getByRole('button', { name: 'Status: Draft' }).click();
    await page.getByRole('menuitem', { name: 'Ready' }).click({ timeout: 2_000 });
  }).toPass();
  await expect(page.getByRole('button', { name: 'Status: Ready' })).toBeVisible();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
  await expect(page.getByText(/Entry published/i)).toBeVisible();

  await expect.poll(() => git('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
  expect(frontMatter(path.join(repo, file)).closes).toBe(yesterday);
  expect(statusOf()).toBe('closed');
  expect(checkContent(content).problems.map(formatProblem)).toEqual([]);
  expect(loads()).toBe(1);
});

/**
 * An editor works through the CMS at /admin, as on their own machine with `npm run cms`:
 * what they publish lands in content/ as a commit, passes the same checks as hand-written content,
 * and a draft reaches nobody. Each test stands on its own: none reads what another published.
 * (That what they publish reaches residents, live and in search, is tests/cms/content-loop.spec.ts.)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { parse } from 'yaml';
import { checkContent, formatProblem } from '../../src/content-model/check';
import { fundSchema } from '../../src/schemas/fund';
import { isoDay, ukToday } from '../../src/rules/dates';
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

/** Logs in (checking the login screen with axe when asked), and counts the times the CMS page loads from then on. */
async function logIn(page: Page, { scanLoginScreen = false } = {}): Promise<() => number> {
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto('/admin/');
  // The first visit compiles the page and loads Decap's 5 MB bundle: slow on a busy machine.
  await page.getByRole('button', { name: 'Login' }).waitFor({ timeout: 90_000 });
  if (scanLoginScreen) await expectOnlyDecapsOwnProblems(page);
  await page.getByRole('button', { name: 'Login' }).click();
  await expect(page.getByRole('link', { name: /Groups/ }).first()).toBeVisible();
  return () => loads;
}

/**
 * What axe (WCAG 2.2 AA) still finds in Decap's own interface, which we cannot change from the config:
 * its grey text and badges below 4.5:1 (anywhere in its theme), and, only on the parts named here,
 * its Markdown editor (an unnamed text box, a mode switch without a name or state, menus that are a
 * button in a button) and its unnamed preview frame. Anything else, such as a generated field
 * without a label, fails the test.
 */
const decapsOwnProblems: Record<string, (html: string) => boolean> = {
  'color-contrast': () => true,
  'aria-input-field-name': (html) => html.includes('data-slate-editor="true"'),
  'aria-required-attr': (html) => /^<button [^>]*role="switch"/.test(html),
  'button-name': (html) => /^<button [^>]*role="switch"/.test(html),
  'nested-interactive': (html) => /^<span role="button" tabindex="0" aria-haspopup="true"/.test(html),
  'frame-title': (html) => html.startsWith('<iframe id="preview-pane"'),
};

async function expectOnlyDecapsOwnProblems(page: Page) {
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const ours = axe.violations.flatMap((violation) =>
    violation.nodes.filter((node) => !decapsOwnProblems[violation.id]?.(node.html)).map((node) => `${violation.id}: ${violation.help} (${node.target.join(' ')})`));
  expect(ours).toEqual([]);
}

/** Moves the open entry's status on (Draft → In review → Ready) with Decap's status menu. */
async function setStatus(page: Page, from: string, to: string) {
  // Saving an entry reloads it as a draft, which can close a menu opened too early.
  await expect(async () => {
    await page.getByRole('button', { name: `Status: ${from}` }).click();
    await page.getByRole('menuitem', { name: to }).click({ timeout: 2_000 });
  }).toPass();
  await expect(page.getByRole('button', { name: `Status: ${to}` })).toBeVisible();
}

/** Whether the main branch, which the site is built from, holds the file. */
const published = (file: string) => {
  try {
    git('cat-file', '-e', `main:${file}`);
    return true;
  } catch {
    return false;
  }
};

/** Picks an option in one of Decap's searchable drop-downs (relation and select widgets). */
async function choose(page: Page, label: string, option: string) {
  const box = page.getByLabel(label, { exact: true });
  await box.click();
  await box.pressSequentially(option.slice(0, 5));
  await page.getByRole('option', { name: option, exact: true }).click();
}

test("an editor creates a group with an area, a category and an image, and publishes it; the CMS screens add no accessibility problem to Decap's own", async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && errors.push(message.text()));
  // Decap asks "Are you sure you want to publish this entry?" with the browser's own dialog.
  page.on('dialog', (dialog) => dialog.accept());
  const failed: string[] = [];
  page.on('response', (response) => response.status() >= 400 && failed.push(new URL(response.url()).pathname));

  const loads = await logIn(page, { scanLoginScreen: true });
  await expectOnlyDecapsOwnProblems(page);
  await page.goto('/admin/#/collections/groups/new');
  await expect(page.getByLabel('Name', { exact: true })).toBeVisible();
  await expectOnlyDecapsOwnProblems(page);

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
  expect(published(file)).toBe(false);

  await setStatus(page, 'Draft', 'Ready');
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
  expect(git('branch', '--list', 'cms/groups/manea-knit-and-natter')).toBe('');
  expect(errors).toEqual([]);
  // decap-server changed content/ under the dev server many times, and the page was never reloaded under the editor.
  expect(loads()).toBe(1);
  // The only failed requests are Decap's own: the image before it is saved (it lives in the browser
  // until then) and decap-server answering "no draft yet" for a new entry.
  expect(failed.filter((url) => url !== '/uploads/knitting.png' && url !== '/api/v1')).toEqual([]);
});

test("an editor moves a fund's closing date to yesterday, and once published the fund is closed", async ({ page }) => {
  // The sandbox's copy of this fund is open on the tests' day, whatever the day (playwright.cms.config.ts).
  const file = 'content/funds/healthy-fenland-fund.md';
  const today = ukToday();
  const yesterday = isoDay(new Date(today.getTime() - 86_400_000));
  const statusOf = () => fundStatus(fundSchema.parse(frontMatter(path.join(repo, file))), today);
  expect(statusOf()).not.toBe('closed');

  page.on('dialog', (dialog) => dialog.accept());
  const loads = await logIn(page);
  await page.goto('/admin/#/collections/funds/entries/healthy-fenland-fund');
  // Opening day first, so the new closing day is never before it.
  await page.getByLabel(/^Opens/).fill(isoDay(new Date(today.getTime() - 30 * 86_400_000)));
  await page.getByLabel(/^Closes/).fill(yesterday);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Changes saved')).toBeVisible();
  await setStatus(page, 'Draft', 'Ready');
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
  await expect(page.getByText(/Entry published/i)).toBeVisible();

  await expect.poll(() => git('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
  expect(frontMatter(path.join(repo, file)).closes).toBe(yesterday);
  expect(statusOf()).toBe('closed');
  expect(checkContent(content).problems.map(formatProblem)).toEqual([]);
  expect(loads()).toBe(1);
});

test('the CMS refuses to save a fund that closes before it opens, with the message on the field, and the local CMS keeps working', async ({ page }) => {
  // Leaving the unsaved entry asks first.
  page.on('dialog', (dialog) => dialog.accept());
  const loads = await logIn(page);
  await page.goto('/admin/#/collections/funds/entries/active-together');
  const closes = String(frontMatter(path.join(content, 'funds', 'active-together.md')).closes);
  const dayAfter = isoDay(new Date(new Date(`${closes}T00:00:00Z`).getTime() + 86_400_000));
  await page.getByLabel(/^Opens/).fill(dayAfter);
  await page.getByRole('button', { name: 'Save' }).click();
  // The schema's own rule, on the field, as `npm run check` words it; and nothing saved, not even a draft.
  await expect(page.getByText('Closes must not be before opens')).toBeVisible();
  await expect(page.getByText('Changes saved')).toHaveCount(0);
  expect(git('branch', '--list', 'cms/funds/active-together').trim()).toBe('');
  // The editor carries on in the same CMS: the list of funds opens, the page never reloaded.
  await page.goto('/admin/#/collections/funds');
  await expect(page.getByRole('link', { name: /Active Together/ }).first()).toBeVisible();
  expect(loads()).toBe(1);
});

test('the CMS stays as it is when the dev server reads an entry caught half-written, as a checkout or a save leaves one for a moment', async ({ page, request }) => {
  // decap-server checks branches out and writes entries in place, so astro dev can read a file while it
  // is still empty; Astro then reports the entry's schema errors and reloads every open page at the next
  // change. The editor's CMS must neither reload nor show the error (the terminal does).
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && !message.text().startsWith('Failed to load resource') && errors.push(message.text()));
  const sent: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => sent.push(String(frame.payload))));
  const loads = await logIn(page);

  const caught = path.join(content, 'groups', 'benwick-allotment-and-garden-society.md');
  const changed = path.join(content, 'groups', 'benwick-coffee-morning.md');
  const [caughtText, changedText] = [fs.readFileSync(caught, 'utf8'), fs.readFileSync(changed, 'utf8')];
  const summary = String(parse(/^---\n([\s\S]*?)\n---/.exec(changedText)![1]).summary);
  /**
   * Gives the other listing a new summary and waits until the dev server serves it, which it does only
   * after taking in the change. Each look that finds the old one writes the change again (a space after
   * it, which YAML drops, makes it a change): once, at load 14, the dev server served the old summary
   * for all of 90 s after a single write (cause not found).
   */
  async function served(words: string) {
    let writes = 0;
    await expect.poll(async () => {
      if ((await (await request.get('/groups/benwick-coffee-morning/')).text()).includes(words)) return true;
      fs.writeFileSync(changed, changedText.replace(summary, words + ' '.repeat(writes++ % 2)));
      return false;
    }, { timeout: 90_000, intervals: [1_000, 2_000, 5_000] }).toBe(true);
  }
  try {
    fs.writeFileSync(caught, '');
    // A change after it, then one after the entry is put right: Astro reloaded the pages at such a change.
    await served('Tea, cake and a chat on Thursday mornings, now with a book swap.');
    fs.writeFileSync(caught, caughtText);
    await served('Tea, cake and a chat on Thursday mornings, and a lift for those who need one.');
  } finally {
    fs.writeFileSync(caught, caughtText);
    fs.writeFileSync(changed, changedText);
  }
  await expect(page.getByRole('link', { name: /Groups/ }).first()).toBeVisible();
  expect(git('status', '--porcelain')).toBe('');
  expect(sent.filter((frame) => /"type":"(full-reload|error)"/.test(frame))).toEqual([]);
  expect(errors).toEqual([]);
  expect(loads()).toBe(1);
});

test('a story written in the CMS is not published while it is a draft, in review or ready, only once it is published', async ({ page }) => {
  const file = 'content/stories/the-manea-wool-swap.mdx';
  page.on('dialog', (dialog) => dialog.accept());
  const loads = await logIn(page);
  await page.goto('/admin/#/collections/stories/new');
  await page.getByLabel('Title', { exact: true }).fill('The Manea wool swap');
  await page.getByLabel('Date', { exact: true }).fill('2026-11-21');
  await page.getByLabel('Author', { exact: true }).fill('Sam, community enabler');
  await page.getByLabel('Summary', { exact: true }).fill('Knitters in Manea swapped spare wool and made blankets for the winter shelter.');
  await choose(page, 'Areas (optional)', 'Manea');
  await page.locator('[data-slate-editor="true"]').click();
  await page.keyboard.type('Twelve knitters brought wool they would never use and went home with wool they would.');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Changes saved')).toBeVisible();

  expect(published(file)).toBe(false);
  await setStatus(page, 'Draft', 'In review');
  expect(published(file)).toBe(false);
  await setStatus(page, 'In review', 'Ready');
  expect(published(file)).toBe(false);
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
  await expect(page.getByText(/Entry published/i)).toBeVisible();

  await expect.poll(() => git('rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('main');
  expect(published(file)).toBe(true);
  expect(frontMatter(path.join(repo, file))).toMatchObject({ title: 'The Manea wool swap', author: 'Sam, community enabler', areas: ['manea'] });
  expect(checkContent(content).problems.map(formatProblem)).toEqual([]);
  expect(loads()).toBe(1);
});

test('an editor who saves while the repository has uncommitted work is told which files, and saves once they are put away', async ({ page }) => {
  const notes = path.join(repo, 'notes.txt');
  await logIn(page);
  await page.goto('/admin/#/collections/stories/new');
  await page.getByLabel('Title', { exact: true }).fill('Doddington litter pick');
  await page.getByLabel('Date', { exact: true }).fill('2026-11-22');
  await page.getByLabel('Author', { exact: true }).fill('Sam, community enabler');
  await page.getByLabel('Summary', { exact: true }).fill('Volunteers filled forty bags along the village lanes.');
  await page.locator('[data-slate-editor="true"]').click();
  await page.keyboard.type('Forty bags in a morning.');
  // Someone's own file in the repository, which decap-server would commit into the story or fail on.
  fs.writeFileSync(notes, 'remember the gloves\n');
  try {
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText(/cannot save while .* has work that is not committed: notes\.txt \(new, not committed\)/)).toBeVisible();
    expect(git('branch', '--list', 'cms/stories/doddington-litter-pick')).toBe('');
  } finally {
    fs.rmSync(notes, { force: true });
  }
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Changes saved')).toBeVisible();
  expect(git('show', '--name-only', '--format=', 'cms/stories/doddington-litter-pick').trim()).toBe('content/stories/doddington-litter-pick.mdx');
});

/**
 * The content loop, whole: residents send a story with a photo, a new listing and a correction
 * through the public forms with JavaScript off; an officer approves each in the staff console; an
 * editor finds each under In review in the CMS as it was sent and publishes it; the live site shows
 * it, and search finds it, with no restart; each sender's email links to their page. All on a real
 * git repository (the CMS suite's), the real CMS, the production server with its publisher and the
 * embedded database.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, type Browser, type Page, test } from '@playwright/test';
import { signIn, staffCommand } from '../e2e/staff-console';
import { publisherDone as publisherFinished, publisherLog as publisherSaid, startServer, type ServerProcess } from '../e2e/own-server';

const repo = process.env.CMS_E2E_REPO!;
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
const officer = 'officer@example.org';
// A real 1×1 PNG.
const photo = { name: 'bulbs.png', mimeType: 'image/png', buffer: Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64') };

let server: ServerProcess;
let dataDir: string;
let releases: string;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-loop-data-'));
  releases = fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-loop-releases-'));
  staffCommand(dataDir, 'add', officer, '--role', 'officer');
  // Approvals open drafts in the CMS's repository, and the publisher follows its main branch.
  server = await startServer({ DATA_DIR: dataDir, CMS_REPO_DIR: repo, PUBLISH_REPO: repo, PUBLISH_BRANCH: 'main', RELEASES_DIR: releases });
  // The server's own build is not of a commit, so the publisher first builds the repository's: a whole
  // build (minutes on a busy machine) that residents' publishes would otherwise queue behind.
  await publisherDone(git('rev-parse', 'main'));
});

test.afterAll(async () => {
  await server?.stop();
  for (const folder of [dataDir, releases]) if (folder) fs.rmSync(folder, { recursive: true, force: true });
});

/** A resident's page with JavaScript off, on the live site. */
async function residentPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: server.origin });
  return context.newPage();
}

async function sent(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Send' }).click();
  return (await page.locator('[data-reference]').textContent())!.trim();
}

/** The officer, signed in to the staff console, with JavaScript off too. */
async function officerPage(browser: Browser): Promise<Page> {
  const page = await residentPage(browser);
  await signIn(page, officer);
  return page;
}

/** The officer approves the item in the moderation queue. */
async function approve(browser: Browser, reference: string): Promise<void> {
  const page = await officerPage(browser);
  await page.goto(`/staff/moderation/${reference}/`);
  await page.getByRole('button', { name: 'Approve and open a CMS draft' }).click();
  await expect(page.getByText('Approved: the draft is in the CMS under In review.')).toBeVisible();
  await page.context().close();
}

/** The editor opens the entry in the CMS, finds it in review as sent, and publishes it. */
async function publishInCms(page: Page, collection: string, slug: string, check: (page: Page) => Promise<void>): Promise<void> {
  // A fresh load of the CMS: moving between entries by address alone can leave the last one's form showing.
  await page.goto('about:blank');
  await page.goto(`/admin/#/collections/${collection}/entries/${slug}`);
  // A reload of the CMS between Publish now and its request would lose the publish (editor.spec.ts checks the same).
  let loads = 0;
  const counted = () => loads++;
  page.on('load', counted);
  await expect(page.getByRole('button', { name: 'Status: In review' })).toBeVisible({ timeout: 30_000 });
  await check(page);
  await expect(async () => {
    await page.getByRole('button', { name: 'Status: In review' }).click();
    await page.getByRole('menuitem', { name: 'Ready' }).click({ timeout: 2_000 });
  }).toPass();
  // As editor.spec.ts's setStatus does: publish only once Decap shows the entry as Ready.
  await expect(page.getByRole('button', { name: 'Status: Ready' })).toBeVisible();
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
  // Published: decap-server merged the draft's branch into main, deleted it, and is back on main.
  // (A failure shows whether the page had reloaded meanwhile.)
  await expect.poll(() => ({ draftBranch: git('branch', '--list', `cms/${collection}/${slug}`), reloads: loads }), { timeout: 60_000 }).toEqual({ draftBranch: '', reloads: 0 });
  await expect.poll(() => git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
  page.off('load', counted);
  expect(loads, 'the CMS page reloaded under the editor').toBe(0);
}

/** The live site's page, once the publisher has switched to the release holding it. */
const publisherLog = () => publisherSaid(server);
const publisherDone = (commit: string) => publisherFinished(server, commit);

async function live(page: Page, url: string, text: string): Promise<void> {
  const response = await page.goto(`${server.origin}${url}`);
  expect(response?.status(), `${url} after the publish:\n${publisherLog()}`).toBe(200);
  await expect(page.getByRole('main')).toContainText(text);
}

test('a story, a new listing and a correction sent by residents are approved, published in the CMS and live without a restart, and each sender is told', async ({ browser, page }) => {
  test.setTimeout(900_000);
  page.on('dialog', (dialog) => dialog.accept());
  const resident = await residentPage(browser);

  await resident.goto('/share-a-story/');
  await resident.getByLabel('Title').fill('Bulb planting on the Brinks');
  await resident.getByLabel('Your story').fill('Twenty neighbours planted two thousand daffodil bulbs along the Brinks on Saturday morning.');
  await resident.getByLabel('Town or village').selectOption({ label: 'Wisbech' });
  await resident.getByLabel('Upload a photo (optional)').setInputFiles(photo);
  await resident.getByLabel(/Describe the photo/).fill('Neighbours planting bulbs beside the river');
  await resident.getByLabel(/I agree to my story/).check();
  await resident.getByLabel('Your name').fill('Jo Example');
  await resident.getByLabel('Email address').fill('jo@example.org');
  const story = await sent(resident);

  await resident.goto('/add-a-listing/');
  await resident.getByLabel('A group, club or service').check();
  await resident.getByLabel('Name', { exact: true }).fill('Elm Repair Cafe');
  await resident.getByLabel('What does it do, and who is it for?').fill('Volunteers mend broken toasters, lamps and clothes for free, over tea and cake.');
  await resident.getByLabel('Town or village').selectOption({ label: 'Elm' });
  await resident.getByLabel('Arts, culture and heritage').check();
  await resident.getByLabel('Phone number').fill('01632 960 777');
  await resident.getByLabel('Your name').fill('Alex Example');
  await resident.getByLabel('Your email address').fill('alex@example.org');
  await resident.getByLabel('The group, service or place agrees to be listed on this website').check();
  const listing = await sent(resident);

  await resident.goto('/groups/chatteris-community-choir/');
  await resident.getByRole('link', { name: 'Suggest a change to this listing' }).click();
  await resident.getByLabel('Name', { exact: true }).check();
  await resident.getByLabel('What should it say?').fill('Chatteris Singers');
  await resident.getByLabel('Email address (optional)').fill('kim@example.org');
  const edit = await sent(resident);

  for (const reference of [story, listing, edit]) await approve(browser, reference);

  // The editor: each is in review with what was sent, photo and alternative text included.
  await page.goto('/admin/');
  await page.getByRole('button', { name: 'Login' }).waitFor({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Login' }).click();
  await page.goto('/admin/#/workflow');
  await expect(page.getByText('Bulb planting on the Brinks')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('Elm Repair Cafe')).toBeVisible();
  await expect(page.getByText('Chatteris Singers')).toBeVisible();

  await publishInCms(page, 'stories', 'bulb-planting-on-the-brinks', async (editor) => {
    await expect(editor.getByLabel('Title', { exact: true })).toHaveValue('Bulb planting on the Brinks');
    await expect(editor.locator('[data-slate-editor="true"]')).toContainText('two thousand daffodil bulbs');
    await expect(editor.getByLabel(/^Alternative text/)).toHaveValue('Neighbours planting bulbs beside the river');
    // The photo itself (the 1×1 PNG sent), read from the draft's branch.
    await expect(editor.getByRole('button', { name: 'Choose different image' })).toBeVisible();
    await expect.poll(() => editor.locator('img').evaluateAll((images) => images.some((image) => (image as HTMLImageElement).naturalWidth === 1))).toBe(true);
  });
  await publishInCms(page, 'groups', 'elm-repair-cafe', async (editor) => {
    await expect(editor.getByLabel('Name', { exact: true })).toHaveValue('Elm Repair Cafe');
    await expect(editor.getByLabel('Phone (optional)', { exact: true })).toHaveValue('01632 960 777');
  });
  await publishInCms(page, 'groups', 'chatteris-community-choir', async (editor) => {
    await expect(editor.getByLabel('Name', { exact: true })).toHaveValue('Chatteris Singers');
  });

  // Live, without a restart: the pages, and search.
  await publisherDone(git('rev-parse', 'main'));
  const site = await residentPage(browser);
  await live(site, '/stories/bulb-planting-on-the-brinks/', 'two thousand daffodil bulbs');
  await expect(site.getByRole('img', { name: 'Neighbours planting bulbs beside the river' })).toBeVisible();
  await live(site, '/groups/elm-repair-cafe/', 'mend broken toasters');
  await live(site, '/groups/chatteris-community-choir/', 'Chatteris Singers');
  await site.goto('/search/?q=daffodil');
  await expect(site.getByRole('link', { name: 'Bulb planting on the Brinks' })).toBeVisible();
  await site.goto('/search/?q=repair+cafe');
  await expect(site.getByRole('link', { name: 'Elm Repair Cafe' })).toBeVisible();
  await site.goto('/search/?q=chatteris+singers');
  await expect(site.getByRole('link', { name: 'Chatteris Singers' })).toBeVisible();
  // The correction was a change to the listing there was, not a new one.
  expect(git('log', '--format=%s', 'main')).toContain('Update Groups “chatteris-community-choir”');
  expect(fs.existsSync(path.join(repo, 'content', 'groups', 'chatteris-singers.md'))).toBe(false);

  // Each sender's email (found by their reference) goes to them and links to their page at the public address.
  await expect(async () => {
    const emails = await publishedEmails(browser);
    for (const [reference, to, page] of [[story, 'jo@example.org', '/stories/bulb-planting-on-the-brinks/'], [listing, 'alex@example.org', '/groups/elm-repair-cafe/'], [edit, 'kim@example.org', '/groups/chatteris-community-choir/']]) {
      const rows = emails.filter((email) => email.includes(`(${reference})`)).join('\n');
      expect(rows).toContain(to);
      expect(rows).toContain(`http://localhost:4321${page}`);
    }
  }).toPass({ timeout: 60_000 });
  expect(server.output()).not.toMatch(/Could not answer/);
  console.log(publisherLog());
});

/** The rows of the Emails page about published entries, as the officer reads them. */
async function publishedEmails(browser: Browser): Promise<string[]> {
  const page = await officerPage(browser);
  await page.goto('/staff/outbox/');
  const rows = await page.locator('tr', { hasText: 'is now live' }).evaluateAll((found) => found.map((row) => row.textContent ?? ''));
  await page.context().close();
  return rows;
}

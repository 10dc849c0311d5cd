/**
 * Publishing end to end, on a server of its own following a real git repository (a copy of content/
 * and public/): an editor's commit goes live by itself (the page and search) without a restart while
 * requests keep being answered; a commit that breaks the content check leaves the site as it was, and
 * an officer sees the file and field to fix on the publishing page; the git host's webhook is heard
 * only when signed.
 *
 * The server starts on a release already made from the build under test for the repository's first
 * commit, as a restarted server starts on its last release, so only the edited commit is built.
 */
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test as base } from '@playwright/test';
import { releaseName } from '../../src/publishing/releases';
import { currentTime } from '../../src/rules/clock';
import { expectAccessible } from './accessibility';
import { publisherDone, publisherOutcome, startServer, type ServerProcess } from './own-server';
import { served, signIn, staffCommand } from './staff-console';

const officer = 'publishing-officer@example.org';
const secret = 'publishing e2e webhook secret';
const group = 'benwick-allotment-and-garden-society';
const groupFile = `content/groups/${group}.md`;
const newSummary = 'Plots, seeds and a new community polytunnel, open to everyone in Benwick.';

interface Publishing {
  server: ServerProcess;
  repo: string;
  /** Commits the file's new text to the content branch, as the CMS does when an editor publishes. */
  commit: (file: string, change: (text: string) => string, message: string) => string;
}

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-C', repo, '-c', 'user.name=Content Editor', '-c', 'user.email=editor@example.org', ...args], { encoding: 'utf8' }).trim();
}

const test = base.extend<object, { publishing: Publishing }>({
  publishing: [
    async ({}, use) => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-publishing-e2e-'));
      const repo = path.join(folder, 'repo');
      fs.mkdirSync(repo);
      for (const part of ['content', 'public']) fs.cpSync(part, path.join(repo, part), { recursive: true });
      git(repo, 'init', '--quiet', '--initial-branch=main');
      git(repo, 'add', '--all');
      git(repo, 'commit', '--quiet', '--message=Demo content');
      const head = git(repo, 'rev-parse', 'HEAD');

      // The last release a previous run left live: the build under test, of this same content.
      const releases = path.join(folder, 'releases');
      const release = releaseName(head, currentTime());
      fs.cpSync(process.env.E2E_DIST ?? 'dist', path.join(releases, release), { recursive: true });
      fs.writeFileSync(path.join(releases, release, 'release.json'), JSON.stringify({ commit: head, branch: 'main', commitSubject: 'Demo content', builtAt: currentTime().toISOString() }));
      fs.symlinkSync(release, path.join(releases, 'current'));

      const dataDir = path.join(folder, 'data');
      staffCommand(dataDir, 'add', officer, '--role', 'officer');
      const server = await startServer({ DATA_DIR: dataDir, PUBLISH_REPO: repo, RELEASES_DIR: releases, PUBLISH_WEBHOOK_SECRET: secret, PUBLISH_POLL_SECONDS: '1' });
      await expect.poll(() => server.output()).toContain('[publish] Following main');
      const commit = (file: string, change: (text: string) => string, message: string) => {
        const full = path.join(repo, file);
        fs.writeFileSync(full, change(fs.readFileSync(full, 'utf8')));
        git(repo, 'commit', '--quiet', '--all', `--message=${message}`);
        return git(repo, 'rev-parse', 'HEAD');
      };
      await use({ server, repo, commit });
      await server.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 120_000 },
  ],
  baseURL: async ({ publishing }, use) => use(publishing.server.origin),
});

test.describe.configure({ mode: 'serial' });

test('an editor’s commit goes live by itself, on the page and in search, with no restart and no request refused', async ({ publishing, page: browserPage, request }) => {
  test.setTimeout(660_000);
  const { server } = publishing;
  expect(server.output()).toContain('Starting on the last published release');
  const page = `/groups/${group}/`;
  expect(await (await request.get(page)).text()).not.toContain(newSummary);

  // Residents keep using the site all through the publish: pages, search and the Open Referral API.
  const answered: string[] = [];
  let keepVisiting = true;
  const visitor = (async () => {
    const paths = [page, '/search/?q=allotment', '/openreferral/services?per_page=5', '/'];
    for (let turn = 0; keepVisiting; turn++) {
      const pathname = paths[turn % paths.length]!;
      const response = await fetch(`${server.origin}${pathname}`).catch((error: Error) => error);
      answered.push(response instanceof Error ? `${pathname} ${response.message}` : `${pathname} ${response.status}`);
      if (!(response instanceof Error)) await response.arrayBuffer();
    }
  })();

  const commit = publishing.commit(groupFile, (text) => text.replace(/^summary: .*$/m, `summary: ${newSummary}`), `Update Groups “${group}”`);
  // Its build takes what the machine gives it (minutes under load): wait for the publisher to say it is done.
  await publisherDone(server, commit);
  expect(await (await request.get(page)).text()).toContain(newSummary);
  keepVisiting = false;
  await visitor;

  expect(await (await request.get('/search/?q=polytunnel')).text()).toContain(newSummary);
  expect((await (await request.get(`/openreferral/services?search=polytunnel`)).json()).total_items).toBe(1);
  // The static-only search finds it too: the release's Pagefind index was written after its build.
  await browserPage.goto('/search/static/?q=polytunnel');
  await expect(browserPage.locator('#search-results')).toHaveAttribute('data-shown-address', '/search/static/?q=polytunnel');
  await expect(browserPage.locator('.hub-results__item').getByRole('link')).toHaveAttribute('href', `/groups/${group}/`);
  expect(answered.length).toBeGreaterThan(20);
  expect(answered.filter((line) => !line.endsWith(' 200'))).toEqual([]);
  // The same server process, switched without a restart.
  expect(server.child.exitCode).toBeNull();
  expect(server.output()).toContain(`[publish] ${commit.slice(0, 12)} is live`);
});

test('a commit that breaks the content check leaves the site as it was, and an officer sees the file and field to fix', async ({ publishing, page, request }) => {
  test.setTimeout(780_000);
  const commit = publishing.commit(groupFile, (text) => text.replace(/^summary: .*$/m, 'summary: 12'), 'Update Groups “benwick”: a number for a summary');
  expect(await publisherOutcome(publishing.server, commit)).toBe('failed');

  await signIn(page, officer);
  await expect(page).toHaveURL(/\/staff\/applications\/$/);
  await page.getByRole('navigation', { name: 'Staff console' }).getByRole('link', { name: 'Publishing' }).click();
  await expect(page).toHaveURL(/\/staff\/publishing\/$/);
  const failed = page.locator(`tbody[data-commit="${commit}"]`);
  // The page as served once the publish has failed, for html-validate.
  let html = '';
  await expect(async () => {
    html = await served(page, page.reload());
    await expect(failed).toHaveAttribute('data-result', 'failed', { timeout: 1000 });
  }).toPass({ timeout: 120_000 });

  await expect(failed).toContainText('Update Groups “benwick”: a number for a summary');
  await expect(failed).toContainText('The content check found problems. The site was left as it was.');
  await expect(failed.locator('[data-problem]')).toHaveText([`${groupFile}: summary: Expected string, received number`]);
  // The release before it is still the live one, and still served.
  await expect(page.locator('tbody[data-result="live"]')).toContainText('Update Groups');
  await expect(page.locator('[data-live-commit]')).not.toHaveAttribute('data-live-commit', commit);
  expect(await (await request.get(`/groups/${group}/`)).text()).toContain(newSummary);
  expect(publishing.server.output()).toContain(`${groupFile}: summary: Expected string, received number`);
  await expectAccessible(page, html);
});

test('the git host’s webhook is heard only when signed with the secret, and only for a push to the branch', async ({ publishing, request }) => {
  const head = execFileSync('git', ['-C', publishing.repo, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  const push = JSON.stringify({ ref: 'refs/heads/main', after: head });
  const sign = (body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
  // JSON, as git hosts send it: Astro's same-site check on form posts lets it through, the signature decides.
  const post = (body: string, headers: Record<string, string>) => request.post('/publishing/webhook', { data: body, headers: { 'content-type': 'application/json', ...headers } });

  const accepted = await post(push, { 'x-github-event': 'push', 'x-hub-signature-256': sign(push) });
  expect(accepted.status()).toBe(202);
  expect(await accepted.json()).toEqual({ status: 'accepted', commit: head });
  await expect.poll(() => publishing.server.output()).toContain(`[publish] github says main moved to ${head.slice(0, 12)}`);

  const gitlab = await post(push, { 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': secret });
  expect(gitlab.status()).toBe(202);
  const draft = JSON.stringify({ ref: 'refs/heads/cms/groups/new-group', after: head });
  expect(await (await post(draft, { 'x-github-event': 'push', 'x-hub-signature-256': sign(draft) })).json()).toMatchObject({ status: 'ignored' });

  expect((await post(push, { 'x-github-event': 'push', 'x-hub-signature-256': sign(`${push} `) })).status()).toBe(401);
  expect((await post(push, { 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': 'a guess' })).status()).toBe(401);
  expect((await post(push, { 'x-github-event': 'push' })).status()).toBe(401);
});

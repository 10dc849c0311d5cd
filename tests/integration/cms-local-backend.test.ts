/**
 * `npm run cms`'s backend against a real git repository: the real decap-server (git mode) behind the
 * guard (scripts/cms/local-backend.mjs), spoken to as the CMS in the browser speaks to it. A save that
 * cannot work is refused with the files named, and one that fails half-way leaves no branch that would
 * break the entry, so the editor can save again.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository, startLocalBackend } from '../../scripts/cms/local-backend.mjs';

const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-cms-backend-'));
const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const draftBranches = () => git('for-each-ref', '--format=%(refname:short)', 'refs/heads/cms/').split('\n').filter(Boolean);
const story = (slug: string, title: string) => ({
  path: `content/stories/${slug}.mdx`,
  slug,
  raw: `---\ntitle: ${title}\ndate: 2026-11-21\nauthor: Sam\nsummary: Knitters swapped wool in Manea.\n---\nTwelve knitters came.\n`,
});

let backend: Awaited<ReturnType<typeof startLocalBackend>>;

/** One request as Decap CMS's proxy backend sends it. */
async function call(action: string, params: Record<string, unknown> = {}) {
  const response = await fetch(`http://localhost:${backend.port}/api/v1`, {
    method: 'POST',
    headers: { 'content-type': 'application/json; charset=utf-8', origin: 'http://localhost:4321' },
    body: JSON.stringify({ branch: 'main', action, params: { branch: 'main', ...params } }),
  });
  return { status: response.status, body: (await response.json()) as { error?: string; status?: string }, allowOrigin: response.headers.get('access-control-allow-origin') };
}

const saveDraft = (slug: string, title = 'The Manea wool swap') => call('persistEntry', {
  dataFiles: [story(slug, title)],
  assets: [],
  options: { newEntry: true, commitMessage: `Create Stories “${slug}”`, collectionName: 'stories', useWorkflow: true, hasSubfolders: true, unpublished: false, status: 'draft' },
});
const openDraft = (slug: string) => call('unpublishedEntry', { collection: 'stories', slug });

beforeAll(async () => {
  fs.mkdirSync(path.join(repo, 'content', 'stories'), { recursive: true });
  fs.writeFileSync(path.join(repo, 'content', 'stories', 'first.mdx'), story('first', 'First').raw);
  fs.writeFileSync(path.join(repo, 'README.md'), '# Hub\n');
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'user.name', 'CMS test');
  git('config', 'user.email', 'cms-test@example.org');
  git('add', '.');
  git('commit', '--quiet', '--message', 'Content');
  // What an earlier failed save left (decap-server labels a draft in its branch description).
  git('branch', 'cms/stories/left-behind');
  git('config', 'branch.cms/stories/left-behind.description', 'decap-cms/draft');
  // Only the repository's own git config counts, whoever runs the test.
  process.env.GIT_CONFIG_GLOBAL = path.join(repo, '.git', 'no-global-config');
  process.env.GIT_CONFIG_NOSYSTEM = '1';
  backend = await startLocalBackend({ repo, base: 'main', port: 0, logLevel: 'error' });
}, 60_000);

afterAll(async () => {
  await backend?.stop();
  delete process.env.GIT_CONFIG_GLOBAL;
  delete process.env.GIT_CONFIG_NOSYSTEM;
  fs.rmSync(repo, { recursive: true, force: true });
});

describe('the local CMS backend on a real repository', () => {
  it('deletes, when it starts, an empty draft branch an earlier failed save left', async () => {
    expect(draftBranches()).toEqual([]);
    expect(() => git('config', '--get', 'branch.cms/stories/left-behind.description')).toThrow(/Command failed: git config --get/);
    expect((await call('unpublishedEntries')).body).toEqual([]);
  });

  it('saves a draft as its own branch in a clean tree, and reads it back', async () => {
    const saved = await saveDraft('wool-swap');
    expect(saved.status).toBe(200);
    expect(draftBranches()).toEqual(['cms/stories/wool-swap']);
    const draft = await openDraft('wool-swap');
    expect(draft.status).toBe(200);
    expect(draft.body.status).toBe('draft');
    expect(git('status', '--porcelain')).toBe('');
  });

  it('refuses a save while the tree has uncommitted work, naming the files, and leaves no branch; once set aside, the same save works', async () => {
    fs.appendFileSync(path.join(repo, 'README.md'), 'A local note.\n');
    fs.writeFileSync(path.join(repo, 'notes.txt'), 'to do\n');
    const refused = await saveDraft('tea-party', 'The tea party');
    expect(refused.status).toBe(409);
    expect(refused.body.error).toContain('README.md (changed), notes.txt (new, not committed)');
    expect(refused.body.error).toContain('git stash --include-untracked');
    // The CMS in the browser (another origin) can read the refusal.
    expect(refused.allowOrigin).toBe('http://localhost:4321');
    expect(draftBranches()).not.toContain('cms/stories/tea-party');
    expect((await openDraft('tea-party')).status).toBe(404);

    git('stash', '--quiet', '--include-untracked');
    expect((await saveDraft('tea-party', 'The tea party')).status).toBe(200);
    expect((await openDraft('tea-party')).body.status).toBe('draft');
    // Nothing of the editor's own work went into the draft.
    expect(git('show', '--name-only', '--format=', 'cms/stories/tea-party').trim()).toBe('content/stories/tea-party.mdx');
  });

  it('after a save that fails half-way (git cannot commit), leaves no branch and no file, and the entry saves once it can', async () => {
    // No name to commit with, and git told not to guess one: the commit fails after the branch is made.
    git('config', '--unset', 'user.email');
    git('config', 'user.useConfigOnly', 'true');
    try {
      const failed = await saveDraft('harvest-supper', 'Harvest supper');
      expect(failed.status).toBe(500);
      expect(failed.body.error).toBe('Saving failed in git: the terminal running npm run cms says why. The repository is as it was before, so you can save again.');
      expect(draftBranches()).not.toContain('cms/stories/harvest-supper');
      expect(git('branch', '--show-current').trim()).toBe('main');
      expect(git('status', '--porcelain', '--untracked-files=all')).toBe('');
      // decap-server would answer 500 for an entry with an empty branch; without one, it is simply new.
      expect((await openDraft('harvest-supper')).status).toBe(404);
    } finally {
      git('config', 'user.email', 'cms-test@example.org');
    }
    expect((await saveDraft('harvest-supper', 'Harvest supper')).status).toBe(200);
    expect((await openDraft('harvest-supper')).status).toBe(200);
  });

  it('after a save that fails while git is busy, puts the repository back with the next request once git is free', async () => {
    const lock = path.join(repo, '.git', 'index.lock');
    fs.writeFileSync(lock, '');
    try {
      const failed = await saveDraft('bulb-planting', 'Bulb planting');
      expect(failed.status).toBe(500);
      expect(failed.body.error).toMatch(/Putting the repository back failed too \(fatal: Unable to create .*index\.lock': File exists\.\); it is tried again/);
    } finally {
      fs.rmSync(lock, { force: true });
    }
    expect((await openDraft('bulb-planting')).status).toBe(404);
    expect(draftBranches()).not.toContain('cms/stories/bulb-planting');
    expect(git('branch', '--show-current').trim()).toBe('main');
    expect(git('status', '--porcelain', '--untracked-files=all')).toBe('');
    expect((await saveDraft('bulb-planting', 'Bulb planting')).status).toBe(200);
  });

  it('shows a draft as its own change after another entry is published, not as undoing that entry', async () => {
    expect((await saveDraft('plant-swap', 'The plant swap')).status).toBe(200);
    expect((await saveDraft('apple-day', 'Apple day')).status).toBe(200);
    expect((await call('publishUnpublishedEntry', { collection: 'stories', slug: 'plant-swap' })).status).toBe(200);
    const draft = (await openDraft('apple-day')).body as { diffs?: { path: string }[] };
    expect(draft.diffs?.map((diff) => diff.path)).toEqual(['content/stories/apple-day.mdx']);
    expect(git('merge-base', '--is-ancestor', 'main', 'cms/stories/apple-day')).toBe('');
  });

  it('says at start which files would stop a save, a missing branch, and that git needs a name to commit with', async () => {
    fs.writeFileSync(path.join(repo, 'scratch.md'), 'draft\n');
    try {
      expect(await checkRepository(repo, 'main')).toEqual([expect.stringContaining('scratch.md (new, not committed)')]);
      expect(await checkRepository(repo, 'trunk')).toContainEqual(expect.stringContaining('The CMS publishes to the branch trunk'));
    } finally {
      fs.rmSync(path.join(repo, 'scratch.md'));
    }
    git('config', '--unset', 'user.email');
    try {
      expect(await checkRepository(repo, 'main')).toEqual([expect.stringContaining('git does not know who you are')]);
    } finally {
      git('config', 'user.email', 'cms-test@example.org');
    }
  });
});
